import { formatLibvirtUri, parseLibvirtUri, type Transport, type UriParam } from '../../../shared/uri';

export const HYPERVISORS = ['qemu', 'test', 'lxc', 'xen', 'libxl', 'ch', 'bhyve', 'vbox', 'vz'] as const;

/** '' is the local socket (no transport in the scheme). */
export const TRANSPORT_CHOICES: readonly { readonly value: Transport | ''; readonly label: string }[] = [
  { value: '', label: 'Local (unix socket)' },
  { value: 'ssh', label: 'SSH' },
  { value: 'libssh2', label: 'SSH (libssh2)' },
  { value: 'libssh', label: 'SSH (libssh)' },
  { value: 'tls', label: 'TLS' },
  { value: 'tcp', label: 'TCP (unencrypted)' },
  { value: 'unix', label: 'Unix socket (explicit)' },
  { value: 'ext', label: 'External command' },
];

export interface UriFields {
  readonly hypervisor: string;
  readonly transport: Transport | '';
  readonly user: string;
  readonly host: string;
  readonly port: string;
  readonly path: string;
  /** name=value pairs joined by '&', as in the URI itself. */
  readonly params: string;
}

export const INITIAL_FIELDS: UriFields = { hypervisor: 'qemu', transport: 'ssh', user: '', host: '', port: '', path: '/system', params: '' };

function splitParams(text: string): UriParam[] {
  return text.split('&').map((p) => p.trim()).filter((p) => p !== '').map((p) => {
    const eq = p.indexOf('=');
    return eq < 0 ? { name: p, value: '' } : { name: p.slice(0, eq), value: p.slice(eq + 1) };
  });
}

export type FieldsOutcome =
  | { readonly ok: true; readonly uri: string }
  | { readonly ok: false; readonly uri: string; readonly message: string };

/** The URI the fields make, and whether libvirt's grammar accepts it. */
export function uriFromFields(fields: UriFields): FieldsOutcome {
  const portText = fields.port.trim();
  const port = portText === '' ? undefined : Number(portText);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    return { ok: false, uri: '', message: 'The port is a number from 1 to 65535.' };
  }
  const uri = formatLibvirtUri({
    driver: fields.hypervisor.trim(),
    transport: fields.transport === '' ? undefined : fields.transport,
    user: fields.user.trim() === '' ? undefined : fields.user.trim(),
    host: fields.host.trim(),
    port,
    path: fields.path.trim(),
    params: splitParams(fields.params),
  });
  const parsed = parseLibvirtUri(uri);
  return parsed.ok ? { ok: true, uri } : { ok: false, uri, message: parsed.error.message };
}

/** The raw tab's check: null when libvirt would accept the text. */
export function rawUriError(text: string): string | null {
  if (text.trim() === '') return 'Enter a libvirt URI, such as qemu+ssh://root@host/system.';
  const parsed = parseLibvirtUri(text.trim());
  return parsed.ok ? null : parsed.error.message;
}
