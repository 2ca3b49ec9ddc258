import { useMemo, useState } from 'react';
import type { AppError } from '../../../shared/errors';
import type { DefinedDomain } from '../../../shared/model';
import { buildDomainXml } from '../../../shared/new-vm/domain-xml';
import { stepForDefineError } from '../../../shared/new-vm/target';
import { problemsAt, validateVmSpec, VM_STEPS, type VmStep } from '../../../shared/new-vm/validate';
import { ErrorText, shownError } from '../../components/ErrorText';
import { Modal } from '../../components/Modal';
import { LoadingOrError } from '../../components/StatusText';
import { useLoad } from '../../components/use-load';
import { XmlEditor } from '../../components/XmlEditor';
import { call } from '../../ipc/client';
import { actions } from '../../stores/store';
import { loadNewVmHost, type NewVmHost } from './load-new-vm-host';
import { defaultForm, formToSpec, newVolumeOf, type VmForm } from './vm-form';
import { NameStep, NetworkStep, OsStep, ResourcesStep, StorageStep, type StepProps } from './VmSteps';

const STEP_TITLES: Readonly<Record<VmStep, string>> = {
  name: 'Name and install source',
  os: 'Operating system',
  resources: 'CPU and memory',
  storage: 'Storage',
  network: 'Network and consoles',
  review: 'Review',
};

/** The New VM assistant: loads what it needs of the host, then walks the steps. */
export function NewVmDialog({ connectionId }: { readonly connectionId: string }): React.JSX.Element {
  const host = useLoad(connectionId, () => loadNewVmHost(connectionId));
  const close = (): void => { actions().closeDialog(); };
  return (
    <Modal title="New virtual machine" testId="new-vm" onCancel={close} wide>
      <LoadingOrError value={host} what="the host's limits, pools and networks" testId="new-vm-host" />
      {host.kind === 'ready' && (host.value.target === null
        ? <p className="error" role="alert">This host offers no hardware-virtualised (hvm) guest type, so no VM can be defined on it.</p>
        : <Assistant connectionId={connectionId} host={host.value} onClose={close} />)}
    </Modal>
  );
}

type StartOutcome = { readonly kind: 'started' } | { readonly kind: 'failed'; readonly error: AppError };

async function startDomain(connectionId: string, uuid: string): Promise<StartOutcome> {
  try {
    await call('domains.action', connectionId, uuid, 'start');
    return { kind: 'started' };
  } catch (error) {
    return { kind: 'failed', error: shownError(error) };
  }
}

/** A failure from libvirt, kept at the step it concerns. */
interface DefineFailure {
  readonly step: VmStep;
  readonly error: AppError;
}

function Assistant({ connectionId, host, onClose }: { readonly connectionId: string; readonly host: NewVmHost; readonly onClose: () => void }): React.JSX.Element {
  const [form, setForm] = useState<VmForm>(() => defaultForm(host.pools[0]?.name ?? '', host.networks[0]?.name ?? ''));
  const [step, setStep] = useState<VmStep>('name');
  /** The review's XML as edited; null: as built from the steps. Any change to a step drops edits. */
  const [editedXml, setEditedXml] = useState<string | null>(null);
  const [shownProblems, setShownProblems] = useState(false);
  const [failure, setFailure] = useState<DefineFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const spec = useMemo(() => formToSpec(form), [form]);
  const problems = useMemo(() => validateVmSpec(spec, host.limits), [spec, host.limits]);
  const target = host.target;
  const builtXml = useMemo(() => (target === null ? '' : buildDomainXml(spec, target)), [spec, target]);
  const index = VM_STEPS.indexOf(step);
  const here = problemsAt(problems, step);
  const change = (patch: Partial<VmForm>): void => {
    setForm((f) => ({ ...f, ...patch }));
    setEditedXml(null);
  };
  const go = (to: VmStep): void => {
    setShownProblems(false);
    setStep(to);
  };
  const next = (): void => {
    if (here.length > 0) {
      setShownProblems(true);
      return;
    }
    const after = VM_STEPS[index + 1];
    if (after !== undefined) go(after);
  };
  const create = async (): Promise<void> => {
    const firstBad = problems[0];
    if (firstBad !== undefined) {
      go(firstBad.step);
      setShownProblems(true);
      return;
    }
    setBusy(true);
    setFailure(null);
    let defined: DefinedDomain;
    try {
      defined = await call('domains.define', connectionId, editedXml ?? builtXml, newVolumeOf(spec));
    } catch (error) {
      const shown = shownError(error);
      const at = stepForDefineError(shown);
      setFailure({ step: at, error: shown });
      setStep(at);
      setBusy(false);
      return;
    }
    // The domain exists now, so the assistant is done whatever the start does: its details
    // open either way, on the console when it started, or saying why it did not.
    const started = form.startAfter ? await startDomain(connectionId, defined.uuid) : null;
    const console = started?.kind !== 'started' ? undefined : spec.serialConsole ? 'serial' as const : spec.vnc ? 'vnc' as const : undefined;
    actions().openDialog({
      kind: 'domain-details', connectionId, uuid: defined.uuid, name: defined.name,
      ...(console === undefined ? {} : { console }),
      ...(started?.kind === 'failed' ? { startError: started.error } : {}),
    });
  };
  const props: StepProps = { connectionId, host, form, change };
  return (
    <form
      // Our validation speaks in words at the step; the browser's own would block Enter silently.
      noValidate
      data-testid="new-vm-form"
      data-step={step}
      onSubmit={(e) => {
        e.preventDefault();
        if (step === 'review') void create();
        else next();
      }}
    >
      <ol className="steps" aria-label="Steps">
        {VM_STEPS.map((s, i) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} className={s === step ? 'step-current' : i < index ? 'step-done' : ''}>{STEP_TITLES[s]}</li>
        ))}
      </ol>
      <fieldset className="step-body" data-testid={`new-vm-step-${step}`}>
        <legend>{STEP_TITLES[step]}</legend>
        {step === 'name' && <NameStep {...props} />}
        {step === 'os' && <OsStep {...props} />}
        {step === 'resources' && <ResourcesStep {...props} />}
        {step === 'storage' && <StorageStep {...props} />}
        {step === 'network' && <NetworkStep {...props} />}
        {step === 'review' && (
          <>
            <p className="muted">The domain XML that will be defined. Edit it if you need to; changing an earlier step rebuilds it.</p>
            <XmlEditor initial={builtXml} label="Domain XML to define" onChange={setEditedXml} testId="new-vm-xml" />
            <div className="checks">
              <label><input type="checkbox" data-testid="newvm-start" checked={form.startAfter} onChange={(e) => { setForm((f) => ({ ...f, startAfter: e.target.checked })); }} /> Start after creation and open its console</label>
            </div>
          </>
        )}
      </fieldset>
      {shownProblems && here.length > 0 && (
        <ul className="error field-error" role="alert" data-testid="new-vm-problems">
          {here.map((p) => <li key={p.message}>{p.message}</li>)}
        </ul>
      )}
      {failure !== null && failure.step === step && <ErrorText error={failure.error} testId="new-vm-error" />}
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>Cancel</button>
        <button type="button" data-testid="new-vm-back" disabled={index === 0} onClick={() => { const before = VM_STEPS[index - 1]; if (before !== undefined) go(before); }}>Back</button>
        {step === 'review'
          ? <button type="submit" className="primary" data-testid="new-vm-create" disabled={busy}>{busy ? 'Creating…' : 'Create'}</button>
          : <button type="submit" className="primary" data-testid="new-vm-next">Next</button>}
      </div>
    </form>
  );
}
