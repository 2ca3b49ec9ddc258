import { actions } from '../../stores/store';
import { useConnectionList } from '../../stores/selectors';
import { ConnectionItem } from './ConnectionItem';

export function ConnectionSidebar(): React.JSX.Element {
  const views = useConnectionList();
  return (
    <nav className="sidebar" aria-label="Connections" data-testid="sidebar">
      <div className="sidebar-head">
        <h2>Connections</h2>
        <button type="button" className="primary" data-testid="add-connection" onClick={() => { actions().openDialog({ kind: 'add-connection' }); }}>
          Add connection
        </button>
      </div>
      {views.length === 0
        ? <p className="muted sidebar-empty">No connections yet. Add one to manage a host.</p>
        : <ul className="connection-list">{views.map((v) => <ConnectionItem key={v.profile.id} view={v} />)}</ul>}
    </nav>
  );
}
