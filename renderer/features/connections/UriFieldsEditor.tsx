import type { Transport, UriParam } from '../../../shared/uri';
import { HYPERVISORS, TRANSPORT_CHOICES, type UriFields } from './uri-fields';
import { helpFor, OFFERED_PARAMS } from './uri-param-help';

interface Props {
  readonly fields: UriFields;
  readonly onChange: (patch: Partial<UriFields>) => void;
}

function isTransport(value: string): value is Transport | '' {
  return TRANSPORT_CHOICES.some((c) => c.value === value);
}

/** The URI's parts, one control each, and its parameters as rows offered by name. */
export function UriFieldsEditor({ fields, onChange }: Props): React.JSX.Element {
  const local = fields.transport === '' || fields.transport === 'unix' || fields.transport === 'ext';
  const setParam = (index: number, next: UriParam | null): void => {
    const params = next === null ? fields.params.filter((_, i) => i !== index) : fields.params.map((p, i) => (i === index ? next : p));
    onChange({ params });
  };
  return (
    <div className="form-grid">
      <label>
        Hypervisor
        <input data-testid="field-hypervisor" value={fields.hypervisor} list="uri-hypervisors" spellCheck={false} onChange={(e) => { onChange({ hypervisor: e.target.value }); }} />
        <datalist id="uri-hypervisors">{HYPERVISORS.map((h) => <option key={h} value={h} />)}</datalist>
      </label>
      <label>
        Transport
        <select data-testid="field-transport" value={fields.transport} onChange={(e) => { if (isTransport(e.target.value)) onChange({ transport: e.target.value }); }}>
          {TRANSPORT_CHOICES.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
      </label>
      <label>
        User
        <input data-testid="field-user" value={fields.user} placeholder={local ? '' : 'root'} spellCheck={false} onChange={(e) => { onChange({ user: e.target.value }); }} />
      </label>
      <label>
        Host
        <input data-testid="field-host" value={fields.host} placeholder={local ? 'none: this machine' : 'host.example.org'} spellCheck={false} onChange={(e) => { onChange({ host: e.target.value }); }} />
      </label>
      <label>
        Port
        <input data-testid="field-port" value={fields.port} inputMode="numeric" placeholder="the transport's default" onChange={(e) => { onChange({ port: e.target.value }); }} />
      </label>
      <label>
        Path
        <input data-testid="field-path" value={fields.path} list="uri-paths" spellCheck={false} onChange={(e) => { onChange({ path: e.target.value }); }} />
        <datalist id="uri-paths">
          <option value="/system" />
          <option value="/session" />
          <option value="/default" />
        </datalist>
      </label>
      <fieldset className="span-2 params" data-testid="uri-params">
        <legend>Parameters</legend>
        {fields.params.map((p, i) => {
          const help = helpFor(p.name);
          return (
            <div className="param-row" key={i} data-testid="param-row">
              <input aria-label={`Parameter ${i + 1} name`} data-testid="param-name" value={p.name} list="uri-param-names" spellCheck={false} onChange={(e) => { setParam(i, { name: e.target.value, value: p.value }); }} />
              <input aria-label={`Parameter ${i + 1} value`} data-testid="param-value" value={p.value} placeholder={help?.example ?? ''} spellCheck={false} onChange={(e) => { setParam(i, { name: p.name, value: e.target.value }); }} />
              <button type="button" className="small" aria-label={`Remove parameter ${p.name === '' ? i + 1 : p.name}`} onClick={() => { setParam(i, null); }}>Remove</button>
              {help && <p className="param-help muted">{help.help}</p>}
            </div>
          );
        })}
        <datalist id="uri-param-names">{OFFERED_PARAMS.map((p) => <option key={p.name} value={p.name}>{p.help}</option>)}</datalist>
        <label className="param-add">
          Add a parameter
          <select
            data-testid="param-add"
            value=""
            onChange={(e) => {
              if (e.target.value === '') return;
              onChange({ params: [...fields.params, { name: e.target.value, value: '' }] });
            }}
          >
            <option value="">Choose…</option>
            {OFFERED_PARAMS.map((p) => <option key={p.name} value={p.name} title={p.help}>{p.name}: {p.help}</option>)}
          </select>
        </label>
      </fieldset>
    </div>
  );
}
