import type { DomainStateName } from '../../../shared/model';

export const STATE_LABELS: Record<DomainStateName, string> = {
  nostate: 'No state',
  running: 'Running',
  blocked: 'Blocked',
  paused: 'Paused',
  shutdown: 'Shutting down',
  shutoff: 'Shut off',
  crashed: 'Crashed',
  pmsuspended: 'Suspended (PM)',
  unknown: 'Unknown',
};

export function StateBadge({ state }: { readonly state: DomainStateName }): React.JSX.Element {
  return <span className={`badge badge-${state}`} data-testid="domain-state" data-state={state}>{STATE_LABELS[state]}</span>;
}
