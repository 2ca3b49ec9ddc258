import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, type RemoteConnection as Connection, type LifecycleEvent } from '../../../electron/libvirt';
import { LibvirtError } from '../../../electron/libvirt/errors';
import { TEST_DOMAIN_PREFIX } from '../../helpers/test-domains';
import { targets, testDomainXml, TEST_NAME, uniqueName } from './targets';

describe.each(['unix', 'tcp'] as const)('every procedure over %s against test:///default', (transport) => {
  let conn: Connection;

  beforeAll(async () => {
    conn = await open(targets()[transport], { name: TEST_NAME });
  });
  afterAll(async () => {
    await conn.close();
  });

  it('negotiates keepalive, event and close callbacks', async () => {
    expect(conn.features.keepalive).toBe(true);
    expect(await conn.features.eventCallback).toBe(true);
    expect(await conn.features.closeCallback).toBe(true);
  });

  it('reads host info', async () => {
    const info = await conn.hostInfo();
    expect(info.type).toBe('TEST');
    expect(info.uri).toBe(TEST_NAME);
    expect(info.libvirtVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(info.hypervisorVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(info.hostname.length).toBeGreaterThan(0);
    // The test driver's fixed node: 16 CPUs, 2 nodes, 2 sockets, 2 cores, 2 threads.
    expect(info.node).toMatchObject({ model: 'i686', cpus: 16, mhz: 1400, nodes: 2, sockets: 2, cores: 2, threads: 2 });
    expect(info.node.memoryKiB).toBeGreaterThan(0);
  });

  it('reads capabilities XML', async () => {
    expect(await conn.capabilities()).toMatch(/<capabilities>/);
  });

  it('lists, looks up and describes the default domain', async () => {
    const domains = await conn.listDomains();
    const test = domains.find((d) => d.name === 'test');
    if (test === undefined) throw new Error('the test driver always has a domain "test"');
    expect(await conn.lookupDomainByName('test')).toEqual(test);
    expect(await conn.lookupDomainByUuid(test.uuid)).toEqual(test);
    const running = await conn.listDomains({ all: false });
    expect(running.every((d) => d.id > 0)).toBe(true);
    expect(await conn.domainXml(test)).toMatch(/<name>test<\/name>/);
    const info = await conn.domainInfo(test);
    expect(info.vcpus).toBeGreaterThan(0);
    expect(info.maxMemoryKiB).toBeGreaterThanOrEqual(info.memoryKiB);
    expect((await conn.domainState(test)).state).toMatch(/running|paused|shutoff/);
  });

  it('reports a missing domain as NO_DOMAIN', async () => {
    const error: unknown = await conn.lookupDomainByName(uniqueName('absent-')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibvirtError);
    expect(error).toMatchObject({ code: 42, codeName: 'NO_DOMAIN' });
  });

  it('drives a domain through its whole lifecycle, with and without flags, and sees the events', async () => {
    const events: LifecycleEvent[] = [];
    const name = uniqueName(TEST_DOMAIN_PREFIX);
    const unsubscribe = await conn.onDomainLifecycle((e) => {
      if (e.domain.name === name) events.push(e);
    });
    const defined = await conn.defineDomain(testDomainXml(name));
    expect(defined.name).toBe(name);
    expect((await conn.domainState(defined)).state).toBe('shutoff');

    const started = await conn.createDomain(defined);
    expect(started.id).toBeGreaterThan(0);
    await conn.suspendDomain(started);
    expect((await conn.domainState(started)).state).toBe('paused');
    await conn.resumeDomain(started);
    await conn.rebootDomain(started);
    await conn.shutdownDomain(started);
    expect((await conn.domainState(started)).state).toBe('shutoff');

    // The flag variants, with flags the test driver accepts; the plain ones by number.
    await conn.rpc.call('domainCreate', { dom: defined });
    await conn.rpc.call('domainShutdownFlags', { dom: defined, flags: 0 });
    await conn.createDomain(defined);
    await conn.destroyDomain(defined, 0x1 /* VIR_DOMAIN_DESTROY_GRACEFUL */);
    await conn.createDomain(defined);
    await conn.destroyDomain(defined);
    expect((await conn.domainState(defined)).state).toBe('shutoff');

    await conn.undefineDomain(defined);
    const redefined = await conn.defineDomain(testDomainXml(name), 0x1 /* VIR_DOMAIN_DEFINE_VALIDATE */);
    await conn.undefineDomain(redefined, 0x1 /* VIR_DOMAIN_UNDEFINE_MANAGED_SAVE */);
    await expect(conn.lookupDomainByName(name)).rejects.toMatchObject({ codeName: 'NO_DOMAIN' });

    await expect.poll(() => events.map((e) => e.event).at(-1)).toBe('undefined');
    const seen = events.map((e) => e.event);
    for (const kind of ['defined', 'started', 'suspended', 'resumed', 'stopped', 'undefined'] as const) {
      expect(seen).toContain(kind);
    }
    await unsubscribe();
  });

  it('lists networks and reads their XML', async () => {
    const networks = await conn.listNetworks();
    const net = networks.find((n) => n.name === 'default');
    expect(net).toMatchObject({ active: true });
    if (net === undefined) return;
    expect(await conn.lookupNetworkByName('default')).toEqual({ name: net.name, uuid: net.uuid });
    expect(await conn.networkXml(net)).toMatch(/<network/);
  });

  it('lists storage pools with their sizes', async () => {
    const pools = await conn.listStoragePools();
    const pool = pools.find((p) => p.name === 'default-pool');
    expect(pool).toMatchObject({ state: 'running' });
    expect(pool?.capacityBytes).toBeGreaterThan(0n);
  });

  it('answers the procedures the app does not call (yet) as the table declares them', async () => {
    const net = await conn.lookupNetworkByName('default');
    expect((await conn.rpc.call('networkLookupByUuid', { uuid: net.uuid })).net).toEqual(net);
    const { callbackID } = await conn.rpc.call('connectNetworkEventRegisterAny', { eventID: 0, net: null });
    await conn.rpc.call('connectNetworkEventDeregisterAny', { callbackID });
    const { pool } = await conn.rpc.call('storagePoolLookupByName', { name: 'default-pool' });
    expect(pool.name).toBe('default-pool');
    expect((await conn.rpc.call('storagePoolGetXmlDesc', { pool, flags: 0 })).xml).toMatch(/<pool/);
    expect((await conn.rpc.call('storagePoolGetAutostart', { pool })).autostart).toEqual(expect.any(Number));
    expect((await conn.rpc.call('storagePoolIsActive', { pool })).active).toBe(1);
    // The first close listener registered the close callback: take it away, and give it back.
    const stopListening = conn.onClose(() => undefined);
    await conn.ping();
    await conn.rpc.call('connectUnregisterCloseCallback');
    await conn.rpc.call('connectRegisterCloseCallback');
    stopListening();
  });

  it('reads all-domain stats in one call', async () => {
    const stats = await conn.allDomainStats();
    const test = stats.find((s) => s.domain.name === 'test');
    expect(test?.values['state.state']).toEqual(expect.any(Number));
    const one = await conn.allDomainStats({ domains: test ? [test.domain] : [], stats: 1 /* STATE */ });
    expect(one.map((s) => s.domain.name)).toEqual(['test']);
  });
});
