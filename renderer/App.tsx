import { useEffect, useState } from 'react';
import type { AppInfo } from '../shared/ipc';
import { call } from './ipc/client';

type Status =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly info: AppInfo }
  | { readonly kind: 'failed'; readonly message: string };

export function App(): React.JSX.Element {
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  useEffect(() => {
    call('app.info').then(
      (info) => { setStatus({ kind: 'ready', info }); },
      (error: unknown) => { setStatus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }); },
    );
  }, []);
  return (
    <main data-app-state={status.kind}>
      <h1>Virtdeck</h1>
      {status.kind === 'loading' && <p>Starting…</p>}
      {status.kind === 'ready' && <p data-testid="app-version">Version {status.info.version}</p>}
      {status.kind === 'failed' && <p role="alert">{status.message}</p>}
    </main>
  );
}
