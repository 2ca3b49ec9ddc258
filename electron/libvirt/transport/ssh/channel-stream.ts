/**
 * The exec channel that carries the protocol, holding a lease on the SSH session under it:
 * destroying the stream closes the channel and releases the lease (the session ends with
 * its last channel, see session-pool.ts). When the remote command dies
 * (no such socket, no nc), its exit status and the end of its stderr become the error.
 */
import { Duplex } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { TransportError } from '../../errors';

const STDERR_TAIL_CHARS = 2048;

export class SshChannelStream extends Duplex {
  private stderrTail = '';
  private exitStatus: { code: number | null; signal: string | undefined } | undefined;
  private readonly onSessionError = (error: Error): void => { this.destroy(new TransportError(this.label, 'ESSH', error.message)); };
  private readonly onSessionClose = (): void => { this.destroy(); };

  constructor(
    private readonly channel: ClientChannel,
    /** Innermost session last; shared with other channels, so only watched here. */
    private readonly sessions: readonly Client[],
    private readonly label: string,
    private readonly release: () => void,
  ) {
    super();
    channel.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) channel.pause();
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
    });
    channel.on('exit', (code: number | null, signal?: string) => {
      this.exitStatus = { code, signal };
    });
    channel.on('error', (error: Error) => { this.destroy(new TransportError(label, 'ESSH', error.message)); });
    channel.once('close', () => {
      const status = this.exitStatus;
      if (this.destroyed) return;
      if (status === undefined || status.code === 0) {
        this.push(null);
        return;
      }
      const how = status.code === null ? `was killed by ${status.signal ?? 'a signal'}` : `exited with status ${status.code}`;
      const stderr = this.stderrTail.trim();
      this.destroy(new TransportError(label, 'EREMOTE', `the remote command ${how}${stderr === '' ? '' : `: ${stderr}`}`));
    });
    for (const session of sessions) {
      session.on('error', this.onSessionError);
      session.once('close', this.onSessionClose);
    }
  }

  get stderr(): string {
    return this.stderrTail;
  }

  override _read(): void {
    this.channel.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.channel.write(chunk, (error?: Error | null) => { callback(error ?? null); });
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.channel.end(() => { callback(); });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.channel.destroy();
    for (const session of this.sessions) {
      session.off('error', this.onSessionError);
      session.off('close', this.onSessionClose);
    }
    this.release();
    callback(error);
  }
}
