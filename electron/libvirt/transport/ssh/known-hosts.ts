/**
 * known_hosts as OpenSSH reads it (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): host patterns
 * with * ? and ! negation, the [host]:port form for other ports than 22, hashed entries
 * (|1|salt|HMAC-SHA1(salt, host)), and the @revoked marker. @cert-authority lines are
 * skipped: this client does not accept host certificates.
 */
import { createHmac } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { keyTypeOf } from './host-key';

export interface KnownHostEntry {
  readonly marker: 'revoked' | 'cert-authority' | undefined;
  readonly patterns: string;
  readonly keyType: string;
  readonly key: Buffer;
}

export type HostKeyVerdict =
  | { readonly status: 'known' }
  /** No entry names this host at all. */
  | { readonly status: 'unknown' }
  /** The host is known with another key of the same type: possibly an attack. */
  | { readonly status: 'changed'; readonly line: number }
  /** The host is known only with keys of other types. */
  | { readonly status: 'other-type'; readonly knownTypes: readonly string[] }
  | { readonly status: 'revoked' };

export function parseKnownHosts(text: string): (KnownHostEntry & { readonly line: number })[] {
  const entries: (KnownHostEntry & { line: number })[] = [];
  text.split('\n').forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) return;
    let marker: KnownHostEntry['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    }
    const [patterns = '', keyType = '', base64 = ''] = fields;
    if (patterns === '' || keyType === '' || base64 === '') return;
    entries.push({ marker, patterns, keyType, key: Buffer.from(base64, 'base64'), line: index + 1 });
  });
  return entries;
}

/** The name a host is filed under: "host" on port 22, else "[host]:port". */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function hashedMatches(pattern: string, name: string): boolean {
  const [, magic, salt, hash] = pattern.split('|');
  if (magic !== '1' || salt === undefined || hash === undefined) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
}

/** Whether a comma-separated pattern list names the host; a matching negation wins. */
export function patternsMatch(patterns: string, name: string): boolean {
  if (patterns.startsWith('|')) return hashedMatches(patterns, name);
  let matched = false;
  for (const pattern of patterns.split(',')) {
    const negated = pattern.startsWith('!');
    if (globToRegExp(negated ? pattern.slice(1) : pattern).test(name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

export function verifyHostKey(entries: readonly (KnownHostEntry & { readonly line: number })[], host: string, port: number, blob: Buffer): HostKeyVerdict {
  const name = knownHostsName(host, port);
  const forHost = entries.filter((e) => e.marker !== 'cert-authority' && patternsMatch(e.patterns, name));
  if (forHost.some((e) => e.marker === 'revoked' && e.key.equals(blob))) return { status: 'revoked' };
  const plain = forHost.filter((e) => e.marker === undefined);
  if (plain.some((e) => e.key.equals(blob))) return { status: 'known' };
  if (plain.length === 0) return { status: 'unknown' };
  const type = keyTypeOf(blob);
  const sameType = plain.find((e) => e.keyType === type);
  if (sameType !== undefined) return { status: 'changed', line: sameType.line };
  return { status: 'other-type', knownTypes: [...new Set(plain.map((e) => e.keyType))] };
}

/** The key types known_hosts holds for a host, to ask the server for one of those first. */
export function knownKeyTypes(entries: readonly KnownHostEntry[], host: string, port: number): string[] {
  const name = knownHostsName(host, port);
  return [...new Set(entries.filter((e) => e.marker === undefined && patternsMatch(e.patterns, name)).map((e) => e.keyType))];
}

/** Reads a known_hosts file; a missing file is an empty one. */
export async function readKnownHosts(file: string): Promise<(KnownHostEntry & { readonly line: number })[]> {
  try {
    return parseKnownHosts(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Files a newly trusted key, unhashed, as `ssh -o StrictHostKeyChecking=accept-new` would. */
export async function appendKnownHost(file: string, host: string, port: number, blob: Buffer): Promise<void> {
  let prefix = '';
  try {
    const existing = await readFile(file, 'utf8');
    if (existing !== '' && !existing.endsWith('\n')) prefix = '\n';
  } catch {
    // A new file.
  }
  // ~/.ssh may not exist yet on a fresh account; ssh makes it with these permissions.
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await appendFile(file, `${prefix}${knownHostsName(host, port)} ${keyTypeOf(blob)} ${blob.toString('base64')}\n`, { mode: 0o600 });
}
