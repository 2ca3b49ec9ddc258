/**
 * A soak of main's services against the real daemon: ten connections, one of them a host
 * of 1,000 domains, stats at 1 Hz on all ten and a lifecycle event every second. Heap
 * (after full collections) and fd counts are sampled and a least-squares slope fitted to
 * each; every action's event must arrive exactly once, in order.
 *
 * VIRTDECK_SOAK_SECONDS sets the length (default 60 s, to keep the suite's CI run bounded; the README reports a 300 s run).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { EventChannel, EventPayloads } from '../../shared/ipc';
import { openUri, type Connection } from '../../electron/libvirt';
import type { EventSink } from '../../electron/main/ipc/event-sink';
import { createMainServices, type MainServices } from '../../electron/main/services';
import { memoryStore, TEST_APP_INFO } from '../helpers/main-services';
import { waitFor } from '../helpers/process';
import { heapAfterGc, openFds, slope } from '../helpers/process-health';
import { writeTestDriverHost } from '../helpers/test-driver-file';

const harness = inject('harness');
const SECONDS = Number(process.env.VIRTDECK_SOAK_SECONDS ?? '60');
const BIG_DOMAINS = 1000;
/** Heap growth allowed, bytes per second: a leak of one tick's 1,000 samples would be ~100 KiB/s. */
const HEAP_SLOPE_BOUND = 16 * 1024;
/** File descriptors per second: one leaked per minute would be 0.017. */
const FD_SLOPE_BOUND = 0.005;

/** Keeps counts and order, never the payloads: the soak must not measure its own memory. */
class CountingSink implements EventSink {
  readonly ticks = new Map<string, { count: number; lastAt: number; duplicates: number; wrongSize: number }>();
  /** The state each domain.changed carried, per connection, in arrival order. */
  readonly lifecycle = new Map<string, string[]>();
  readonly removed = new Map<string, number>();
  readonly states = new Map<string, string>();

  constructor(private readonly bigId: string) {}

  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    switch (channel) {
      case 'stats.tick': {
        const tick = payload as EventPayloads['stats.tick'];
        const t = this.ticks.get(tick.connectionId) ?? { count: 0, lastAt: 0, duplicates: 0, wrongSize: 0 };
        t.count += 1;
        if (tick.at <= t.lastAt) t.duplicates += 1;
        if (tick.connectionId === this.bigId && tick.domains.length !== BIG_DOMAINS) t.wrongSize += 1;
        t.lastAt = tick.at;
        this.ticks.set(tick.connectionId, t);
        return;
      }
      case 'domain.changed': {
        const change = payload as EventPayloads['domain.changed'];
        const seen = this.lifecycle.get(change.connectionId) ?? [];
        seen.push(change.domain.state);
        this.lifecycle.set(change.connectionId, seen);
        return;
      }
      case 'domain.removed': {
        const removed = payload as EventPayloads['domain.removed'];
        this.removed.set(removed.connectionId, (this.removed.get(removed.connectionId) ?? 0) + 1);
        return;
      }
      case 'connection.state': {
        const state = payload as EventPayloads['connection.state'];
        this.states.set(state.connectionId, state.state.kind);
        return;
      }
      case 'connections.changed':
      case 'prompt.request':
      case 'prompt.cancel':
      case 'host.stats':
      case 'domain.stats':
      case 'network.changed':
      case 'network.removed':
      case 'pool.changed':
      case 'pool.removed':
      case 'console.data':
      case 'console.closed':
      case 'volume.upload':
        return;
    }
  }
}

let services: MainServices | undefined;
let actor: Connection | undefined;
afterAll(async () => {
  await actor?.close();
  await services?.dispose();
});

