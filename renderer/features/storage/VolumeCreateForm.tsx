import { useState } from 'react';
import { VOLUME_FORMATS, type VolumeFormat } from '../../../shared/new-vm/spec';
import { nameProblem } from '../../../shared/new-vm/validate';
import { ErrorText, shownError } from '../../components/ErrorText';
import type { AppError } from '../../../shared/errors';
import { call } from '../../ipc/client';

function isFormat(v: string): v is VolumeFormat {
  return (VOLUME_FORMATS as readonly string[]).includes(v);
}

/** A new volume: name, size in MiB, format; refused in words before main is asked where it can be. */
export function VolumeCreateForm({ connectionId, poolUuid, onChanged }: { readonly connectionId: string; readonly poolUuid: string; readonly onChanged: () => void }): React.JSX.Element {
  const [name, setName] = useState('');
  const [size, setSize] = useState('1024');
  const [format, setFormat] = useState<VolumeFormat>('qcow2');
  const [problem, setProblem] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form className="inline-form" data-testid="volume-create" noValidate onSubmit={(e) => {
      e.preventDefault();
      const bad = nameProblem(name, 'volume name');
      const mib = /^\d+$/.test(size.trim()) ? Number(size) : 0;
      if (bad !== null || mib < 1) {
        setProblem({ kind: 'invalid-argument', message: bad ?? 'the size must be a whole number of MiB, at least 1' });
        return;
      }
      setBusy(true);
      setProblem(null);
      call('volumes.create', connectionId, poolUuid, { name, capacityMiB: mib, format })
        .then(() => { setName(''); onChanged(); }, (error: unknown) => { setProblem(shownError(error)); })
        .finally(() => { setBusy(false); });
    }}>
      <label>New volume<input data-testid="volume-create-name" value={name} onChange={(e) => { setName(e.target.value); }} /></label>
      <label>Size (MiB)<input data-testid="volume-create-size" type="number" min={1} value={size} onChange={(e) => { setSize(e.target.value); }} /></label>
      <label>Format
        <select data-testid="volume-create-format" value={format} onChange={(e) => { const v = e.target.value; if (isFormat(v)) setFormat(v); }}>
          {VOLUME_FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
        </select>
      </label>
      <button type="submit" className="small" data-testid="volume-create-submit" disabled={busy}>Create</button>
      {problem !== null && <ErrorText error={problem} testId="volume-create-error" />}
    </form>
  );
}
