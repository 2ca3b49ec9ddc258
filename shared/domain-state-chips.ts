/**
 * The four groups the domain list's filter chips sort libvirt's nine domain states into.
 * In shared/ because the window filters by them and the renderer soak counts by them.
 */
import type { DomainStateName } from './model';

export const STATE_CHIPS = ['running', 'paused', 'shutoff', 'other'] as const;
export type StateChip = (typeof STATE_CHIPS)[number];

export function chipOf(state: DomainStateName): StateChip {
  switch (state) {
    case 'running':
    case 'blocked':
      return 'running';
    case 'paused':
    case 'pmsuspended':
      return 'paused';
    case 'shutoff':
      return 'shutoff';
    case 'nostate':
    case 'shutdown':
    case 'crashed':
    case 'unknown':
      return 'other';
  }
}
