// Query parameters as libvirt reads them (virURIParseParams) and the ones its remote
// driver consumes (doRemoteOpen's EXTRACT_URI_ARG_* list).

import { percentDecode } from './encoding';
import type { Span } from './grammar';
import {
  CLIENT_PARAM_NAMES, KNOWN_HOSTS_VERIFY, REMOTE_MODES, SSH_AUTH_METHODS, SSH_PROXIES,
  type ClientParamName, type ClientParams, type KnownHostsVerify, type RemoteMode, type SshAuthMethod,
  type SshProxy, type UriError, type UriParam, type UriWarning,
} from './types';

/** A decoded parameter and where its text is. */
export interface LocatedParam extends UriParam {
  readonly offset: number;
  readonly length: number;
}

/** ASCII-only lower case, like libvirt's STRCASEEQ (no Unicode case folding). */
export const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

function decodeOrError(raw: string, offset: number): { ok: true; value: string } | { ok: false; error: UriError } {
  const decoded = percentDecode(raw, offset);
  if (decoded.ok) return decoded;
  return {
    ok: false,
    error: {
      kind: 'bad-encoding', part: 'query', offset: decoded.offset, length: 3,
      message: decoded.reason === 'nul'
        ? `%00 at offset ${decoded.offset} would cut the parameter short; remove it`
        : `the escapes at offset ${decoded.offset} are not UTF-8 text; encode the characters as UTF-8 bytes`,
    },
  };
}

/**
 * Splits a raw query like libvirt: a parameter ends at the next '&', or, only when no '&'
 * is left, at the next ';' (so `a=1;b=2&c=3` is a='1;b=2', c='3'). `name` alone means
 * name=''; `=value` and empty pieces are skipped.
 */
