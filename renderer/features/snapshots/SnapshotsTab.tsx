import { useState } from 'react';
import type { AppError } from '../../../shared/errors';
import type { DomainStateName, SnapshotSummary } from '../../../shared/model';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText, shownError } from '../../components/ErrorText';
import { LoadingOrError } from '../../components/StatusText';
import { useLoad } from '../../components/use-load';
import { call } from '../../ipc/client';
import { snapshotRows } from './snapshot-tree';

type Confirming = { readonly kind: 'revert' | 'delete'; readonly snapshot: SnapshotSummary } | null;

/** A domain's snapshots as a tree, the current one marked; take, revert to and delete them. */
export function SnapshotsTab({ connectionId, uuid, state }: { readonly connectionId: string; readonly uuid: string; readonly state: DomainStateName | undefined }): React.JSX.Element {
  const [generation, setGeneration] = useState(0);
  const reload = (): void => { setGeneration((g) => g + 1); };
  const list = useLoad(`${connectionId}/${uuid}/${generation}`, () => call('snapshots.list', connectionId, uuid));
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [withMemory, setWithMemory] = useState(true);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const running = state === 'running';
  const run = (work: Promise<unknown>): void => {
    setProblem(null);
    work.then(reload, (error: unknown) => { setProblem(shownError(error)); });
  };
  return (
    <div data-testid="snapshots">
      <LoadingOrError value={list} what="snapshots" testId="snapshots" />
      {list.kind === 'ready' && (list.value.length === 0
        ? <p className="muted" data-testid="snapshots-empty">No snapshots of this domain.</p>
        : (
          <ul className="snapshot-tree" role="tree" aria-label="Snapshots">
            {snapshotRows(list.value).map(({ snapshot: s, depth }) => (
              <li key={s.name} role="treeitem" aria-level={depth + 1} aria-selected={s.current} data-testid="snapshot-row" data-snapshot={s.name} data-current={s.current} style={{ marginLeft: `${depth * 18}px` }}>
                <strong>{s.name}</strong>
                {s.current && <span className="badge badge-running" data-testid="snapshot-current"> current</span>}
                <span className="muted"> {new Date(s.createdAt * 1000).toLocaleString()} · {s.state}{s.hasMemory ? ' · with memory' : ''}</span>
                {s.description !== '' && <span> — {s.description}</span>}
                {' '}
                <button type="button" className="small" data-testid="snapshot-revert" onClick={() => { setConfirming({ kind: 'revert', snapshot: s }); }}>Revert</button>
                <button type="button" className="small danger-outline" data-testid="snapshot-delete" onClick={() => { setConfirming({ kind: 'delete', snapshot: s }); }}>Delete</button>
              </li>
            ))}
          </ul>
        ))}
      <form className="inline-form" data-testid="snapshot-create" onSubmit={(e) => {
        e.preventDefault();
        run(call('snapshots.create', connectionId, uuid, { name: name.trim(), description, withMemory: running && withMemory }).then(() => { setName(''); setDescription(''); }));
      }}>
        <label>Snapshot name<input data-testid="snapshot-name" value={name} onChange={(e) => { setName(e.target.value); }} /></label>
        <label>Description<input data-testid="snapshot-description" value={description} onChange={(e) => { setDescription(e.target.value); }} /></label>
        {running && <label className="checks"><input type="checkbox" data-testid="snapshot-memory" checked={withMemory} onChange={(e) => { setWithMemory(e.target.checked); }} /> With memory</label>}
        {running && !withMemory && (
          // A running domain's snapshot without memory can only be external: say what that means before it is made.
          <p className="muted" data-testid="snapshot-disk-only-note">
            Without memory, the snapshot of a running domain is disk-only and external: libvirt puts an overlay file beside each disk,
            and older libvirt (9.0, Debian 12's) cannot revert to it.
          </p>
        )}
        <button type="submit" className="small" data-testid="snapshot-create-submit">Take snapshot</button>
      </form>
      {problem !== null && <ErrorText error={problem} testId="snapshot-error" />}
      {confirming !== null && (
        <ConfirmDialog
          title={confirming.kind === 'revert' ? 'Revert to snapshot?' : 'Delete snapshot?'}
          message={confirming.kind === 'revert'
            ? `Revert to "${confirming.snapshot.name}"? What changed in the domain since then is lost.`
            : `Delete snapshot "${confirming.snapshot.name}"? Its children stay, attached to its parent.`}
          confirmLabel={confirming.kind === 'revert' ? 'Revert' : 'Delete snapshot'}
          onCancel={() => { setConfirming(null); }}
          onConfirm={() => {
            const { kind, snapshot } = confirming;
            setConfirming(null);
            run(kind === 'revert' ? call('snapshots.revert', connectionId, uuid, snapshot.name) : call('snapshots.delete', connectionId, uuid, snapshot.name));
          }}
        />
      )}
    </div>
  );
}
