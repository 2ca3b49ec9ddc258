/** How a connection reaches its host, in the words the host page shows. */
import { isUnverified, type Connection } from '../../libvirt';
import type { HostLink } from '../../../shared/model';

export function hostLink(conn: Connection): HostLink {
  const t = conn.transport;
  if (t === undefined) return { transport: 'in-process', peer: 'this process', encrypted: false, verified: true };
  const verified = !isUnverified(t);
  switch (t.kind) {
    case 'unix':
      return { transport: 'unix', peer: t.path, encrypted: false, verified };
    case 'tcp':
      return { transport: 'tcp', peer: `${t.host}:${t.port}`, encrypted: false, verified };
    case 'tls':
      return { transport: 'tls', peer: `${t.host}:${t.port}`, encrypted: true, verified };
    case 'ssh':
      return { transport: 'ssh', peer: `${t.user}@${t.host}:${t.port}`, encrypted: true, verified };
    case 'ext':
      return { transport: 'ext', peer: t.argv.join(' '), encrypted: false, verified };
  }
}
