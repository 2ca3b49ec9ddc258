// parseLibvirtUri: the grammar (libxml2), then what libvirt's connection code and its
// remote driver make of each part, refusing what they refuse, with a message that says
// what to change.

import { formatDaemonUri, sshHelperParams } from './format';
import { percentDecode } from './encoding';
import { splitUri, type GrammarError, type Span } from './grammar';
import { consumeParams, splitQuery, type LocatedParam } from './params';
import {
  DEFAULT_PORTS, SSH_TRANSPORTS, TRANSPORTS,
  type ClientParams, type LibvirtUri, type ParseResult, type ServedBy, type Transport, type UriError,
  type UriErrorKind, type UriParam, type UriPart, type UriWarning,
} from './types';

/** Drivers that libvirt's client library runs itself and that need a server (remoteOnly). */
const CLIENT_DRIVERS_WITH_SERVER: readonly string[] = ['esx', 'vpx', 'gsx', 'hyperv'];
/** Drivers that libvirt's client library runs itself for a hostless URI (localOnly). */
const CLIENT_DRIVERS_LOCAL: readonly string[] = ['openvz', 'vmwareplayer', 'vmwarews', 'vmwarefusion'];
/** virConnectCheckURIMissingSlash: drivers whose URIs always carry a path like /system. */
const PATH_DRIVERS: readonly string[] = ['qemu', 'vbox', 'vz'];

const fail = (
  kind: UriErrorKind, message: string, part: UriPart | undefined, offset: number, length: number, param?: string,
): { ok: false; error: UriError } => ({
  ok: false,
  error: param === undefined ? { kind, message, part, offset, length } : { kind, message, part, offset, length, param },
});

function grammarFailure(text: string, e: GrammarError): { ok: false; error: UriError } {
  switch (e.kind) {
    case 'no-driver': {
      const alias = /^[A-Za-z0-9_-]+$/.test(text);
      return fail('no-driver', alias
        ? `'${text}' names no driver; it looks like a libvirt.conf alias, which Virtdeck does not read: write the URI it stands for, e.g. qemu+ssh://root@${text}/system`
        : `'${text}' does not start with a driver name; write e.g. qemu:///system or qemu+ssh://user@host/system`, 'scheme', 0, Math.max(e.offset, 1));
    }
    case 'bad-user':
      return fail('bad-user', `the '@' at offset ${e.offset} has no user name before it; remove it, or write the user`, 'user', e.offset, 1);
    case 'syntax':
      return fail('syntax', e.message, e.part, e.offset, e.length);
  }
}

function decodePart(span: Span, part: UriPart): { ok: true; value: string } | { ok: false; error: UriError } {
  const d = percentDecode(span.raw, span.offset);
  if (d.ok) return d;
  return fail('bad-encoding', d.reason === 'nul'
    ? `%00 at offset ${d.offset} would cut the text short; remove it`
    : `the escapes at offset ${d.offset} are not UTF-8 text; encode characters as UTF-8 bytes`, part, d.offset, 3);
}

function decodeHost(span: Span): { ok: true; host: string | undefined; ipv6: boolean } | { ok: false; error: UriError } {
  if (span.raw === '') return { ok: true, host: undefined, ipv6: false };
  const bracketed = span.raw.startsWith('[');
  const inner = bracketed ? { raw: span.raw.slice(1, -1), offset: span.offset + 1 } : span;
  const d = decodePart(inner, 'host');
  if (!d.ok) return d;
  if (!bracketed) return { ok: true, host: d.value, ipv6: false };
  // libvirt strips the brackets only when the text has a ':' and otherwise asks the
  // resolver for "[name]", which fails: refuse it here, with the reason.
  const [address = '', zone] = d.value.split(/%(.*)/s);
  if (!address.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(address) || zone === '') {
    return fail('bad-host', `'${span.raw}' is not an IPv6 address; brackets are only for IPv6 (write [2001:db8::1]), a host name goes without them`, 'host', span.offset, span.raw.length);
  }
  return { ok: true, host: d.value, ipv6: true };
}

