// Building URI text: from fields (the Add Connection dialog's preview) and the daemon-side
// name that libvirt's remote driver sends in CONNECT_OPEN (remoteConnectFormatURI).

import {
  encodeFragment, encodeHost, encodeParamName, encodeParamValue, encodeParamValueReadable, encodePath,
  encodePathReadable, encodeUser,
} from './encoding';
import { asciiLower } from './params';
import { CLIENT_PARAM_NAMES, type Transport, type UriParam } from './types';

/** The fields of a URI. A parsed LibvirtUri is one, so `formatLibvirtUri(uri)` gives its
 *  canonical text. */
export interface UriParts {
  /** The scheme without transport, e.g. 'qemu'. */
  readonly driver: string;
  readonly transport?: Transport | undefined;
  readonly user?: string | undefined;
  /** A name, an IPv4 address, or an IPv6 address without brackets. */
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  /** '/system', '/default', '/abs/file.xml' or ''. A missing leading '/' is added. */
  readonly path?: string | undefined;
  readonly params?: readonly UriParam[] | undefined;
  readonly fragment?: string | undefined;
}

function formatHost(host: string): string {
  // As virURIFormat: a host with ':' is an IPv6 address and goes in brackets. Inside them
  // only a zone's '%' needs escaping.
  return host.includes(':') ? `[${host.replace(/%/g, '%25')}]` : encodeHost(host);
}

/**
 * Writes a URI from fields. Every character that the grammar would refuse or read
 * differently is percent-encoded, so that parseLibvirtUri gives the same fields back.
 * A port without a host is left out, since libvirt ignores it. The result is not
 * validated: parse it to know whether libvirt would accept it.
 */
export function formatLibvirtUri(parts: UriParts): string {
  const scheme = parts.transport === undefined ? parts.driver : `${parts.driver}+${parts.transport}`;
  const user = parts.user === undefined ? '' : `${encodeUser(parts.user)}@`;
  const host = parts.host === undefined || parts.host === '' ? '' : formatHost(parts.host);
  const port = host !== '' && parts.port !== undefined ? `:${parts.port}` : '';
  const rawPath = parts.path ?? '';
  const path = rawPath === '' || rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
  const params = parts.params ?? [];
  const query = params.length === 0
    ? ''
    : `?${params.map((p) => `${encodeParamName(p.name)}=${encodeParamValueReadable(p.value)}`).join('&')}`;
  const fragment = parts.fragment === undefined ? '' : `#${encodeFragment(parts.fragment)}`;
  return `${scheme}://${user}${host}${port}${encodePathReadable(path)}${query}${fragment}`;
}

/**
 * The text libvirt builds for the far side: the driver as scheme, no authority, the path,
 * the given parameters with their values encoded as GLib does (names are copied as they
 * are, as libvirt does), and the fragment.
 */
export function formatDaemonUri(driver: string, path: string, params: readonly UriParam[], fragment: string | undefined): string {
  const query = params.length === 0 ? '' : `?${params.map((p) => `${p.name}=${encodeParamValue(p.value)}`).join('&')}`;
  const frag = fragment === undefined ? '' : `#${encodeFragment(fragment)}`;
  return `${driver}://${encodePath(path)}${query}${frag}`;
}

/** Parameters libvirt keeps for virt-ssh-helper although it consumes them. */
const KEPT_FOR_SSH_HELPER: readonly string[] = ['mode', 'socket'];

/** The parameters forwarded in the URI given to virt-ssh-helper, in their order. */
export function sshHelperParams(params: readonly UriParam[]): UriParam[] {
  return params.filter((p) => {
    const key = asciiLower(p.name);
    return !(CLIENT_PARAM_NAMES as readonly string[]).includes(key) || KEPT_FOR_SSH_HELPER.includes(key);
  });
}
