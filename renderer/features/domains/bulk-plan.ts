import type { DomainAction, DomainSummary } from '../../../shared/model';
import { ACTION_SPECS, isActionEnabled, type ActionSpec } from './domain-actions';

/** What one action on a selection will do: the domains it applies to, and those it skips with why. */
export interface BulkPlan {
  readonly spec: ActionSpec;
  readonly apply: readonly DomainSummary[];
  readonly skip: readonly { readonly domain: DomainSummary; readonly why: string }[];
}

export function specOf(action: DomainAction): ActionSpec {
  const spec = ACTION_SPECS.find((s) => s.action === action);
  if (!spec) throw new Error(`no action spec for ${action}`);
  return spec;
}

export function planBulk(action: DomainAction, domains: readonly DomainSummary[]): BulkPlan {
  const spec = specOf(action);
  const apply: DomainSummary[] = [];
  const skip: { domain: DomainSummary; why: string }[] = [];
  for (const domain of domains) {
    if (isActionEnabled(action, domain.state)) apply.push(domain);
    else skip.push({ domain, why: `${spec.label} does not apply to a ${domain.state} domain` });
  }
  return { spec, apply, skip };
}

/** One domain and a harmless action goes at once; many, or a destructive one, asks first. */
export function needsConfirmation(plan: BulkPlan): boolean {
  return plan.apply.length + plan.skip.length > 1 || plan.spec.confirm !== null;
}
