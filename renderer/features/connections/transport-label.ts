import type { ConnectionState } from '../../../shared/model';
import { parseLibvirtUri } from '../../../shared/uri';

/**
 * How a connection travels, in words: the transport, whether it is encrypted, and whether
 * the peer was verified (which only an open connection can say).
 */
export function describeTransport(uri: string, state: ConnectionState): string {
  const parsed = parseLibvirtUri(uri);
  if (!parsed.ok) return 'unparsable URI';
  if (parsed.uri.servedBy === 'embedded-test') return 'in-process test driver';
  const verified = state.kind === 'open' ? (state.verified ? ', verified' : ', NOT verified') : '';
  switch (parsed.uri.effectiveTransport) {
    case 'unix': return 'unix socket, local';
    case 'tcp': return 'TCP, not encrypted';
    case 'tls': return `TLS, encrypted${verified}`;
    case 'ssh':
    case 'libssh2':
    case 'libssh':
      return `SSH, encrypted${verified}`;
    case 'ext': return 'external command';
  }
}
