/**
 * Lifts an older settings document to the current version, one step at a time: step N
 * takes a document of version N to version N+1. A new version adds one step and one
 * schema; nothing else changes.
 */
import { CURRENT_VERSION, describeIssue, settingsV0 } from './schema';

export interface MigrationContext {
  /** A fresh profile id, for versions that had none. */
  readonly newId: () => string;
}

export type StepResult = { readonly ok: true; readonly doc: unknown } | { readonly ok: false; readonly message: string };
type Step = (doc: unknown, context: MigrationContext) => StepResult;

/** 0 → 1: profiles gain ids and the two switches; the old format never reconnected by itself. */
const v0ToV1: Step = (doc, context) => {
  const parsed = settingsV0.safeParse(doc);
  if (!parsed.success) return { ok: false, message: `version 0 settings: ${describeIssue(parsed.error)}` };
  // Built field by field, so nothing else an old file carried (a password) survives.
  const profiles = parsed.data.map((old) => ({ id: context.newId(), uri: old.uri, name: old.name, autoconnect: false, reconnect: true }));
  return { ok: true, doc: { version: 1, profiles } };
};

const STEPS: readonly Step[] = [v0ToV1];

if (STEPS.length !== CURRENT_VERSION) throw new Error('settings: one migration step per version is required');

export function migrate(doc: unknown, from: number, context: MigrationContext): StepResult {
  let current: StepResult = { ok: true, doc };
  for (let version = from; version < CURRENT_VERSION && current.ok; version += 1) {
    const step = STEPS[version];
    if (!step) return { ok: false, message: `no migration from settings version ${version}` };
    current = step(current.doc, context);
  }
  return current;
}
