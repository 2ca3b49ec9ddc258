/**
 * A domain state's reason code in the words `virsh domstate --reason` prints, per state
 * (libvirt's virDomain*Reason enums, in their order, so a wire code indexes them). A code
 * newer than these tables reads "unknown", as virsh says for a code it does not know.
 */
import type { DomainStateName } from './model';

const RUNNING = ['unknown', 'booted', 'migrated', 'restored', 'from snapshot', 'unpaused', 'migration canceled', 'save canceled', 'event wakeup', 'crashed', 'post-copy', 'post-copy failed'] as const;
const PAUSED = ['unknown', 'user', 'migrating', 'saving', 'dumping', 'I/O error', 'watchdog', 'from snapshot', 'shutting down', 'creating snapshot', 'crashed', 'starting up', 'post-copy', 'post-copy failed', 'api error'] as const;
const SHUTDOWN = ['unknown', 'user'] as const;
const SHUTOFF = ['unknown', 'shutdown', 'destroyed', 'crashed', 'migrated', 'saved', 'failed', 'from snapshot', 'daemon'] as const;
const CRASHED = ['unknown', 'panicked'] as const;
const ONLY_UNKNOWN = ['unknown'] as const;

function reasonsOf(state: DomainStateName): readonly string[] {
  switch (state) {
    case 'running': return RUNNING;
    case 'paused': return PAUSED;
    case 'shutdown': return SHUTDOWN;
    case 'shutoff': return SHUTOFF;
    case 'crashed': return CRASHED;
    case 'nostate':
    case 'blocked':
    case 'pmsuspended':
    case 'unknown':
      return ONLY_UNKNOWN;
  }
}

export function domainStateReasonText(state: DomainStateName, reason: number): string {
  return reasonsOf(state)[reason] ?? 'unknown';
}
