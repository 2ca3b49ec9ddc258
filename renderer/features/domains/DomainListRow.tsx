import { memo, useMemo } from 'react';
import type { DomainSummary } from '../../../shared/model';
import { Sparkline } from '../../components/charts/Sparkline';
import { formatKiB } from '../../components/format';
import { cpuValues } from '../../stores/cpu-history';
import { useCpuHistory, useDomainSample } from '../../stores/selectors';
import { StateBadge } from './StateBadge';

interface Props {
  readonly connectionId: string;
  readonly domain: DomainSummary;
  readonly selected: boolean;
  readonly active: boolean;
  readonly top: number;
  readonly height: number;
  readonly rowId: string;
  readonly onClick: (e: React.MouseEvent, uuid: string) => void;
  readonly onOpen: (uuid: string) => void;
  readonly onMenu: (uuid: string) => void;
}

/** One visible row; only rows in view exist, and each re-renders only for its own sample. */
export const DomainListRow = memo(function DomainListRow({ connectionId, domain, selected, active, top, height, rowId, onClick, onOpen, onMenu }: Props): React.JSX.Element {
  const sample = useDomainSample(connectionId, domain.uuid);
  const cpu = sample?.cpuPercent;
  const history = useCpuHistory(connectionId, domain.uuid);
  const cpuLastMinute = useMemo(() => (history === undefined ? [] : cpuValues(history)), [history]);
  return (
    <div
      id={rowId}
      role="row"
      className={`domain-row${selected ? ' selected' : ''}${active ? ' active' : ''}`}
      aria-selected={selected}
      data-testid="domain-row"
      data-domain-name={domain.name}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={(e) => { onClick(e, domain.uuid); }}
      onDoubleClick={() => { onOpen(domain.uuid); }}
      onContextMenu={() => { onMenu(domain.uuid); }}
    >
      <span role="gridcell" className="col-name domain-name">{domain.name}</span>
      <span role="gridcell" className="col-state"><StateBadge state={domain.state} /></span>
      <span role="gridcell" className="col-vcpus num">{domain.vcpus}</span>
      <span role="gridcell" className="col-memory num">{formatKiB(domain.memoryKiB)}</span>
      <span role="gridcell" className="col-cpu num">
        <span data-testid="domain-cpu">{cpu === undefined || cpu === null ? '—' : `${cpu.toFixed(1)} %`}</span>
        <Sparkline values={cpuLastMinute} max={100 * domain.vcpus} label={`CPU of ${domain.name}, last minute`} />
      </span>
    </div>
  );
});
