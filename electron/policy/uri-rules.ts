/**
 * Whether a URI may be opened or saved under a policy. Checked where connections are
 * added, edited and opened (so a profile saved before the policy arrived is held to it
 * too), and by virtdeck-cli before it connects.
 */
import { parseLibvirtUri, type LibvirtUri } from '../../shared/uri';
import { PolicyError } from './errors';
import type { AdminPolicy } from './model';

/** The part of a URI that patterns see: everything before the query and the fragment. */
export function uriAddress(text: string): string {
  const end = text.search(/[?#]/);
  return end === -1 ? text : text.slice(0, end);
}

/**
 * `*` stands for any run of characters but `/` and `@`, so `qemu+ssh://*.example.org/system`
 * cannot be satisfied by a user part or a path that merely ends in the right words.
 */
export function matchesPattern(pattern: string, text: string): boolean {
  const source = uriAddress(pattern)
    .split('*')
    .map((part) => part.replace(/[.+^${}()|[\]\\?]/g, '\\$&'))
    .join('[^/@]*');
  return new RegExp(`^${source}$`, 'i').test(uriAddress(text));
}

/** The first rule the URI breaks, or null. */
export function uriViolation(policy: AdminPolicy, uri: LibvirtUri): PolicyError | null {
  const { rules, file } = policy;
  if (rules.forbidExtTransport && uri.effectiveTransport === 'ext') {
    return new PolicyError('forbidExtTransport', file, 'the ext transport runs a local program named in the URI, and this policy forbids it');
  }
  if (rules.allowedTransports !== null && uri.servedBy !== 'embedded-test' && !rules.allowedTransports.includes(uri.effectiveTransport)) {
    return new PolicyError('allowedTransports', file,
      `${uriAddress(uri.text)} would travel by the ${uri.effectiveTransport} transport, and this policy allows only ${rules.allowedTransports.join(', ') || 'none'}`);
  }
  if (rules.forbidNoVerify && uri.client.noVerify === true) {
    return new PolicyError('forbidNoVerify', file, 'no_verify=1 would connect to a TLS server whose certificate fails the checks');
  }
  if (rules.requireKnownHostKey && uri.client.knownHostsVerify !== undefined && uri.client.knownHostsVerify !== 'normal') {
    return new PolicyError('requireKnownHostKey', file,
      `known_hosts_verify=${uri.client.knownHostsVerify} would accept an SSH host key that is not in known_hosts; only known host keys are allowed`);
  }
  if (rules.allowedUris !== null && !rules.allowedUris.some((pattern) => matchesPattern(pattern, uri.text))) {
    return new PolicyError('allowedUris', file, `${uriAddress(uri.text)} matches none of the allowed URI patterns (${rules.allowedUris.join(', ')})`);
  }
  return null;
}

export function assertUriAllowed(policy: AdminPolicy, uri: LibvirtUri): void {
  const violation = uriViolation(policy, uri);
  if (violation !== null) throw violation;
}

/** For callers about to open a URI as text: one that does not parse is left to the opener, which says why. */
export function assertUriTextAllowed(policy: AdminPolicy, text: string): void {
  const parsed = parseLibvirtUri(text);
  if (parsed.ok) assertUriAllowed(policy, parsed.uri);
}
