import { useStore } from './stores/store';

/** One line of counts an admin glances at: how many hosts, how many up, how many failing. */
export function StatusLine({ problem }: { readonly problem: string | null }): React.JSX.Element {
  const summary = useStore((s) => {
    let open = 0;
    let failed = 0;
    for (const view of s.connections.values()) {
      if (view.state.kind === 'open') open += 1;
      if (view.state.kind === 'failed') failed += 1;
    }
    return `${s.connections.size} connection${s.connections.size === 1 ? '' : 's'} · ${open} connected${failed > 0 ? ` · ${failed} failed` : ''}`;
  });
  const loaded = useStore((s) => s.connectionsLoaded);
  return (
    <p className="status-line" data-testid="status-line" role="status">
      {problem ?? (loaded ? summary : 'Loading connections…')}
    </p>
  );
}
