// Percent-encoding as libvirt's stack does it, over UTF-8 bytes, with no TextEncoder or
// TextDecoder: shared/ is compiled without the DOM library and must run in both runtimes.

const HEX = '0123456789ABCDEF';

/** The UTF-8 bytes of a string; lone surrogates become U+FFFD as in TextEncoder. */
export function utf8Bytes(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return out;
}

/** Strict UTF-8 decoding: undefined for any malformed, overlong or surrogate sequence. */
export function utf8Decode(bytes: readonly number[]): string | undefined {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] ?? 0;
    let need: number;
    let cp: number;
    let min: number;
    if (b0 < 0x80) { out += String.fromCharCode(b0); i += 1; continue; }
    else if (b0 >= 0xc2 && b0 <= 0xdf) { need = 1; cp = b0 & 0x1f; min = 0x80; }
    else if (b0 >= 0xe0 && b0 <= 0xef) { need = 2; cp = b0 & 0x0f; min = 0x800; }
    else if (b0 >= 0xf0 && b0 <= 0xf4) { need = 3; cp = b0 & 0x07; min = 0x10000; }
    else return undefined;
    for (let k = 1; k <= need; k++) {
      const b = bytes[i + k];
      if (b === undefined || (b & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

export type DecodeResult =
  | { ok: true; value: string }
  | { ok: false; reason: 'nul' | 'utf8'; offset: number };

/**
 * Replaces every %XX by its byte and reads the bytes as UTF-8 (what xmlURIUnescapeString
 * does, except that libvirt keeps invalid bytes and cuts the string at %00: both are
 * refused here, since neither survives as text). The grammar has already checked that
 * each '%' starts a valid triplet; `offset` is where `raw` sits in the whole URI.
 */
export function percentDecode(raw: string, offset = 0): DecodeResult {
  if (!raw.includes('%')) return { ok: true, value: raw };
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x25 && /^[0-9A-Fa-f]{2}$/.test(raw.slice(i + 1, i + 3))) {
      const byte = parseInt(raw.slice(i + 1, i + 3), 16);
      if (byte === 0) return { ok: false, reason: 'nul', offset: offset + i };
      bytes.push(byte);
      i += 2;
    } else {
      bytes.push(...utf8Bytes(raw.charAt(i)));
    }
  }
  const value = utf8Decode(bytes);
  if (value === undefined) return { ok: false, reason: 'utf8', offset: offset + raw.indexOf('%') };
  return { ok: true, value };
}

function encodeWith(text: string, keep: (c: number) => boolean): string {
  let out = '';
  for (const b of utf8Bytes(text)) {
    if (b < 0x80 && keep(b)) out += String.fromCharCode(b);
    else out += '%' + HEX.charAt(b >> 4) + HEX.charAt(b & 0xf);
  }
  return out;
}

const isAlnum = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const inSet = (set: string) => (c: number): boolean => isAlnum(c) || set.includes(String.fromCharCode(c));

/** RFC 3986 unreserved only: what GLib's g_uri_escape_string keeps, and so libvirt for
 *  parameter values it forwards to the daemon. */
export const encodeParamValue = (text: string): string => encodeWith(text, inSet('-._~'));

/** What libxml2's xmlSaveUri leaves alone in a path: RFC 2396 unreserved plus / ; @ & = + $ ,
 *  (so ':' becomes %3A, as in libvirt's daemon-side names). */
export const encodePath = (text: string): string => encodeWith(text, inSet("-_.!~*'()/;@&=+$,"));

/** xmlSaveUri for a fragment: RFC 2396 unreserved and reserved characters stay. */
export const encodeFragment = (text: string): string => encodeWith(text, inSet("-_.!~*'();/?:@&=+$,[]"));

/** A user name for formatting: unreserved and sub-delims stay; ':' and '@' are encoded so
 *  the text reads back as the same single user name. */
export const encodeUser = (text: string): string => encodeWith(text, inSet("-._~!$&'()*+,;="));

/** A path for a URI the user will see: RFC 3986 pchar and '/' stay. */
export const encodePathReadable = (text: string): string => encodeWith(text, inSet("-._~!$&'()*+,;=:@/"));

/** A registered host name: unreserved and sub-delims stay. */
export const encodeHost = (text: string): string => encodeWith(text, inSet("-._~!$&'()*+,;="));

/** A parameter name for a URI the user will see: the query's separators ('&', ';', '=')
 *  and '#' are encoded, the rest stays readable. */
export const encodeParamName = (text: string): string => encodeWith(text, inSet("-._~!$'()*+,:@/?"));

/** A parameter value for a URI the user will see: as a name, but '=' may stay, since
 *  libvirt splits a parameter at its first '='. */
export const encodeParamValueReadable = (text: string): string =>
  encodeWith(text, inSet("-._~!$'()*+,:@/?="));

/** How to write one character that the grammar refused, for an error message. */
export const suggestEncoding = (ch: string): string => encodeWith(ch, () => false);