function splitScheme(text: string, scheme: Span, host: string | undefined):
  { ok: true; driver: string; transport: Transport | undefined } | { ok: false; error: UriError } {
  const plus = scheme.raw.indexOf('+');
  if (plus < 0) return { ok: true, driver: scheme.raw, transport: undefined };
  const driver = scheme.raw.slice(0, plus);
  const written = scheme.raw.slice(plus + 1);
  const lower = written.toLowerCase();
  const transport = TRANSPORTS.find((t) => t === lower);
  if (transport === undefined) {
    return fail('unknown-transport', `unknown transport '${written}' in ${text}; expected one of ${TRANSPORTS.join(', ')}`, 'transport', plus + 1, written.length);
  }
  if (transport === 'unix' && host !== undefined) {
    return fail('unix-with-host', `the unix transport only reaches this machine, but the URI names host '${host}'; remove the host, or use ssh or tls to reach it`, 'transport', plus + 1, written.length);
  }
  return { ok: true, driver, transport };
}

/** Checks between parameters and transport that libvirt makes while opening. */
function checkCombination(
  transport: Transport, client: ClientParams, located: Partial<Record<string, LocatedParam>>, text: string,
): { ok: false; error: UriError } | undefined {
  const at = (name: string): [number, number] => {
    const p = located[name];
    return p === undefined ? [0, text.length] : [p.offset, p.length];
  };
  if (transport === 'ext' && client.command === undefined) {
    return fail('missing-param', "the ext transport runs a program: add command=/path/to/program", 'query', text.length, 0, 'command');
  }
  if (SSH_TRANSPORTS.includes(transport)) {
    if (client.proxy === 'native' && client.netcat !== undefined) {
      return fail('conflict', 'netcat cannot be used with proxy=native (virt-ssh-helper); remove one of them', 'query', ...at('netcat'), 'netcat');
    }
    if (client.mode === 'direct' && client.socket === undefined) {
      return fail('conflict', `mode=direct only works over unix; over ${transport}, give socket=/path/to/the/daemon/socket or remove mode`, 'query', ...at('mode'), 'mode');
    }
  }
  return undefined;
}

