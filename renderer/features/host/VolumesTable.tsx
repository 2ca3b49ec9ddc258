import type { StoragePoolSummary } from '../../../shared/model';
import { formatBytes } from '../../components/format';
import { LoadingOrError } from '../../components/StatusText';
import { useLoad } from '../../components/use-load';
import { call } from '../../ipc/client';

/** A pool's volumes, fetched again whenever the pool's state or allocation changes (a refresh). */
export function VolumesTable({ connectionId, pool }: { readonly connectionId: string; readonly pool: StoragePoolSummary }): React.JSX.Element {
  const key = pool.state === 'running' ? `${connectionId}/${pool.uuid}/${pool.allocation}` : null;
  const volumes = useLoad(key, () => call('pools.volumes', connectionId, pool.uuid));
  if (key === null) return <p className="muted" data-testid="volumes-inactive">Start the pool to see its volumes.</p>;
  return (
    <div className="volumes" data-testid="volumes">
      <LoadingOrError value={volumes} what="volumes" testId="volumes" />
      {volumes.kind === 'ready' && (volumes.value.length === 0
        ? <p className="muted" data-testid="volumes-empty">No volumes in this pool.</p>
        : (
          <table className="grid">
            <thead><tr><th>Volume</th><th>Type</th><th>Path (key)</th><th className="num">Capacity</th><th className="num">Allocation</th></tr></thead>
            <tbody>
              {volumes.value.map((v) => (
                <tr key={v.key} data-testid="volume-row">
                  <td>{v.name}</td>
                  <td>{v.type}</td>
                  <td><code>{v.key}</code></td>
                  <td className="num">{formatBytes(v.capacity)}</td>
                  <td className="num">{formatBytes(v.allocation)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </div>
  );
}
