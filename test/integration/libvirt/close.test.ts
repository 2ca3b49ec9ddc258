import { open as openFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { openUri } from '../../../electron/libvirt';

/**
 * libvirtd logs an error for a client whose stream ends before the daemon has answered
 * CONNECT_CLOSE ("End of file while reading data", or "Cannot write data: Broken pipe"
 * for the reply): on a real host, one line in the journal per close. Ours waits for
 * that reply, as libvirt's own client does, so closing leaves the daemon nothing to log.
 */
const harness = inject('harness');
const CLOSE_ERRORS = /End of file while reading data|Cannot write data/;
const ROUNDS = 20;

async function logSize(): Promise<number> {
  const file = await openFile(harness.libvirtd.logFile, 'r');
  try {
    return (await file.stat()).size;
  } finally {
    await file.close();
  }
}

async function logSince(offset: number): Promise<string[]> {
  const file = await openFile(harness.libvirtd.logFile, 'r');
  try {
    const size = (await file.stat()).size;
    const bytes = Buffer.alloc(Math.max(0, size - offset));
    await file.read(bytes, 0, bytes.length, offset);
    return bytes.toString('utf8').split('\n').filter((line) => line !== '');
  } finally {
    await file.close();
  }
}

describe('closing a connection', () => {
  it.each(['unix', 'tcp', 'tls', 'ssh'] as const)('over %s leaves no error in the daemon\'s log', async (transport) => {
    const uri = harness.uris[transport];
    const options = { ssh: { agentSocket: '' } };
    const before = await logSize();
    for (let i = 0; i < ROUNDS; i += 1) await (await openUri(uri, options)).close();
    // The daemon handles its clients in one loop: once a later connection has been
    // answered, the earlier ones' ends have been read (and any error written).
    const last = await openUri(harness.uris.unix);
    await last.ping();
    await last.close();
    expect((await logSince(before)).filter((line) => CLOSE_ERRORS.test(line))).toEqual([]);
  });
});
