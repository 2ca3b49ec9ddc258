import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openUri } from '../../../electron/libvirt/connect';
import { listDomainDetails, StatsGroup, type Connection, type DomainDetails } from '../../../electron/libvirt';
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
/** VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE */
const STATS_INACTIVE = 2;

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

/** What the listing asked of the connection, in order: procedure and arguments. */
type Asked = readonly [method: 'listDomains' | 'allDomainStats' | 'domainInfo', args: unknown];

/**
 * The connection as it is, recording the listing's calls made through it; `around` may
 * hold a call's answer back (to stage a domain starting between two calls).
 */
function counting(
  conn: Connection,
  around: (asked: Asked, answer: () => Promise<unknown>) => Promise<unknown> = (_asked, answer) => answer(),
): { conn: Connection; asked: Asked[]; infoCalls: () => number } {
  const asked: Asked[] = [];
  const spy = new Proxy(conn, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property !== 'listDomains' && property !== 'allDomainStats' && property !== 'domainInfo') return method.bind(target);
      return (...args: unknown[]) => {
        const call: Asked = [property, args[0]];
        asked.push(call);
        return around(call, () => Promise.resolve(method.apply(target, args)));
      };
    },
  });
  return { conn: spy, asked, infoCalls: () => asked.filter(([method]) => method === 'domainInfo').length };
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

const byName = (a: Record<string, unknown>, b: Record<string, unknown>): number => String(a.name).localeCompare(String(b.name));

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
    // The defined domains come from the one bulk call, which names them (no full domain
    // list is asked for); a running one's stats would ask QEMU, so it is asked per domain.
    expect(spy.asked.filter(([method]) => method !== 'domainInfo')).toEqual([
      ['listDomains', { all: false }],
      ['allDomainStats', { stats: StatsGroup.STATE | StatsGroup.VCPU | StatsGroup.BALLOON, flags: STATS_INACTIVE }],
    ]);
    expect(spy.infoCalls()).toBe(all.filter((d) => d.ref.id >= 0).length);
    expect(spy.infoCalls()).toBeLessThan(all.length);
  });

  it('lists only the running domain without --all, as virsh list does', async () => {
    const details = (await listDomainDetails(conn, { all: false })).filter((d) => d.ref.name.startsWith(prefix));
    expect(details.map(ourView)).toEqual([await virshView(harness.uris.qemu, `${prefix}running`)]);
  });

  it('lists a domain that starts between the two calls once, as running', async () => {
    const late = `${prefix}late`;
    const dom = await conn.defineDomain(qemuDomainXml(late, 32, 32, 1, 1));
    names.push(late);
    // The stats call answers first (the domain stopped); then it starts; then the running
    // list is taken (the domain running).
    let statsTaken: () => void = () => undefined;
    const afterStats = new Promise<void>((resolve) => { statsTaken = resolve; });
    const spy = counting(conn, async ([method, args], answer) => {
      if (method === 'allDomainStats') {
        const stats = await answer();
        await conn.createDomain(dom);
        statsTaken();
        return stats;
      }
      if (method === 'listDomains' && !(args as { all: boolean }).all) await afterStats;
      return answer();
    });
    const details = (await listDomainDetails(spy.conn, { all: true })).filter((d) => d.ref.name === late);
    expect(details.map(ourView)).toEqual([await virshView(harness.uris.qemu, late)]);
    expect(details[0]?.info.state).toBe('running');
  });
});

describe('the bulk domain list on the test driver', () => {
  it.each(['unix', 'tcp'] as const)('equals virsh over %s, asking per domain for what the state group lacks', async (transport) => {
    const uri = harness.uris[transport];
    const conn = await openUri(uri);
    // One stopped domain, so the bulk call has a record to learn from.
    const stopped = await conn.defineDomain(
      `<domain type='test'><name>${prefix}${transport}-stopped</name><memory unit='KiB'>65536</memory><vcpu>2</vcpu><os><type>hvm</type></os></domain>`,
    );
    try {
      const spy = counting(conn);
      const details = await listDomainDetails(spy.conn, { all: true });
      expect(details.filter((d) => d.ref.id < 0).length).toBeGreaterThan(0);
      for (const detail of details) expect(ourView(detail)).toEqual(await virshView(uri, detail.ref.name));
      expect(spy.infoCalls()).toBe(details.length);
      // The bulk call gave no vCPUs or memory: the next listing on this connection skips it.
      const before = spy.asked.length;
      expect((await listDomainDetails(spy.conn, { all: true })).map(ourView).sort(byName)).toEqual(details.map(ourView).sort(byName));
      expect(spy.asked.slice(before).filter(([method]) => method !== 'domainInfo')).toEqual([['listDomains', { all: true }]]);
    } finally {
      await conn.undefineDomain(stopped);
      await conn.close();
    }
  });
});
