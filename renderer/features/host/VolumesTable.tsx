import { useState } from 'react';
import type { StoragePoolSummary, StorageVolumeSummary } from '../../../shared/model';
import type { AppError } from '../../../shared/errors';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText, shownError } from '../../components/ErrorText';
import { formatBytes } from '../../components/format';
import { LoadingOrError } from '../../components/StatusText';
import { useLoad } from '../../components/use-load';
import { call } from '../../ipc/client';
import { VolumeCreateForm } from '../storage/VolumeCreateForm';
import { VolumeUpload } from '../storage/VolumeUpload';

/**
 * A pool's volumes, fetched again whenever the pool's state or allocation changes (a refresh)
 * and after a change made here; with create, upload and delete.
 */
export function VolumesTable({ connectionId, pool }: { readonly connectionId: string; readonly pool: StoragePoolSummary }): React.JSX.Element {
  const [generation, setGeneration] = useState(0);
  const reload = (): void => { setGeneration((g) => g + 1); };
  const key = pool.state === 'running' ? `${connectionId}/${pool.uuid}/${pool.allocation}/${generation}` : null;
  const volumes = useLoad(key, () => call('pools.volumes', connectionId, pool.uuid));
  const [deleting, setDeleting] = useState<StorageVolumeSummary | null>(null);
  const [deleteError, setDeleteError] = useState<AppError | null>(null);
  if (key === null) return <p className="muted" data-testid="volumes-inactive">Start the pool to see its volumes.</p>;
  return (
    <div className="volumes" data-testid="volumes">
      <LoadingOrError value={volumes} what="volumes" testId="volumes" />
      {volumes.kind === 'ready' && (volumes.value.length === 0
        ? <p className="muted" data-testid="volumes-empty">No volumes in this pool.</p>
        : (
          <table className="grid">
            <thead><tr><th>Volume</th><th>Type</th><th>Path (key)</th><th className="num">Capacity</th><th className="num">Allocation</th><th>Actions</th></tr></thead>
            <tbody>
              {volumes.value.map((v) => (
                <tr key={v.key} data-testid="volume-row" data-volume={v.name}>
                  <td>{v.name}</td>
                  <td>{v.type}</td>
                  <td><code>{v.key}</code></td>
                  <td className="num" data-testid="volume-capacity">{formatBytes(v.capacity)}</td>
                  <td className="num" data-testid="volume-allocation">{formatBytes(v.allocation)}</td>
                  <td><button type="button" className="small danger-outline" data-testid="volume-delete" onClick={() => { setDeleteError(null); setDeleting(v); }}>Delete</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {deleteError !== null && <ErrorText error={deleteError} testId="volume-delete-error" />}
      <VolumeCreateForm connectionId={connectionId} poolUuid={pool.uuid} onChanged={reload} />
      <VolumeUpload connectionId={connectionId} poolUuid={pool.uuid} onChanged={reload} />
      {deleting !== null && (
        <ConfirmDialog
          title="Delete volume?"
          message={`Delete volume "${deleting.name}" from pool "${pool.name}"? Its data is lost.`}
          confirmLabel="Delete volume"
          onCancel={() => { setDeleting(null); }}
          onConfirm={() => {
            const name = deleting.name;
            setDeleting(null);
            call('volumes.delete', connectionId, pool.uuid, name).then(reload, (error: unknown) => { setDeleteError(shownError(error)); });
          }}
        />
      )}
    </div>
  );
}
