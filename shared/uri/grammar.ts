// The generic URI grammar as libxml2's xmlParseURI applies it (RFC 3986, ASCII only, no
// leniency): what it accepts, and where each component starts. Decoding and libvirt's
// meaning of the parts come later.

import { suggestEncoding } from './encoding';
import type { UriPart } from './types';

/** A piece of the input, undecoded, with its offset. */
export interface Span {
  readonly raw: string;
  readonly offset: number;
}

export interface RawUri {
  readonly scheme: Span;
  /** Present when the URI has '//' after the scheme. */
  readonly authority?: {
    readonly user?: Span;
    /** Includes the brackets of an IP literal; raw '' when empty. */
    readonly host: Span;
    readonly port?: Span;
  };
  readonly path: Span;
  readonly query?: Span;
  readonly fragment?: Span;
}

export type GrammarError =
  | { kind: 'no-driver'; offset: number }
  | { kind: 'syntax'; part: UriPart; offset: number; length: number; message: string }
  | { kind: 'bad-user'; offset: number };

const isAlpha = (c: string): boolean => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isHex = (c: string): boolean => isDigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
const isUnreserved = (c: string): boolean => isAlpha(c) || isDigit(c) || (c !== '' && '-._~'.includes(c));
const isSubDelim = (c: string): boolean => c !== '' && "!$&'()*+,;=".includes(c);

/** Length of the pct-encoded triplet at i, or 0. */
const pctAt = (s: string, i: number): number =>
  s.charAt(i) === '%' && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2)) ? 3 : 0;

/** Length of the character at i when it belongs to the class, else 0. */
type CharClass = (s: string, i: number) => number;

const one = (test: (c: string) => boolean): CharClass => (s, i) => (test(s.charAt(i)) ? 1 : 0);
const or = (...classes: CharClass[]): CharClass => (s, i) => {
  for (const cls of classes) {
    const n = cls(s, i);
    if (n > 0) return n;
  }
  return 0;
};

const unreservedOrPct = or(one(isUnreserved), pctAt);
const userChar = or(unreservedOrPct, one(isSubDelim), one((c) => c === ':'));
const regNameChar = or(unreservedOrPct, one(isSubDelim));
const pchar = or(unreservedOrPct, one(isSubDelim), one((c) => c === ':' || c === '@'));
const pathChar = or(pchar, one((c) => c === '/'));
const queryChar = or(pchar, one((c) => c === '/' || c === '?'));
const fragmentChar = or(pchar, one((c) => c === '/' || c === '?' || c === '[' || c === ']'));

function scan(s: string, from: number, cls: CharClass): number {
  let i = from;
  for (let n = cls(s, i); n > 0; n = cls(s, i)) i += n;
  return i;
}

const PART_NAMES: Record<UriPart, string> = {
  scheme: 'the driver name', transport: 'the transport', user: 'the user name', host: 'the host',
  port: 'the port', path: 'the path', query: 'the parameters', fragment: 'the fragment',
};

/** An error for the character at i, which the grammar of `part` does not allow. */
function badChar(s: string, i: number, part: UriPart): GrammarError {
  const ch = String.fromCodePoint(s.codePointAt(i) ?? 0);
  if (ch === '%') {
    return {
      kind: 'syntax', part, offset: i, length: 1,
      message: `'%' at offset ${i} does not start a %XX escape; write a literal '%' as %25`,
    };
  }
  const code = ch.charCodeAt(0);
  const shown = ch === ' ' ? 'a space' : code < 0x20 || code === 0x7f ? 'a control character' : `'${ch}'`;
  return {
    kind: 'syntax', part, offset: i, length: ch.length,
    message: `${shown} at offset ${i} is not allowed in ${PART_NAMES[part]}; percent-encode it as ${suggestEncoding(ch)}`,
  };
}

/** Splits a URI the way libxml2 does, or says where it stops making sense. */
export function splitUri(s: string): { ok: true; raw: RawUri } | { ok: false; error: GrammarError } {
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ':'.
  let i = 0;
  if (!isAlpha(s.charAt(0))) return { ok: false, error: { kind: 'no-driver', offset: 0 } };
  i = scan(s, 1, one((c) => isAlpha(c) || isDigit(c) || c === '+' || c === '-' || c === '.'));
  if (s.charAt(i) !== ':') return { ok: false, error: { kind: 'no-driver', offset: i } };
  const scheme: Span = { raw: s.slice(0, i), offset: 0 };
  i += 1;

  let authority: RawUri['authority'];
  let path: Span;
  if (s.startsWith('//', i)) {
    i += 2;
    let user: Span | undefined;
    const userEnd = scan(s, i, userChar);
    if (s.charAt(userEnd) === '@') {
      // libxml2 unescapes a zero-length user with strlen(): it becomes the rest of the text.
      if (userEnd === i) return { ok: false, error: { kind: 'bad-user', offset: i } };
      user = { raw: s.slice(i, userEnd), offset: i };
      i = userEnd + 1;
    }
    const hostStart = i;
    if (s.charAt(i) === '[') {
      const close = s.indexOf(']', i + 1);
      if (close < 0) {
        return {
          ok: false,
          error: { kind: 'syntax', part: 'host', offset: i, length: s.length - i, message: `the '[' at offset ${i} opens an IPv6 address that no ']' closes` },
        };
      }
      i = close + 1;
    } else {
      i = scan(s, i, regNameChar);
    }
    const host: Span = { raw: s.slice(hostStart, i), offset: hostStart };
    let port: Span | undefined;
    if (s.charAt(i) === ':') {
      const portStart = i + 1;
      const portEnd = scan(s, portStart, one(isDigit));
      if (portEnd === portStart) {
        return {
          ok: false,
          error: {
            kind: 'syntax', part: 'port', offset: i, length: 1,
            message: `the ':' at offset ${i} must be followed by a port number; remove it to use the default port`,
          },
        };
      }
      port = { raw: s.slice(portStart, portEnd), offset: portStart };
      i = portEnd;
    }
    authority = { user, host, port };
    // path-abempty: nothing, or segments each starting with '/'.
    const pathStart = i;
    if (s.charAt(i) === '/') i = scan(s, i, pathChar);
    path = { raw: s.slice(pathStart, i), offset: pathStart };
    const next = s.charAt(i);
    if (next !== '' && next !== '?' && next !== '#') {
      const part: UriPart = pathStart === i ? (port !== undefined ? 'port' : 'host') : 'path';
      return { ok: false, error: badChar(s, i, part) };
    }
  } else {
    // path-absolute, path-rootless or path-empty.
    const pathStart = i;
    i = scan(s, i, pathChar);
    path = { raw: s.slice(pathStart, i), offset: pathStart };
  }

  let query: Span | undefined;
  if (s.charAt(i) === '?') {
    const start = i + 1;
    i = scan(s, start, queryChar);
    query = { raw: s.slice(start, i), offset: start };
  }
  let fragment: Span | undefined;
  if (s.charAt(i) === '#') {
    const start = i + 1;
    i = scan(s, start, fragmentChar);
    fragment = { raw: s.slice(start, i), offset: start };
  }
  if (i < s.length) {
    const part: UriPart = fragment !== undefined ? 'fragment' : query !== undefined ? 'query' : 'path';
    return { ok: false, error: badChar(s, i, part) };
  }

  return { ok: true, raw: { scheme, authority, path, query, fragment } };
}
