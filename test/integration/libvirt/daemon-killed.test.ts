import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openUri } from '../../../electron/libvirt/connect';
import { ConnectionClosedError, type Connection } from '../../../electron/libvirt';
import { startLibvirtd, stopLibvirtd, type PrivateLibvirtd } from '../../helpers/libvirtd';
import { freePort } from '../../helpers/ports';
import { isAlive, waitFor } from '../../helpers/process';

/**
 * A daemon of this test's own (the shared one must live on), killed while calls wait on
 * it: every pending call must end with a clear error, none may hang.
 */
const harness = inject('harness');
let daemon: PrivateLibvirtd;

beforeAll(async () => {
  daemon = await startLibvirtd({
    dir: join(harness.root, 'killed-libvirtd'),
    tcpPort: await freePort(),
    tlsPort: await freePort(),
    pki: harness.pki,
  });
});
afterAll(async () => {
  if (isAlive(daemon.pid)) await stopLibvirtd(daemon);
});

describe('a daemon killed mid-call', () => {
  it('rejects every pending call, tells close listeners, and refuses new calls', async () => {
    const conn: Connection = await openUri(`test+unix:///default?socket=${daemon.unixSocket}`, { keepalive: false });
    const closed = new Promise<ConnectionClosedError>((resolve) => conn.onClose(resolve));
    const [dom] = await conn.listDomains();
    if (dom === undefined) throw new Error('the test host has no domain');
    // Frozen, the daemon reads nothing: the calls are surely in flight when it dies.
    process.kill(daemon.pid, 'SIGSTOP');
    const pending = Array.from({ length: 50 }, () => conn.domainInfo(dom).then(() => 'answered', (e: unknown) => e));
    process.kill(daemon.pid, 'SIGKILL');
    await waitFor('the killed daemon to go', () => !isAlive(daemon.pid), 10_000);
    const outcomes = await Promise.all(pending);
    for (const outcome of outcomes) {
      expect(outcome).toBeInstanceOf(ConnectionClosedError);
      expect(String(outcome)).toMatch(/connection to libvirtd closed/);
    }
    expect((await closed).message).toMatch(/connection to libvirtd closed/);
    expect(conn.isOpen).toBe(false);
    await expect(conn.hostInfo()).rejects.toBeInstanceOf(ConnectionClosedError);
  });
});
