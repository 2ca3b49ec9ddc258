/** Admin presets and policy: one entry for main and virtdeck-cli. */
export { adminDir, ADMIN_DIR_ENV, policyFile, POLICY_FILE_NAME } from './location';
export { loadAdminPolicy } from './load';
export { PolicyError } from './errors';
export { promptsUnderPolicy } from './prompts';
export { assertUriAllowed, assertUriTextAllowed, matchesPattern, uriViolation } from './uri-rules';
export { managedId, NO_POLICY, OPEN_RULES, STRICT_RULES, type AdminPolicy, type PolicyLoad, type PolicyRule, type PolicyRules } from './model';
