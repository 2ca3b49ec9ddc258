/**
 * One open console (serial or VNC) relayed to its owner: bytes go out as events with the
 * console's id and come back as acknowledgements, and once a window's worth is unread the
 * source is paused (for a serial console that pauses the libvirt stream, and so the
 * daemon's reading of the guest's port) instead of growing a buffer here.
 */
import type { Duplex } from 'node:stream';
import type { ConsoleEnd, ConsoleKind } from '../../../shared/model';
import type { EventSink } from '../ipc/event-sink';

/** Bytes the renderer may have unacknowledged before the source is paused. */
export const CONSOLE_WINDOW_BYTES = 256 * 1024;

/** The console's byte pipe, and how to end it politely (virStreamFinish, a socket's FIN). */
export interface ConsolePipe {
  readonly stream: Duplex;
  finish(): Promise<void>;
}

export class ConsoleSession {
  private unacked = 0;
  private ended = false;
  private started = false;

  constructor(
    readonly id: string,
    readonly kind: ConsoleKind,
    private readonly pipe: ConsolePipe,
    private readonly sink: EventSink,
    private readonly onEnd: (session: ConsoleSession) => void,
  ) {
    const { stream } = pipe;
    stream.once('end', () => {
      this.end({ kind: 'ended' });
      pipe.finish().catch(() => { stream.destroy(); });
    });
    stream.once('error', (error: Error) => { this.end({ kind: 'failed', message: error.message }); });
    stream.once('close', () => { this.end({ kind: 'ended' }); });
  }

  /**
   * The page's first acknowledgement (of 0 bytes) says it listens: only then do bytes
   * flow, so none are emitted before the page knows the console's id. Until then the
   * source's own bounded buffer holds them.
   */
  ack(bytes: number): void {
    if (!this.started && !this.ended) {
      this.started = true;
      this.pipe.stream.on('data', (chunk: Buffer) => {
        this.unacked += chunk.length;
        this.sink.emit('console.data', { consoleId: this.id, data: chunk.toString('base64') });
        if (this.unacked >= CONSOLE_WINDOW_BYTES) this.pipe.stream.pause();
      });
    }
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.unacked < CONSOLE_WINDOW_BYTES && this.pipe.stream.isPaused() && !this.ended) this.pipe.stream.resume();
  }

  /** Resolves once the bytes are handed on: the renderer sends the next piece of a paste then. */
  write(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.ended) {
        reject(new Error('the console has ended'));
        return;
      }
      this.pipe.stream.write(bytes, (error) => { if (error) reject(error); else resolve(); });
    });
  }

  /**
   * Closes from our side: the owner went or asked (closed), or the connection under it was
   * lost (failed, saying why: its stream may not notice before the teardown does).
   */
  close(end: ConsoleEnd = { kind: 'closed' }): void {
    if (this.ended) return;
    this.end(end);
    this.pipe.finish().catch(() => undefined).finally(() => { this.pipe.stream.destroy(); });
  }

  private end(end: ConsoleEnd): void {
    if (this.ended) return;
    this.ended = true;
    this.sink.emit('console.closed', { consoleId: this.id, end });
    this.onEnd(this);
  }
}
