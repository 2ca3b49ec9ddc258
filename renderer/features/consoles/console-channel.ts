/**
 * The renderer's end of one console that main relays: bytes arrive as events carrying the
 * console's id and are acknowledged once used (main pauses the source when too much is
 * unacknowledged); input leaves in pieces, one at a time, so a big paste neither
 * overflows a frame nor jumps ahead of what was typed before it.
 */
import type { ConsoleEnd } from '../../../shared/model';
import { backend, call } from '../../ipc/client';
import { base64ToBytes, bytesToBase64 } from './bytes';

/** Raw bytes per consoles.write call (base64 makes them 64 KiB, within the channel's bound). */
const WRITE_PIECE = 48 * 1024;

export interface ConsoleChannelHandlers {
  data(bytes: Uint8Array): void;
  ended(end: ConsoleEnd): void;
}

export class ConsoleChannel {
  private readonly unsubscribes: (() => void)[] = [];
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(readonly consoleId: string, handlers: ConsoleChannelHandlers) {
    const b = backend();
    if (b.kind === 'none') throw new Error(b.reason);
    this.unsubscribes.push(
      b.api.events['console.data'](({ consoleId, data }) => {
        if (consoleId === this.consoleId && !this.closed) handlers.data(base64ToBytes(data));
      }),
      b.api.events['console.closed'](({ consoleId, end }) => {
        if (consoleId !== this.consoleId || this.closed) return;
        this.stop();
        handlers.ended(end);
      }),
    );
    // Listening now: main starts sending.
    this.ack(0);
  }

  /** Says `bytes` were used (written to the terminal, drawn). */
  ack(bytes: number): void {
    if (this.closed) return;
    call('consoles.ack', this.consoleId, bytes).catch(() => undefined);
  }

  write(bytes: Uint8Array): Promise<void> {
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += WRITE_PIECE) pieces.push(bytes.subarray(i, i + WRITE_PIECE));
    this.writing = this.writing.then(async () => {
      for (const piece of pieces) {
        if (this.closed) return;
        await call('consoles.write', this.consoleId, bytesToBase64(piece));
      }
    }).catch(() => undefined);
    return this.writing;
  }

  close(): void {
    if (this.closed) return;
    this.stop();
    call('consoles.close', this.consoleId).catch(() => undefined);
  }

  private stop(): void {
    this.closed = true;
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }
}
