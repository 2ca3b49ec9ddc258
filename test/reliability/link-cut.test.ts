/**
 * The link to the daemon cut inside a network namespace this test makes: main's keepalive
 * declares the daemon unreachable within interval × count, the state says so, and the
 * connection comes back once the link does.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createMainServices, type MainServices } from '../../electron/main/services';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../helpers/main-services';
import { startCuttableLink, type CuttableLink } from '../helpers/netns-link';

const harness = inject('harness');
let link: CuttableLink | undefined;
let services: MainServices | undefined;

afterAll(async () => {
  await services?.dispose();
  // The namespace and veth go even when the test failed half-way.
  await link?.dispose();
});

describe('the link cut in a network namespace', () => {
  it('is declared dead by keepalive within interval × count, and reconnects when the link returns', async () => {
    link = await startCuttableLink(harness.libvirtd.tcpPort);
    const keepalive = { intervalMs: 250, count: 4 };
    const sink = new RecordingSink();
    services = await createMainServices({
      store: memoryStore([{ id: 'far', uri: `test+tcp://${link.host}:${String(link.port)}/default`, name: 'far', autoconnect: true, reconnect: true }]),
      sink,
      appInfo: TEST_APP_INFO,
      backoff: { initialMs: 200, maxMs: 500, jitter: 0 },
      connection: { keepalive, connectTimeoutMs: 1000, handshakeTimeoutMs: 1000 },
    });
    await sink.next('connection.state', (s) => s.state.kind === 'open');
    await expect(services.dispatch('domains.list', ['far'])).resolves.toMatchObject({ ok: true });

    await link.cut();
    let timer: NodeJS.Timeout | undefined;
    const bound = keepalive.intervalMs * (keepalive.count + 1) + 1000;
    const failed = await Promise.race([
      sink.next('connection.state', (s) => s.state.kind === 'failed', 30_000),
      new Promise<never>((_resolve, reject) => { timer = setTimeout(() => { reject(new Error(`not declared dead within ${String(bound)} ms`)); }, bound); }),
    ]).finally(() => { clearTimeout(timer); });
    if (failed.state.kind !== 'failed') throw new Error('unreachable');
    expect(failed.state.error.message).toMatch(/no answer from the daemon for \d+ ms \(keepalive\)/);

    const before = sink.events.length;
    await link.restore();
    await sink.next('connection.state', (s) => s.state.kind === 'open' && sink.events.findIndex((e) => e.payload === s) >= before, 30_000);
    await expect(services.dispatch('domains.list', ['far'])).resolves.toMatchObject({ ok: true });
  });
});
