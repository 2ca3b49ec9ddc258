/**
 * Who may talk to the bridge. It listens on 127.0.0.1 only, but any web page the person
 * has open can still aim requests at it: the Host check defeats DNS rebinding (a foreign
 * name resolving to 127.0.0.1), the Origin check refuses other pages' WebSockets (which
 * browsers do not hold to the same-origin policy), and the token proves the page is ours.
 */
import type { IncomingMessage } from 'node:http';
import { BRIDGE_TOKEN_PARAM } from '../../shared/bridge-protocol';
import { tokenMatches } from './token';

/** The names the bridge answers to, with its port. */
export function allowedHosts(port: number): readonly string[] {
  return [`127.0.0.1:${String(port)}`, `localhost:${String(port)}`];
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

/** The page's own origin, exactly: the scheme and the name it was loaded under. */
export function originAllowed(origin: string | undefined, host: string | undefined, port: number): boolean {
  if (origin === undefined || !hostAllowed(host, port) || host === undefined) return false;
  return origin.toLowerCase() === `http://${host.toLowerCase()}`;
}

/** The request's URL, parsed against a fixed base so a hostile Host cannot steer it. */
export function requestUrl(request: IncomingMessage): URL | undefined {
  try {
    return new URL(request.url ?? '/', 'http://127.0.0.1');
  } catch {
    return undefined;
  }
}

export function requestHasToken(url: URL, token: string): boolean {
  return tokenMatches(url.searchParams.get(BRIDGE_TOKEN_PARAM), token);
}
