/**
 * The one error shape that crosses IPC: a discriminated union on `kind`, so the UI can tell
 * the person what to do (which known_hosts line, which certificate file, retry with a
 * password), libvirt's code where the daemon gave one, and a message written for the
 * person who must act on it. A new kind breaks every exhaustive switch until handled.
 */
export const ERROR_KINDS = [
  'invalid-argument',
  'invalid-uri',
  'not-found',
  'libvirt',
  'transport',
  'auth',
  'host-key',
  'certificate',
  'timeout',
  'protocol',
  'closed',
  'unsupported',
  'settings',
  // Refused by the administrator's policy file: the message names the rule and the file.
  'policy',
  'internal',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

interface Described {
  readonly message: string;
  /** More for the curious: the daemon's own words, the failing field. */
  readonly detail?: string;
}

/** Why an SSH host key was refused, and where the person looks to settle it. */
export interface HostKeyProblem {
  readonly reason: 'unknown' | 'changed' | 'other-type' | 'revoked';
  readonly host: string;
  readonly port: number;
  readonly keyType: string;
  readonly fingerprint: string;
  readonly knownHostsFile: string;
  /** The known_hosts line holding the other key, for reason 'changed'. */
  readonly line: number | null;
}

/** Which certificate was refused, by whom, and the file to look at. */
export interface CertificateProblem {
  readonly reason: 'untrusted-server' | 'name-mismatch' | 'client-refused';
  readonly file: string;
}

/** Why a daemon's SASL login did not succeed. */
export type SaslProblem = 'no-mechanism' | 'security-layer' | 'plain-unencrypted' | 'no-credentials' | 'rejected' | 'server-invalid';

/** Who refused us: an SSH server (and whether a password was among what we tried), polkit,
 *  the daemon's SASL login, or a daemon's auth type we do not speak. */
export type AuthProblem =
  | { readonly method: 'ssh'; readonly user: string; readonly passwordTried: boolean }
  | { readonly method: 'polkit'; readonly action: string }
  | { readonly method: 'sasl'; readonly problem: SaslProblem }
  | { readonly method: 'unsupported' }
  /** A domain's VNC server: it refused every password given, or none was given. */
  | { readonly method: 'vnc'; readonly domain: string; readonly passwordTried: boolean };

/** The kinds that carry nothing but words. */
export type PlainErrorKind = Exclude<ErrorKind, 'libvirt' | 'host-key' | 'certificate' | 'auth'>;

export type AppError =
  | (Described & { readonly kind: 'libvirt'; /** libvirt's virErrorNumber. */ readonly code: number })
  | (Described & { readonly kind: 'host-key'; readonly hostKey: HostKeyProblem })
  | (Described & { readonly kind: 'certificate'; readonly certificate: CertificateProblem })
  | (Described & { readonly kind: 'auth'; readonly auth: AuthProblem })
  | (Described & { readonly kind: PlainErrorKind });

/** Thrown on the calling side when a channel answered with an error. */
export class IpcError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'IpcError';
  }
}
