/**
 * One upload as the window follows it: started with a path the person typed, followed
 * through main's volume.upload events for its id, cancellable while it runs.
 */
import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../shared/errors';
import type { UploadProgress } from '../../../shared/model';
import { shownError } from '../../components/ErrorText';
import { backend, call } from '../../ipc/client';

export type UploadState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'running'; readonly uploadId: string; readonly progress: UploadProgress }
  | { readonly kind: 'refused'; readonly error: AppError };

export function useUpload(onEnded: () => void): {
  readonly state: UploadState;
  start(connectionId: string, poolUuid: string, name: string, path: string): void;
  cancel(): void;
} {
  const [state, setState] = useState<UploadState>({ kind: 'idle' });
  const ended = useRef(onEnded);
  ended.current = onEnded;
  const uploadId = state.kind === 'running' ? state.uploadId : null;
  useEffect(() => {
    if (uploadId === null) return;
    const b = backend();
    if (b.kind === 'none') return;
    return b.api.events['volume.upload']((event) => {
      if (event.uploadId !== uploadId) return;
      setState({ kind: 'running', uploadId, progress: event.progress });
      if (event.progress.kind !== 'progress') ended.current();
    });
  }, [uploadId]);
  return {
    state,
    start: (connectionId, poolUuid, name, path) => {
      setState({ kind: 'starting' });
      call('volumes.upload', connectionId, poolUuid, { name, path }).then(
        ({ uploadId: id }) => { setState({ kind: 'running', uploadId: id, progress: { kind: 'progress', sentBytes: 0, totalBytes: 0 } }); },
        (error: unknown) => { setState({ kind: 'refused', error: shownError(error) }); },
      );
    },
    cancel: () => {
      if (uploadId !== null) call('volumes.uploadCancel', uploadId).catch(() => undefined);
    },
  };
}
