/**
 * Opens a domain's VNC screen for the page: main dials the server (over the connection's
 * own transport) and does its security. A server that needs no password is ready before
 * the call returns; one that wants VNC authentication gets the password asked through the
 * prompt port, in the background, and the page's stream waits (or fails, saying why).
 */
import type { Duplex } from 'node:stream';
import { AppFailure } from '../app-failure';
import { PageFront, type ReadyServer } from './page-front';
import { serverHandshake, VncHandshakeError, type ServerHandshake } from './server-handshake';

/** Refusals before we stop asking: the person typed it wrong, or has the wrong one. */
export const MAX_VNC_PASSWORD_TRIES = 3;
const HANDSHAKE_TIMEOUT_MS = 10_000;

export interface VncLogin {
  readonly domain: string;
  /** A fresh pipe to the VNC server; each password try needs one (a refusal ends it). */
  openPipe(): Promise<Duplex>;
  /** The person's answer, or null when refused, timed out, or stopped by `signal`. */
  askPassword(attempt: number, signal: AbortSignal): Promise<string | null>;
  readonly handshakeTimeoutMs?: number;
}

async function tryOnce(login: VncLogin, password: string | null): Promise<ServerHandshake> {
  const pipe = await login.openPipe();
  try {
    const result = await serverHandshake(pipe, password, login.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS);
    if (result.kind !== 'ready') pipe.destroy();
    return result;
  } catch (error) {
    pipe.destroy();
    throw error;
  }
}

function closedMeanwhile(): Error {
  return new Error('the console was closed while its VNC login was under way');
}

async function loginWithPassword(login: VncLogin, signal: AbortSignal): Promise<ReadyServer> {
  const { domain } = login;
  // A function, not a read of the property: the console may close during any await below.
  const closed = (): boolean => signal.aborted;
  let lastReason = '';
  for (let attempt = 1; attempt <= MAX_VNC_PASSWORD_TRIES; attempt += 1) {
    const password = await login.askPassword(attempt, signal);
    if (closed()) throw closedMeanwhile();
    if (password === null) {
      throw new AppFailure({ kind: 'auth', message: `no password was given for ${domain}'s VNC screen`, auth: { method: 'vnc', domain, passwordTried: attempt > 1 } });
    }
    const result = await tryOnce(login, password);
    switch (result.kind) {
      case 'ready':
        if (closed()) {
          result.pipe.destroy();
          throw closedMeanwhile();
        }
        return result;
      case 'needs-password':
        throw new VncHandshakeError('the VNC server asked for a password again instead of checking the one given');
      case 'refused':
        lastReason = result.reason;
        break;
    }
  }
  throw new AppFailure({
    kind: 'auth',
    message: `${domain}'s VNC server refused the password ${String(MAX_VNC_PASSWORD_TRIES)} times (${lastReason || 'no reason given'})`,
    auth: { method: 'vnc', domain, passwordTried: true },
  });
}

/** Errors before any question (no server, not VNC) reject here; later ones fail the stream. */
export async function openVncForPage(login: VncLogin): Promise<Duplex> {
  const stop = new AbortController();
  const first = await tryOnce(login, null);
  switch (first.kind) {
    case 'ready':
      return new PageFront(Promise.resolve(first), () => { stop.abort(); });
    case 'needs-password':
      return new PageFront(loginWithPassword(login, stop.signal), () => { stop.abort(); });
    case 'refused':
      throw new VncHandshakeError(`the VNC server refused us before any password: ${first.reason}`);
  }
}
