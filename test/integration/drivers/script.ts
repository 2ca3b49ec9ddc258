/**
 * The differential script: one fixed sequence of calls, run against any Connection, recorded
 * as a transcript of results and errors plus the lifecycle events seen. Run against the
 * embedded driver and against libvirtd's test driver, the two transcripts must be equal.
 */
import type { Connection, DomainRef, LifecycleEvent } from '../../../electron/libvirt';
import { TEST_DOMAIN_PREFIX } from '../../helpers/test-domains';

export type Outcome =
  | { readonly ok: unknown }
  | { readonly error: { readonly code: unknown; readonly domain: unknown; readonly level: unknown; readonly message: string } };

export interface Step {
  readonly label: string;
  readonly outcome: Outcome;
}

export interface Transcript {
  readonly steps: Step[];
  readonly events: LifecycleEvent[];
}

export const NAME_A = `${TEST_DOMAIN_PREFIX}diff-a`;
export const UUID_A = '0d1ff000-0000-4000-8000-00000000000a';
export const NAME_B = `${TEST_DOMAIN_PREFIX}diff-b`;
export const NAME_GEN = `${TEST_DOMAIN_PREFIX}diff-generated`;

const domainXml = (name: string, uuid: string | null, extra = ''): string =>
  `<domain type='test'><name>${name}</name>${uuid === null ? '' : `<uuid>${uuid}</uuid>`}` +
  `<memory unit='MiB'>128</memory><currentMemory unit='MiB'>64</currentMemory><vcpu>2</vcpu>` +
  `<os><type>hvm</type></os>${extra}</domain>`;

