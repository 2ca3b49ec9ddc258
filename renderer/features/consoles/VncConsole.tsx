/**
 * A domain's graphical console: noVNC drawing into the pane, fed through VncChannel (the
 * bytes travel main's pipe over the connection's own transport). Scaling, Ctrl+Alt+Del,
 * clipboard paste, full screen, and the VNC password when the server asks for one.
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
  const [needsPassword, setNeedsPassword] = useState(false);
  const [password, setPassword] = useState('');
  const screen = useRef<HTMLDivElement>(null);
  const rfbRef = useRef<RFB | null>(null);

  useEffect(() => {
    const host = screen.current;
    if (host === null) return;
    let live = true;
    let channel: VncChannel | null = null;
    setState({ kind: 'connecting' });
    setNeedsPassword(false);
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
        rfb.addEventListener('credentialsrequired', () => { if (live) setNeedsPassword(true); });
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
  const sendPassword = (event: React.SyntheticEvent): void => {
    event.preventDefault();
    rfbRef.current?.sendCredentials({ password });
    setPassword('');
    setNeedsPassword(false);
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
      {needsPassword && (
        <form className="console-banner" onSubmit={sendPassword} data-testid="vnc-password">
          <label>
            VNC password{' '}
            <input type="password" autoComplete="off" value={password} onChange={(e) => { setPassword(e.target.value); }} />
          </label>{' '}
          <button type="submit">Send</button>
        </form>
      )}
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
