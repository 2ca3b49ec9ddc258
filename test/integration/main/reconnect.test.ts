import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../electron/main/services';
import { startLibvirtd, stopLibvirtd, type PrivateLibvirtd } from '../../helpers/libvirtd';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../../helpers/main-services';
import { freePort } from '../../helpers/ports';
import { isAlive } from '../../helpers/process';

/** A daemon of this test's own, killed and started again on the same socket. */
const harness = inject('harness');
const dir = join(harness.root, 'reconnect-libvirtd');
let daemon: PrivateLibvirtd | undefined;
let services: MainServices | undefined;

afterAll(async () => {
  await services?.dispose();
  if (daemon && isAlive(daemon.pid)) await stopLibvirtd(daemon);
});

describe('auto-reconnect', () => {
  it('fails with a retry time when the daemon dies, and is open again once it is back', async () => {
    const ports = { tcpPort: await freePort(), tlsPort: await freePort() };
    daemon = await startLibvirtd({ dir, ...ports, pki: harness.pki });
    const sink = new RecordingSink();
    const store = memoryStore([{
      id: 'flaky',
      uri: `test+unix:///default?socket=${daemon.unixSocket}`,
      name: 'flaky',
      autoconnect: true,
      reconnect: true,
    }]);
    services = await createMainServices({
      store,
      sink,
      appInfo: TEST_APP_INFO,
      backoff: { initialMs: 100, maxMs: 400, jitter: 0 },
    });
    // autoconnect opened it at start.
    await sink.next('connection.state', (s) => s.state.kind === 'open');

    process.kill(daemon.pid, 'SIGKILL');
    const failed = await sink.next('connection.state', (s) => s.state.kind === 'failed');
    expect(failed.state).toMatchObject({ kind: 'failed', error: { kind: 'closed' } });
    if (failed.state.kind !== 'failed') throw new Error('unreachable');
    expect(failed.state.retryAt).toBeGreaterThan(Date.now() - 1000);
    // While it is down, each retry fails at the transport and waits for the next.
    await sink.next('connection.state', (s) => s.state.kind === 'failed' && s.state.error.kind === 'transport');

    daemon = await startLibvirtd({ dir, ...ports, pki: harness.pki });
    const before = sink.of('connection.state').length;
    await sink.next('connection.state', (s) => s.state.kind === 'open' && sink.of('connection.state').indexOf(s) >= before, 20_000);
    const host = await services.dispatch('host.info', ['flaky']);
    expect(host).toMatchObject({ ok: true, value: { type: 'TEST' } });
  });
});
