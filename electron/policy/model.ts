/**
 * What an admin policy says once read: the switches, and the connections the organisation
 * hands to everyone. Plain data, shared by main and virtdeck-cli.
 */
import type { ConnectionProfile } from '../../shared/model';
import type { Transport } from '../../shared/uri';

export interface PolicyRules {
  /** No `+ext` URI: it runs a local program named in the URI. */
  readonly forbidExtTransport: boolean;
  /** No `no_verify=1`: TLS must prove the server. */
  readonly forbidNoVerify: boolean;
  /** An SSH host key must already be in known_hosts: no trust on first use. */
  readonly requireKnownHostKey: boolean;
  /** People keep the connections they have (and the managed ones) but save no new ones. */
  readonly forbidNewConnections: boolean;
  /** When set, a URI must match one of these patterns (`*`: any run of characters but `/` and `@`). */
  readonly allowedUris: readonly string[] | null;
  /**
   * When set, a connection may travel only by these transports (an admin who allows ssh and
   * tls alone need not think of ext, tcp or a new transport one day). The embedded
   * test:///… driver travels by none and is governed by allowedUris only.
   */
  readonly allowedTransports: readonly Transport[] | null;
}

/** The rule a refusal names. 'managed' is the lock on a managed connection. */
export type PolicyRule = keyof PolicyRules | 'managed';

export interface AdminPolicy {
  /** The file this came from, named in every refusal so people know whom to ask. */
  readonly file: string;
  readonly rules: PolicyRules;
  /** Profiles whose ids are already in the managed namespace (see managedId). */
  readonly connections: readonly ConnectionProfile[];
}

export const OPEN_RULES: PolicyRules = {
  forbidExtTransport: false,
  forbidNoVerify: false,
  requireKnownHostKey: false,
  forbidNewConnections: false,
  allowedUris: null,
  allowedTransports: null,
};

/**
 * What a policy file that exists but cannot be used stands for: it may have meant to
 * forbid any of these, so each switch is on. Patterns and lists cannot be guessed, so URIs and the other
 * transports stay open.
 */
export const STRICT_RULES: PolicyRules = {
  forbidExtTransport: true,
  forbidNoVerify: true,
  requireKnownHostKey: true,
  forbidNewConnections: true,
  allowedUris: null,
  allowedTransports: null,
};

/** No policy file given at all (tests, and callers that load none). */
export const NO_POLICY: AdminPolicy = { file: '(no policy file)', rules: OPEN_RULES, connections: [] };

/** Managed ids live apart from the random ids of people's own profiles. */
export function managedId(adminId: string): string {
  return `managed-${adminId}`;
}

export type PolicyLoad =
  | { readonly kind: 'absent'; readonly policy: AdminPolicy }
  | { readonly kind: 'loaded'; readonly policy: AdminPolicy }
  | { readonly kind: 'broken'; readonly policy: AdminPolicy; readonly message: string };
