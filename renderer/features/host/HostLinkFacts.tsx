import { useEffect, useState } from 'react';
import type { HostLink } from '../../../shared/model';
import { ErrorText } from '../../components/ErrorText';
import { errorMessage } from '../../components/format';
import { call } from '../../ipc/client';
import { useLoad } from '../../components/use-load';

const PING_EVERY_MS = 10_000;

const TRANSPORT: Readonly<Record<HostLink['transport'], string>> = {
  'in-process': 'In-process (embedded driver)',
  unix: 'Unix socket',
  tcp: 'TCP',
  tls: 'TLS',
  ssh: 'SSH',
  ext: 'External command',
};

function security(link: HostLink): string {
  if (link.transport === 'in-process') return 'Nothing leaves this process';
  if (!link.encrypted) return link.transport === 'unix' ? 'Local socket, not encrypted' : 'Not encrypted';
  return link.verified ? 'Encrypted, peer verified' : 'Encrypted, peer NOT verified';
}

/** Round trips of the cheapest call, measured now and every ten seconds while shown. */
function useLatency(connectionId: string): string {
  const [text, setText] = useState('measuring…');
  useEffect(() => {
    let live = true;
    const measure = (): void => {
      call('host.ping', connectionId).then(
        (ms) => { if (live) setText(ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(1)} ms`); },
        (error: unknown) => { if (live) setText(`not measured: ${errorMessage(error)}`); },
      );
    };
    measure();
    const timer = setInterval(measure, PING_EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [connectionId]);
  return text;
}

/** How the app reaches the host: transport, security, since when, and how fast. */
export function HostLinkFacts({ connectionId, since }: { readonly connectionId: string; readonly since: number | null }): React.JSX.Element {
  const link = useLoad(connectionId, () => call('host.link', connectionId));
  const latency = useLatency(connectionId);
  const rows: readonly (readonly [string, string, string])[] = [
    ['Transport', link.kind === 'ready' ? `${TRANSPORT[link.value.transport]} · ${link.value.peer}` : link.kind === 'failed' ? 'unknown' : '…', 'host-transport'],
    ['Security', link.kind === 'ready' ? security(link.value) : '…', 'host-security'],
    ['Connected since', since === null ? '–' : new Date(since).toLocaleString(), 'host-since'],
    ['Round-trip latency', latency, 'host-latency'],
  ];
  return (
    <>
    <dl className="facts link-facts" data-testid="host-link">
      {rows.map(([label, value, testId]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd data-testid={testId} className={testId === 'host-security' && link.kind === 'ready' && link.value.encrypted && !link.value.verified ? 'warn-text' : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
    {link.kind === 'failed' && <ErrorText error={link.error} testId="host-link-error" />}
    </>
  );
}
