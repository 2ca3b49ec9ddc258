/**
 * A loopback TCP relay in front of libvirtd that reads the frames main sends and counts
 * the RPC calls among them, by procedure: "RPCs per click" as the daemon sees them.
 */
import net from 'node:net';
import { HEADER_SIZE, LENGTH_WORD, MessageType, Program } from '../electron/libvirt';

export interface RpcCounter {
  readonly port: number;
  /** Procedure numbers of the REMOTE program's calls since the last reset, in order. */
  calls(): readonly number[];
  reset(): void;
  close(): Promise<void>;
}

export function startRpcCounter(targetPort: number): Promise<RpcCounter> {
  let seen: number[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    let pending = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= LENGTH_WORD + HEADER_SIZE) {
        // The length word counts itself, as in libvirt.
        const length = pending.readUInt32BE(0);
        if (length < LENGTH_WORD + HEADER_SIZE) {
          client.destroy();
          return;
        }
        if (pending.length < length) break;
        const program = pending.readUInt32BE(4);
        const procedure = pending.readInt32BE(12);
        const type = pending.readInt32BE(16);
        if (program === Program.REMOTE && type === MessageType.CALL) seen.push(procedure);
        pending = pending.subarray(length);
      }
    });
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
        reject(new Error('the RPC counter has no TCP address'));
        return;
      }
      resolve({
        port: address.port,
        calls: () => seen,
        reset: () => { seen = []; },
        close: () => new Promise<void>((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => { done(); });
        }),
      });
    });
  });
}
