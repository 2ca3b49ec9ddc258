import type { ErrorKind } from '../../../shared/errors';

/**
 * What to do after a failed Test connection, by the error's kind. A stand-in until the
 * shared ErrorText (issue 9) says it for every view.
 */
export function testRemedy(kind: ErrorKind): string {
  switch (kind) {
    case 'transport': return 'Check the host name and port, that the daemon listens there (libvirtd or virtproxyd, with TCP, TLS or SSH enabled), and that no firewall is in the way.';
    case 'timeout': return 'The host did not answer in time: check that it is up and reachable from here.';
    case 'auth': return 'Check the user name and the key, password or certificate this URI uses.';
    case 'certificate': return 'The TLS certificates did not check out: the message names the file; fix it, or add no_verify=1 to skip verifying the server.';
    case 'policy': return 'Your administrator\'s policy forbids this URI: use a managed connection, or ask them.';
    case 'host-key': return 'The SSH host key was not trusted: compare its fingerprint with the host\'s administrator, then test again and trust it.';
    case 'invalid-uri':
    case 'invalid-argument': return 'Correct the URI; the message says which part is wrong.';
    case 'libvirt': return 'The daemon refused: the message is libvirt\'s own. Check the path (/system, /session) and the driver.';
    case 'protocol': return 'This does not look like a libvirt daemon: check the port.';
    case 'unsupported': return 'This kind of URI cannot be opened by Virtdeck.';
    case 'not-found':
    case 'closed':
    case 'settings':
    case 'internal':
      return 'Try again; if it persists, the message says what failed.';
  }
}
