import { afterEach, describe, expect, it } from 'vitest';
import type { Connection, LifecycleEvent } from '../../../electron/libvirt';
import { openEmbeddedTest } from '../../../electron/libvirt/drivers/test';
import { defaultHostSpec } from '../../../electron/libvirt/drivers/test/default-host';
import { EmbeddedTestConnection } from '../../../electron/libvirt/drivers/test/connection';
import { TestHost } from '../../../electron/libvirt/drivers/test/host';
import { parseLibvirtUri } from '../../../shared/uri';

function uri(text: string) {
  const parsed = parseLibvirtUri(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.uri;
}

const open: Connection[] = [];
async function openDefault(readOnly = false): Promise<Connection> {
  const conn = await openEmbeddedTest(uri('test:///default'), { readOnly });
  open.push(conn);
  return conn;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const XML = "<domain type='test'><name>unit-a</name><uuid>aaaaaaaa-0000-4000-8000-000000000001</uuid><memory>65536</memory><os><type>hvm</type></os></domain>";

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

describe('the embedded test driver connection', () => {
  it('is the embedded driver and answers what libvirt 9.0 test driver answers', async () => {
    const conn = await openDefault();
    expect(conn.driver).toBe('embedded-test');
    expect(await conn.hostInfo()).toMatchObject({ type: 'TEST', hypervisorVersion: '0.0.2', libvirtVersion: '9.0.0', uri: 'test:///default' });
    expect(await conn.listDomains()).toEqual([{ name: 'test', uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f', id: 1 }]);
    expect(await conn.capabilities()).toMatch(/<domain type='test'\/>/);
  });

  it('shares test:///default between connections, with events, and resets it after the last closes', async () => {
    const a = await openDefault();
    const b = await openDefault();
    const seen: LifecycleEvent[] = [];
    await b.onDomainLifecycle((e) => seen.push(e));
    await a.defineDomain(XML);
    expect((await b.listDomains()).map((d) => d.name)).toContain('unit-a');
    await settle();
    expect(seen).toEqual([{ domain: { name: 'unit-a', uuid: 'aaaaaaaa-0000-4000-8000-000000000001', id: -1 }, event: 'defined', eventCode: 0, detail: 0 }]);
    await a.close();
    await b.close();
    const c = await openDefault();
    expect((await c.listDomains()).map((d) => d.name)).toEqual(['test']);
  });

  it('delivers events after the call returns, never inside it', async () => {
    const conn = await openDefault();
    const seen: string[] = [];
    await conn.onDomainLifecycle((e) => seen.push(e.event));
    const test = await conn.lookupDomainByName('test');
    await conn.suspendDomain(test);
    expect(seen).toEqual([]);
    await settle();
    expect(seen).toEqual(['suspended']);
  });

  it('refuses every change on a read-only connection, naming the API', async () => {
    const conn = await openDefault(true);
    const test = await conn.lookupDomainByName('test');
    await expect(conn.destroyDomain(test)).rejects.toMatchObject({ code: 29, message: 'operation forbidden: read only access prevents virDomainDestroy' });
    await expect(conn.defineDomain(XML)).rejects.toMatchObject({ code: 29 });
    expect((await conn.domainState(test)).state).toBe('running');
  });

  it('keeps a running domain that is undefined until it stops, then forgets it', async () => {
    const conn = await openDefault();
    const dom = await conn.createDomain(await conn.defineDomain(XML));
    await conn.undefineDomain(dom);
    await conn.undefineDomain(dom);
    expect((await conn.listDomains()).map((d) => d.name)).toContain('unit-a');
    await conn.destroyDomain(dom);
    await expect(conn.domainState(dom)).rejects.toMatchObject({ code: 42, message: `Domain not found: no domain with matching uuid '${dom.uuid}' (unit-a)` });
  });

  it('refuses a second domain with the same name or UUID as libvirt does', async () => {
    const conn = await openDefault();
    await conn.defineDomain(XML);
    await expect(conn.defineDomain(XML.replace('000000000001', '000000000002'))).rejects.toMatchObject({
      code: 9, message: "operation failed: domain 'unit-a' already exists with uuid aaaaaaaa-0000-4000-8000-000000000001",
    });
    await expect(conn.defineDomain(XML.replace('unit-a', 'unit-b').replace('aaaaaaaa-0000-4000-8000-000000000001', '6695eb01-f6a4-8304-79aa-97f2502e193f'))).rejects.toMatchObject({
      code: 9, message: "operation failed: domain 'test' is already defined with uuid 6695eb01-f6a4-8304-79aa-97f2502e193f",
    });
  });

  it('rejects calls after close with ConnectionClosedError and tells close listeners once', async () => {
    const conn = await openDefault();
    const reasons: string[] = [];
    conn.onClose((e) => reasons.push(e.reason.kind));
    await conn.close();
    await conn.close();
    expect(reasons).toEqual(['local']);
    expect(conn.isOpen).toBe(false);
    await expect(conn.listDomains()).rejects.toMatchObject({ kind: 'closed' });
  });
});

describe('all-domain stats of the embedded driver', () => {
  it('gives the state group and a CPU time that advances while running, stands while paused', async () => {
    let now = 0n;
    const host = TestHost.fromSpec(defaultHostSpec(), { clock: () => now });
    const conn = new EmbeddedTestConnection(host, { uri: 'test:///default' });
    const test = await conn.lookupDomainByName('test');
    const cpu = async () => (await conn.allDomainStats({ stats: 2 }))[0]?.values['cpu.time'];
    const first = await cpu();
    now += 1_000_000_000n;
    const second = await cpu();
    expect(typeof first === 'bigint' && typeof second === 'bigint' && second > first).toBe(true);
    await conn.suspendDomain(test);
    now += 1_000_000_000n;
    expect(await cpu()).toBe(second);
    expect((await conn.allDomainStats({ stats: 1 }))[0]?.values).toEqual({ 'state.state': 3, 'state.reason': 1 });
    await conn.destroyDomain(test);
    expect((await conn.allDomainStats())[0]?.values).toEqual({ 'state.state': 5, 'state.reason': 2 });
    expect(await conn.allDomainStats({ flags: 1 })).toEqual([]);
    expect((await conn.domainInfo(test)).cpuTimeNs).toBe(0n);
    await conn.close();
  });
});
