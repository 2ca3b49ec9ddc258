/**
 * Text ⇄ profiles, with no I/O: what a settings file's bytes mean, and the one canonical
 * text the store writes.
 */
import type { ConnectionProfile } from '../../../shared/model';
import { CURRENT_VERSION, describeIssue, profileListStrict, settingsV1Loose, settingsV1Strict } from './schema';

export type CorruptReason = 'invalid-json' | 'invalid-schema' | 'future-version';

export type Decoded =
  | {
      readonly ok: true;
      readonly profiles: ConnectionProfile[];
      /** True when the file should be rewritten: it carries fields we never keep. */
      readonly rewrite: boolean;
    }
  | { readonly ok: false; readonly reason: CorruptReason; readonly message: string };

function versionOf(doc: unknown): number | undefined {
  if (typeof doc !== 'object' || doc === null || !('version' in doc)) return undefined;
  const { version } = doc;
  return typeof version === 'number' && Number.isSafeInteger(version) && version >= 0 ? version : undefined;
}

export function decodeSettings(text: string): Decoded {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'invalid-json', message: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const version = versionOf(doc);
  if (version === undefined) return { ok: false, reason: 'invalid-schema', message: 'no settings version in the file' };
  if (version > CURRENT_VERSION) {
    return { ok: false, reason: 'future-version', message: `written by a newer Virtdeck (settings version ${version}; this one reads up to ${CURRENT_VERSION})` };
  }
  // Version 1 is the first format that shipped: there is nothing older to lift.
  const parsed = settingsV1Loose.safeParse(doc);
  if (!parsed.success) return { ok: false, reason: 'invalid-schema', message: describeIssue(parsed.error) };
  const stripped = !settingsV1Strict.safeParse(doc).success;
  return { ok: true, profiles: parsed.data.profiles, rewrite: stripped };
}

export type Encoded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/** Refuses what the file must never hold (unknown fields, a password among them) rather than dropping it quietly. */
export function encodeSettings(profiles: readonly ConnectionProfile[]): Encoded {
  const parsed = profileListStrict.safeParse(profiles);
  if (!parsed.success) return { ok: false, message: describeIssue(parsed.error) };
  return { ok: true, text: `${JSON.stringify({ version: CURRENT_VERSION, profiles: parsed.data }, null, 2)}\n` };
}
