/**
 * open(uri): from a libvirt URI to an open Connection. The URI picks the driver and the
 * transport; the daemon is asked to open the URI's daemon-side name (host, user, port and
 * client-only parameters removed), as libvirt's remote driver does.
 */
import { parseLibvirtUri, type LibvirtUri } from '../../shared/uri';
import { open } from './drivers/remote/open';
import type { Connection } from './driver/api';
import type { AuthOptions, OpenOptions } from './drivers/remote/options';
import { UnsupportedUriError, UriParseError } from './uri-errors';
import type { TransportTarget } from './transport';
import { transportTargetFor } from './transport/from-uri';

/** Everything open() takes but the daemon-side name, which the URI gives: timeouts,
 *  read-only, and the prompts that SSH and ext may need. */
export type OpenUriOptions = Omit<OpenOptions, 'name' | 'auth'> & {
  /** The URI gives host, user and authfile=; callers add a warning sink or a test environment. */
  readonly auth?: Partial<AuthOptions>;
};

/** The last URIs parsed, by text: the app opens the same few URIs again and again, and
 *  each parse (several µs warm, far more while the JIT is cold) would give the same result. */
const parsedUris = new Map<string, LibvirtUri>();
const PARSED_URIS_KEPT = 32;

/** Parses, or throws a UriParseError whose message says what is wrong and where. */
export function parseUriOrThrow(text: string): LibvirtUri {
  const known = parsedUris.get(text);
  if (known !== undefined) return known;
  const parsed = parseLibvirtUri(text);
  if (!parsed.ok) throw new UriParseError(text, parsed.error);
  // The parse is a pure function of the text, and its result is read-only.
  if (parsedUris.size >= PARSED_URIS_KEPT) parsedUris.clear();
  parsedUris.set(text, parsed.uri);
  return parsed.uri;
}

export async function openUri(text: string, options: OpenUriOptions = {}): Promise<Connection> {
  const uri = parseUriOrThrow(text);
  // No host and a driver we run in-process (test:///…): served here, as libvirt's client does.
  // Loaded on first use: its XML parser is dead weight for a connection to a daemon.
  if (uri.servedBy === 'embedded-test') return (await import('./drivers/test')).openEmbeddedTest(uri, { readOnly: options.readOnly });
  const target = transportTarget(uri, options.readOnly ?? false);
  // The auth file is looked up by the URI's host, as libvirt does ("localhost" without one).
  const auth: AuthOptions = {
    host: uri.host ?? 'localhost',
    ...(uri.user === undefined ? {} : { uriUser: uri.user }),
    ...(uri.client.authfile === undefined ? {} : { authFile: uri.client.authfile }),
    ...(options.auth?.environment === undefined ? {} : { environment: options.auth.environment }),
    ...(options.auth?.onWarning === undefined ? {} : { onWarning: options.auth.onWarning }),
  };
  return open(target, { ...options, name: uri.daemonName, auth });
}

/** Where the byte stream goes (transport/from-uri.ts), unless served in-process. */
function transportTarget(uri: LibvirtUri, readOnly: boolean): TransportTarget {
  if (uri.servedBy === 'embedded-test') {
    throw new UnsupportedUriError(uri.text, `${uri.text} is served in-process by the embedded test driver, not over a transport`);
  }
  return transportTargetFor(uri, readOnly);
}
