/**
 * Open/close cycles over every transport must leave the process as they found it: file
 * descriptors, child processes, listeners, and active handles and timers at baseline.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openUri } from '../../electron/libvirt';
import { waitFor } from '../helpers/process';
import { snapshot, trackTimers, type Snapshot } from '../helpers/process-health';

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
