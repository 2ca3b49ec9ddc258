/**
 * A domain's graphical console: noVNC drawing into the pane, fed through VncChannel (the
 * bytes travel main's pipe over the connection's own transport). Scaling, Ctrl+Alt+Del,
 * clipboard paste, full screen. Main does the VNC server's security and asks for its
 * password through the prompt port, so noVNC here meets a server that asks for nothing and
 * the password never comes back to this page.
 */
import RFB from '@novnc/novnc';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../ipc/client';
import { errorMessage } from '../../components/format';
import { describeEnd, type ConsoleViewState } from './console-state';
import { VncChannel } from './vnc-channel';

interface Props {
  readonly connectionId: string;
  readonly uuid: string;
}

export function VncConsole({ connectionId, uuid }: Props): React.JSX.Element {
  const [state, setState] = useState<ConsoleViewState>({ kind: 'connecting' });
  const [attempt, setAttempt] = useState(0);
  const [scaled, setScaled] = useState(true);
  const screen = useRef<HTMLDivElement>(null);
  const rfbRef = useRef<RFB | null>(null);

  useEffect(() => {
    const host = screen.current;
    if (host === null) return;
    let live = true;
    let channel: VncChannel | null = null;
    setState({ kind: 'connecting' });
    call('consoles.openVnc', connectionId, uuid).then(
      ({ consoleId }) => {
        if (!live) {
          void call('consoles.close', consoleId).catch(() => undefined);
          return;
        }
        channel = new VncChannel(consoleId, (end) => { if (live) setState({ kind: 'ended', end }); });
        const rfb = new RFB(host, channel, { shared: true });
        rfb.scaleViewport = scaled;
        rfb.background = '#111';
        // Main has done the server's security; noVNC asking for credentials is a broken relay.
        rfb.addEventListener('credentialsrequired', () => {
          if (live) setState({ kind: 'failed', message: 'the VNC relay asked this page for credentials, which main answers itself' });
        });
        rfb.addEventListener('securityfailure', (event) => {
          const detail = (event as CustomEvent<{ reason?: string }>).detail;
          if (live) setState({ kind: 'failed', message: `the VNC server refused us: ${detail.reason ?? 'authentication failed'}` });
        });
        rfbRef.current = rfb;
        setState({ kind: 'open', consoleId });
      },
      (error: unknown) => { if (live) setState({ kind: 'failed', message: errorMessage(error) }); },
    );
    return () => {
      live = false;
      rfbRef.current?.disconnect();
      rfbRef.current = null;
      channel?.close();
    };
    // Scaling is applied live below, not by reconnecting.
  }, [connectionId, uuid, attempt]);

  useEffect(() => {
    if (rfbRef.current !== null) rfbRef.current.scaleViewport = scaled;
  }, [scaled]);

  const open = state.kind === 'open';
  const pasteClipboard = (): void => {
    navigator.clipboard.readText().then((text) => { rfbRef.current?.clipboardPasteFrom(text); }, () => undefined);
  };

  return (
    <section className="console" data-testid="vnc-console" data-console-state={state.kind}>
      <div className="console-toolbar">
        <label>
          <input type="checkbox" checked={scaled} onChange={(e) => { setScaled(e.target.checked); }} /> Scale to fit
        </label>
        <button type="button" disabled={!open} onClick={() => { rfbRef.current?.sendCtrlAltDel(); }}>Ctrl+Alt+Del</button>
        <button type="button" disabled={!open} onClick={pasteClipboard}>Paste clipboard</button>
        <button type="button" disabled={!open} onClick={() => { void screen.current?.requestFullscreen().catch(() => undefined); }}>Full screen</button>
      </div>
      {state.kind === 'ended' && (
        <p className="console-banner" role="alert" data-testid="console-ended">
          {describeEnd(state.end)}{' '}
          <button type="button" onClick={() => { setAttempt((n) => n + 1); }}>Reconnect</button>
        </p>
      )}
      {state.kind === 'failed' && (
        <p className="console-banner error" role="alert" data-testid="console-failed">
          {state.message}{' '}
          <button type="button" onClick={() => { setAttempt((n) => n + 1); }}>Try again</button>
        </p>
      )}
      <div className="console-screen" ref={screen} data-testid="vnc-screen" />
    </section>
  );
}
