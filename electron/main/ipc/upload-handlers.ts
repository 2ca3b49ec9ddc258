/**
 * Uploads of a local file into a new volume. The window sends only a path it was told;
 * main checks it names a readable regular file, makes a raw volume of its size and streams
 * it with the library's uploadFileToVolume. Each upload is held by the page that started it:
 * when that page goes, the upload is aborted, and its progress goes to that page alone (a
 * file's name and size are the owner's business). A failed or cancelled upload removes its
 * volume, and says so when it cannot.
 */
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { createVolume, ErrorCode, LibvirtError, uploadFileToVolume, type Connection, type StorageVolRef } from '../../libvirt';
import type { UploadProgress } from '../../../shared/model';
import { AppFailure } from '../app-failure';
import type { ConnectionManager } from '../connections/manager';
import type { Handlers } from './dispatch';
import type { EventSink } from './event-sink';
import { poolByUuid } from './object-handlers';
import { toAppError } from './to-app-error';

/** Progress events at most this often: a fast loopback upload would otherwise flood the window. */
const PROGRESS_EVERY_MS = 100;

async function readableFileSize(path: string): Promise<number> {
  // Relative to what? main's working folder is nothing the person chose or can see.
  if (!isAbsolute(path)) throw new AppFailure('invalid-argument', `'${path}' is not a full path: give the file's whole path, from the top folder`);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppFailure('invalid-argument', `'${path}' is not a regular file`);
    size = info.size;
    await access(path, constants.R_OK);
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw new AppFailure('invalid-argument', `cannot read '${path}': ${error instanceof Error ? error.message : String(error)}`);
  }
  if (size === 0) throw new AppFailure('invalid-argument', `'${path}' is empty: there is nothing to upload`);
  return size;
}

/** Removes the half-written volume; what stopped the removal, or null when it is gone. */
async function removeHalfWritten(conn: Connection, vol: StorageVolRef): Promise<unknown> {
  try {
    await conn.deleteStorageVolume(vol);
    return null;
  } catch (error) {
    // Gone already (the daemon dropped it with the stream, or someone deleted it): as asked.
    if (error instanceof LibvirtError && error.code === ErrorCode.NO_STORAGE_VOL) return null;
    return error;
  }
}

/** How an upload that did not finish ends: the window says its volume is gone, so it must be. */
export function unfinished(cancelled: boolean, cause: unknown, vol: StorageVolRef, removal: unknown): UploadProgress {
  if (removal === null) return cancelled ? { kind: 'cancelled' } : { kind: 'failed', error: toAppError(cause) };
  const refusal = toAppError(removal);
  const what = cancelled ? 'the upload was cancelled' : toAppError(cause).message;
  // The removal's own kind (libvirt's code, usually), with words that tell the whole story.
  return { kind: 'failed', error: { ...refusal, message: `${what}, and its half-written volume '${vol.name}' could not be removed (${refusal.message}): delete it from the pool's volumes` } };
}

export function createUploadHandlers(manager: ConnectionManager, sink: EventSink): Pick<Handlers, 'volumes.upload' | 'volumes.uploadCancel'> {
  const running = new Map<string, AbortController>();
  return {
    'volumes.upload': async (id, poolUuid, request, owner) => {
      const conn = manager.get(id).requireOpen();
      const size = await readableFileSize(request.path);
      const vol = await createVolume(conn, await poolByUuid(conn, poolUuid), { name: request.name, capacityBytes: size, format: 'raw' });
      const uploadId = randomUUID();
      const abort = new AbortController();
      running.set(uploadId, abort);
      const release = owner.hold(() => { abort.abort(); });
      const events = owner.events ?? sink;
      const emit = (progress: UploadProgress): void => { events.emit('volume.upload', { uploadId, progress }); };
      let lastEmit = 0;
      const upload = uploadFileToVolume(conn, vol, request.path, {
        signal: abort.signal,
        onProgress: (sentBytes, totalBytes) => {
          const now = Date.now();
          if (now - lastEmit < PROGRESS_EVERY_MS && sentBytes < totalBytes) return;
          lastEmit = now;
          emit({ kind: 'progress', sentBytes, totalBytes });
        },
      });
      upload.then(
        () => { emit({ kind: 'done', totalBytes: size }); },
        async (error: unknown) => {
          emit(unfinished(abort.signal.aborted, error, vol, await removeHalfWritten(conn, vol)));
        },
      ).finally(() => {
        running.delete(uploadId);
        release();
      }).catch(() => undefined);
      return { uploadId };
    },
    'volumes.uploadCancel': (uploadId) => {
      // Cancelling what has ended is not an error: it may have finished first.
      running.get(uploadId)?.abort();
      return Promise.resolve(null);
    },
  };
}
