/**
 * The host page's channels on a real daemon: host statistics pushed each tick while
 * watched, one domain's statistics, network and pool actions answered with one-object
 * deltas (also for changes virsh makes), a pool's volumes, the link and its latency.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../electron/main/services';
import type { InvokeChannel, InvokeResult, WireResult } from '../../../shared/ipc';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../../helpers/main-services';
import { virsh } from '../../helpers/virsh';

const harness = inject('harness');
let services: MainServices | undefined;
let sink: RecordingSink;

afterEach(async () => {
  await services?.dispose();
  services = undefined;
  await virsh(harness.uris.unix, 'net-start', 'default').catch(() => undefined);
  await virsh(harness.uris.unix, 'pool-start', 'default-pool').catch(() => undefined);
});

async function call<C extends InvokeChannel>(channel: C, ...args: unknown[]): Promise<InvokeResult<C>> {
  if (!services) throw new Error('services not started');
  const result = (await services.dispatch(channel, args)) as WireResult<C>;
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

async function openHost(uri: string): Promise<string> {
  sink = new RecordingSink();
  services = await createMainServices({ store: memoryStore(), sink, appInfo: TEST_APP_INFO, statsIntervalMs: 200 });
  const { id } = await call('connections.add', { uri, name: '', autoconnect: false, reconnect: false });
  await call('connections.open', id);
  return id;
}

describe('the host page on a real libvirtd', () => {
  it('pushes host CPU % and memory from the QEMU driver each tick while watched, and stops after', async () => {
    const id = await openHost(harness.uris.qemu);
    await call('host.stats.subscribe', id);
    const sample = await sink.next('host.stats', (s) => s.connectionId === id && s.cpuPercent !== null);
    expect(sample.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(sample.cpuPercent).toBeLessThanOrEqual(100);
    expect(sample.memory?.totalKiB).toBe(Number((await virsh(harness.uris.qemu, 'nodememstats')).match(/total\s*:\s*(\d+)/)?.[1]));
    expect(sample.memory?.usedKiB).toBeGreaterThan(0);
    await call('host.stats.unsubscribe', id);
    const count = sink.of('host.stats').length;
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(sink.of('host.stats').length).toBeLessThanOrEqual(count + 1);
  });

  it("on libvirt's test driver: no CPU % from its fixed counters and no memory, said as nulls", async () => {
    const id = await openHost(harness.uris.unix);
    await call('host.stats.subscribe', id);
    await sink.next('host.stats', () => sink.of('host.stats').length >= 3);
    const samples = sink.of('host.stats');
    expect(samples.length).toBeGreaterThanOrEqual(3);
    expect(samples.filter((s) => s.cpuPercent !== null || s.memory !== null)).toEqual([]);
  });

  it('describes the link and measures its latency', async () => {
    const id = await openHost(harness.uris.tls);
    await expect(call('host.link', id)).resolves.toMatchObject({ transport: 'tls', encrypted: true, verified: true, peer: `127.0.0.1:${harness.libvirtd.tlsPort}` });
    expect(await call('host.ping', id)).toBeGreaterThan(0);
  });

  it("pushes one domain's statistics for the domain asked, and only that one", async () => {
    const id = await openHost(harness.uris.unix);
    const test = (await call('domains.list', id)).find((d) => d.name === 'test');
    if (test === undefined) throw new Error('no domain test');
    await call('domain.stats.subscribe', id, test.uuid);
    const point = await sink.next('domain.stats', (p) => p.uuid === test.uuid);
    expect(point).toMatchObject({ connectionId: id, uuid: test.uuid });
    await call('domain.stats.unsubscribe', id, test.uuid);
    expect(new Set(sink.of('domain.stats').map((p) => p.uuid))).toEqual(new Set([test.uuid]));
  });

  it('stops and starts a network and a pool, and sends each change as a delta; virsh changes too', async () => {
    const id = await openHost(harness.uris.unix);
    const net = (await call('networks.list', id)).find((n) => n.name === 'default');
    const pool = (await call('pools.list', id)).find((p) => p.name === 'default-pool');
    if (net === undefined || pool === undefined) throw new Error('no default network or pool');
    await call('networks.action', id, net.uuid, 'stop');
    expect((await sink.next('network.changed', (e) => e.network.uuid === net.uuid)).network).toEqual({ ...net, active: false });
    await virsh(harness.uris.unix, 'net-start', 'default');
    await sink.next('network.changed', (e) => e.network.active);
    await call('pools.action', id, pool.uuid, 'stop');
    expect((await sink.next('pool.changed', (e) => e.pool.uuid === pool.uuid)).pool.state).toBe('inactive');
    await expect(call('pools.volumes', id, pool.uuid)).rejects.toThrow(/not active/);
    await call('pools.action', id, pool.uuid, 'start');
    await sink.next('pool.changed', (e) => e.pool.state === 'running');
    expect(await call('pools.volumes', id, pool.uuid)).toEqual([]);
    await expect(call('networks.action', id, '00000000-0000-4000-8000-00000000dead', 'stop')).rejects.toThrow(/not-found/);
  });
});
