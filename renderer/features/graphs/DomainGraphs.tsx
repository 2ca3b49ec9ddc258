import { useState } from 'react';
import { ErrorText } from '../../components/ErrorText';
import type { AppError } from '../../../shared/errors';
import { TimeSeriesChart } from '../../components/charts/TimeSeriesChart';
import { call } from '../../ipc/client';
import { domainSeriesKey } from '../../stores/graphs-slice';
import { useStore } from '../../stores/store';
import { useSubscription } from '../host/use-subscription';
import { formatKiBValue, formatPercent, formatRate } from './format-units';

/** One domain's CPU, memory, disk and network over the last five minutes; its stats only. */
export function DomainGraphs({ connectionId, uuid }: { readonly connectionId: string; readonly uuid: string }): React.JSX.Element {
  const key = domainSeriesKey(connectionId, uuid);
  const series = useStore((s) => s.domainSeries.get(key));
  const [problem, setProblem] = useState<AppError | null>(null);
  useSubscription(key, () => call('domain.stats.subscribe', connectionId, uuid), () => call('domain.stats.unsubscribe', connectionId, uuid), setProblem);
  const times = series?.times ?? [];
  const col = series?.columns;
  return (
    <section className="domain-graphs" data-testid="domain-graphs">
      {problem !== null && <><p className="muted">Could not start this domain&apos;s statistics.</p><ErrorText error={problem} testId="domain-graphs-error" /></>}
      {problem === null && times.length === 0 && <p className="muted">Waiting for the first samples…</p>}
      <div className="graph-grid">
        <TimeSeriesChart title="CPU" testId="cpu-graph" times={times} lines={[{ label: 'CPU', values: col?.cpuPercent ?? [], colorVar: '--chart-1' }]} formatValue={formatPercent} height={130} />
        <TimeSeriesChart title="Memory" testId="memory-graph" times={times} lines={[{ label: 'Memory', values: col?.memoryKiB ?? [], colorVar: '--chart-2' }]} formatValue={formatKiBValue} height={130} />
        <TimeSeriesChart
          title="Disk"
          testId="disk-graph"
          times={times}
          lines={[{ label: 'Read', values: col?.diskRead ?? [], colorVar: '--chart-3' }, { label: 'Write', values: col?.diskWrite ?? [], colorVar: '--chart-4' }]}
          formatValue={formatRate}
          minTop={1024}
          height={130}
        />
        <TimeSeriesChart
          title="Network"
          testId="net-graph"
          times={times}
          lines={[{ label: 'Received', values: col?.netRx ?? [], colorVar: '--chart-3' }, { label: 'Sent', values: col?.netTx ?? [], colorVar: '--chart-4' }]}
          formatValue={formatRate}
          minTop={1024}
          height={130}
        />
      </div>
    </section>
  );
}