describe(`a ${String(SECONDS)} s soak of main`, () => {
  it('keeps heap and fds flat and delivers every state exactly once', async () => {
    const bigFile = (await writeTestDriverHost(join(harness.root, 'soak-1000.xml'), BIG_DOMAINS)).path;
    const profiles = [
      { id: 'big', uri: `test+unix://${bigFile}?socket=${harness.libvirtd.unixSocket}`, name: 'big', autoconnect: true, reconnect: false },
      ...Array.from({ length: 9 }, (_, i) => ({
        id: `default-${String(i)}`,
        uri: i % 2 === 0 ? harness.uris.unix : harness.uris.tcp,
        name: `default ${String(i)}`,
        autoconnect: true,
        reconnect: false,
      })),
    ];
    const sink = new CountingSink('big');
    services = await createMainServices({ store: memoryStore(profiles), sink, appInfo: TEST_APP_INFO, statsIntervalMs: 1000 });
    const main = services;
    await waitFor('ten open connections', () => profiles.every((p) => sink.states.get(p.id) === 'open'), 60_000, () => JSON.stringify([...sink.states]));
    for (const p of profiles) await main.dispatch('stats.subscribe', [p.id]);
    // The nine default connections share the daemon's test:///default: one actor drives it.
    actor = await openUri(harness.uris.unix);
    const test = (await actor.listDomains()).find((d) => d.name === 'test');
    const bigList = await main.manager.get('big').requireOpen().listDomains();
    if (test === undefined) throw new Error('no domain "test" to drive');
    const bigDomain = bigList.find((d) => d.name === 'gen-0000');
    if (bigDomain === undefined) throw new Error('no gen-0000 in the big host');

    const heap: [number, number][] = [];
    const fds: [number, number][] = [];
    const started = Date.now();
    let actions = 0;
    for (let second = 1; second <= SECONDS; second++) {
      const suspend = second % 2 === 1;
      if (suspend) await actor.suspendDomain(test);
      else await actor.resumeDomain(test);
      const answer = await main.dispatch('domains.action', ['big', bigDomain.uuid, suspend ? 'suspend' : 'resume']);
      expect(answer).toMatchObject({ ok: true });
      actions += 1;
      if (second % 5 === 0) {
        const t = (Date.now() - started) / 1000;
        heap.push([t, heapAfterGc()]);
        fds.push([t, openFds()]);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + second * 1000 - Date.now())));
    }
    // The last action's events are on their way.
    const expected = Array.from({ length: actions }, (_, i) => (i % 2 === 0 ? 'paused' : 'running'));
    // The shared host pushes one delta per lifecycle event. The big host, driven through
    // domains.action, may also push the action's own refresh of the same state; a repeat of
    // the same state is idempotent there, so its sequence is compared with repeats folded.
    const changes = (id: string): string[] => {
      const seen = sink.lifecycle.get(id) ?? [];
      return id === 'big' ? seen.filter((state, i) => i === 0 || seen[i - 1] !== state) : seen;
    };
    await waitFor('every lifecycle event', () => profiles.every((p) => changes(p.id).length >= actions), 10_000);
    if (actions % 2 === 1) await actor.resumeDomain(test);

    const heapSlope = slope(heap);
    const fdSlope = slope(fds);
    console.log(`soak ${String(SECONDS)} s: heap slope ${(heapSlope / 1024).toFixed(2)} KiB/s (${String(heap.length)} samples, ` +
      `${(heap[0]?.[1] ?? 0) / 1048576 | 0} → ${(heap.at(-1)?.[1] ?? 0) / 1048576 | 0} MiB), fd slope ${fdSlope.toFixed(4)}/s ` +
      `(${String(fds[0]?.[1])} → ${String(fds.at(-1)?.[1])}), ticks ${JSON.stringify(Object.fromEntries([...sink.ticks].map(([k, v]) => [k, v.count])))}`);
    expect(heapSlope).toBeLessThan(HEAP_SLOPE_BOUND);
    expect(fdSlope).toBeLessThan(FD_SLOPE_BOUND);
    for (const p of profiles) {
      // Exactly the actions' events, in order: none missed, none twice.
      expect(changes(p.id)).toEqual(expected);
      expect(sink.removed.get(p.id) ?? 0).toBe(0);
      if (p.id === 'big') expect(sink.lifecycle.get(p.id)?.length ?? 0).toBeLessThanOrEqual(2 * actions);
      const ticks = sink.ticks.get(p.id);
      expect(ticks?.duplicates).toBe(0);
      expect(ticks?.wrongSize).toBe(0);
      // At 1 Hz; a loaded machine may skip a tick while one is in flight, never most.
      expect(ticks?.count).toBeGreaterThan(SECONDS / 2);
      expect(sink.states.get(p.id)).toBe('open');
    }
  }, (SECONDS + 120) * 1000);
});
