import { formatLibvirtUri, parseLibvirtUri, type LibvirtUri, type Transport, type UriParam } from '../../../shared/uri';

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
  /** Query parameters in order, as rows of the dialog. */
  readonly params: readonly UriParam[];
}

export const INITIAL_FIELDS: UriFields = { hypervisor: 'qemu', transport: 'ssh', user: '', host: '', port: '', path: '/system', params: [] };

export type FieldsOutcome =
  | { readonly ok: true; readonly uri: string }
  | { readonly ok: false; readonly uri: string; readonly message: string };

/** The URI the fields make, and whether libvirt's grammar accepts it. */
export function uriFromFields(fields: UriFields): FieldsOutcome {
  const portText = fields.port.trim();
  const port = portText === '' ? undefined : Number(portText);
  if (port !== undefined && (!/^\d+$/.test(portText) || port > 65535)) {
    return { ok: false, uri: '', message: 'The port is a number from 0 to 65535 (empty for the transport\'s default).' };
  }
  const uri = formatLibvirtUri({
    driver: fields.hypervisor.trim(),
    transport: fields.transport === '' ? undefined : fields.transport,
    user: fields.user.trim() === '' ? undefined : fields.user.trim(),
    host: fields.host.trim(),
    port,
    path: fields.path.trim(),
    // A row with neither name nor value is one the person has not filled in yet.
    params: fields.params.filter((p) => p.name.trim() !== '' || p.value !== '').map((p) => ({ name: p.name.trim(), value: p.value })),
  });
  const parsed = parseLibvirtUri(uri);
  return parsed.ok ? { ok: true, uri } : { ok: false, uri, message: parsed.error.message };
}

/** The fields of a parsed URI; whether they say it exactly is for the caller to check. */
export function fieldsOfUri(uri: LibvirtUri): UriFields {
  return {
    hypervisor: uri.driver,
    transport: uri.transport ?? '',
    user: uri.user ?? '',
    host: uri.host ?? '',
    port: uri.port === undefined ? '' : String(uri.port),
    path: uri.path,
    params: uri.params.map((p) => ({ name: p.name, value: p.value })),
  };
}

/** The raw tab's check: null when libvirt would accept the text. */
export function rawUriError(text: string): string | null {
  if (text.trim() === '') return 'Enter a libvirt URI, such as qemu+ssh://root@host/system.';
  const parsed = parseLibvirtUri(text.trim());
  return parsed.ok ? null : parsed.error.message;
}
