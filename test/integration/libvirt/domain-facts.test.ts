/**
 * The details' overview facts (state reason, autostart, persistent) through both drivers:
 * the daemon's answers equal what virsh domstate --reason and virsh dominfo print for the
 * same domain at each step of a lifecycle, and the embedded test driver answers the same
 * sequence.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openUri } from '../../../electron/libvirt/connect';
import type { Connection, DomainRef } from '../../../electron/libvirt';
import { domainFacts } from '../../../electron/main/ipc/domain-facts';
import type { DomainFacts } from '../../../shared/model';
import { TEST_DOMAIN_PREFIX } from '../../helpers/test-domains';
import { virsh } from '../../helpers/virsh';

const harness = inject('harness');
const name = `${TEST_DOMAIN_PREFIX}facts-${process.pid}`;

function testDomainXml(domainName: string): string {
  return `<domain type='test'><name>${domainName}</name><memory>65536</memory><os><type>hvm</type></os></domain>`;
}

/** One step of the script and what the domain's facts were after it. */
interface Observed {
  readonly step: string;
  readonly facts: DomainFacts;
}

type Step = readonly [string, (conn: Connection, dom: DomainRef) => Promise<unknown>];

/** Every call the overview can see a difference in, in an order that visits each reason table. */
const STEPS: readonly Step[] = [
  ['defined', () => Promise.resolve()],
  ['autostart on', (c, d) => c.domainSetAutostart(d, true)],
  ['started', (c, d) => c.createDomain(d)],
  ['paused', (c, d) => c.suspendDomain(d)],
  ['resumed', (c, d) => c.resumeDomain(d)],
  ['autostart off', (c, d) => c.domainSetAutostart(d, false)],
  ['destroyed', (c, d) => c.destroyDomain(d)],
  ['started again', (c, d) => c.createDomain(d)],
  // Undefined while it runs, the domain lives on as a transient one.
  ['undefined while running', (c, d) => c.undefineDomain(d)],
];

/** What virsh prints for the domain: state and reason, autostart and persistence, in our words. */
async function virshFacts(uri: string, domainName: string): Promise<Omit<DomainFacts, 'reason'>> {
  const stateLine = (await virsh(uri, 'domstate', '--reason', domainName)).trim();
  const match = /^(.+) \((.+)\)$/.exec(stateLine);
  if (match === null) throw new Error(`virsh domstate --reason printed "${stateLine}"`);
  const info = new Map((await virsh(uri, 'dominfo', domainName)).split('\n').filter((l) => l.includes(':')).map((l) => {
    const at = l.indexOf(':');
    return [l.slice(0, at).trim(), l.slice(at + 1).trim()] as const;
  }));
  return {
    state: (match[1] ?? '').replace('shut off', 'shutoff') as DomainFacts['state'],
    reasonText: match[2] ?? '',
    autostart: info.get('Autostart') === 'enable',
    persistent: info.get('Persistent') === 'yes',
  };
}

async function runScript(conn: Connection, onStep?: (step: string, facts: DomainFacts) => Promise<void>): Promise<Observed[]> {
  const dom = await conn.defineDomain(testDomainXml(name));
  const seen: Observed[] = [];
  try {
    for (const [step, act] of STEPS) {
      await act(conn, dom);
      const facts = await domainFacts(conn, await conn.lookupDomainByName(name));
      await onStep?.(step, facts);
      seen.push({ step, facts });
    }
  } finally {
    // Transient by now, or defined still if a step failed: either way, gone after this.
    await conn.destroyDomain(dom).catch(() => undefined);
    await conn.undefineDomain(dom).catch(() => undefined);
  }
  return seen;
}

describe('domain overview facts', () => {
  let daemon: Connection;
  let embedded: Connection;

  beforeAll(async () => {
    [daemon, embedded] = await Promise.all([openUri(harness.uris.unix), openUri('test:///default')]);
  });
  afterAll(async () => {
    await Promise.all([daemon.close(), embedded.close()]);
  });

  let daemonSeen: Observed[] = [];

  it('equal virsh domstate --reason and dominfo at every step on the daemon', async () => {
    daemonSeen = await runScript(daemon, async (step, facts) => {
      const { reason: _reason, ...ours } = facts;
      expect(ours, step).toEqual(await virshFacts(harness.uris.unix, name));
    });
    // The script reached what it is for: both autostart values, a transient domain, a reason besides "unknown".
    expect(new Set(daemonSeen.map((o) => o.facts.autostart))).toEqual(new Set([true, false]));
    expect(daemonSeen.at(-1)?.facts.persistent).toBe(false);
    expect(daemonSeen.filter((o) => o.facts.reasonText !== 'unknown').length).toBeGreaterThan(3);
  });

  it('are the same sequence from the embedded test driver', async () => {
    expect(daemonSeen.length).toBe(STEPS.length);
    expect(await runScript(embedded)).toEqual(daemonSeen);
  });

  it('refuse a read-only connection\'s autostart change as libvirt does, on both drivers', async () => {
    const [roDaemon, roEmbedded] = await Promise.all([
      openUri(harness.uris.unix, { readOnly: true }),
      openUri('test:///default', { readOnly: true }),
    ]);
    try {
      const outcomes = await Promise.all([roDaemon, roEmbedded].map(async (c) => {
        const dom = await c.lookupDomainByName('test');
        return c.domainSetAutostart(dom, true).then(
          () => ({ code: 'no error', message: '' }),
          (error: unknown) => ({ code: (error as { code?: unknown }).code, message: (error as Error).message }),
        );
      }));
      expect(outcomes[0]?.code).not.toBe('no error');
      expect(outcomes[1]).toEqual(outcomes[0]);
    } finally {
      await Promise.all([roDaemon.close(), roEmbedded.close()]);
    }
  });
});
