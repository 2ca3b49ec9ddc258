/**
 * The one error shape that crosses IPC: a kind the UI can switch on, libvirt's code when
 * the daemon gave one, and a message written for the person who must act on it.
 */
export const ERROR_KINDS = [
  'invalid-argument',
  'invalid-uri',
  'not-found',
  'libvirt',
  'transport',
  'auth',
  'host-key',
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

export interface AppError {
  readonly kind: ErrorKind;
  /** libvirt's virErrorNumber, for kind 'libvirt'. */
  readonly code?: number;
  readonly message: string;
  /** More for the curious: the daemon's own words, the failing field. */
  readonly detail?: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export function appError(kind: ErrorKind, message: string, extra: { code?: number; detail?: string } = {}): AppError {
  return { kind, message, ...extra };
}

/** Thrown on the calling side when a channel answered with an error. */
export class IpcError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'IpcError';
  }
}
