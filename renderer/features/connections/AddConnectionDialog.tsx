import { useState } from 'react';
import { errorMessage } from '../../components/format';
import { Modal } from '../../components/Modal';
import { actions } from '../../stores/store';
import { addConnection, startOpening } from './connection-commands';
import { INITIAL_FIELDS, rawUriError, uriFromFields, type UriFields } from './uri-fields';
import { UriFieldsEditor } from './UriFieldsEditor';

type Tab = 'fields' | 'raw';

/** Builds a URI from fields or takes one as text, checks it as you type, and adds the profile. */
export function AddConnectionDialog(): React.JSX.Element {
  const [tab, setTab] = useState<Tab>('fields');
  const [fields, setFields] = useState<UriFields>(INITIAL_FIELDS);
  const [raw, setRaw] = useState('');
  const [rawTouched, setRawTouched] = useState(false);
  const [name, setName] = useState('');
  const [autoconnect, setAutoconnect] = useState(true);
  const [reconnect, setReconnect] = useState(true);
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);

  const built = uriFromFields(fields);
  const rawError = rawUriError(raw);
  const uri = tab === 'fields' ? built.uri : raw.trim();
  const invalid = tab === 'fields' ? (built.ok ? null : built.message) : rawError;
  const cancel = (): void => { actions().closeDialog(); };

  const submit = (): void => {
    setRawTouched(true);
    if (invalid !== null || busy) return;
    setBusy(true);
    setSubmitError(null);
    addConnection({ uri, name: name.trim(), autoconnect, reconnect }).then(
      (profile) => {
        actions().closeDialog();
        actions().selectConnection(profile.id);
        startOpening(profile.id);
      },
      (e: unknown) => {
        setBusy(false);
        setSubmitError(errorMessage(e));
      },
    );
  };

  return (
    <Modal title="Add connection" testId="add-connection-dialog" onCancel={cancel} wide>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'fields'} data-testid="tab-fields" onClick={() => { setTab('fields'); }}>From fields</button>
          <button type="button" role="tab" aria-selected={tab === 'raw'} data-testid="tab-raw" onClick={() => { setTab('raw'); }}>URI</button>
        </div>
        {tab === 'fields'
          ? (
            <>
              <UriFieldsEditor fields={fields} onChange={setFields} />
              <p className="uri-preview">
                URI: <code data-testid="uri-preview">{built.uri === '' ? '—' : built.uri}</code>
              </p>
              {!built.ok && <p className="error" data-testid="uri-error">{built.message}</p>}
            </>
          )
          : (
            <label className="block">
              Libvirt URI
              <input
                data-testid="field-uri"
                value={raw}
                spellCheck={false}
                autoComplete="off"
                placeholder="qemu+ssh://root@host/system"
                aria-invalid={rawTouched && rawError !== null}
                onChange={(e) => {
                  setRaw(e.target.value);
                  setRawTouched(true);
                }}
              />
              {rawTouched && rawError !== null && <span className="error field-error" data-testid="uri-error">{rawError}</span>}
            </label>
          )}
        <label className="block">
          Display name
          <input data-testid="field-name" value={name} placeholder="defaults to the host name" onChange={(e) => { setName(e.target.value); }} />
        </label>
        <div className="checks">
          <label><input type="checkbox" data-testid="field-autoconnect" checked={autoconnect} onChange={(e) => { setAutoconnect(e.target.checked); }} /> Connect when Virtdeck starts</label>
          <label><input type="checkbox" data-testid="field-reconnect" checked={reconnect} onChange={(e) => { setReconnect(e.target.checked); }} /> Reconnect when the link is lost</label>
        </div>
        {submitError !== null && <p className="error" role="alert" data-testid="add-error">{submitError}</p>}
        <div className="dialog-buttons">
          <button type="button" data-testid="add-cancel" onClick={cancel}>Cancel</button>
          <button type="submit" className="primary" data-testid="add-submit" disabled={busy || invalid !== null}>Add and connect</button>
        </div>
      </form>
    </Modal>
  );
}
