import type { PolicyRule } from './model';

/** Something the admin policy forbids. Its message names the rule and the file. */
export class PolicyError extends Error {
  readonly kind = 'policy';
  constructor(readonly rule: PolicyRule, readonly file: string, why: string) {
    super(`refused by the administrator's policy (${rule} in ${file}): ${why}`);
    this.name = 'PolicyError';
  }
}
