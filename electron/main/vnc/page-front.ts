/**
 * What the page's noVNC talks to: a VNC server that asks for nothing. Main has already
 * done the real server's security (server-handshake.ts), so this side greets with RFB
 * 3.8, offers security None, answers the page's choice with OK, and from the page's
 * ClientInit on relays bytes both ways. Until the real server is ready (a password may
 * still be asked) the page hears nothing; if it never is, the stream fails with why.
 */
import { Duplex } from 'node:stream';
import { RFB_VERSION_3_8 } from './server-handshake';

export interface ReadyServer {
  readonly pipe: Duplex;
  /** Bytes the server sent beyond its security result. */
  readonly leftover: Buffer;
}

type Phase = 'waiting' | 'version' | 'security' | 'relay';

const SECURITY_NONE = 1;

export class PageFront extends Duplex {
  private phase: Phase = 'waiting';
  private pending: Buffer = Buffer.alloc(0);
  private server: Duplex | null = null;
  private serverEnded = false;
  private serverLeftover: Buffer = Buffer.alloc(0);

  /** `onDestroy` stops what is still getting the server ready (a question, a login). */
  constructor(ready: Promise<ReadyServer>, private readonly onDestroy: () => void) {
    super();
    ready.then(
      (server) => {
        if (this.destroyed) {
          server.pipe.destroy();
          return;
        }
        this.attach(server);
      },
      (error: unknown) => { this.destroy(error instanceof Error ? error : new Error(String(error))); },
    );
  }

  override _read(): void {
    // Before the relay nobody listens to the server: resuming it then would drop bytes.
    if (this.phase === 'relay') this.server?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.phase === 'relay' && this.server !== null) {
      this.server.write(chunk, callback);
      return;
    }
    this.pending = Buffer.concat([this.pending, chunk]);
    try {
      this.advance();
    } catch (error) {
      callback(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (this.phase === 'relay' && this.server !== null && this.pending.length > 0) {
      const rest = this.pending;
      this.pending = Buffer.alloc(0);
      this.server.write(rest, callback);
      return;
    }
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.server === null) this.destroy();
    else this.server.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.onDestroy();
    this.server?.destroy();
    callback(error);
  }

  private attach(server: ReadyServer): void {
    const { pipe } = server;
    this.server = pipe;
    pipe.once('end', () => {
      this.serverEnded = true;
      this.push(null);
    });
    pipe.once('error', (error: Error) => { this.destroy(error); });
    pipe.once('close', () => { if (!this.serverEnded) this.destroy(); });
    this.serverLeftover = server.leftover;
    this.phase = 'version';
    this.push(Buffer.from(RFB_VERSION_3_8, 'latin1'));
  }

  /** The page's side of the handshake, answered here. */
  private advance(): void {
    if (this.phase === 'waiting') throw new Error('the page spoke before the VNC server greeted it');
    if (this.phase === 'version' && this.pending.length >= 12) {
      const version = this.pending.subarray(0, 12).toString('latin1');
      if (version !== RFB_VERSION_3_8) throw new Error(`the page answered with ${JSON.stringify(version)}, not RFB 3.8`);
      this.pending = this.pending.subarray(12);
      this.phase = 'security';
      this.push(Buffer.from([1, SECURITY_NONE]));
    }
    if (this.phase === 'security' && this.pending.length >= 1) {
      if (this.pending[0] !== SECURITY_NONE) throw new Error(`the page chose security type ${String(this.pending[0])}, which was not offered`);
      this.pending = this.pending.subarray(1);
      this.phase = 'relay';
      this.push(Buffer.alloc(4)); // SecurityResult OK
      this.startRelay();
    }
  }

  private startRelay(): void {
    const server = this.server;
    if (server === null) return;
    if (this.serverLeftover.length > 0) this.push(this.serverLeftover);
    server.on('data', (chunk: Buffer) => { if (!this.push(chunk)) server.pause(); });
    server.resume();
  }
}
