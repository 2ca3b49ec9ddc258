import { call } from '../../ipc/client';
import { LoadingOrError } from '../../components/StatusText';
import { useLoad } from '../../components/use-load';

export function NetworksTable({ connectionId }: { readonly connectionId: string }): React.JSX.Element {
  const networks = useLoad(connectionId, () => call('networks.list', connectionId));
  return (
    <section className="panel" data-testid="networks">
      <h3>Virtual networks</h3>
      <LoadingOrError value={networks} what="networks" testId="networks" />
      {networks.kind === 'ready' && (networks.value.length === 0
        ? <p className="muted">No virtual networks.</p>
        : (
          <table className="grid">
            <thead><tr><th>Name</th><th>State</th><th>Autostart</th></tr></thead>
            <tbody>
              {networks.value.map((n) => (
                <tr key={n.uuid} data-testid="network-row">
                  <td>{n.name}</td>
                  <td><span className={n.active ? 'badge badge-running' : 'badge badge-shutoff'}>{n.active ? 'Active' : 'Inactive'}</span></td>
                  <td>{n.autostart ? 'Yes' : 'No'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
