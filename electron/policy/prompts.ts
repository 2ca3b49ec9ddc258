/**
 * The transports' questions under a policy. With requireKnownHostKey nobody is asked to
 * trust an unknown SSH host key: the question itself is refused, with the rule's name, and
 * that refusal becomes the connection's failure.
 */
import type { Prompts } from '../libvirt';
import { PolicyError } from './errors';
import type { AdminPolicy } from './model';

export function promptsUnderPolicy(policy: AdminPolicy, prompts: Prompts): Prompts {
  if (!policy.rules.requireKnownHostKey) return prompts;
  return {
    ...prompts,
    hostKey: (request) => Promise.reject(new PolicyError('requireKnownHostKey', policy.file,
      `the SSH host key of ${request.host}:${String(request.port)} (${request.keyType} ${request.fingerprint}) is not in ${request.knownHostsFile}, ` +
      'and this policy allows known host keys only; ask your administrator to add it')),
  };
}
