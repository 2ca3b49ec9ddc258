/**
 * Node statistics, and network and storage-pool actions and events, against the harness
 * daemon (test and QEMU drivers) and virsh on the same daemon; the embedded test driver must
 * answer the same calls with the same shapes, values and errors, but for one documented
 * difference (memory statistics, which libvirt's test driver lacks).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Connection, NetworkEvent, NodeStat, StoragePoolEvent } from '../../../electron/libvirt';
import { openUri } from '../../../electron/libvirt/connect';
import { waitFor } from '../../helpers/process';
import { virsh } from '../../helpers/virsh';

const harness = inject('harness');

/** `virsh nodecpustats` / `nodememstats` output as field -> value. */
async function virshStats(uri: string, command: 'nodecpustats' | 'nodememstats'): Promise<Map<string, bigint>> {
  const out = await virsh(uri, command);
  return new Map(out.split('\n').filter((l) => l.includes(':')).map((l) => {
    const [name = '', value = ''] = l.split(':');
    return [name.trim(), BigInt(value.trim().split(/\s+/)[0] ?? '')];
  }));
}

/** virsh prints the kernel counter as "system" and memory in "KiB": the API's names differ. */
const VIRSH_NAME: Readonly<Record<string, string>> = { kernel: 'system' };
const asMap = (stats: readonly NodeStat[]): Map<string, bigint> => new Map(stats.map((s) => [VIRSH_NAME[s.field] ?? s.field, s.value]));

function errorOf(promise: Promise<unknown>): Promise<{ code: unknown; message: string }> {
  return promise.then(
    () => ({ code: 'no error', message: '' }),
    (error: unknown) => ({ code: (error as { code?: unknown }).code, message: (error as Error).message }),
  );
}

describe('node statistics', () => {
  let daemonTest: Connection;
  let daemonQemu: Connection;
  let embedded: Connection;

  beforeAll(async () => {
    [daemonTest, daemonQemu, embedded] = await Promise.all([openUri(harness.uris.unix), openUri(harness.uris.qemu), openUri('test:///default')]);
  });
  afterAll(async () => {
    await Promise.all([daemonTest.close(), daemonQemu.close(), embedded.close()]);
  });

  it("equal virsh nodecpustats on the daemon's test driver, and the embedded driver answers the same", async () => {
    const ours = await daemonTest.nodeCpuStats();
    expect(asMap(ours)).toEqual(await virshStats(harness.uris.unix, 'nodecpustats'));
    expect(ours.map((s) => s.field)).toEqual(['user', 'kernel', 'idle', 'iowait']);
    expect(await embedded.nodeCpuStats()).toEqual(ours);
    expect(await embedded.nodeCpuStats(0)).toEqual(await daemonTest.nodeCpuStats(0));
  });

  it('are the real host counters on the QEMU driver, the same fields virsh prints', async () => {
    const before = await daemonQemu.nodeCpuStats();
    const fromVirsh = await virshStats(harness.uris.qemu, 'nodecpustats');
    const after = await daemonQemu.nodeCpuStats();
    // virsh prints the fields in its own order, not the driver's.
    expect([...asMap(before).keys()].sort()).toEqual([...fromVirsh.keys()].sort());
    // Counters only grow: virsh's reading, taken between ours, lies between them.
    for (const [field, value] of fromVirsh) {
      expect(value).toBeGreaterThanOrEqual(asMap(before).get(field) ?? -1n);
      expect(value).toBeLessThanOrEqual(asMap(after).get(field) ?? -1n);
    }
  });

  it('give the memory total virsh nodememstats gives on the QEMU driver', async () => {
    const ours = asMap(await daemonQemu.nodeMemoryStats());
    const fromVirsh = await virshStats(harness.uris.qemu, 'nodememstats');
    expect([...ours.keys()]).toEqual([...fromVirsh.keys()]);
    expect(ours.get('total')).toBe(fromVirsh.get('total'));
    expect(ours.get('total')).toBeGreaterThan(0n);
  });

  it("memory: libvirt's test driver has none (NO_SUPPORT, as virsh says); the embedded host answers its own", async () => {
    const refused = await errorOf(daemonTest.nodeMemoryStats());
    expect(refused.code).toBe(3);
    await expect(virsh(harness.uris.unix, 'nodememstats')).rejects.toThrow(/not supported/);
    const ours = await embedded.nodeMemoryStats();
    expect(ours.map((s) => s.field)).toEqual(['total', 'free', 'buffers', 'cached']);
    // test:///default: 3 GiB, and the running "test" domain holds 2 GiB of it.
    expect(asMap(ours).get('total')).toBe(3n * 1024n * 1024n);
    expect(asMap(ours).get('free')).toBe(1024n * 1024n);
  });
});