export function splitQuery(
  query: Span,
): { ok: true; params: LocatedParam[]; warnings: UriWarning[] } | { ok: false; error: UriError } {
  const q = query.raw;
  const params: LocatedParam[] = [];
  const warnings: UriWarning[] = [];
  let pos = 0;
  while (pos < q.length) {
    const amp = q.indexOf('&', pos);
    const semi = amp < 0 ? q.indexOf(';', pos) : -1;
    const end = amp >= 0 ? amp : semi >= 0 ? semi : q.length;
    let eq = q.indexOf('=', pos);
    if (eq >= end) eq = -1;
    // A lone '=' would make libvirt read the whole rest of the query as a name (libxml2
    // unescapes a zero length with strlen()); it is skipped here like '=value'.
    if (end > pos && eq !== pos) {
      const rawName = eq < 0 ? q.slice(pos, end) : q.slice(pos, eq);
      const name = decodeOrError(rawName, query.offset + pos);
      if (!name.ok) return name;
      let value = '';
      if (eq >= 0 && eq + 1 < end) {
        const decoded = decodeOrError(q.slice(eq + 1, end), query.offset + eq + 1);
        if (!decoded.ok) return decoded;
        value = decoded.value;
      }
      params.push({ name: name.value, value, offset: query.offset + pos, length: end - pos });
    } else if (eq === pos) {
      warnings.push({ kind: 'ignored-param', message: `'${q.slice(pos, end)}' has no name before '='; libvirt ignores it` });
    }
    pos = end + 1;
  }
  return { ok: true, params, warnings };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const isClientParam = (name: string): name is ClientParamName => (CLIENT_PARAM_NAMES as readonly string[]).includes(name);

/** virStrToLong_i with base 10 and no trailing text: optional white space and sign, digits,
 *  within a C int. */
function parseCInt(text: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)$/.exec(text);
  if (!m?.[1]) return undefined;
  const n = Number(m[1]);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

function badParam(p: LocatedParam, message: string): { ok: false; error: UriError } {
  return { ok: false, error: { kind: 'bad-param', part: 'query', offset: p.offset, length: p.length, param: p.name, message } };
}

const oneOf = (values: readonly string[]): string => values.join(', ');

export interface ConsumedParams {
  readonly client: ClientParams;
  readonly passThrough: readonly UriParam[];
  /** Where each consumed parameter was last given, for later errors. */
  readonly located: Readonly<Partial<Record<ClientParamName, LocatedParam>>>;
  readonly warnings: readonly UriWarning[];
}

/** Takes out the parameters the remote driver consumes, validating their values. */
export function consumeParams(params: readonly LocatedParam[]): { ok: true; consumed: ConsumedParams } | { ok: false; error: UriError } {
  const client: Mutable<ClientParams> = {};
  const passThrough: UriParam[] = [];
  const located: Partial<Record<ClientParamName, LocatedParam>> = {};
  const warnings: UriWarning[] = [];

  for (const p of params) {
    const key = asciiLower(p.name);
    if (!isClientParam(key)) {
      passThrough.push({ name: p.name, value: p.value });
      continue;
    }
    if (located[key] !== undefined) {
      warnings.push({ kind: 'duplicate-param', param: key, message: `'${key}' is given more than once; the last value, '${p.value}', is used` });
    }
    located[key] = p;
    switch (key) {
      case 'name': client.name = p.value; break;
      case 'command': client.command = p.value; break;
      case 'socket': client.socket = p.value; break;
      case 'auth': client.auth = p.value; break;
      case 'netcat': client.netcat = p.value; break;
      case 'keyfile': client.keyfile = p.value; break;
      case 'pkipath': client.pkipath = p.value; break;
      case 'known_hosts': client.knownHosts = p.value; break;
      case 'tls_priority': client.tlsPriority = p.value; break;
      case 'authfile': client.authfile = p.value; break;
      case 'known_hosts_verify': {
        // libvirt compares this one case-insensitively (STRCASEEQ).
        const v = asciiLower(p.value);
        if (!(KNOWN_HOSTS_VERIFY as readonly string[]).includes(v)) {
          return badParam(p, `unknown known_hosts_verify '${p.value}'; expected one of ${oneOf(KNOWN_HOSTS_VERIFY)}`);
        }
        client.knownHostsVerify = v as KnownHostsVerify;
        break;
      }
      case 'mode': {
        // remoteDriverModeTypeFromString is case-sensitive.
        if (!(REMOTE_MODES as readonly string[]).includes(p.value)) {
          return badParam(p, `unknown mode '${p.value}'; expected one of ${oneOf(REMOTE_MODES)} (lower case)`);
        }
        client.mode = p.value as RemoteMode;
        break;
      }
      case 'proxy': {
        if (!(SSH_PROXIES as readonly string[]).includes(p.value)) {
          return badParam(p, `unknown proxy '${p.value}'; expected one of ${oneOf(SSH_PROXIES)} (lower case)`);
        }
        client.proxy = p.value as SshProxy;
        break;
      }
      case 'sshauth': {
        const methods: SshAuthMethod[] = [];
        for (const item of p.value.split(',')) {
          const m = asciiLower(item);
          if (!(SSH_AUTH_METHODS as readonly string[]).includes(m)) {
            return badParam(p, `unknown SSH authentication method '${item}' in sshauth; expected a comma-separated list of ${oneOf(SSH_AUTH_METHODS)}`);
          }
          methods.push(m as SshAuthMethod);
        }
        client.sshauth = methods;
        break;
      }
      case 'no_sanity':
      case 'no_verify':
      case 'no_tty': {
        const n = parseCInt(p.value);
        if (n === undefined) return badParam(p, `${key} must be an integer (0 or 1), not '${p.value}'`);
        const flag = n !== 0;
        if (key === 'no_sanity') client.noSanity = flag;
        else if (key === 'no_verify') client.noVerify = flag;
        else client.noTty = flag;
        break;
      }
    }
  }
  return { ok: true, consumed: { client, passThrough, located, warnings } };
}
