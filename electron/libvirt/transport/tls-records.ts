/**
 * The TLS socket as the RPC client's stream, one RPC packet per TLS record. libvirtd
 * (seen with 9.0 and GnuTLS) answers only the first packet of a record that carries two:
 * the rest stays decrypted inside GnuTLS where its poll loop never looks. Node's TLS
 * socket merges corked writes into one record, and the RPC client corks bursts of calls;
 * this wrapper has no _writev, so a corked burst reaches the socket one write at a time.
 */
import { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';

export class RecordPerPacketStream extends Duplex {
  constructor(private readonly socket: TLSSocket) {
    super();
    socket.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => { this.push(null); });
    socket.on('error', (error: Error) => { this.destroy(error); });
    socket.on('close', () => { this.destroy(); });
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.socket.write(chunk, (error?: Error | null) => { callback(error ?? null); });
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end(() => { callback(); });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}
