import { useEffect, useState } from 'react';
import type { NetworkSummary } from '../../../shared/model';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText } from '../../components/ErrorText';
import { LoadingOrError } from '../../components/StatusText';
import { call } from '../../ipc/client';
import { useStore } from '../../stores/store';
import { loadNetworks } from './load-host-objects';
import { useObjectAction } from './use-object-action';

export function NetworksTable({ connectionId }: { readonly connectionId: string }): React.JSX.Element {
  const networks = useStore((s) => s.networks.get(connectionId));
  const missing = networks === undefined;
  useEffect(() => {
    if (missing) void loadNetworks(connectionId);
  }, [connectionId, missing]);
  const { busy, problem, run } = useObjectAction();
  const [stopping, setStopping] = useState<NetworkSummary | null>(null);
  const value = networks ?? { kind: 'loading' as const };
  const act = (n: NetworkSummary, action: 'start' | 'stop'): void => {
    run(n.uuid, `${action === 'start' ? 'Starting' : 'Stopping'} network "${n.name}"`, () => call('networks.action', connectionId, n.uuid, action));
  };
  return (
    <section className="panel" data-testid="networks">
      <h3>Virtual networks</h3>
      <LoadingOrError value={value} what="networks" testId="networks" />
      {problem !== null && <><p className="muted">{problem.label} failed.</p><ErrorText error={problem.error} testId="network-error" /></>}
      {value.kind === 'ready' && (value.value.length === 0
        ? <p className="muted" data-testid="networks-empty">No virtual networks on this host.</p>
        : (
          <table className="grid">
            <thead><tr><th>Name</th><th>State</th><th>Autostart</th><th>Actions</th></tr></thead>
            <tbody>
              {value.value.map((n) => (
                <tr key={n.uuid} data-testid="network-row" data-network={n.name}>
                  <td>{n.name}</td>
                  <td><span data-testid="network-state" data-state={n.active ? 'active' : 'inactive'} className={n.active ? 'badge badge-running' : 'badge badge-shutoff'}>{n.active ? 'Active' : 'Inactive'}</span></td>
                  <td>{n.autostart ? 'Yes' : 'No'}</td>
                  <td className="row-actions">
                    {n.active
                      ? <button type="button" className="small danger-outline" data-testid="network-stop" disabled={busy === n.uuid} onClick={() => { setStopping(n); }}>Stop</button>
                      : <button type="button" className="small" data-testid="network-start" disabled={busy === n.uuid} onClick={() => { act(n, 'start'); }}>Start</button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {stopping !== null && (
        <ConfirmDialog
          title="Stop network?"
          message={`Stop network "${stopping.name}"? Guests attached to it lose their connectivity until it starts again.`}
          confirmLabel="Stop network"
          onCancel={() => { setStopping(null); }}
          onConfirm={() => {
            act(stopping, 'stop');
            setStopping(null);
          }}
        />
      )}
    </section>
  );
}
