import type { Transport } from '../../../shared/uri';
import { HYPERVISORS, TRANSPORT_CHOICES, type UriFields } from './uri-fields';

interface Props {
  readonly fields: UriFields;
  readonly onChange: (fields: UriFields) => void;
}

function isTransport(value: string): value is Transport | '' {
  return TRANSPORT_CHOICES.some((c) => c.value === value);
}

/** The URI's parts, one control each; the dialog shows the URI they make. */
export function UriFieldsEditor({ fields, onChange }: Props): React.JSX.Element {
  const local = fields.transport === '' || fields.transport === 'unix';
  const set = (patch: Partial<UriFields>): void => { onChange({ ...fields, ...patch }); };
  return (
    <div className="form-grid">
      <label>
        Hypervisor
        <select data-testid="field-hypervisor" value={fields.hypervisor} onChange={(e) => { set({ hypervisor: e.target.value }); }}>
          {HYPERVISORS.map((h) => <option key={h} value={h}>{h}</option>)}
        </select>
      </label>
      <label>
        Transport
        <select data-testid="field-transport" value={fields.transport} onChange={(e) => { if (isTransport(e.target.value)) set({ transport: e.target.value }); }}>
          {TRANSPORT_CHOICES.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
      </label>
      <label>
        User
        <input data-testid="field-user" value={fields.user} disabled={local} placeholder={local ? '' : 'root'} onChange={(e) => { set({ user: e.target.value }); }} />
      </label>
      <label>
        Host
        <input data-testid="field-host" value={fields.host} disabled={local} placeholder={local ? '' : 'host.example.org'} onChange={(e) => { set({ host: e.target.value }); }} />
      </label>
      <label>
        Port
        <input data-testid="field-port" value={fields.port} disabled={local} inputMode="numeric" placeholder="default" onChange={(e) => { set({ port: e.target.value }); }} />
      </label>
      <label>
        Path
        <input data-testid="field-path" value={fields.path} list="uri-paths" onChange={(e) => { set({ path: e.target.value }); }} />
        <datalist id="uri-paths">
          <option value="/system" />
          <option value="/session" />
          <option value="/default" />
        </datalist>
      </label>
      <label className="span-2">
        Extra parameters
        <input data-testid="field-params" value={fields.params} placeholder="keyfile=/home/me/.ssh/id_ed25519&amp;no_verify=1" onChange={(e) => { set({ params: e.target.value }); }} />
      </label>
    </div>
  );
}
