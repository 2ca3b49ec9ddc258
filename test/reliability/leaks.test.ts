/**
 * Open/close cycles over every transport must leave the process as they found it: file
 * descriptors, child processes, listeners, and active handles and timers at baseline.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openUri } from '../../electron/libvirt';
import { Owner } from '../../electron/main/ipc/owner';
import { createMainServices, type MainServices } from '../../electron/main/services';
import type { InvokeChannel, InvokeResult, WireResult } from '../../shared/ipc';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../helpers/main-services';
import { waitFor } from '../helpers/process';
import { snapshot, trackTimers, type Snapshot } from '../helpers/process-health';
import { consoleTcgDomainXml, TEST_DOMAIN_PREFIX } from '../helpers/test-domains';
import { virsh } from '../helpers/virsh';

const harness = inject('harness');

/** Listeners on the process itself: a connection that hooks exit or signals must unhook. */
function processListeners(): number {
  return process.eventNames().reduce((n, name) => n + process.listenerCount(name), 0);
}

function describeState(s: Snapshot, listeners: number): string {
  return JSON.stringify({ ...s, listeners });
}

/** The snapshot once two readings 200 ms apart agree: closed sockets have finished closing. */
async function settled(): Promise<Snapshot> {
  let last = JSON.stringify(snapshot());
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = JSON.stringify(snapshot());
    if (now === last) return snapshot();
    last = now;
  }
  throw new Error(`the process never settled: ${last}`);
}

async function cycles(uri: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const conn = await openUri(uri, { keepalive: { intervalMs: 5000, count: 5 } });
    // One real call per cycle, so each connection has done work before it closes.
    await conn.hostInfo();
    await conn.close();
  }
}

describe('open/close cycles leave nothing behind', () => {
  let stopTracking: () => void = () => undefined;
  beforeAll(() => { stopTracking = trackTimers(); });
  afterAll(() => { stopTracking(); });

  it.each([
    ['unix', 1000, () => harness.uris.unix, 1],
    ['tcp', 1000, () => harness.uris.tcp, 1],
    ['tls', 100, () => harness.uris.tls, 1],
    // An SSH handshake costs ~0.9 s on this shared machine: four at a time keeps it bounded.
    ['ssh', 100, () => harness.uris.ssh, 4],
  ] as const)('%s: %i cycles leave fds, children, listeners and handles at baseline', async (_name, count, uri, parallel) => {
    // A first cycle loads what loads lazily (the SSH library, TLS contexts).
    await cycles(uri(), 1);
    const baseline = await settled();
    const baselineListeners = processListeners();
    await Promise.all(Array.from({ length: parallel }, () => cycles(uri(), count / parallel)));
    // Sockets finish closing a tick or two after close() resolves.
    await waitFor(
      'resources to return to baseline',
      () => JSON.stringify(snapshot()) === JSON.stringify(baseline) && processListeners() === baselineListeners,
      10_000,
      () => `baseline ${describeState(baseline, baselineListeners)}\nnow      ${describeState(snapshot(), processListeners())}`,
    );
    expect(snapshot()).toEqual(baseline);
    expect(processListeners()).toBe(baselineListeners);
  }, 600_000);
});

describe('console open/close cycles leave nothing behind', () => {
  const name = `${TEST_DOMAIN_PREFIX}leak-console-${process.pid}`;
  const page = new Owner('window 1');
  let dir = '';
  let uuid = '';
  let services: MainServices | undefined;
  let sink: RecordingSink;
  let stopTracking: () => void = () => undefined;

  async function call<C extends InvokeChannel>(channel: C, ...args: unknown[]): Promise<InvokeResult<C>> {
    if (services === undefined) throw new Error('no services');
    const result = (await services.dispatch(channel, args, page)) as WireResult<C>;
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
    return result.value;
  }

  beforeAll(async () => {
    stopTracking = trackTimers();
    dir = await mkdtemp(join(tmpdir(), 'virtdeck-leak-console-'));
    await writeFile(join(dir, 'domain.xml'), consoleTcgDomainXml(name));
    await virsh(harness.uris.qemu, 'define', join(dir, 'domain.xml'));
    await virsh(harness.uris.qemu, 'start', name);
    uuid = (await virsh(harness.uris.qemu, 'domuuid', name)).trim();
    sink = new RecordingSink();
    services = await createMainServices({ store: memoryStore(), sink, appInfo: TEST_APP_INFO });
    const profile = await call('connections.add', { uri: harness.uris.qemu, name: 'tcg', autoconnect: false, reconnect: false });
    await call('connections.open', profile.id);
  }, 120_000);

  afterAll(async () => {
    stopTracking();
    await services?.dispose();
    await virsh(harness.uris.qemu, 'destroy', name).catch(() => undefined);
    await virsh(harness.uris.qemu, 'undefine', name).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  /** One console opened, its first bytes read (VNC: the greeting), then closed and gone. */
  async function consoleCycles(kind: 'serial' | 'vnc', count: number): Promise<void> {
    const connectionId = connectionIdOf();
    for (let i = 0; i < count; i++) {
      // force: a console's hold on the daemon's side may outlast our close by a moment.
      const { consoleId } = kind === 'serial'
        ? await call('consoles.openSerial', connectionId, uuid, { force: true })
        : await call('consoles.openVnc', connectionId, uuid);
      await call('consoles.ack', consoleId, 0);
      if (kind === 'vnc') await sink.next('console.data', (d) => d.consoleId === consoleId, 10_000);
      await call('consoles.close', consoleId);
      await sink.next('console.closed', (c) => c.consoleId === consoleId, 10_000);
    }
    sink.events.length = 0;
  }

  it.each([['serial'], ['vnc']] as const)('%s: 100 cycles leave fds, children, listeners, handles and timers at baseline', async (kind) => {
    await consoleCycles(kind, 1);
    const baseline = await settled();
    const baselineListeners = processListeners();
    await consoleCycles(kind, 100);
    await waitFor(
      'resources to return to baseline',
      () => JSON.stringify(snapshot()) === JSON.stringify(baseline) && processListeners() === baselineListeners,
      10_000,
      () => `baseline ${describeState(baseline, baselineListeners)}\nnow      ${describeState(snapshot(), processListeners())}`,
    );
    expect(snapshot()).toEqual(baseline);
    expect(processListeners()).toBe(baselineListeners);
    expect(services?.manager.get(connectionIdOf()).consoles.size).toBe(0);
  }, 300_000);

  function connectionIdOf(): string {
    const id = services?.manager.list()[0]?.profile.id;
    if (id === undefined) throw new Error('no connection');
    return id;
  }
});
