/**
 * Which volume.upload events belong to the upload this form started. main answers
 * `volumes.upload` with the upload's id, but a small file can be done, and its events sent,
 * before that answer reaches the page; so events that arrive while a start is pending are
 * kept, and the one for the id, once known, is applied. Pure, so the race is tested alone.
 */
import type { UploadProgress } from '../../../shared/model';

export type TrackedUpload =
  | { readonly kind: 'none' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'known'; readonly uploadId: string; readonly progress: UploadProgress };

export class UploadTracker {
  private state: TrackedUpload = { kind: 'none' };
  /** The latest event of each upload heard while our id was not yet known. */
  private readonly early = new Map<string, UploadProgress>();

  get current(): TrackedUpload {
    return this.state;
  }

  begin(): void {
    this.early.clear();
    this.state = { kind: 'pending' };
  }

  /** The start failed: nothing to follow. */
  abandon(): void {
    this.early.clear();
    this.state = { kind: 'none' };
  }

  /** main's answer: from now on only this id's events count. Returns the state to show. */
  started(uploadId: string): TrackedUpload {
    const heard = this.early.get(uploadId);
    this.early.clear();
    this.state = { kind: 'known', uploadId, progress: heard ?? { kind: 'progress', sentBytes: 0, totalBytes: 0 } };
    return this.state;
  }

  /** An event from main; returns the new state when it concerns our upload, else null. */
  heard(uploadId: string, progress: UploadProgress): TrackedUpload | null {
    switch (this.state.kind) {
      case 'none':
        return null;
      case 'pending':
        this.early.set(uploadId, progress);
        return null;
      case 'known':
        if (this.state.uploadId !== uploadId) return null;
        this.state = { kind: 'known', uploadId, progress };
        return this.state;
    }
  }
}

/** Whether the upload has ended (done, cancelled or failed), so the volume list is stale. */
export function hasEnded(tracked: TrackedUpload): boolean {
  return tracked.kind === 'known' && tracked.progress.kind !== 'progress';
}
