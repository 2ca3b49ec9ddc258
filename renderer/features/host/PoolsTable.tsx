import { Fragment, useEffect, useState } from 'react';
import type { PoolAction, StoragePoolSummary } from '../../../shared/model';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText } from '../../components/ErrorText';
import { formatBytes } from '../../components/format';
import { LoadingOrError } from '../../components/StatusText';
import { call } from '../../ipc/client';
import { useStore } from '../../stores/store';
import { loadPools } from './load-host-objects';
import { useObjectAction } from './use-object-action';
import { VolumesTable } from './VolumesTable';

const VERB: Readonly<Record<PoolAction, string>> = { start: 'Starting', stop: 'Stopping', refresh: 'Refreshing' };

export function PoolsTable({ connectionId }: { readonly connectionId: string }): React.JSX.Element {
  const pools = useStore((s) => s.pools.get(connectionId));
  const missing = pools === undefined;
  useEffect(() => {
    if (missing) void loadPools(connectionId);
  }, [connectionId, missing]);
  const { busy, problem, run } = useObjectAction();
  const [stopping, setStopping] = useState<StoragePoolSummary | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  const value = pools ?? { kind: 'loading' as const };
  const act = (p: StoragePoolSummary, action: PoolAction): void => {
    run(p.uuid, `${VERB[action]} pool "${p.name}"`, () => call('pools.action', connectionId, p.uuid, action));
  };
  return (
    <section className="panel" data-testid="pools">
      <h3>Storage pools</h3>
      <LoadingOrError value={value} what="storage pools" testId="pools" />
      {problem !== null && <><p className="muted">{problem.label} failed.</p><ErrorText error={problem.error} testId="pool-error" /></>}
      {value.kind === 'ready' && (value.value.length === 0
        ? <p className="muted" data-testid="pools-empty">No storage pools on this host.</p>
        : (
          <table className="grid">
            <thead><tr><th>Name</th><th>State</th><th className="num">Capacity</th><th className="num">Allocation</th><th className="num">Available</th><th>Actions</th></tr></thead>
            <tbody>
              {value.value.map((p) => {
                const running = p.state === 'running';
                const open = expanded === p.uuid;
                return (
                  <Fragment key={p.uuid}>
                    <tr data-testid="pool-row" data-pool={p.name}>
                      <td>
                        <button type="button" className="disclosure" aria-expanded={open} data-testid="pool-volumes-toggle" onClick={() => { setExpanded(open ? null : p.uuid); }}>
                          {open ? '▾' : '▸'} {p.name}
                        </button>
                      </td>
                      <td><span data-testid="pool-state" data-state={p.state} className={running ? 'badge badge-running' : 'badge badge-shutoff'}>{p.state}</span></td>
                      <td className="num">{formatBytes(p.capacity)}</td>
                      <td className="num">{formatBytes(p.allocation)}</td>
                      <td className="num">{formatBytes(p.available)}</td>
                      <td className="row-actions">
                        {running
                          ? (
                            <>
                              <button type="button" className="small" data-testid="pool-refresh" disabled={busy === p.uuid} onClick={() => { act(p, 'refresh'); }}>Refresh</button>
                              <button type="button" className="small danger-outline" data-testid="pool-stop" disabled={busy === p.uuid} onClick={() => { setStopping(p); }}>Stop</button>
                            </>
                          )
                          : <button type="button" className="small" data-testid="pool-start" disabled={busy === p.uuid} onClick={() => { act(p, 'start'); }}>Start</button>}
                      </td>
                    </tr>
                    {open && (
                      <tr className="volumes-row">
                        <td colSpan={6}><VolumesTable connectionId={connectionId} pool={p} /></td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        ))}
      {stopping !== null && (
        <ConfirmDialog
          title="Stop storage pool?"
          message={`Stop pool "${stopping.name}"? Its volumes cannot be used until it starts again.`}
          confirmLabel="Stop pool"
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
