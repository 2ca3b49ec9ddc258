/**
 * A local file into a volume through virStorageVolUpload. The file is read only as fast as
 * the connection takes it (pipeline's back-pressure), so memory stays flat for an ISO of
 * any size; aborting destroys the libvirt stream, which tells the daemon to abort it.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Connection } from '../driver/api';
import type { StorageVolRef } from '../driver/model';
import { formatBytes, ManageError } from './errors';
import type { UploadOptions } from './types';

async function fileSize(filePath: string): Promise<number> {
  try {
    const info = await stat(filePath);
    if (!info.isFile()) throw new ManageError('file-unreadable', `'${filePath}' is not a regular file`);
    return info.size;
  } catch (error) {
    if (error instanceof ManageError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ManageError('file-unreadable', `cannot read '${filePath}': ${reason}`);
  }
}

export async function uploadFileToVolume(conn: Connection, vol: StorageVolRef, filePath: string, options: UploadOptions = {}): Promise<void> {
  const total = await fileSize(filePath);
  const { capacityBytes } = await conn.storageVolumeInfo(vol);
  if (BigInt(total) > capacityBytes) {
    throw new ManageError(
      'file-too-large',
      `'${filePath}' is ${formatBytes(total)} (${total} bytes), more than the ${formatBytes(capacityBytes)} volume '${vol.name}' holds`,
    );
  }
  options.signal?.throwIfAborted();
  // Length 0 would mean "to the end of the volume": an empty file has nothing to send.
  if (total === 0) return;
  const stream = await conn.uploadStorageVolume(vol, 0n, BigInt(total));
  let sent = 0;
  const progress = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      sent += chunk.length;
      options.onProgress?.(sent, total);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(filePath), progress, stream, options.signal === undefined ? {} : { signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted === true) {
      throw new ManageError('aborted', `the upload of '${filePath}' to volume '${vol.name}' was cancelled after ${formatBytes(sent)}`);
    }
    throw error;
  }
}