describe('networks and storage pools', () => {
  let daemon: Connection;
  let embedded: Connection;

  beforeAll(async () => {
    [daemon, embedded] = await Promise.all([openUri(harness.uris.unix), openUri('test:///default')]);
  });
  afterAll(async () => {
    // Leave the shared default host as the next test file expects it.
    await virsh(harness.uris.unix, 'net-start', 'default').catch(() => undefined);
    await virsh(harness.uris.unix, 'pool-start', 'default-pool').catch(() => undefined);
    await Promise.all([daemon.close(), embedded.close()]);
  });

  it('hears network events when virsh stops and starts a network', async () => {
    const events: NetworkEvent[] = [];
    const unsubscribe = await daemon.onNetworkEvent((e) => events.push(e));
    await virsh(harness.uris.unix, 'net-destroy', 'default');
    await waitFor('a stopped event', () => events.some((e) => e.event === 'stopped'), 10_000);
    expect((await daemon.listNetworks()).find((n) => n.name === 'default')?.active).toBe(false);
    await virsh(harness.uris.unix, 'net-start', 'default');
    await waitFor('a started event', () => events.some((e) => e.event === 'started'), 10_000);
    expect(events.map((e) => [e.network.name, e.event])).toEqual([['default', 'stopped'], ['default', 'started']]);
    await unsubscribe();
  });

  it('hears pool events when virsh stops, starts and refreshes a pool', async () => {
    const events: StoragePoolEvent[] = [];
    const unsubscribe = await daemon.onStoragePoolEvent((e) => events.push(e));
    await virsh(harness.uris.unix, 'pool-destroy', 'default-pool');
    await virsh(harness.uris.unix, 'pool-start', 'default-pool');
    await virsh(harness.uris.unix, 'pool-refresh', 'default-pool');
    await waitFor('three pool events', () => events.length >= 3, 10_000);
    expect(events.map((e) => [e.pool.name, e.event])).toEqual([['default-pool', 'stopped'], ['default-pool', 'started'], ['default-pool', 'refreshed']]);
    await unsubscribe();
  });

  it('acts on networks and pools as the daemon does, with the same results, errors and events (embedded too)', async () => {
    const script = async (conn: Connection): Promise<unknown[]> => {
      const netEvents: string[] = [];
      const poolEvents: string[] = [];
      const offNet = await conn.onNetworkEvent((e) => netEvents.push(`${e.network.name} ${e.event} ${e.detail}`));
      const offPool = await conn.onStoragePoolEvent((e) => poolEvents.push(`${e.pool.name} ${e.event} ${e.detail}`));
      const net = await conn.lookupNetworkByName('default');
      const [poolSummary] = await conn.listStoragePools();
      if (poolSummary === undefined) throw new Error('no pool');
      const pool = await conn.lookupStoragePoolByUuid(poolSummary.uuid);
      const steps: unknown[] = [];
      const step = async (label: string, call: () => Promise<unknown>): Promise<void> => {
        try {
          steps.push([label, await call()]);
        } catch (error) {
          const e = error as { code?: unknown; domain?: unknown; message?: unknown };
          steps.push([label, 'error', e.code, e.domain, e.message]);
        }
      };
      await step('net by uuid', () => conn.lookupNetworkByUuid(net.uuid));
      await step('absent net by uuid', () => conn.lookupNetworkByUuid('00000000-0000-4000-8000-00000000dead'));
      await step('start active net', () => conn.startNetwork(net));
      await step('stop net', () => conn.stopNetwork(net));
      await step('nets after stop', () => conn.listNetworks());
      await step('stop stopped net', () => conn.stopNetwork(net));
      await step('start net', () => conn.startNetwork(net));
      await step('absent pool by uuid', () => conn.lookupStoragePoolByUuid('00000000-0000-4000-8000-00000000dead'));
      await step('volumes', () => conn.listStorageVolumes(pool));
      await step('start active pool', () => conn.startStoragePool(pool));
      await step('refresh pool', () => conn.refreshStoragePool(pool));
      await step('stop pool', () => conn.stopStoragePool(pool));
      await step('pools after stop', () => conn.listStoragePools());
      await step('stop stopped pool', () => conn.stopStoragePool(pool));
      await step('refresh stopped pool', () => conn.refreshStoragePool(pool));
      await step('volumes of stopped pool', () => conn.listStorageVolumes(pool));
      await step('start pool', () => conn.startStoragePool(pool));
      await waitFor('the events of the script', () => netEvents.length >= 3 && poolEvents.length >= 3, 10_000);
      await offNet();
      await offPool();
      return [steps, netEvents, poolEvents];
    };
    const bigintSafe = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)));
    const fromDaemon = bigintSafe(await script(daemon));
    expect(bigintSafe(await script(embedded))).toEqual(fromDaemon);
    expect(JSON.stringify(fromDaemon)).toContain('"default stopped 0"');
  });
});
