import type { DomainAction, DomainStateName } from '../../../shared/model';

export interface ActionSpec {
  readonly action: DomainAction;
  readonly label: string;
  /** Destructive actions ask first, naming the domain. */
  readonly confirm: string | null;
}

export const ACTION_SPECS: readonly ActionSpec[] = [
  { action: 'start', label: 'Start', confirm: null },
  { action: 'shutdown', label: 'Shut down', confirm: null },
  { action: 'reboot', label: 'Reboot', confirm: null },
  { action: 'suspend', label: 'Pause', confirm: null },
  { action: 'resume', label: 'Resume', confirm: null },
  { action: 'destroy', label: 'Force off', confirm: 'Force off cuts the power: unsaved data in the guest is lost.' },
  { action: 'undefine', label: 'Delete definition', confirm: 'Delete definition removes the domain\'s configuration from the host. Its disks are kept.' },
];

/** Which actions make sense in a state, as virt-manager enables its buttons. */
export function isActionEnabled(action: DomainAction, state: DomainStateName): boolean {
  const running = state === 'running' || state === 'blocked';
  const active = running || state === 'paused' || state === 'pmsuspended' || state === 'shutdown';
  const inactive = state === 'shutoff' || state === 'crashed' || state === 'nostate';
  switch (action) {
    case 'start': return inactive;
    case 'shutdown': return running;
    case 'reboot': return running;
    case 'suspend': return running;
    case 'resume': return state === 'paused' || state === 'pmsuspended';
    case 'destroy': return active;
    case 'undefine': return inactive;
  }
}
