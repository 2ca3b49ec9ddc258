import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { readLedger } from '../helpers/daemon-ledger';
import { startLibvirtd, stopStaleLibvirtd } from '../helpers/libvirtd';
import { freePort } from '../helpers/ports';
import { isAlive } from '../helpers/process';

const harness = inject('harness');

describe('the harness libvirtd', () => {
  it('stops a daemon that a killed run left behind, and only that one', async () => {
    const orphan = await startLibvirtd({
      dir: join(harness.root, 'orphan-libvirtd'),
      tcpPort: await freePort(),
      tlsPort: await freePort(),
      pki: harness.pki,
      orphaned: true,
    });
    expect(isAlive(orphan.pid)).toBe(true);
    await stopStaleLibvirtd();
    expect(isAlive(orphan.pid)).toBe(false);
    // The live run's own daemon is not stale: its parent is this vitest run.
    expect(isAlive(readLedger(harness.daemonLedger).daemons.libvirtd?.pid ?? 0)).toBe(true);
  });
});
