/**
 * A hostile peer answers a real client's handshake with each kind of broken packet. Every
 * kind must end in an error that says what went wrong, within its deadline, with the
 * socket closed, no unhandled rejection, bounded heap, and a real connection opened
 * beside it still answering: through the library, through main's services (the state the
 * window is pushed) and through the built CLI as a process.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openUri, type Connection } from '../../electron/libvirt';
import { createMainServices, type MainServices } from '../../electron/main/services';
import { ensureCliBuilt, runCli } from '../helpers/cli';
import { HOSTILE_KINDS, startDripRelay, startHostileServer, type HostileKind, type HostileServer } from '../helpers/hostile-server';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../helpers/main-services';
import { waitFor } from '../helpers/process';
import { heapAfterGc, watchUnhandledRejections } from '../helpers/process-health';

const harness = inject('harness');
/** The handshake's own bound in these tests; every kind must end within it (plus slack). */
const HANDSHAKE_MS = 1000;
const DEADLINE_MS = HANDSHAKE_MS + 4000;
/** Heap that 20 rounds of every kind may leave behind after a full collection. */
const HEAP_BOUND = 4 * 1024 * 1024;

/** What each kind must be called, in the words a person reads. */
const EXPECTED: Record<HostileKind, RegExp> = {
  'length-over-max': /protocol error: packet length 33554437 exceeds the maximum 33554436/,
  'length-zero': /protocol error: packet length 0 is below the minimum 28/,
  'length-under-header': /protocol error: packet length 14 is below the minimum 28/,
  'truncated-header': /protocol error: the stream ended inside a packet, 14 bytes into it/,
  'truncated-body': /protocol error: the stream ended inside a packet, 44 bytes into it/,
  'wrong-program': /protocol error: unknown program 0x12345678/,
  'wrong-version': /protocol error: unsupported program version 2/,
  'wrong-type': /protocol error: unknown message type 77/,
  'wrong-status': /protocol error: unknown message status 9/,
  'unsent-serial': /protocol error: reply to serial 1001 that was never sent/,
  'string-past-end': /protocol error: truncated .*needs 4096 bytes, 14 left/,
  'array-over-max': /protocol error: .*length 1000000 exceeds maximum 20/,
  garbage: /protocol error: packet length 1213486160 exceeds the maximum/,
  'stream-for-no-stream': /protocol error: stream packet for serial 501, which no call of ours opened/,
  silence: /cannot connect to 127\.0\.0\.1:\d+: connected, but libvirtd did not answer within 1000 ms/,
  'close-at-once': /connection to libvirtd closed: the daemon (ended|reset) the connection/,
};

const servers = new Map<HostileKind, HostileServer>();
let bystander: Connection;
let stopWatching: () => unknown[];

function uriOf(port: number): string {
  return `test+tcp://127.0.0.1:${String(port)}/default`;
}

function server(kind: HostileKind): HostileServer {
  const s = servers.get(kind);
  if (s === undefined) throw new Error(`no hostile server for ${kind}`);
  return s;
}

/** The outcome of a promise, or a failure naming what overran the deadline. */
async function withinDeadline<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => { reject(new Error(`${what} did not end within ${String(DEADLINE_MS)} ms`)); }, DEADLINE_MS);
  });
  try {
    return await Promise.race([promise, overrun]);
  } finally {
    clearTimeout(timer);
  }
}

async function openHostile(kind: HostileKind): Promise<unknown> {
  const outcome = openUri(uriOf(server(kind).port), { handshakeTimeoutMs: HANDSHAKE_MS, connectTimeoutMs: HANDSHAKE_MS, keepalive: false })
    .then(async (conn) => {
      await conn.close();
      return 'opened';
    }, (error: unknown) => error);
  return withinDeadline(`opening against ${kind}`, outcome);
}

beforeAll(async () => {
  stopWatching = watchUnhandledRejections();
  for (const kind of HOSTILE_KINDS) servers.set(kind, await startHostileServer(kind));
  bystander = await openUri(harness.uris.tcp);
  await ensureCliBuilt();
});

afterAll(async () => {
  await bystander.close();
  await Promise.all([...servers.values()].map((s) => s.close()));
});

