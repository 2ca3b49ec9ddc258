/**
 * A loopback TCP relay in front of libvirtd's TCP listener that writes down, in the order
 * they pass, each REMOTE packet in either direction (type and procedure) and the moment
 * the client ends its side: what a client does on the wire, and when.
 */
import { HEADER_SIZE, LENGTH_WORD, MessageType, Program } from '../../electron/libvirt';
import { startTcpRelay, type TcpRelay } from './tcp-relay';

export type WireEvent =
  | { readonly kind: 'packet'; readonly from: 'client' | 'daemon'; readonly type: MessageType; readonly procedure: number }
  | { readonly kind: 'client-end' };

export interface WireTimeline extends TcpRelay {
  events(): readonly WireEvent[];
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

export async function startWireTimeline(targetPort: number): Promise<WireTimeline> {
  const seen: WireEvent[] = [];
  const record = (from: 'client' | 'daemon'): ((chunk: Buffer) => void) => packetReader((type, procedure, program) => {
    if (program === Program.REMOTE) seen.push({ kind: 'packet', from, type, procedure });
  });
  const relay = await startTcpRelay('127.0.0.1', '127.0.0.1', targetPort, (client, upstream) => {
    client.on('data', record('client'));
    upstream.on('data', record('daemon'));
    client.on('end', () => { seen.push({ kind: 'client-end' }); });
  });
  return { ...relay, events: () => seen };
}
