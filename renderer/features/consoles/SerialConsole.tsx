/**
 * A domain's serial console in an xterm.js terminal, fitted to its pane: device choice,
 * take-over of a busy console after asking, copy (Ctrl+Shift+C) and paste, and a banner
 * with a reconnect button when the console ends. Bytes are acknowledged once the terminal
 * has drawn them, so a busy terminal slows the guest's output instead of queueing it.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { IpcError } from '../../../shared/errors';
import type { SerialDevice } from '../../../shared/model';
import { call } from '../../ipc/client';
import { errorMessage } from '../../components/format';
import { ConsoleChannel } from './console-channel';
import { describeEnd, type ConsoleViewState } from './console-state';

interface Props {
  readonly connectionId: string;
  readonly uuid: string;
}

const encoder = new TextEncoder();

export function SerialConsole({ connectionId, uuid }: Props): React.JSX.Element {
  const [devices, setDevices] = useState<readonly SerialDevice[] | null>(null);
  const [device, setDevice] = useState<string>('');
  const [state, setState] = useState<ConsoleViewState>({ kind: 'connecting' });
  // Bumped to (re)connect; force is set only after the person agreed to take over.
  const [attempt, setAttempt] = useState<{ readonly n: number; readonly force: boolean }>({ n: 0, force: false });
  const pane = useRef<HTMLDivElement>(null);
  const terminal = useRef<Terminal | null>(null);

  useEffect(() => {
    let live = true;
    call('consoles.devices', connectionId, uuid).then(
      (found) => { if (live) setDevices(found.serial); },
      (error: unknown) => { if (live) setState({ kind: 'failed', message: errorMessage(error) }); },
    );
    return () => { live = false; };
  }, [connectionId, uuid]);

  useEffect(() => {
    const host = pane.current;
    if (host === null || devices === null) return;
    const term = new Terminal({ convertEol: false, cursorBlink: true, fontSize: 13, scrollback: 5000 });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host);
    terminal.current = term;
    fit.fit();
    const resize = new ResizeObserver(() => { fit.fit(); });
    resize.observe(host);
    term.attachCustomKeyEventHandler((event) => {
      if (event.type === 'keydown' && event.ctrlKey && event.shiftKey && event.code === 'KeyC') {
        void navigator.clipboard.writeText(term.getSelection()).catch(() => undefined);
        return false;
      }
      return true;
    });

    let channel: ConsoleChannel | null = null;
    let live = true;
    setState({ kind: 'connecting' });
    const request = { ...(device === '' ? {} : { devName: device }), force: attempt.force };
    call('consoles.openSerial', connectionId, uuid, request).then(
      ({ consoleId }) => {
        if (!live) {
          void call('consoles.close', consoleId).catch(() => undefined);
          return;
        }
        const opened = new ConsoleChannel(consoleId, {
          data: (bytes) => { term.write(bytes, () => { opened.ack(bytes.length); }); },
          ended: (end) => { if (live) setState({ kind: 'ended', end }); },
        });
        channel = opened;
        term.onData((text) => { void opened.write(encoder.encode(text)); });
        term.onBinary((text) => { void opened.write(Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff)); });
        term.focus();
        setState({ kind: 'open', consoleId });
      },
      (error: unknown) => {
        if (!live) return;
        if (error instanceof IpcError && error.error.detail === 'console-busy') setState({ kind: 'busy', message: error.message });
        else setState({ kind: 'failed', message: errorMessage(error) });
      },
    );
    return () => {
      live = false;
      channel?.close();
      resize.disconnect();
      terminal.current = null;
      term.dispose();
    };
  }, [connectionId, uuid, devices, device, attempt]);

  const reconnect = (force: boolean): void => { setAttempt((a) => ({ n: a.n + 1, force })); };
  const paste = (): void => {
    if (state.kind !== 'open') return;
    // term.paste brackets the text as the guest asked (bracketed paste) and feeds onData,
    // whose writes the channel sends in pieces.
    navigator.clipboard.readText().then((text) => { terminal.current?.paste(text); }, () => undefined);
  };

  return (
    <section className="console" data-testid="serial-console" data-console-state={state.kind}>
      <div className="console-toolbar">
        <label>
          Device{' '}
          <select value={device} onChange={(e) => { setDevice(e.target.value); }} data-testid="serial-device">
            <option value="">first console</option>
            {(devices ?? []).map((d) => (
              <option key={d.alias} value={d.alias}>{`${d.alias} (${d.kind}, ${d.type})`}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={paste} disabled={state.kind !== 'open'}>Paste</button>
        <span className="hint">Copy: select, then Ctrl+Shift+C</span>
      </div>
      <ConsoleBanner state={state} onReconnect={reconnect} />
      <div className="console-pane" ref={pane} data-testid="serial-terminal" />
    </section>
  );
}

function ConsoleBanner({ state, onReconnect }: { readonly state: ConsoleViewState; readonly onReconnect: (force: boolean) => void }): React.JSX.Element | null {
  switch (state.kind) {
    case 'connecting':
      return <p className="console-banner" role="status">Connecting…</p>;
    case 'open':
      return null;
    case 'busy':
      return (
        <p className="console-banner" role="alert" data-testid="console-busy">
          {state.message}{' '}
          <button type="button" onClick={() => { onReconnect(true); }} data-testid="console-take-over">Take over</button>
        </p>
      );
    case 'ended':
      return (
        <p className="console-banner" role="alert" data-testid="console-ended">
          {describeEnd(state.end)}{' '}
          <button type="button" onClick={() => { onReconnect(false); }} data-testid="console-reconnect">Reconnect</button>
        </p>
      );
    case 'failed':
      return (
        <p className="console-banner error" role="alert" data-testid="console-failed">
          {state.message}{' '}
          <button type="button" onClick={() => { onReconnect(false); }}>Try again</button>
        </p>
      );
  }
}
