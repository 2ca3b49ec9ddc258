/**
 * Random and mutated packets fed to a live RpcClient: a pending call may succeed, fail
 * with the daemon's LibvirtError, or be rejected because the connection closed on a
 * protocol error; nothing else, and nothing thrown out of the stream's event handlers.
 */
import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConnectionClosedError, LibvirtError, ProtocolError } from '../../electron/libvirt/errors';
import { MessageStatus, MessageType, Program } from '../../electron/libvirt/protocol/constants';
import { remoteError } from '../../electron/libvirt/protocol/error';
import { procedures } from '../../electron/libvirt/protocol/procedures';
import { RpcClient } from '../../electron/libvirt/rpc/client';
import { encodePacket } from '../../electron/libvirt/rpc/packet';
import { encode } from '../../electron/libvirt/xdr/codec';

/** A stream whose far end is the test: it pushes bytes in and swallows what is written. */
function loopback(): Duplex {
  return new Duplex({
    read() {
      return undefined;
    },
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}

function validReplies(): Buffer[] {
  const base = { program: Program.REMOTE, version: 1, type: MessageType.REPLY, serial: 1, status: MessageStatus.OK };
  return [
    encodePacket({ ...base, procedure: 59 }, encode(procedures.connectGetHostname.ret, { hostname: 'host' })),
    encodePacket(
      { ...base, procedure: 59, status: MessageStatus.ERROR },
      encode(remoteError, {
        code: 42, domain: 12, message: 'nope', level: 2, dom: null, str1: null, str2: null, str3: null, int1: 0, int2: 0, net: null,
      }),
    ),
    encodePacket({ ...base, type: MessageType.MESSAGE, serial: 0, procedure: 318 }, Buffer.alloc(12)),
    encodePacket({ ...base, program: Program.KEEPALIVE, type: MessageType.MESSAGE, serial: 0, procedure: 1 }, Buffer.alloc(0)),
  ];
}

const mutation = fc.record({
  which: fc.nat(),
  edits: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 6 }),
  cut: fc.option(fc.nat(), { nil: null }),
  chunk: fc.integer({ min: 1, max: 40 }),
});

async function settle(promise: Promise<unknown>): Promise<unknown> {
  const outcome = await Promise.race([
    promise.then((v) => ({ value: v }), (e: unknown) => ({ error: e })),
    new Promise((resolve) => setImmediate(() => { resolve('pending'); })),
  ]);
  return outcome;
}

function checkOutcome(outcome: unknown, closedLocally = false): void {
  if (outcome === 'pending' || (typeof outcome === 'object' && outcome !== null && 'value' in outcome)) return;
  const error = (outcome as { error: unknown }).error;
  if (error instanceof LibvirtError) return;
  expect(error).toBeInstanceOf(ConnectionClosedError);
  if (error instanceof ConnectionClosedError) {
    if (closedLocally && error.reason.kind === 'local') return;
    expect(error.reason.kind).toBe('protocol');
    if (error.reason.kind === 'protocol') expect(error.reason.error).toBeInstanceOf(ProtocolError);
  }
}

describe('RpcClient under hostile packets', () => {
  it('survives mutated valid packets delivered in arbitrary chunks', async () => {
    const replies = validReplies();
    await fc.assert(
      fc.asyncProperty(mutation, async ({ which, edits, cut, chunk }) => {
        const stream = loopback();
        const client = new RpcClient(stream);
        const call = client.call('connectGetHostname');
        const original = replies[which % replies.length] ?? Buffer.alloc(0);
        const bytes = Buffer.from(original);
        for (const { at, value } of edits) bytes[at % bytes.length] = value;
        const sent = cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
        for (let at = 0; at < sent.length; at += chunk) stream.push(sent.subarray(at, at + chunk));
        checkOutcome(await settle(call));
        client.close();
        checkOutcome(await settle(call), true);
      }),
      { numRuns: 1500 },
    );
  });

  it('survives random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (bytes) => {
        const stream = loopback();
        const client = new RpcClient(stream);
        const call = client.call('connectGetHostname');
        stream.push(Buffer.from(bytes));
        checkOutcome(await settle(call));
        client.close();
      }),
      { numRuns: 1000 },
    );
  });
});
