/**
 * virStorageVolUpload and virStorageVolDownload of the embedded driver: ByteStreams over an
 * in-memory volume, behaving as the remote driver's do (write then finish; read to the end).
 */
import { Duplex } from 'node:stream';
import type { ByteStream, StorageVolRef } from '../../driver/model';
import { endWritable } from '../../rpc/stream';
import type { PoolVolumes } from './volumes';

class UploadStream extends Duplex implements ByteStream {
  private position: bigint;
  private readonly limitStart: bigint;

  constructor(
    private readonly volumes: PoolVolumes,
    private readonly vol: StorageVolRef,
    offset: bigint,
    /** The most bytes this upload may write; null: to the volume's end. */
    private readonly limit: bigint | null,
  ) {
    super({ allowHalfOpen: true });
    this.position = offset;
    this.limitStart = offset;
    // An upload has nothing to read: its readable side ends at once.
    this.push(null);
  }

  finish(): Promise<void> {
    return endWritable(this);
  }

  override _read(): void {
    // Nothing to read.
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    try {
      if (this.limit !== null && this.position + BigInt(chunk.length) > this.limitStart + this.limit) {
        throw new Error(`the upload is longer than the ${this.limit} bytes it announced`);
      }
      this.volumes.write(this.vol, this.position, chunk);
      this.position += BigInt(chunk.length);
      callback();
    } catch (error) {
      callback(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

export function uploadStream(volumes: PoolVolumes, vol: StorageVolRef, offset: bigint, length: bigint): ByteStream {
  volumes.checkRange(vol, offset, length);
  return new UploadStream(volumes, vol, offset, length === 0n ? null : length);
}

class DownloadStream extends Duplex implements ByteStream {
  constructor(data: Buffer) {
    super({ allowHalfOpen: true });
    this.push(data);
    this.push(null);
  }

  finish(): Promise<void> {
    return new Promise((resolve) => { this.end(resolve); });
  }

  override _read(): void {
    // Everything was pushed at construction.
  }

  override _write(_chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    callback(new Error('a download stream is read, not written'));
  }
}

export function downloadStream(volumes: PoolVolumes, vol: StorageVolRef, offset: bigint, length: bigint): ByteStream {
  volumes.checkRange(vol, offset, length);
  return new DownloadStream(volumes.read(vol, offset, length));
}
