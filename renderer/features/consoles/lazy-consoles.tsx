/**
 * The console views loaded when first shown: xterm and noVNC are most of the renderer's
 * weight, and a person who never opens a console never downloads them.
 */
import { lazy, Suspense } from 'react';

const SerialConsoleView = lazy(() => import('./SerialConsole').then((m) => ({ default: m.SerialConsole })));
const VncConsoleView = lazy(() => import('./VncConsole').then((m) => ({ default: m.VncConsole })));

interface Props {
  readonly connectionId: string;
  readonly uuid: string;
}

function Loading(): React.JSX.Element {
  return <p className="muted" data-testid="console-loading">Loading the console…</p>;
}

export function LazySerialConsole(props: Props): React.JSX.Element {
  return <Suspense fallback={<Loading />}><SerialConsoleView {...props} /></Suspense>;
}

export function LazyVncConsole(props: Props): React.JSX.Element {
  return <Suspense fallback={<Loading />}><VncConsoleView {...props} /></Suspense>;
}
