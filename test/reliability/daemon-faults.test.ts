/**
 * A real libvirtd of this file's own, killed and frozen under main's services: pending
 * calls end at once with words, the state the window is pushed says what happened, and
 * the connection comes back when the daemon does.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { createMainServices, type MainServices } from '../../electron/main/services';
import { startLibvirtd, stopLibvirtd, type PrivateLibvirtd } from '../helpers/libvirtd';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../helpers/main-services';
import { freePort } from '../helpers/ports';
import { isAlive, waitFor } from '../helpers/process';
import { consoleTcgDomainXml, TEST_DOMAIN_PREFIX } from '../helpers/test-domains';
import { virsh } from '../helpers/virsh';

const harness = inject('harness');
const dir = join(harness.root, 'faults-libvirtd');
let daemon: PrivateLibvirtd | undefined;
let services: MainServices | undefined;

/** Resolves with the promise's outcome, or fails once `bound` ms have passed. */
async function within<T>(what: string, bound: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => { reject(new Error(`${what} took longer than ${String(bound)} ms`)); }, bound);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

afterEach(async () => {
  await services?.dispose();
  services = undefined;
  if (daemon && isAlive(daemon.pid)) {
    process.kill(daemon.pid, 'SIGCONT');
    await stopLibvirtd(daemon);
  }
});
afterAll(async () => {
  if (daemon && isAlive(daemon.pid)) await stopLibvirtd(daemon);
});

async function startWith(options: { keepalive?: { intervalMs: number; count: number } }): Promise<{ sink: RecordingSink; main: MainServices; ports: { tcpPort: number; tlsPort: number } }> {
  const ports = { tcpPort: await freePort(), tlsPort: await freePort() };
  daemon = await startLibvirtd({ dir, ...ports, pki: harness.pki });
  const sink = new RecordingSink();
  const main = await createMainServices({
    store: memoryStore([{ id: 'victim', uri: `test+unix:///default?socket=${daemon.unixSocket}`, name: 'victim', autoconnect: true, reconnect: true }]),
    sink,
    appInfo: TEST_APP_INFO,
    backoff: { initialMs: 100, maxMs: 300, jitter: 0 },
    ...(options.keepalive ? { connection: { keepalive: options.keepalive } } : {}),
  });
  services = main;
  await sink.next('connection.state', (s) => s.state.kind === 'open');
  return { sink, main, ports };
}

describe('a daemon killed mid-call, under main', () => {
  it('rejects every pending call within 1 s, shows the failure, and reconnects when it returns', async () => {
    const { sink, main, ports } = await startWith({});
    if (daemon === undefined) throw new Error('no daemon');
    // Frozen, the daemon reads nothing: the calls are surely pending when it dies.
    process.kill(daemon.pid, 'SIGSTOP');
    const pending = Array.from({ length: 40 }, () => main.dispatch('domains.list', ['victim']));
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.kill(daemon.pid, 'SIGKILL');
    const answers = await within('rejecting the pending calls', 1000, Promise.all(pending));
    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: false, error: { message: expect.stringMatching(/connection to libvirtd closed/) as unknown } });
    }
    const failed = await sink.next('connection.state', (s) => s.state.kind === 'failed');
    if (failed.state.kind !== 'failed') throw new Error('unreachable');
    expect(failed.state.error.message).toMatch(/connection to libvirtd closed/);
    expect(failed.state.retryAt).not.toBeNull();
    await waitFor('the killed daemon to go', () => daemon === undefined || !isAlive(daemon.pid), 10_000);

    const before = sink.events.length;
    daemon = await startLibvirtd({ dir, ...ports, pki: harness.pki });
    await sink.next('connection.state', (s) => s.state.kind === 'open' && sink.events.findIndex((e) => e.payload === s) >= before, 20_000);
    await expect(main.dispatch('domains.list', ['victim'])).resolves.toMatchObject({ ok: true });
  });
});

