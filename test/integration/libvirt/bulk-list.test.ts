import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openUri } from '../../../electron/libvirt/connect';
import { listDomainDetails, type Connection, type DomainDetails } from '../../../electron/libvirt';
import { TEST_DOMAIN_PREFIX } from '../../helpers/test-domains';
import { virsh } from '../../helpers/virsh';

/**
 * The domain list from bulk calls (listDomainDetails) against virsh's per-domain answers,
 * on the harness daemon's QEMU driver (whose bulk stats carry vCPUs and memory; the
 * running domains are asked per domain) and its test driver (whose bulk stats carry only
 * the state).
 */
const harness = inject('harness');
const prefix = `${TEST_DOMAIN_PREFIX}bulk-${process.pid}-`;

/** Three shapes of domain: memory ballooned below its maximum, several vCPUs, one running. */
function qemuDomainXml(name: string, memoryMiB: number, currentMiB: number, vcpus: number, maxVcpus: number): string {
  return `<domain type='qemu'>
  <name>${name}</name>
  <memory unit='MiB'>${memoryMiB}</memory>
  <currentMemory unit='MiB'>${currentMiB}</currentMemory>
  <vcpu current='${vcpus}'>${maxVcpus}</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='network'/></os>
  <on_poweroff>destroy</on_poweroff>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>
</domain>`;
}

/** The connection as it is, counting the per-domain info calls made through it. */
function counting(conn: Connection): { conn: Connection; infoCalls: () => number } {
  let calls = 0;
  const spy = new Proxy(conn, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'domainInfo') return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      return (...args: Parameters<Connection['domainInfo']>) => {
        calls += 1;
        return conn.domainInfo(...args);
      };
    },
  });
  return { conn: spy, infoCalls: () => calls };
}

/** What virsh says of one domain, in our field names. */
async function virshView(uri: string, name: string): Promise<Record<string, unknown>> {
  const fields = new Map((await virsh(uri, 'dominfo', name)).split('\n').filter((l) => l.includes(':')).map((l) => {
    const at = l.indexOf(':');
    return [l.slice(0, at).trim(), l.slice(at + 1).trim()] as const;
  }));
  const id = fields.get('Id') ?? '-';
  return {
    name,
    id: id === '-' ? -1 : Number(id),
    uuid: fields.get('UUID'),
    state: (fields.get('State') ?? '').replace('shut off', 'shutoff'),
    vcpus: Number(fields.get('CPU(s)')),
    memoryKiB: Number(fields.get('Used memory')?.replace(' KiB', '')),
    maxMemoryKiB: Number(fields.get('Max memory')?.replace(' KiB', '')),
  };
}

function ourView(detail: DomainDetails): Record<string, unknown> {
  return {
    name: detail.ref.name,
    id: detail.ref.id,
    uuid: detail.ref.uuid,
    state: detail.info.state,
    vcpus: detail.info.vcpus,
    memoryKiB: detail.info.memoryKiB,
    maxMemoryKiB: detail.info.maxMemoryKiB,
  };
}

describe('the bulk domain list on the QEMU driver', () => {
  let conn: Connection;
  const names = [`${prefix}ballooned`, `${prefix}two-vcpus`, `${prefix}running`];

  beforeAll(async () => {
    conn = await openUri(harness.uris.qemu);
    await conn.defineDomain(qemuDomainXml(names[0] ?? '', 64, 48, 1, 1));
    await conn.defineDomain(qemuDomainXml(names[1] ?? '', 32, 32, 2, 4));
    await conn.createDomain(await conn.defineDomain(qemuDomainXml(names[2] ?? '', 32, 32, 1, 2)));
  });
  afterAll(async () => {
    for (const name of names) {
      const dom = await conn.lookupDomainByName(name).catch(() => undefined);
      if (dom === undefined) continue;
      await conn.destroyDomain(dom).catch(() => undefined);
      await conn.undefineDomain(dom).catch(() => undefined);
    }
    await conn.close();
  });

  it('equals virsh for every domain, asking per domain only for the running ones', async () => {
    const spy = counting(conn);
    const all = await listDomainDetails(spy.conn, { all: true });
    const details = all.filter((d) => d.ref.name.startsWith(prefix));
    expect(details.map((d) => d.ref.name).sort()).toEqual([...names].sort());
    for (const detail of details) expect(ourView(detail)).toEqual(await virshView(harness.uris.qemu, detail.ref.name));
    // The defined domains come from the one bulk call; a running one's stats would ask QEMU.
    expect(spy.infoCalls()).toBe(all.filter((d) => d.ref.id >= 0).length);
    expect(spy.infoCalls()).toBeLessThan(all.length);
  });

  it('lists only the running domain without --all, as virsh list does', async () => {
    const details = (await listDomainDetails(conn, { all: false })).filter((d) => d.ref.name.startsWith(prefix));
    expect(details.map(ourView)).toEqual([await virshView(harness.uris.qemu, `${prefix}running`)]);
  });
});

describe('the bulk domain list on the test driver', () => {
  it.each(['unix', 'tcp'] as const)('equals virsh over %s, asking per domain for what the state group lacks', async (transport) => {
    const uri = harness.uris[transport];
    const conn = await openUri(uri);
    try {
      const spy = counting(conn);
      const details = await listDomainDetails(spy.conn, { all: true });
      expect(details.length).toBeGreaterThan(0);
      for (const detail of details) expect(ourView(detail)).toEqual(await virshView(uri, detail.ref.name));
      expect(spy.infoCalls()).toBe(details.length);
    } finally {
      await conn.close();
    }
  });
});
