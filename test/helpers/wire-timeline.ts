/**
 * A loopback TCP relay in front of libvirtd's TCP listener that writes down, in the order
 * they pass, each REMOTE packet in either direction (type and procedure) and the moment
 * the client ends its side: what a client does on the wire, and when.
 */
import net from 'node:net';
import { HEADER_SIZE, LENGTH_WORD, MessageType, Program } from '../../electron/libvirt';

export type WireEvent =
  | { readonly kind: 'packet'; readonly from: 'client' | 'daemon'; readonly type: MessageType; readonly procedure: number }
  | { readonly kind: 'client-end' };

export interface WireTimeline {
  readonly port: number;
  events(): readonly WireEvent[];
  close(): Promise<void>;
}

/** Splits a byte stream into packets, handing each header on: libvirt's length word counts itself. */
function packetReader(onPacket: (type: MessageType, procedure: number, program: number) => void): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= LENGTH_WORD + HEADER_SIZE) {
      const length = pending.readUInt32BE(0);
      if (length < LENGTH_WORD + HEADER_SIZE || pending.length < length) return;
      onPacket(pending.readInt32BE(16) as MessageType, pending.readInt32BE(12), pending.readUInt32BE(4));
      pending = pending.subarray(length);
    }
  };
}

export function startWireTimeline(targetPort: number): Promise<WireTimeline> {
  const seen: WireEvent[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    const record = (from: 'client' | 'daemon') => packetReader((type, procedure, program) => {
      if (program === Program.REMOTE) seen.push({ kind: 'packet', from, type, procedure });
    });
    client.on('data', record('client'));
    upstream.on('data', record('daemon'));
    client.on('end', () => { seen.push({ kind: 'client-end' }); });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('the wire timeline has no TCP address'));
        return;
      }
      resolve({
        port: address.port,
        events: () => seen,
        close: () => new Promise<void>((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => { done(); });
        }),
      });
    });
  });
}
