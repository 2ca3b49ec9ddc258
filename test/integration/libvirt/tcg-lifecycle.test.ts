import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openUri } from '../../../electron/libvirt/connect';
import type { Connection, DomainRef, LifecycleEvent } from '../../../electron/libvirt';
import { waitFor } from '../../helpers/process';
import { removeTestDomains, TEST_DOMAIN_PREFIX, tinyTcgDomainXml } from '../../helpers/test-domains';

/**
 * The real QEMU driver of the harness daemon, running a tiny VM under TCG: our client
 * drives its whole life and hears every step as a lifecycle event.
 */
const harness = inject('harness');
const name = `${TEST_DOMAIN_PREFIX}lifecycle-${process.pid}`;
let conn: Connection;
const events: LifecycleEvent[] = [];

beforeAll(async () => {
  conn = await openUri(harness.uris.qemu);
  await conn.onDomainLifecycle((event) => {
    if (event.domain.name === name) events.push(event);
  });
});
afterAll(async () => {
  await conn.close();
  await removeTestDomains(harness.uris.qemu);
});

async function nextEvent(kind: LifecycleEvent['event']): Promise<LifecycleEvent> {
  let found: LifecycleEvent | undefined;
  await waitFor(`a '${kind}' event for ${name}`, () => {
    found = events.find((e) => e.event === kind);
    return found !== undefined;
  }, 30_000, () => `events so far: ${events.map((e) => e.event).join(', ')}`);
  if (found === undefined) throw new Error('unreachable: waitFor returned without the event');
  events.splice(events.indexOf(found), 1);
  return found;
}

describe('a real TCG VM driven by our client', () => {
  let dom: DomainRef;

  it('is defined, and the daemon says so', async () => {
    dom = await conn.defineDomain(tinyTcgDomainXml(name));
    expect(dom.name).toBe(name);
    expect(dom.id).toBe(-1);
    expect((await nextEvent('defined')).domain.uuid).toBe(dom.uuid);
    expect((await conn.domainState(dom)).state).toBe('shutoff');
    const hostType = (await conn.hostInfo()).type;
    expect(hostType).toBe('QEMU');
  });

  it('starts, runs and accumulates CPU time', async () => {
    const started = await conn.createDomain(dom);
    expect(started.id).toBeGreaterThan(0);
    expect((await nextEvent('started')).domain.name).toBe(name);
    const info = await conn.domainInfo(started);
    expect(info).toMatchObject({ state: 'running', vcpus: 1, maxMemoryKiB: 32 * 1024 });
    const [stats] = await conn.allDomainStats({ domains: [started], stats: 1 | 2 });
    expect(stats?.values['state.state']).toBe(1);
    expect(Number(stats?.values['cpu.time'])).toBeGreaterThan(0);
    expect((await conn.listDomains({ all: false })).map((d) => d.name)).toContain(name);
  });

  it('suspends and resumes', async () => {
    await conn.suspendDomain(dom);
    expect((await nextEvent('suspended')).domain.name).toBe(name);
    expect((await conn.domainState(dom)).state).toBe('paused');
    await conn.resumeDomain(dom);
    expect((await nextEvent('resumed')).domain.name).toBe(name);
    expect((await conn.domainState(dom)).state).toBe('running');
  });

  it('is destroyed, and the stop is heard', async () => {
    await conn.destroyDomain(dom);
    const stopped = await nextEvent('stopped');
    expect(stopped.domain.uuid).toBe(dom.uuid);
    expect((await conn.domainState(dom)).state).toBe('shutoff');
  });

  it('is undefined, and disappears from the list', async () => {
    await conn.undefineDomain(dom);
    expect((await nextEvent('undefined')).domain.uuid).toBe(dom.uuid);
    expect((await conn.listDomains()).map((d) => d.name)).not.toContain(name);
  });
});
