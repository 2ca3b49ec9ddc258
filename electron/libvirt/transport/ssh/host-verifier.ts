/**
 * The host-key decision for one SSH hop, as OpenSSH makes it: a key in known_hosts passes;
 * a different key of the same type, a revoked key or a key of a type the host was never
 * known with is refused; an unknown host goes to the person (known_hosts_verify=normal),
 * is trusted and filed (auto), or is not checked at all (ignore).
 */
import type { KnownHostsVerify } from '../../../../shared/uri';
import { HostKeyError } from '../../errors';
import type { Prompts } from '../prompts';
import { keyTypeOf, sha256Fingerprint } from './host-key';
import { appendKnownHost, readKnownHosts, verifyHostKey } from './known-hosts';

export type HostKeyTrust = 'known' | 'accepted' | 'unchecked';

export interface HostKeyCheck {
  readonly host: string;
  readonly port: number;
  readonly knownHostsFile: string;
  readonly mode: KnownHostsVerify;
  readonly prompts: Prompts | undefined;
  readonly whilePrompting: <T>(work: Promise<T>) => Promise<T>;
}

export interface HostKeyOutcome {
  readonly trust: HostKeyTrust;
  readonly fingerprint: string;
}

/** Resolves with how the key came to be trusted, or rejects with why it is not. */
export async function checkHostKey(check: HostKeyCheck, blob: Buffer): Promise<HostKeyOutcome> {
  const fingerprint = sha256Fingerprint(blob);
  if (check.mode === 'ignore') return { trust: 'unchecked', fingerprint };
  const verdict = verifyHostKey(await readKnownHosts(check.knownHostsFile), check.host, check.port, blob);
  const keyType = keyTypeOf(blob);
  switch (verdict.status) {
    case 'known':
      return { trust: 'known', fingerprint };
    case 'changed':
      throw new HostKeyError(check.host, check.port, { reason: 'changed', keyType, fingerprint, knownHostsFile: check.knownHostsFile, line: verdict.line },
        `the host key has CHANGED (now ${keyType} ${fingerprint}; ${check.knownHostsFile} line ${verdict.line} has another): ` +
        'someone may be intercepting the connection; if the change is expected, remove the old key from known_hosts');
    case 'revoked':
      throw new HostKeyError(check.host, check.port, { reason: 'revoked', keyType, fingerprint, knownHostsFile: check.knownHostsFile },
        `the host key ${fingerprint} is marked @revoked in ${check.knownHostsFile}`);
    case 'other-type':
      throw new HostKeyError(check.host, check.port, { reason: 'other-type', keyType, fingerprint, knownHostsFile: check.knownHostsFile, knownTypes: verdict.knownTypes },
        `the server offered a ${keyType} host key (${fingerprint}) but ${check.knownHostsFile} knows this host only with ` +
        `${verdict.knownTypes.join(', ')} keys: refusing it, as a key change could be an attack`);
    case 'unknown':
      break;
  }
  if (check.mode === 'normal') {
    const ask = check.prompts?.hostKey?.bind(check.prompts);
    const trusted = ask === undefined
      ? false
      : await check.whilePrompting(ask({ kind: 'host-key', host: check.host, port: check.port, keyType, fingerprint, knownHostsFile: check.knownHostsFile }));
    if (!trusted) {
      throw new HostKeyError(check.host, check.port, { reason: 'unknown', keyType, fingerprint, knownHostsFile: check.knownHostsFile },
        `the host key ${keyType} ${fingerprint} is not in ${check.knownHostsFile} and was not trusted`);
    }
  }
  try {
    await appendKnownHost(check.knownHostsFile, check.host, check.port, blob);
  } catch {
    // As with ssh: a key trusted now but not saved (read-only home) still serves this
    // session; the next connection will ask again.
  }
  return { trust: 'accepted', fingerprint };
}
