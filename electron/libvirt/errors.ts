/**
 * Every failure the library reports is one of the classes in `LibraryFailure`, told apart
 * by `kind`, so callers `switch` exhaustively instead of parsing messages. A new failure is
 * a new class with a new kind in LIBRARY_ERROR_KINDS and a new member of the union; the
 * checks at the end of this file, and every exhaustive switch over `kind`, refuse to
 * compile until all three agree.
 */
import { LibraryError, LIBRARY_ERROR_KINDS, type LibraryErrorKind } from './library-error';
import { LibvirtError } from './protocol/libvirt-error';
import { UnsupportedUriError, UriParseError } from './uri-errors';

export { LibraryError, LIBRARY_ERROR_KINDS, LibvirtError, UnsupportedUriError, UriParseError, type LibraryErrorKind };

/** The peer sent bytes that do not follow the protocol, or we were asked to send such bytes. */
export class ProtocolError extends LibraryError {
  readonly kind = 'protocol';
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** Why a connection ended: pending calls and close listeners receive it. */
export type CloseReason =
  | { readonly kind: 'local' }
  | { readonly kind: 'peer-ended' }
  | { readonly kind: 'transport'; readonly error: Error }
  | { readonly kind: 'protocol'; readonly error: ProtocolError }
  | { readonly kind: 'keepalive-timeout'; readonly silentMs: number }
  | { readonly kind: 'daemon'; readonly reason: number };

function describeClose(reason: CloseReason): string {
  switch (reason.kind) {
    case 'local':
      return 'closed by the client';
    case 'peer-ended':
      return 'the daemon ended the connection';
    case 'transport':
      return reason.error.message;
    case 'protocol':
      return `protocol error: ${reason.error.message}`;
    case 'keepalive-timeout':
      return `no answer from the daemon for ${reason.silentMs} ms (keepalive)`;
    case 'daemon':
      return `the daemon closed the hypervisor connection (reason ${reason.reason})`;
  }
}

/** The connection is gone; every call pending on it is rejected with this. */
export class ConnectionClosedError extends LibraryError {
  readonly kind = 'closed';
  constructor(readonly reason: CloseReason) {
    super(`connection to libvirtd closed: ${describeClose(reason)}`);
    this.name = 'ConnectionClosedError';
  }
}

/** A call got no reply within its own timeout; the connection itself stays up. */
export class CallTimeoutError extends LibraryError {
  readonly kind = 'timeout';
  constructor(readonly procedure: string, readonly timeoutMs: number) {
    super(`${procedure}: no reply from libvirtd within ${timeoutMs} ms`);
    this.name = 'CallTimeoutError';
  }
}

/**
 * The byte stream could not be established or broke: refused, unreachable, timed out, a
 * program that exited. `code` is the operating system's word for it (ECONNREFUSED,
 * ETIMEDOUT...) when it gave one; refusals of identity have their own classes below.
 */
export class TransportError extends LibraryError {
  readonly kind = 'transport';
  constructor(
    readonly target: string,
    readonly code: string,
    message: string,
  ) {
    super(`cannot connect to ${target}: ${message}`);
    this.name = 'TransportError';
  }
}

/** Why an SSH host key was refused, with what the person needs to look at. */
export type HostKeyRefusal =
  /** Not in known_hosts, and not trusted when asked (or nobody could be asked). */
  | { readonly reason: 'unknown'; readonly keyType: string; readonly fingerprint: string; readonly knownHostsFile: string }
  /** known_hosts holds another key of this type for the host, at `line`. */
  | { readonly reason: 'changed'; readonly keyType: string; readonly fingerprint: string; readonly knownHostsFile: string; readonly line: number }
  /** known_hosts knows the host only with keys of other types. */
  | { readonly reason: 'other-type'; readonly keyType: string; readonly fingerprint: string; readonly knownHostsFile: string; readonly knownTypes: readonly string[] }
  /** The key is marked @revoked. */
  | { readonly reason: 'revoked'; readonly keyType: string; readonly fingerprint: string; readonly knownHostsFile: string };

export class HostKeyError extends LibraryError {
  readonly kind = 'host-key';
  constructor(readonly host: string, readonly port: number, readonly refusal: HostKeyRefusal, message: string) {
    super(`cannot connect to ${port === 22 ? host : `${host}:${port}`}: ${message}`);
    this.name = 'HostKeyError';
  }
}

/** Why a TLS session was refused over certificates, naming the file involved. */
export type CertificateRefusal =
  /** The server's certificate is not signed by our CA (`caFile`). */
  | { readonly reason: 'untrusted-server'; readonly caFile: string }
  /** The server's certificate does not name the host we asked for. */
  | { readonly reason: 'name-mismatch'; readonly caFile: string; readonly host: string }
  /** The daemon did not accept our client certificate (`clientCertFile`; may be absent on disk). */
  | { readonly reason: 'client-refused'; readonly clientCertFile: string };

export class CertificateError extends LibraryError {
  readonly kind = 'certificate';
  constructor(readonly target: string, readonly refusal: CertificateRefusal, message: string) {
    super(`cannot connect to ${target}: ${message}`);
    this.name = 'CertificateError';
  }
}

/**
 * Why authentication did not succeed: a closed set, so the UI and the CLI can say what to
 * do about each without reading messages. The daemon's own words, where it gave any, are in
 * `detail`.
 */
export type AuthFailure =
  /** The SSH server accepted none of the methods we tried for `user`. */
  | { readonly kind: 'ssh-rejected'; readonly user: string; readonly host: string; readonly port: number; readonly tried: readonly string[] }
  /** The daemon offered only auth types this client does not speak. */
  | { readonly kind: 'unsupported-auth-type'; readonly offered: readonly number[] }
  /** polkit said no: the action asked about, and the daemon's words. */
  | { readonly kind: 'polkit-denied'; readonly action: string; readonly detail: string }
  /** None of the daemon's SASL mechanisms is one this client speaks (GSSAPI is named). */
  | { readonly kind: 'sasl-no-mechanism'; readonly offered: readonly string[] }
  /** The only usable mechanisms would need a SASL security layer, which this client does not implement. */
  | { readonly kind: 'sasl-security-layer'; readonly mechanism: string }
  /** PLAIN was the only choice, over a channel that would show the password to the network. */
  | { readonly kind: 'sasl-plain-unencrypted' }
  /** Nobody gave a user name and password (no auth file entry, prompt refused or absent). */
  | { readonly kind: 'no-credentials'; readonly mechanism: string }
  /** The daemon refused the credentials: wrong user name or password. */
  | { readonly kind: 'sasl-rejected'; readonly mechanism: string; readonly user: string; readonly detail: string }
  /** The daemon's side of the exchange was malformed or did not prove it knows the password. */
  | { readonly kind: 'sasl-server-invalid'; readonly mechanism: string; readonly detail: string };

export type AuthFailureKind = AuthFailure['kind'];

/** Authentication failed, over SSH or with the daemon; `failure` says why. */
export class AuthError extends LibraryError {
  readonly kind = 'auth';
  constructor(readonly failure: AuthFailure, message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

/** Everything the library throws on purpose. */
export type LibraryFailure =
  | ProtocolError
  | LibvirtError
  | ConnectionClosedError
  | CallTimeoutError
  | TransportError
  | HostKeyError
  | CertificateError
  | AuthError
  | UriParseError
  | UnsupportedUriError;

/** The library's own failure, or undefined for anything else (a bug, a Node error). */
export function asLibraryFailure(error: unknown): LibraryFailure | undefined {
  // Safe: the checks below hold LibraryFailure and LIBRARY_ERROR_KINDS to the same kinds,
  // and LibraryError's kind is typed by that list, so every subclass is a member.
  return error instanceof LibraryError ? (error as LibraryFailure) : undefined;
}

// Compile-time: the union and the list of kinds name the same kinds, no more, no less.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
type _KindsAgree = Holds<Same<LibraryFailure['kind'], LibraryErrorKind>>;