/** Runs the script; `name` labels the steps, so a failure names the call that differed. */
export async function runScript(conn: Connection): Promise<Transcript> {
  const steps: Step[] = [];
  const events: LifecycleEvent[] = [];
  const unsubscribe = await conn.onDomainLifecycle((e) => events.push(e));
  const step = async (label: string, call: () => Promise<unknown>): Promise<unknown> => {
    try {
      const value = await call();
      steps.push({ label, outcome: { ok: value } });
      return value;
    } catch (error) {
      const e = error as { code?: unknown; domain?: unknown; level?: unknown; message?: unknown };
      steps.push({ label, outcome: { error: { code: e.code, domain: e.domain, level: e.level, message: String(e.message) } } });
      return undefined;
    }
  };
  const lookup = async (name: string): Promise<DomainRef> => conn.lookupDomainByName(name);
  const state = (label: string, dom: DomainRef) => step(`${label}: state`, () => conn.domainState(dom));

  // The host.
  await step('host info', () => conn.hostInfo());
  await step('capabilities', () => conn.capabilities());
  await step('list all', () => conn.listDomains());
  await step('list active', () => conn.listDomains({ all: false }));
  await step('networks', () => conn.listNetworks());
  await step('network xml', async () => conn.networkXml(await conn.lookupNetworkByName('default')));
  await step('absent network', () => conn.lookupNetworkByName('virtdeck-absent'));
  await step('storage pools', () => conn.listStoragePools());

  // The default domain.
  const test = await lookup('test');
  await step('lookup by name', () => conn.lookupDomainByName('test'));
  await step('lookup by uuid', () => conn.lookupDomainByUuid(test.uuid));
  await step('absent by name', () => conn.lookupDomainByName('virtdeck-absent'));
  await step('absent by uuid', () => conn.lookupDomainByUuid('00000000-0000-4000-8000-00000000dead'));
  await step('test info', () => conn.domainInfo(test));
  await state('test', test);
  await step('test xml', () => conn.domainXml(test));

  // Every transition from running, paused and shut off, valid or not.
  await step('start running', () => conn.createDomain(test));
  await step('resume running', () => conn.resumeDomain(test));
  await step('suspend running', () => conn.suspendDomain(test));
  await state('suspended', test);
  await step('suspend paused', () => conn.suspendDomain(test));
  await step('start paused', () => conn.createDomain(test));
  await step('resume paused', () => conn.resumeDomain(test));
  await state('resumed', test);
  await step('reboot running', () => conn.rebootDomain(test));
  await state('rebooted', test);
  await step('shutdown running', () => conn.shutdownDomain(test));
  await state('shut down', test);
  await step('lookup while off', () => conn.lookupDomainByName('test'));
  await step('shutdown off', () => conn.shutdownDomain(test));
  await step('destroy off', () => conn.destroyDomain(test));
  await step('suspend off', () => conn.suspendDomain(test));
  await step('resume off', () => conn.resumeDomain(test));
  await step('reboot off', () => conn.rebootDomain(test));
  await step('info off', () => conn.domainInfo(test));
  await step('start off', () => conn.createDomain(test));
  await step('destroy running', () => conn.destroyDomain(test));
  await state('destroyed', test);
  await step('start again', () => conn.createDomain(test));
  await step('suspend for shutdown', () => conn.suspendDomain(test));
  await step('shutdown paused', () => conn.shutdownDomain(test));
  await state('shut down from paused', test);
  await step('start for reboot', () => conn.createDomain(test));
  await step('suspend for reboot', () => conn.suspendDomain(test));
  await step('reboot paused', () => conn.rebootDomain(test));
  await state('rebooted from paused', test);
  await step('suspend for destroy', () => conn.suspendDomain(test));
  await step('destroy paused', () => conn.destroyDomain(test));
  await state('destroyed from paused', test);
  await step('flag variants', async () => {
    await conn.createDomain(test, 0);
    await conn.shutdownDomain(test, 0);
    await conn.createDomain(test);
    await conn.destroyDomain(test, 0);
    return conn.domainState(test);
  });

  // Define and undefine.
  await step('define a', () => conn.defineDomain(domainXml(NAME_A, UUID_A)));
  const a = await lookup(NAME_A);
  await state('defined a', a);
  await step('a info', () => conn.domainInfo(a));
  await step('a xml', () => conn.domainXml(a));
  await step('redefine a', () => conn.defineDomain(domainXml(NAME_A, UUID_A, '<on_reboot>destroy</on_reboot>')));
  await step('define a, other uuid', () => conn.defineDomain(domainXml(NAME_A, '0d1ff000-0000-4000-8000-0000000000ff')));
  await step('define test uuid, other name', () => conn.defineDomain(domainXml(NAME_B, test.uuid)));
  await step('define malformed xml', () => conn.defineDomain('<domain'));
  await step('define without name', () => conn.defineDomain("<domain type='test'><memory>1024</memory><os><type>hvm</type></os></domain>"));
  await step('define without memory', () => conn.defineDomain(`<domain type='test'><name>${NAME_B}</name><os><type>hvm</type></os></domain>`));
  await step('define without os type', () => conn.defineDomain(`<domain type='test'><name>${NAME_B}</name><memory>1024</memory></domain>`));
  await step('define slash in name', () => conn.defineDomain(domainXml(`${NAME_B}/x`, null)));
  await step('define generated uuid', () => conn.defineDomain(domainXml(NAME_GEN, null)));
  await step('undefine generated', async () => conn.undefineDomain(await lookup(NAME_GEN)));
  await step('list after define', () => conn.listDomains());
  await step('start a', () => conn.createDomain(a));
  await step('a xml running', () => conn.domainXml(a));
  await step('reboot a (on_reboot destroy)', () => conn.rebootDomain(a));
  await state('a after reboot', a);
  await step('start a again', () => conn.createDomain(a));
  await step('redefine running a', () => conn.defineDomain(domainXml(NAME_A, UUID_A)));
  await step('a xml inactive', () => conn.domainXml(a, 2));
  await step('undefine running a', () => conn.undefineDomain(a));
  await step('list with transient a', () => conn.listDomains());
  await state('transient a', a);
  await step('undefine transient a', () => conn.undefineDomain(a));
  await step('destroy transient a', () => conn.destroyDomain(a));
  await step('a after destroy', () => conn.domainState(a));
  await step('undefine gone a', () => conn.undefineDomain(a));
  await step('define a for undefine', () => conn.defineDomain(domainXml(NAME_A, UUID_A)));
  await step('undefine stopped a', async () => conn.undefineDomain(await lookup(NAME_A)));
  await step('list at end', () => conn.listDomains());

  // Statistics, with each filter.
  await step('start test for stats', () => conn.createDomain(test));
  await step('stats state', () => conn.allDomainStats({ stats: 1 }));
  await step('stats all groups', () => conn.allDomainStats());
  await step('stats active', () => conn.allDomainStats({ stats: 1, flags: 1 }));
  await step('stats inactive', () => conn.allDomainStats({ stats: 1, flags: 2 }));
  await step('stats of one domain', () => conn.allDomainStats({ stats: 1, domains: [test] }));

  await eventsSettled(events);
  await unsubscribe();
  return { steps, events };
}

/** libvirtd sends events from its event loop, after the replies: wait until they stop coming. */
async function eventsSettled(events: readonly LifecycleEvent[]): Promise<void> {
  const QUIET_MS = 300;
  const deadline = Date.now() + 5000;
  let seen = -1;
  while (seen !== events.length && Date.now() < deadline) {
    seen = events.length;
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  }
}
