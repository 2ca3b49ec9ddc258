/** The kinds of failure the library reports; errors.ts holds one class per kind. */
export const LIBRARY_ERROR_KINDS = [
  'protocol',
  'libvirt',
  'closed',
  'timeout',
  'transport',
  'host-key',
  'certificate',
  'auth',
  'uri',
  'unsupported',
] as const;
export type LibraryErrorKind = (typeof LIBRARY_ERROR_KINDS)[number];

/** The base of every error the library throws on purpose (see LibraryFailure in errors.ts). */
export abstract class LibraryError extends Error {
  abstract readonly kind: LibraryErrorKind;
}
