/**
 * The settings file's shape, one schema per version. The file holds connection profiles
 * and nothing secret: no schema here has a field for a password, so none can be written.
 */
import { z } from 'zod';

export const CURRENT_VERSION = 1;

/** Bounds match shared/ipc.ts's: a profile the app accepted always fits the file. */
const profileShape = {
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'an id is letters, digits, _ and -'),
  uri: z.string().min(1).max(4096),
  name: z.string().max(200),
  autoconnect: z.boolean(),
  reconnect: z.boolean(),
};

/** More profiles than anyone manages by hand means the file is not ours. */
const MAX_PROFILES = 10_000;

function uniqueIds(profiles: readonly { readonly id: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  for (const [index, profile] of profiles.entries()) {
    if (seen.has(profile.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate profile id '${profile.id}'` });
    seen.add(profile.id);
  }
}

/** Loading strips unknown fields (a hand-edited password never reaches memory)... */
export const profileListLoose = z.array(z.object(profileShape)).max(MAX_PROFILES).superRefine(uniqueIds);
/** ...saving refuses them, so a caller that slipped a secret in learns it at once. */
export const profileListStrict = z.array(z.strictObject(profileShape)).max(MAX_PROFILES).superRefine(uniqueIds);

export const settingsV1Loose = z.object({ version: z.literal(1), profiles: profileListLoose });
export const settingsV1Strict = z.strictObject({ version: z.literal(1), profiles: profileListStrict });

/** A short, one-line account of the first thing a schema disliked. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'rejected';
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue.message}`;
}
