import * as Tabs from '@radix-ui/react-tabs';
import { useState } from 'react';
import type { AppError } from '../../../shared/errors';
import type { ConnectionProfile } from '../../../shared/model';
import { ErrorText, shownError } from '../../components/ErrorText';
import { Modal } from '../../components/Modal';
import { call } from '../../ipc/client';
import { actions } from '../../stores/store';
import { addConnection, startOpening, updateConnection } from './connection-commands';
import { TestConnectionResult, type TestOutcome } from './TestConnectionResult';
import { UriFieldsEditor } from './UriFieldsEditor';
import { editFields, editRaw, formForUri, formUri, INITIAL_FORM, type FieldsSync, type UriForm } from './uri-sync';

type Tab = 'fields' | 'raw';

function syncNote(sync: FieldsSync): string | null {
  switch (sync.kind) {
    case 'in-sync': return null;
    case 'raw-invalid':
    case 'fields-invalid':
    case 'not-expressible':
      return sync.message;
  }
}

/**
 * Adds a connection, or edits one (`editing`), from fields or raw URI text kept in step;
 * Test connection opens the URI once and closes it. A saved URI that changed reconnects.
 */
export function ConnectionDialog({ editing }: { readonly editing: ConnectionProfile | null }): React.JSX.Element {
  const [tab, setTab] = useState<Tab>(editing === null ? 'fields' : 'raw');
  const [form, setForm] = useState<UriForm>(() => (editing === null ? INITIAL_FORM : formForUri(editing.uri)));
  const [rawTouched, setRawTouched] = useState(editing !== null);
  const [name, setName] = useState(editing?.name ?? '');
  const [autoconnect, setAutoconnect] = useState(editing?.autoconnect ?? true);
  const [reconnect, setReconnect] = useState(editing?.reconnect ?? true);
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<AppError | null>(null);
  const [test, setTest] = useState<TestOutcome>({ kind: 'idle' });

  const target = formUri(form);
  const note = syncNote(form.sync);
  const cancel = (): void => { actions().closeDialog(); };

  const runTest = (): void => {
    if (!target.ok) return;
    const uri = target.uri;
    setTest({ kind: 'testing', uri });
    call('connections.test', uri).then(
      (host) => { setTest((t) => (t.kind === 'testing' && t.uri === uri ? { kind: 'passed', uri, host } : t)); },
      (e: unknown) => { setTest((t) => (t.kind === 'testing' && t.uri === uri ? { kind: 'failed', uri, error: shownError(e) } : t)); },
    );
  };

  const save = async (uri: string): Promise<void> => {
    const input = { uri, name: name.trim(), autoconnect, reconnect };
    if (editing === null) {
      const profile = await addConnection(input);
      actions().closeDialog();
      actions().selectConnection(profile.id);
      startOpening(profile.id);
      return;
    }
    await updateConnection(editing.id, input);
    actions().closeDialog();
    // Main closed the old link when the URI changed; open the new one in its place.
    if (uri !== editing.uri) startOpening(editing.id);
  };

  const submit = (): void => {
    setRawTouched(true);
    if (!target.ok || busy) return;
    setBusy(true);
    setSubmitError(null);
    save(target.uri).catch((e: unknown) => {
      setBusy(false);
      setSubmitError(shownError(e));
    });
  };

  const update = (next: UriForm): void => {
    setForm(next);
    if (test.kind !== 'idle') setTest({ kind: 'idle' });
  };

  return (
    <Modal title={editing === null ? 'Add connection' : `Edit ${editing.name}`} testId="add-connection-dialog" onCancel={cancel} wide>
      <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <Tabs.Root value={tab} onValueChange={(v) => { if (v === 'fields' || v === 'raw') setTab(v); }}>
          <Tabs.List className="tabs" aria-label="How to enter the URI">
            <Tabs.Trigger value="fields" data-testid="tab-fields">From fields</Tabs.Trigger>
            <Tabs.Trigger value="raw" data-testid="tab-raw">URI</Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="fields">
            <UriFieldsEditor fields={form.fields} onChange={(patch) => { update(editFields(form, patch)); }} />
          </Tabs.Content>
          <Tabs.Content value="raw">
            <label className="block">
              Libvirt URI
              <input
                data-testid="field-uri"
                value={form.raw}
                spellCheck={false}
                autoComplete="off"
                placeholder="qemu+ssh://root@host/system"
                aria-invalid={rawTouched && !target.ok}
                onChange={(e) => {
                  update(editRaw(form, e.target.value));
                  setRawTouched(true);
                }}
              />
            </label>
          </Tabs.Content>
        </Tabs.Root>
        <p className="uri-preview">
          URI: <code data-testid="uri-preview">{form.raw.trim() === '' ? '—' : form.raw.trim()}</code>
        </p>
        {note !== null && (rawTouched || form.sync.kind === 'fields-invalid') && (
          <p className={target.ok ? 'muted' : 'error'} data-testid={target.ok ? 'uri-sync-note' : 'uri-error'}>{note}</p>
        )}
        <label className="block">
          Display name
          <input data-testid="field-name" value={name} placeholder="defaults to the host name" onChange={(e) => { setName(e.target.value); }} />
        </label>
        <div className="checks">
          <label><input type="checkbox" data-testid="field-autoconnect" checked={autoconnect} onChange={(e) => { setAutoconnect(e.target.checked); }} /> Connect when Virtdeck starts</label>
          <label><input type="checkbox" data-testid="field-reconnect" checked={reconnect} onChange={(e) => { setReconnect(e.target.checked); }} /> Reconnect when the link is lost</label>
        </div>
        <TestConnectionResult outcome={test} />
        {submitError !== null && <ErrorText error={submitError} testId="add-error" />}
        <div className="dialog-buttons">
          <button type="button" data-testid="test-connection" disabled={!target.ok || test.kind === 'testing'} onClick={runTest}>Test connection</button>
          <span className="spacer" />
          <button type="button" data-testid="add-cancel" onClick={cancel}>Cancel</button>
          <button type="submit" className="primary" data-testid="add-submit" disabled={busy || !target.ok}>{editing === null ? 'Add and connect' : 'Save'}</button>
        </div>
      </form>
    </Modal>
  );
}