/** Parses and validates a libvirt connection URI. Never throws. */
export function parseLibvirtUri(text: string): ParseResult {
  if (text.trim() === '') {
    return fail('empty', 'the URI is empty; write e.g. qemu:///system, or qemu+ssh://user@host/system', undefined, 0, text.length);
  }
  const split = splitUri(text);
  if (!split.ok) return grammarFailure(text, split.error);
  const raw = split.raw;
  const scheme = raw.scheme.raw;
  const warnings: UriWarning[] = [];

  // Authority.
  let user: string | undefined;
  let host: string | undefined;
  let hostIsIPv6 = false;
  let port: number | undefined;
  if (raw.authority !== undefined) {
    const a = raw.authority;
    if (a.user !== undefined) {
      const d = decodePart(a.user, 'user');
      if (!d.ok) return d;
      user = d.value;
      if (user.includes(':')) {
        warnings.push({ kind: 'password-in-user', message: `libvirt passes '${user}' whole as the user name; it has no password field: leave the password out and let Virtdeck ask for it` });
      }
    }
    const h = decodeHost(a.host);
    if (!h.ok) return h;
    host = h.host;
    hostIsIPv6 = h.ipv6;
    if (a.port !== undefined) {
      const n = Number(a.port.raw);
      if (n > 65535) {
        return fail('bad-port', `port ${a.port.raw} is out of range; a port is 1 to 65535 (or leave it out for the default)`, 'port', a.port.offset, a.port.raw.length);
      }
      if (host === undefined) {
        warnings.push({ kind: 'port-ignored', message: `port ${a.port.raw} is ignored without a host (libvirt then uses localhost and the default port); add the host, e.g. localhost:${a.port.raw}` });
      } else {
        port = n;
      }
    }
  }

  if (host !== undefined && PATH_DRIVERS.includes(scheme) && (host === 'system' || host === 'session')) {
    const start = raw.authority?.host.offset ?? 0;
    return fail('missing-slash', `'${host}' is read as a host name; maybe you want ${scheme}:///${host}`, 'host', start, host.length);
  }

  const path = decodePart(raw.path, 'path');
  if (!path.ok) return path;
  let fragment: string | undefined;
  if (raw.fragment !== undefined) {
    const f = decodePart(raw.fragment, 'fragment');
    if (!f.ok) return f;
    fragment = f.value;
  }

  let located: LocatedParam[] = [];
  if (raw.query !== undefined) {
    const q = splitQuery(raw.query);
    if (!q.ok) return q;
    located = q.params;
    warnings.push(...q.warnings);
  }
  const params: UriParam[] = located.map((p) => ({ name: p.name, value: p.value }));

  // Who serves it. libvirt matches these schemes exactly, case included.
  let servedBy: ServedBy = 'daemon';
  if (scheme === 'test' && host === undefined) servedBy = 'embedded-test';
  else if (CLIENT_DRIVERS_WITH_SERVER.includes(scheme)) {
    if (host === undefined) {
      return fail('missing-host', `the ${scheme} driver talks to a server: add its host, e.g. ${scheme}://server.example.com/`, 'host', raw.path.offset, 0);
    }
    servedBy = 'client-driver';
  } else if (CLIENT_DRIVERS_LOCAL.includes(scheme) && host === undefined) servedBy = 'client-driver';

  const parts = splitScheme(text, raw.scheme, host);
  if (!parts.ok) return parts;
  const { driver, transport } = parts;
  const effectiveTransport: Transport = transport ?? (host === undefined ? 'unix' : 'tls');
  const effectivePort = port === undefined || port === 0 ? DEFAULT_PORTS[effectiveTransport] : port;

  if (servedBy === 'embedded-test') {
    // testConnectOpen: an empty path or '/' names no host definition.
    if (path.value === '' || path.value === '/') {
      return fail('bad-path', 'the test driver needs a path: test:///default for its built-in host, or test:///absolute/path/to/host.xml', 'path', raw.path.offset, raw.path.raw.length);
    }
  }

  // The remote driver consumes its parameters; the other drivers see them all.
  let client: ClientParams = {};
  let passThrough: readonly UriParam[] = params;
  let daemonName: string;
  let sshHelperUri: string;
  if (servedBy === 'daemon') {
    const consumed = consumeParams(located);
    if (!consumed.ok) return consumed;
    ({ client, passThrough } = consumed.consumed);
    warnings.push(...consumed.consumed.warnings);
    const bad = checkCombination(effectiveTransport, client, consumed.consumed.located, text);
    if (bad !== undefined) return bad;
    if (client.name !== undefined) {
      daemonName = client.name;
      sshHelperUri = client.name;
    } else if (scheme === 'remote' || scheme.startsWith('remote+')) {
      // The daemon picks its default driver.
      daemonName = '';
      sshHelperUri = '';
    } else {
      daemonName = formatDaemonUri(driver, path.value, passThrough, fragment);
      sshHelperUri = formatDaemonUri(driver, path.value, sshHelperParams(params), fragment);
    }
    if (driver === 'qemu' && client.name === undefined && path.value !== '/system' && path.value !== '/session') {
      warnings.push({ kind: 'qemu-path', message: `the QEMU driver serves /system or /session, not '${path.value}'; the daemon will refuse it` });
    }
  } else {
    daemonName = formatDaemonUri(driver, path.value, params, fragment);
    sshHelperUri = daemonName;
  }

  return {
    ok: true,
    uri: {
      text, scheme, driver, transport, effectiveTransport, user, host, hostIsIPv6, port, effectivePort,
      path: path.value, fragment, params, client, passThrough, isRemote: host !== undefined, servedBy,
      daemonName, sshHelperUri, warnings,
    } satisfies LibvirtUri,
  };
}
