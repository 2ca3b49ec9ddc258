import { call } from '../../ipc/client';
import { formatBytes } from '../../components/format';
import { LoadingOrError } from '../../components/StatusText';
import { useLoad } from '../../components/use-load';

export function PoolsTable({ connectionId }: { readonly connectionId: string }): React.JSX.Element {
  const pools = useLoad(connectionId, () => call('pools.list', connectionId));
  return (
    <section className="panel" data-testid="pools">
      <h3>Storage pools</h3>
      <LoadingOrError value={pools} what="storage pools" testId="pools" />
      {pools.kind === 'ready' && (pools.value.length === 0
        ? <p className="muted">No storage pools.</p>
        : (
          <table className="grid">
            <thead><tr><th>Name</th><th>State</th><th className="num">Capacity</th><th className="num">Allocation</th><th className="num">Available</th></tr></thead>
            <tbody>
              {pools.value.map((p) => (
                <tr key={p.uuid} data-testid="pool-row">
                  <td>{p.name}</td>
                  <td>{p.state}</td>
                  <td className="num">{formatBytes(p.capacity)}</td>
                  <td className="num">{formatBytes(p.allocation)}</td>
                  <td className="num">{formatBytes(p.available)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
