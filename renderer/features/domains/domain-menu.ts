import type { DomainAction, DomainSummary } from '../../../shared/model';
import type { MenuEntry } from '../../components/menu-items';
import { ACTION_SPECS, isActionEnabled } from './domain-actions';

/** An action is offered when at least one chosen domain is in a state it applies to. */
export function appliesToAny(action: DomainAction, chosen: readonly DomainSummary[]): boolean {
  return chosen.some((d) => isActionEnabled(action, d.state));
}

/** The row menu: details for one domain, then every action, greyed where nothing applies. */
export function domainMenu(chosen: readonly DomainSummary[], onAction: (action: DomainAction) => void, onDetails: () => void): readonly MenuEntry[] {
  return [
    { kind: 'action', label: 'Details…', testId: 'menu-details', disabled: chosen.length !== 1, run: onDetails },
    { kind: 'separator', key: 'actions' },
    ...ACTION_SPECS.map((spec): MenuEntry => ({
      kind: 'action',
      label: spec.label,
      testId: `menu-${spec.action}`,
      danger: spec.confirm !== null,
      disabled: !appliesToAny(spec.action, chosen),
      run: () => { onAction(spec.action); },
    })),
  ];
}
