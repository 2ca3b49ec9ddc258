import { useEffect, useState } from 'react';
import type { AppInfo } from '../shared/ipc';
import { errorMessage } from './components/format';
import { Dialogs } from './Dialogs';
import { ConnectionTree } from './features/connections/ConnectionTree';
import { ConnectionPage } from './features/host/ConnectionPage';
import { backend, call } from './ipc/client';
import { routeEvents } from './ipc/events';
import { resync, resyncAfterReconnect } from './ipc/resync';
import { useSelectedConnection } from './stores/selectors';
import { useStore } from './stores/store';
import { Notices } from './Notices';
import { StatusLine } from './StatusLine';
import { startTheme } from './features/theme/theme';
import { ThemeSwitch } from './features/theme/ThemeSwitch';

export function App(): React.JSX.Element {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const loaded = useStore((s) => s.connectionsLoaded);
  const selected = useSelectedConnection();

  useEffect(() => startTheme(), []);

  useEffect(() => {
    const b = backend();
    // Subscribe before listing, so no change between the list and the subscription is lost.
    const unsubscribe = b.kind === 'none' ? () => undefined : routeEvents(b.api.events);
    const failedResync = (e: unknown): void => { setProblem(`Could not list connections: ${errorMessage(e)}`); };
    const stopResync = b.kind === 'browser'
      ? b.onReconnect(() => { resyncAfterReconnect().then(() => { setProblem(null); }, failedResync); })
      : () => undefined;
    call('app.info').then(setInfo, (e: unknown) => { setProblem(errorMessage(e)); });
    resync().catch(failedResync);
    return () => {
      stopResync();
      unsubscribe();
    };
  }, []);

  return (
    <main className="app" data-app-state={loaded ? 'ready' : problem === null ? 'loading' : 'failed'}>
      <header className="app-header">
        <h1>Virtdeck</h1>
        <StatusLine problem={problem} />
        <ThemeSwitch />
      </header>
      {info !== null && info.notices.length > 0 && <Notices notices={info.notices} />}
      <div className="app-body">
        <ConnectionTree />
        {selected
          ? <ConnectionPage key={selected.profile.id} view={selected} />
          : <div className="content"><p className="muted empty-content">{loaded ? 'Select or add a connection.' : 'Starting…'}</p></div>}
      </div>
      <footer className="app-footer">
        {info === null
          ? <span>Virtdeck</span>
          : <span>{info.name} · <span data-testid="app-version">Version {info.version}</span> · {info.shell === 'electron' ? 'desktop' : 'browser mode'}</span>}
      </footer>
      <Dialogs />
    </main>
  );
}
