/**
 * Every failure the library reports is one of these classes, told apart by `kind`, so
 * callers can `switch` exhaustively instead of parsing messages.
 */
import { LibvirtError } from './protocol/libvirt-error';

export { LibvirtError };

/** The peer sent bytes that do not follow the protocol, or we were asked to send such bytes. */
export class ProtocolError extends Error {
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
export class ConnectionClosedError extends Error {
  readonly kind = 'closed';
  constructor(readonly reason: CloseReason) {
    super(`connection to libvirtd closed: ${describeClose(reason)}`);
    this.name = 'ConnectionClosedError';
  }
}

/** A call got no reply within its own timeout; the connection itself stays up. */
export class CallTimeoutError extends Error {
  readonly kind = 'timeout';
  constructor(readonly procedure: string, readonly timeoutMs: number) {
    super(`${procedure}: no reply from libvirtd within ${timeoutMs} ms`);
    this.name = 'CallTimeoutError';
  }
}

/** The transport could not be established (refused, unreachable, timed out). */
export class TransportError extends Error {
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

/**
 * Why authentication did not succeed: a closed set, so the UI and the CLI can say what to
 * do about each without reading messages. The daemon's own words, where it gave any, are in
 * `detail`.
 */
export type AuthFailure =
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

/** Authentication with the daemon failed; `failure` says why. */
export class AuthError extends Error {
  readonly kind = 'auth';
  constructor(readonly failure: AuthFailure, message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

export type LibvirtClientError =
  | ProtocolError
  | LibvirtError
  | ConnectionClosedError
  | CallTimeoutError
  | TransportError
  | AuthError;