describe('a frozen daemon (SIGSTOP), under main', () => {
  it('is declared dead by keepalive within interval × count, and the state says so', async () => {
    const keepalive = { intervalMs: 250, count: 4 };
    const { sink } = await startWith({ keepalive });
    if (daemon === undefined) throw new Error('no daemon');
    process.kill(daemon.pid, 'SIGSTOP');
    // interval × count, plus one interval for the tick that notices it.
    const failed = await within(
      'keepalive declaring the daemon dead',
      keepalive.intervalMs * (keepalive.count + 1) + 1000,
      sink.next('connection.state', (s) => s.state.kind === 'failed', 30_000),
    );
    if (failed.state.kind !== 'failed') throw new Error('unreachable');
    expect(failed.state.error.message).toMatch(/no answer from the daemon for \d+ ms \(keepalive\)/);
    process.kill(daemon.pid, 'SIGCONT');
  });
});

describe('a daemon restarted while a serial console is open, under main', () => {
  it('ends the console within 1 s saying why, and a console opened after the reconnect works', async () => {
    const ports = { tcpPort: await freePort(), tlsPort: await freePort() };
    daemon = await startLibvirtd({ dir, ...ports, pki: harness.pki });
    const uri = `qemu+unix:///system?socket=${daemon.unixSocket}`;
    const name = `${TEST_DOMAIN_PREFIX}restart-console-${process.pid}`;
    await writeFile(join(dir, 'console-domain.xml'), consoleTcgDomainXml(name));
    await virsh(uri, 'define', join(dir, 'console-domain.xml'));
    await virsh(uri, 'start', name);
    const uuid = (await virsh(uri, 'domuuid', name)).trim();
    let qemuPid: number | undefined;
    try {
      const sink = new RecordingSink();
      const main = await createMainServices({
        store: memoryStore([{ id: 'qemu', uri, name: 'qemu', autoconnect: true, reconnect: true }]),
        sink,
        appInfo: TEST_APP_INFO,
        backoff: { initialMs: 100, maxMs: 300, jitter: 0 },
      });
      services = main;
      await sink.next('connection.state', (s) => s.state.kind === 'open', 30_000);
      const openConsole = async (): Promise<string> => {
        const opened = await main.dispatch('consoles.openSerial', ['qemu', uuid, { force: false }]);
        if (!opened.ok) throw new Error(`consoles.openSerial failed: ${opened.error.message}`);
        const { consoleId } = opened.value as { consoleId: string };
        await main.dispatch('consoles.ack', [consoleId, 0]);
        return consoleId;
      };
      const text = (consoleId: string): string =>
        sink.of('console.data').filter((d) => d.consoleId === consoleId).map((d) => Buffer.from(d.data, 'base64').toString('latin1')).join('');

      const first = await openConsole();
      await waitFor('SeaBIOS on the first console', () => text(first).includes('SeaBIOS'), 30_000, () => text(first));
      // The QEMU the daemon started outlives it, and holds the daemon's mount namespace.
      qemuPid = Number((await readFile(`/proc/${String(daemon.pid)}/root/run/libvirt/qemu/${name}.pid`, 'utf8')).trim());
      process.kill(daemon.pid, 'SIGKILL');
      const closed = await within(
        'ending the console',
        1000,
        sink.next('console.closed', (c) => c.consoleId === first, 5000),
      );
      expect(closed.end).toMatchObject({ kind: 'failed', message: expect.stringMatching(/connection to libvirtd closed/) as unknown });
      await waitFor('the killed daemon to go', () => daemon === undefined || !isAlive(daemon.pid), 10_000);

      const before = sink.events.length;
      daemon = await startLibvirtd({ dir, ...ports, pki: harness.pki, namespaceOf: qemuPid });
      await sink.next('connection.state', (s) => s.state.kind === 'open' && sink.events.findIndex((e) => e.payload === s) >= before, 30_000);
      const second = await openConsole();
      await waitFor('SeaBIOS on a console opened after the restart', () => text(second).includes('SeaBIOS'), 30_000, () => text(second));
      await main.dispatch('consoles.close', [second]);
      await sink.next('console.closed', (c) => c.consoleId === second, 10_000);
    } finally {
      await virsh(uri, 'destroy', name).catch(() => undefined);
      await virsh(uri, 'undefine', name).catch(() => undefined);
      // A test that failed before the restart leaves the QEMU no daemon knows.
      if (qemuPid !== undefined && isAlive(qemuPid)) process.kill(qemuPid, 'SIGKILL');
    }
  }, 120_000);
});
