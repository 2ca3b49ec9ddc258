/**
 * A child process as one byte stream: its stdin is the writable side, its stdout the
 * readable side. Destroying the stream kills the child, so whoever owns the stream owns
 * the process. A child that dies reports its exit status and the tail of its stderr,
 * which is usually the only explanation there is ("nc: connect: No such file").
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { Duplex } from 'node:stream';
import { TransportError } from '../errors';

const STDERR_TAIL_BYTES = 2048;

export class ChildProcessStream extends Duplex {
  private stderrTail = '';
  private exited = false;

  constructor(private readonly child: ChildProcessWithoutNullStreams, private readonly label: string) {
    super();
    child.stdout.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) child.stdout.pause();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    // A child that exits while we write gets EPIPE; its exit status tells the real story.
    child.stdin.on('error', () => undefined);
    // 'close' comes after the exit and after stdout has been drained: no byte is lost.
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      this.exited = true;
      if (code === 0 || this.destroyed) {
        this.push(null);
        return;
      }
      const status = code === null ? `was killed by ${signal ?? 'a signal'}` : `exited with status ${code}`;
      const stderr = this.stderrTail.trim();
      this.destroy(new TransportError(this.label, 'EXIT', `${status}${stderr === '' ? '' : `: ${stderr}`}`));
    });
  }

  /** What the child wrote to stderr so far (its end), for error messages. */
  get stderr(): string {
    return this.stderrTail;
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // A failed write means the child closed its stdin or died (EPIPE); its exit status,
    // reported on 'close', says more than the write error, so that is what surfaces.
    this.child.stdin.write(chunk, () => { callback(); });
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.child.stdin.end(() => { callback(); });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.exited) this.child.kill('SIGTERM');
    callback(error);
  }
}
