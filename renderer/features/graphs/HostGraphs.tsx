import { useState } from 'react';
import { ErrorText } from '../../components/ErrorText';
import type { AppError } from '../../../shared/errors';
import { TimeSeriesChart } from '../../components/charts/TimeSeriesChart';
import { call } from '../../ipc/client';
import { useStore } from '../../stores/store';
import { useSubscription } from '../host/use-subscription';
import { formatKiBValue, formatPercent } from './format-units';

/** The host's CPU and memory over the last five minutes, from the node's own counters. */
export function HostGraphs({ connectionId }: { readonly connectionId: string }): React.JSX.Element {
  const series = useStore((s) => s.hostSeries.get(connectionId));
  const [problem, setProblem] = useState<AppError | null>(null);
  useSubscription(connectionId, () => call('host.stats.subscribe', connectionId), () => call('host.stats.unsubscribe', connectionId), setProblem);
  const times = series?.times ?? [];
  const cpu = series?.columns.cpuPercent ?? [];
  const used = series?.columns.memoryUsedKiB ?? [];
  const total = series?.columns.memoryTotalKiB ?? [];
  const cpuKnown = cpu.some((v) => v !== null);
  const memoryKnown = used.some((v) => v !== null);
  return (
    <section className="panel" data-testid="host-graphs">
      <h3>Host activity</h3>
      {problem !== null && <><p className="muted">Could not start the host&apos;s statistics.</p><ErrorText error={problem} testId="host-graphs-error" /></>}
      {problem === null && times.length === 0 && <p className="muted" data-testid="host-graphs-loading">Waiting for the first samples…</p>}
      <div className="graph-grid">
        <div>
          <TimeSeriesChart title="CPU use" testId="host-cpu-graph" times={times} lines={[{ label: 'CPU', values: cpu, colorVar: '--chart-1' }]} formatValue={formatPercent} max={100} />
          {times.length > 1 && !cpuKnown && <p className="muted small">This host reports fixed CPU counters (a test driver): no CPU use to show.</p>}
        </div>
        <div>
          <TimeSeriesChart
            title="Memory"
            testId="host-memory-graph"
            times={times}
            lines={[{ label: 'In use', values: used, colorVar: '--chart-2' }, { label: 'Total', values: total, colorVar: '--chart-muted' }]}
            formatValue={formatKiBValue}
          />
          {times.length > 0 && !memoryKnown && <p className="muted small">This host&apos;s driver keeps no memory statistics.</p>}
        </div>
      </div>
    </section>
  );
}
