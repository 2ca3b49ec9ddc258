/**
 * The embedded test driver against libvirtd's test driver (through our remote driver): the
 * same script, the same transcript. Where the two may differ by design, the field is named
 * in DIFFERENCES with its reason and both sides are normalised the same way before the
 * comparison; everything else must be equal, value for value and error for error.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Connection, DomainStats } from '../../../electron/libvirt';
import { openUri } from '../../../electron/libvirt/connect';
import { XMLParser } from 'fast-xml-parser';
import { writeTestDriverHost } from '../../helpers/test-driver-file';
import { runScript, type Outcome, type Step, type Transcript } from './script';

/** Fields that differ between the two drivers on purpose, and why. */
export const DIFFERENCES = {
  cpuTime:
    "domainInfo's cpuTimeNs: libvirt's test driver answers the wall clock (g_get_real_time() * 1000), " +
    'the embedded one a CPU time that grows only while the domain runs; compared as a bigint only.',
  domainXml:
    'domain XML: libvirtd rewrites a definition through its full schema (device addresses, interface targets, ' +
    'empty elements printed open/close); the embedded driver keeps the XML the user gave, normalised with name, ' +
    "uuid, memory, vcpu, id and libvirt's defaults (os arch, boot, clock, on_*); compared by those fields (loose).",
  capabilities:
    'capabilities XML: libvirt formats every host feature it models; the embedded one a smaller document; ' +
    'compared by host arch, NUMA cell count, guest OS types and domain type.',
  xmlSyntax:
    'the message of a malformed-XML error comes from the parser (libxml2 there, fast-xml-validator here); ' +
    'compared by code, domain and level.',
  statsGroups:
    "all-domain stats with no group asked: libvirt 9.0's test driver has only the state group; the embedded " +
    'driver adds cpu.*, balloon.* and vcpu.* for running domains so that the app can graph them; compared on state.*.',
  generatedUuid: 'a UUID libvirt generates for a definition without one is random on both sides; masked.',
  listOrder:
    "domain lists: libvirt returns its hash table's order, which varies between runs; the embedded driver " +
    'returns definition order; lists (and stats) are compared sorted by name.',
  eventTiming:
    'libvirtd delivers events from its event loop, so an event may arrive after later replies; the events are ' +
    'compared as one ordered list at the end, not step by step.',
} as const;

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });

interface LooseDomainXml {
  readonly type: unknown;
  readonly id: unknown;
  readonly name: unknown;
  readonly uuid: unknown;
  readonly memory: unknown;
  readonly currentMemory: unknown;
  readonly vcpu: unknown;
  readonly osType: unknown;
  readonly osArch: unknown;
  readonly boot: unknown;
  readonly clock: unknown;
  readonly lifecycle: unknown;
}

function text(node: unknown): unknown {
  if (typeof node === 'object' && node !== null && '#text' in node) return node['#text'];
  return node;
}

/** DIFFERENCES.domainXml */
function looseDomainXml(doc: string): LooseDomainXml {
  const root = (xml.parse(doc) as { domain: Record<string, unknown> }).domain;
  const os = root.os as Record<string, unknown> | undefined;
  return {
    type: root['@type'],
    id: root['@id'],
    name: text(root.name),
    uuid: text(root.uuid),
    memory: text(root.memory),
    currentMemory: text(root.currentMemory),
    vcpu: text(root.vcpu),
    osType: text(os?.type),
    osArch: (os?.type as Record<string, unknown> | undefined)?.['@arch'],
    boot: (os?.boot as Record<string, unknown> | undefined)?.['@dev'],
    clock: (root.clock as Record<string, unknown> | undefined)?.['@offset'],
    lifecycle: [root.on_poweroff, root.on_reboot, root.on_crash],
  };
}

/** DIFFERENCES.capabilities */
function looseCapabilities(doc: string): unknown {
  const caps = (xml.parse(doc) as { capabilities: Record<string, unknown> }).capabilities;
  const host = caps.host as { cpu: { arch: unknown }; topology: { cells: { '@num': unknown } } };
  const guests = [caps.guest].flat() as { os_type: unknown; arch: { '@name': unknown; domain: unknown } }[];
  return {
    arch: host.cpu.arch,
    cells: host.topology.cells['@num'],
    guests: guests.map((g) => [g.os_type, g.arch['@name'], [g.arch.domain].flat().map((d) => (d as Record<string, unknown>)['@type'])]),
  };
}

