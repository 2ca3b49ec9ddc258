/**
 * Reads the admin policy at start. No file is the ordinary case (no policy). A file that
 * cannot be read or does not fit the schema is never fatal: the caller gets the strict
 * switches and a sentence for the window's banner (or virtdeck-cli's stderr).
 */
import { readFile } from 'node:fs/promises';
import { parseLibvirtUri } from '../../shared/uri';
import type { ConnectionProfile } from '../../shared/model';
import { managedId, OPEN_RULES, STRICT_RULES, type AdminPolicy, type PolicyLoad, type PolicyRules } from './model';
import { uriViolation } from './uri-rules';

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

export async function loadAdminPolicy(file: string): Promise<PolicyLoad> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'absent', policy: { file, rules: OPEN_RULES, connections: [] } };
    return broken(file, `cannot read it: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The schema (and zod) load only when a policy exists: virtdeck-cli starts without them.
  const { describeSchemaIssue, policyFileSchema } = await import('./schema');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return broken(file, `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = policyFileSchema.safeParse(doc);
  if (!parsed.success) return broken(file, describeSchemaIssue(parsed.error));
  const { allowedUris, allowedTransports, ...switches } = parsed.data.policy;
  const rules: PolicyRules = { ...switches, allowedUris: allowedUris ?? null, allowedTransports: allowedTransports ?? null };
  const connections: ConnectionProfile[] = [];
  for (const [index, entry] of parsed.data.connections.entries()) {
    const uri = parseLibvirtUri(entry.uri);
    if (!uri.ok) return broken(file, `connections.${String(index)}.uri: ${uri.error.message}`);
    // The file's own connections are held to its rules, so a managed one never fails at open for policy.
    const violation = uriViolation({ file, rules, connections: [] }, uri.uri);
    if (violation !== null) return broken(file, `connections.${String(index)}.uri breaks the file's own policy: ${violation.message}`);
    connections.push({ id: managedId(entry.id), uri: uri.uri.text, name: entry.name, autoconnect: entry.autoconnect, reconnect: entry.reconnect });
  }
  return { kind: 'loaded', policy: { file, rules, connections } };
}

function broken(file: string, why: string): PolicyLoad {
  const policy: AdminPolicy = { file, rules: STRICT_RULES, connections: [] };
  const message =
    `The administrator's policy file ${file} could not be used (${why}). Until it is fixed, Virtdeck shows no managed ` +
    'connections and applies every switch strictly: no ext transport, no no_verify, known SSH host keys only, no new connections.';
  return { kind: 'broken', policy, message };
}
