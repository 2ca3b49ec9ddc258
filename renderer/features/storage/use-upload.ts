/**
 * One upload as the window follows it: started with a path the person typed, followed
 * through main's volume.upload events for its id (sorted by UploadTracker), cancellable while it runs.
 */
import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../shared/errors';
import type { UploadProgress } from '../../../shared/model';
import { shownError } from '../../components/ErrorText';
import { backend, call } from '../../ipc/client';
import { hasEnded, UploadTracker, type TrackedUpload } from './upload-tracker';

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
  const tracker = useRef(new UploadTracker());
  const show = (tracked: TrackedUpload): void => {
    if (tracked.kind !== 'known') return;
    setState({ kind: 'running', uploadId: tracked.uploadId, progress: tracked.progress });
    if (hasEnded(tracked)) ended.current();
  };
  // Listening for the form's whole life, not from the answer on: see UploadTracker.
  useEffect(() => {
    const b = backend();
    if (b.kind === 'none') return;
    return b.api.events['volume.upload']((event) => {
      const tracked = tracker.current.heard(event.uploadId, event.progress);
      if (tracked !== null) show(tracked);
    });
  }, []);
  const uploadId = state.kind === 'running' ? state.uploadId : null;
  return {
    state,
    start: (connectionId, poolUuid, name, path) => {
      tracker.current.begin();
      setState({ kind: 'starting' });
      call('volumes.upload', connectionId, poolUuid, { name, path }).then(
        ({ uploadId: id }) => { show(tracker.current.started(id)); },
        (error: unknown) => {
          tracker.current.abandon();
          setState({ kind: 'refused', error: shownError(error) });
        },
      );
    },
    cancel: () => {
      if (uploadId !== null) call('volumes.uploadCancel', uploadId).catch(() => undefined);
    },
  };
}
