// libvirt connection URIs: parse, validate and format them as libvirt does, for both the
// main process and the renderer (no Node, no DOM). The parts live in shared/uri/.
//
// A hand-written parser, not WHATWG URL or an RFC 3986 library: libvirt reads URIs with
// libxml2, whose grammar differs from both (an empty port is an error, brackets hold any
// text, '[' is refused in a query, a port without a host is dropped, ';' separates
// parameters only after the last '&'), and the daemon-side name must be re-encoded byte
// for byte as libvirt does it.

export { parseLibvirtUri } from './uri/parse';
export { formatLibvirtUri, type UriParts } from './uri/format';
export {
  CLIENT_PARAM_NAMES, DEFAULT_PORTS, DEFAULT_TCP_PORT, DEFAULT_TLS_PORT, KNOWN_HOSTS_VERIFY, REMOTE_MODES, SSH_AUTH_METHODS, SSH_PROXIES,
  SSH_TRANSPORTS, TRANSPORTS,
  type ClientParamName, type ClientParams, type KnownHostsVerify, type LibvirtUri, type ParseResult,
  type RemoteMode, type ServedBy, type SshAuthMethod, type SshProxy, type Transport, type UriError,
  type UriErrorKind, type UriParam, type UriPart, type UriWarning, type UriWarningKind,
} from './uri/types';
