/**
 * open(uri): from a libvirt URI to an open Connection. The URI picks the driver and the
 * transport; the daemon is asked to open the URI's daemon-side name (host, user, port and
 * client-only parameters removed), as libvirt's remote driver does.
 */
import { existsSync } from 'node:fs';
import { parseLibvirtUri, unixSocketPlan, type LibvirtUri } from '../../shared/uri';
import { open } from './connection/open';
import { openEmbeddedTest } from './drivers/test';
import type { Connection } from './connection/api';
import type { ConnectionOptions } from './connection/options';
import { UnsupportedUriError, UriParseError } from './uri-errors';
import type { TransportTarget } from './transport';

export interface OpenUriOptions extends ConnectionOptions {
  /** Deadline for the transport to connect. Default 10 s. */
  readonly connectTimeoutMs?: number;
}

/** Parses, or throws a UriParseError whose message says what is wrong and where. */
export function parseUriOrThrow(text: string): LibvirtUri {
  const parsed = parseLibvirtUri(text);
  if (!parsed.ok) throw new UriParseError(text, parsed.error);
  return parsed.uri;
}

export async function openUri(text: string, options: OpenUriOptions = {}): Promise<Connection> {
  const uri = parseUriOrThrow(text);
  // No host and a driver we run in-process (test:///…): served here, as libvirt's client does.
  if (uri.servedBy === 'embedded-test') return openEmbeddedTest(uri, { readOnly: options.readOnly });
  const target = transportTarget(uri, options.readOnly ?? false);
  return open(target, { ...options, name: uri.daemonName });
}

/** Where the byte stream goes. The transports issue adds tls, ssh and ext. */
function transportTarget(uri: LibvirtUri, readOnly: boolean): TransportTarget {
  if (uri.servedBy === 'embedded-test') {
    throw new UnsupportedUriError(uri.text, `${uri.text} is served in-process by the embedded test driver, not over a transport`);
  }
  switch (uri.effectiveTransport) {
    case 'unix':
      return { kind: 'unix', path: localSocket(uri, readOnly) };
    case 'tcp':
      return { kind: 'tcp', host: uri.host ?? 'localhost', port: uri.effectivePort ?? 16509 };
    case 'tls':
    case 'ssh':
    case 'libssh':
    case 'libssh2':
    case 'ext':
      throw new UnsupportedUriError(uri.text, `the ${uri.effectiveTransport} transport is not supported yet`);
  }
}

/** The daemon's socket on this machine: socket=, else the first default that exists. */
function localSocket(uri: LibvirtUri, readOnly: boolean): string {
  const isRoot = process.getuid?.() === 0;
  const runtimeDir = process.env.XDG_RUNTIME_DIR || `${process.env.HOME ?? ''}/.cache`;
  const plan = unixSocketPlan(uri, { isRoot, readOnly, runtimeDir });
  if (!plan.ok) throw new UnsupportedUriError(uri.text, plan.message);
  const [first] = plan.candidates;
  if (first === undefined) throw new UnsupportedUriError(uri.text, `no unix socket is known for ${uri.text}`);
  // With mode=auto libvirt takes the driver's own daemon when its socket exists.
  return (plan.candidates.find((c) => existsSync(c.path)) ?? first).path;
}