describe('a hostile peer, through the library', () => {
  it.each(HOSTILE_KINDS)('%s: a clear error within the deadline, the socket closed, others untouched', async (kind) => {
    const outcome = await openHostile(kind);
    expect(outcome).toBeInstanceOf(Error);
    expect(String(outcome)).toMatch(EXPECTED[kind]);
    await waitFor(`the ${kind} socket to close`, () => server(kind).openSockets === 0, DEADLINE_MS);
    expect((await bystander.hostInfo()).type).toBe('TEST');
  });

  it('keeps the heap bounded over 20 rounds of every kind', async () => {
    // One round first, so lazily loaded code and caches are not counted as growth.
    for (const kind of HOSTILE_KINDS) await openHostile(kind);
    const before = heapAfterGc();
    for (let round = 0; round < 20; round++) {
      await Promise.all(HOSTILE_KINDS.map((kind) => openHostile(kind)));
    }
    const growth = heapAfterGc() - before;
    expect(growth).toBeLessThan(HEAP_BOUND);
  });

  it('reassembles a real daemon dripped one byte per write, and works', async () => {
    const drip = await startDripRelay(harness.libvirtd.tcpPort);
    try {
      const conn = await withinDeadline('opening through the drip', openUri(uriOf(drip.port), { keepalive: false }));
      expect((await conn.hostInfo()).type).toBe('TEST');
      expect((await conn.listDomains()).map((d) => d.name)).toContain('test');
      await conn.close();
    } finally {
      await drip.close();
    }
  });
});

describe('a hostile peer, through main', () => {
  let services: MainServices | undefined;
  afterAll(async () => {
    await services?.dispose();
  });

  it('pushes a failed state naming each fault while a real connection stays open', async () => {
    const sink = new RecordingSink();
    const profiles = HOSTILE_KINDS.map((kind) => ({ id: kind, uri: uriOf(server(kind).port), name: kind, autoconnect: false, reconnect: false }));
    const real = { id: 'real', uri: harness.uris.tcp, name: 'real', autoconnect: true, reconnect: false };
    services = await createMainServices({
      store: memoryStore([real, ...profiles]),
      sink,
      appInfo: TEST_APP_INFO,
      connection: { handshakeTimeoutMs: HANDSHAKE_MS, connectTimeoutMs: HANDSHAKE_MS },
    });
    const main = services;
    await sink.next('connection.state', (s) => s.connectionId === 'real' && s.state.kind === 'open');
    const answers = await withinDeadline('opening every hostile profile', Promise.all(HOSTILE_KINDS.map((kind) => main.dispatch('connections.open', [kind]))));
    for (const [i, kind] of HOSTILE_KINDS.entries()) {
      expect(answers[i]).toMatchObject({ ok: false });
      const failed = await sink.next('connection.state', (s) => s.connectionId === kind && s.state.kind === 'failed');
      if (failed.state.kind !== 'failed') throw new Error('unreachable');
      expect(failed.state.error.message).toMatch(EXPECTED[kind]);
      expect(failed.state.retryAt).toBeNull();
    }
    expect(main.manager.get('real').state.kind).toBe('open');
    await expect(main.dispatch('host.info', ['real'])).resolves.toMatchObject({ ok: true, value: { type: 'TEST' } });
  });
});

describe('a hostile peer, through the CLI', () => {
  it.each(HOSTILE_KINDS)('%s: exit 1 with one line on stderr that names it', async (kind) => {
    const result = await runCli(['info', '-c', uriOf(server(kind).port), '--timeout', String(HANDSHAKE_MS / 1000)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^virtdeck-cli: /);
    expect(lines[0]).toMatch(EXPECTED[kind]);
  });

  it('works through the drip', async () => {
    const drip = await startDripRelay(harness.libvirtd.tcpPort);
    try {
      const result = await runCli(['info', '--json', '-c', uriOf(drip.port)]);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toMatchObject({ type: 'TEST' });
    } finally {
      await drip.close();
    }
  });
});

describe('afterwards', () => {
  it('saw no unhandled rejection', () => {
    expect(stopWatching()).toEqual([]);
  });
});