/** DIFFERENCES.listOrder */
function byName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((x, y) => x.name.localeCompare(y.name));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Rewrites one step's outcome by the documented differences; returns it unchanged otherwise. */
function normaliseStep({ label, outcome }: Step): Step {
  if ('error' in outcome) {
    // DIFFERENCES.xmlSyntax: XML_DETAIL (35) messages are the parser's own words.
    if (outcome.error.code === 35) return { label, outcome: { error: { ...outcome.error, message: '<parser message>' } } };
    return { label, outcome };
  }
  const value = outcome.ok;
  const ok = (v: unknown): Step => ({ label, outcome: { ok: v } });
  if (label === 'capabilities' && typeof value === 'string') return ok(looseCapabilities(value));
  if (/xml/.test(label) && label !== 'network xml' && typeof value === 'string') return ok(looseDomainXml(value));
  if (/ info$|^info off$/.test(label) && typeof value === 'object' && value !== null && 'cpuTimeNs' in value) {
    return ok({ ...value, cpuTimeNs: typeof value.cpuTimeNs }); // DIFFERENCES.cpuTime
  }
  if (label.startsWith('stats') && Array.isArray(value)) {
    // DIFFERENCES.statsGroups: with no group asked, compare the state group only.
    const keep = (field: string) => label !== 'stats all groups' || field.startsWith('state.');
    return ok(byName((value as DomainStats[]).map((s) => ({ name: s.domain.name, domain: s.domain, params: s.params.filter((p) => keep(p.field)) }))));
  }
  if (label.startsWith('list') && Array.isArray(value)) return ok(byName(value as { name: string }[])); // DIFFERENCES.listOrder
  if (label === 'define generated uuid' && typeof value === 'object' && value !== null && 'uuid' in value) {
    return ok({ ...value, uuid: typeof value.uuid === 'string' && UUID.test(value.uuid) ? '<generated>' : value.uuid });
  }
  return { label, outcome };
}

function normalise(t: Transcript): { steps: Step[]; events: unknown[] } {
  return {
    steps: t.steps.map(normaliseStep),
    events: t.events.map((e) => ({ ...e, domain: { ...e.domain, uuid: UUID.test(e.domain.uuid) && e.domain.name.endsWith('generated') ? '<generated>' : e.domain.uuid } })),
  };
}

const bigintSafe = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)));

async function transcriptOf(uri: string): Promise<Transcript> {
  const conn = await openUri(uri);
  try {
    const before = await conn.listDomains();
    // The daemon's test:///default is shared while any connection keeps it open: start fresh.
    if (before.length !== 1 || before[0]?.name !== 'test') throw new Error(`${uri} is not a fresh default host: ${JSON.stringify(before)}`);
    return await runScript(conn);
  } finally {
    await conn.close();
  }
}

describe('the embedded test driver is indistinguishable from libvirtd test driver', () => {
  let embedded: Transcript;
  let daemon: Transcript;

  beforeAll(async () => {
    embedded = await transcriptOf('test:///default');
    daemon = await transcriptOf(inject('harness').uris.unix);
  });

  it('runs the script on both drivers, chosen by the URI', async () => {
    const local = await openUri('test:///default');
    const remote = await openUri(inject('harness').uris.unix);
    expect([local.driver, remote.driver]).toEqual(['embedded-test', 'remote']);
    await Promise.all([local.close(), remote.close()]);
    expect(embedded.steps.map((s) => s.label)).toEqual(daemon.steps.map((s) => s.label));
  });

  it('gives equal results and errors at every step, but for the documented differences', () => {
    expect(bigintSafe(normalise(embedded).steps)).toEqual(bigintSafe(normalise(daemon).steps));
  });

  it('sees the same lifecycle events, in the same order', () => {
    expect(bigintSafe(normalise(embedded).events)).toEqual(bigintSafe(normalise(daemon).events));
    expect(embedded.events.length).toBeGreaterThan(10);
  });

  it('refuses invalid transitions with libvirt codes (checked, not only compared)', () => {
    const codeOf = (label: string): unknown => {
      const outcome: Outcome | undefined = embedded.steps.find((s) => s.label === label)?.outcome;
      return outcome !== undefined && 'error' in outcome ? outcome.error.code : 'no error';
    };
    expect(['start running', 'resume running', 'suspend paused', 'shutdown off', 'suspend off', 'resume off'].map(codeOf)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(['destroy off', 'reboot off'].map(codeOf)).toEqual([55, 55]);
    expect(['absent by name', 'a after destroy'].map(codeOf)).toEqual([42, 42]);
  });
});

describe('a host file, opened in-process and by libvirtd', () => {
  let local: Connection;
  let remote: Connection;

  beforeAll(async () => {
    const harness = inject('harness');
    // In the harness root, which the namespaced daemon can read.
    const path = join(harness.root, `virtdeck-diff-host-${process.pid}.xml`);
    await writeTestDriverHost(path, 24);
    local = await openUri(`test://${path}`);
    remote = await openUri(harness.uris.unix.replace('/default?', `${path}?`));
  });
  afterAll(async () => {
    await Promise.all([local.close(), remote.close()]);
  });

  it('has the same node, domains, ids, states, memory and vCPUs', async () => {
    const view = async (conn: Connection) => {
      const info = await conn.hostInfo();
      const domains = await conn.listDomains();
      const details = await Promise.all(domains.map(async (d) => ({ ...d, ...(await conn.domainInfo(d)), cpuTimeNs: 0 })));
      return { node: info.node, domains: details.sort((x, y) => x.name.localeCompare(y.name)) };
    };
    expect(bigintSafe(await view(local))).toEqual(bigintSafe(await view(remote)));
  });
});
