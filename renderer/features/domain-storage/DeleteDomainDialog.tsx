import { useState } from 'react';
import type { AppError } from '../../../shared/errors';
import type { DomainDeletion } from '../../../shared/model';
import { ErrorText, shownError } from '../../components/ErrorText';
import { Modal } from '../../components/Modal';
import { LoadingOrError } from '../../components/StatusText';
import { useLoad } from '../../components/use-load';
import { call } from '../../ipc/client';
import { actions } from '../../stores/store';

type Phase =
  | { readonly kind: 'choosing' }
  | { readonly kind: 'deleting' }
  | { readonly kind: 'failed'; readonly error: AppError }
  | { readonly kind: 'done'; readonly result: DomainDeletion };

/**
 * Delete a domain, and with it the volumes the person ticks (each of its disks that is a
 * pool volume is listed; CD-ROMs start unticked, as an ISO is usually shared). The outcome
 * lists any volume that could not be deleted.
 */
export function DeleteDomainDialog({ connectionId, uuid, name }: { readonly connectionId: string; readonly uuid: string; readonly name: string }): React.JSX.Element {
  const disks = useLoad(`${connectionId}/${uuid}`, () => call('domains.disks', connectionId, uuid));
  const [unticked, setUnticked] = useState<ReadonlySet<string> | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'choosing' });
  const close = (): void => { actions().closeDialog(); };
  const deletable = disks.kind === 'ready' ? disks.value.filter((d) => d.volume !== null && d.path !== null) : [];
  const off = unticked ?? new Set(deletable.filter((d) => d.device !== 'disk' || d.readonly).flatMap((d) => (d.path === null ? [] : [d.path])));
  const chosen = deletable.flatMap((d) => (d.path !== null && !off.has(d.path) ? [d.path] : []));
  return (
    <Modal title={`Delete ${name}`} testId="delete-domain-dialog" onCancel={close}>
      {phase.kind === 'done'
        ? (
          <div data-testid="delete-result">
            <p>{name} was deleted{phase.result.deletedVolumes.length > 0 ? `, with ${phase.result.deletedVolumes.length} volume(s)` : ''}.</p>
            {phase.result.failedVolumes.length > 0 && (
              <ul className="error" role="alert" data-testid="delete-failed-volumes">
                {phase.result.failedVolumes.map((f) => <li key={f.path}><code>{f.path}</code>: {f.message}</li>)}
              </ul>
            )}
            <div className="dialog-buttons"><button type="button" className="primary" data-testid="delete-close" onClick={close}>Close</button></div>
          </div>
        )
        : (
          <form onSubmit={(e) => {
            e.preventDefault();
            setPhase({ kind: 'deleting' });
            call('domains.delete', connectionId, uuid, chosen).then(
              (result) => { setPhase({ kind: 'done', result }); },
              (error: unknown) => { setPhase({ kind: 'failed', error: shownError(error) }); },
            );
          }}>
            <p>Delete the domain {name}? A running domain is stopped first. This cannot be undone.</p>
            <LoadingOrError value={disks} what="the domain's disks" testId="delete-disks" />
            {deletable.length > 0 && (
              <fieldset className="checks" data-testid="delete-volumes">
                <legend>Also delete these volumes</legend>
                {deletable.map((d) => {
                  const path = d.path ?? '';
                  return (
                    <label key={path}>
                      <input type="checkbox" data-testid="delete-volume" data-path={path} checked={!off.has(path)} onChange={(e) => {
                        const next = new Set(off);
                        if (e.target.checked) next.delete(path);
                        else next.add(path);
                        setUnticked(next);
                      }} />
                      {d.target} ({d.device}): {d.volume}
                    </label>
                  );
                })}
              </fieldset>
            )}
            {phase.kind === 'failed' && <ErrorText error={phase.error} testId="delete-error" />}
            <div className="dialog-buttons">
              <button type="button" onClick={close}>Cancel</button>
              <button type="submit" className="danger" data-testid="delete-submit" disabled={phase.kind === 'deleting' || disks.kind === 'loading'}>
                {phase.kind === 'deleting' ? 'Deleting…' : chosen.length > 0 ? `Delete domain and ${chosen.length} volume(s)` : 'Delete domain'}
              </button>
            </div>
          </form>
        )}
    </Modal>
  );
}
