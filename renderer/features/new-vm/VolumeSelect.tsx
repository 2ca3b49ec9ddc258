import type { StoragePoolSummary } from '../../../shared/model';
import { LoadingOrError } from '../../components/StatusText';
import { useLoad } from '../../components/use-load';
import { call } from '../../ipc/client';

/** A pool, then one of its volumes, chosen from lists: the person never types a path. */
export function VolumeSelect({ connectionId, pools, pool, volume, onChange, testId, label }: {
  readonly connectionId: string;
  readonly pools: readonly StoragePoolSummary[];
  readonly pool: string;
  readonly volume: string;
  /** `format` is the chosen volume's own (null: none chosen, or its XML names none). */
  readonly onChange: (pool: string, volume: string, format: string | null) => void;
  readonly testId: string;
  readonly label: string;
}): React.JSX.Element {
  const chosen = pools.find((p) => p.name === pool);
  const volumes = useLoad(chosen === undefined ? null : `${connectionId}/${chosen.uuid}`, () => call('pools.volumes', connectionId, chosen?.uuid ?? ''));
  return (
    <div className="volume-select">
      <label className="block">
        {label}: pool
        <select data-testid={`${testId}-pool`} value={pool} onChange={(e) => { onChange(e.target.value, '', null); }}>
          {pools.map((p) => <option key={p.uuid} value={p.name}>{p.name}</option>)}
        </select>
      </label>
      <LoadingOrError value={chosen === undefined ? { kind: 'ready', value: [] } : volumes} what="volumes" testId={`${testId}-volumes`} />
      <label className="block">
        {label}: volume
        <select data-testid={`${testId}-volume`} value={volume} onChange={(e) => {
          const name = e.target.value;
          onChange(pool, name, (volumes.kind === 'ready' ? volumes.value.find((v) => v.name === name)?.format : undefined) ?? null);
        }}>
          <option value="">— choose —</option>
          {volumes.kind === 'ready' && volumes.value.map((v) => <option key={v.key} value={v.name}>{v.name}</option>)}
        </select>
      </label>
    </div>
  );
}
