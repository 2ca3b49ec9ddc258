import { afterEach, describe, expect, inject, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../electron/main/services';
import type { InvokeChannel, InvokeResult, WireResult } from '../../../shared/ipc';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../../helpers/main-services';

/** The contract's handlers, exactly as Electron and the bridge call them, on a real daemon. */
const harness = inject('harness');
let services: MainServices | undefined;
let sink: RecordingSink;

afterEach(async () => {
  await services?.dispose();
  services = undefined;
});

async function start(): Promise<MainServices> {
  sink = new RecordingSink();
  services = await createMainServices({ store: memoryStore(), sink, appInfo: TEST_APP_INFO, statsIntervalMs: 200 });
  return services;
}

async function call<C extends InvokeChannel>(channel: C, ...args: unknown[]): Promise<InvokeResult<C>> {
  if (!services) throw new Error('services not started');
  const result = (await services.dispatch(channel, args)) as WireResult<C>;
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

describe('main-process handlers on a real libvirtd', () => {
  it('adds a connection, opens it, and pushes each state', async () => {
    await start();
    const profile = await call('connections.add', { uri: harness.uris.unix, name: '', autoconnect: false, reconnect: false });
    expect(profile.name).toBe(harness.uris.unix);
    expect(sink.of('connections.changed').at(-1)?.map((v) => v.profile.id)).toEqual([profile.id]);
    await call('connections.open', profile.id);
    const states = sink.of('connection.state').filter((s) => s.connectionId === profile.id).map((s) => s.state.kind);
    expect(states).toEqual(['connecting', 'open']);
    expect((await call('connections.list'))[0]?.state).toMatchObject({ kind: 'open', verified: true });
  });

  it('answers host info, domains, networks and pools as the daemon has them', async () => {
    await start();
    const { id } = await call('connections.add', { uri: harness.uris.tcp, name: 'tcp host', autoconnect: false, reconnect: false });
    await call('connections.open', id);
    const host = await call('host.info', id);
    expect(host).toMatchObject({ type: 'TEST', node: { model: 'i686', cpus: 16 } });
    const domains = await call('domains.list', id);
    expect(domains).toContainEqual(expect.objectContaining({ name: 'test', state: 'running', vcpus: 2 }));
    expect((await call('networks.list', id)).map((n) => n.name)).toContain('default');
    expect((await call('pools.list', id)).map((p) => p.name)).toContain('default-pool');
    expect(await call('host.capabilities', id)).toContain('<capabilities>');
  });

  it('drives a domain, hears its lifecycle events, and reports libvirt errors with their code', async () => {
    await start();
    const { id } = await call('connections.add', { uri: harness.uris.unix, name: 'unix', autoconnect: false, reconnect: false });
    await call('connections.open', id);
    const [test] = (await call('domains.list', id)).filter((d) => d.name === 'test');
    if (!test) throw new Error('no domain "test"');
    await call('domains.action', id, test.uuid, 'suspend');
    await sink.next('domain.changed', (e) => e.connectionId === id && e.domain.uuid === test.uuid && e.domain.state === 'paused');
    await call('domains.action', id, test.uuid, 'resume');
    await sink.next('domain.changed', (e) => e.connectionId === id && e.domain.uuid === test.uuid && e.domain.state === 'running');
    // Starting a running domain: the test driver's INTERNAL_ERROR (1), passed on with its code.
    const again = await services?.dispatch('domains.action', [id, test.uuid, 'start']);
    expect(again).toMatchObject({ ok: false, error: { kind: 'libvirt', code: 1, message: expect.stringContaining("Domain 'test' is already running") as unknown } });
    expect(await call('domains.xml', id, test.uuid)).toContain('<name>test</name>');
  });

  it('streams one batched stats tick per interval while watched, and stops after', async () => {
    await start();
    const { id } = await call('connections.add', { uri: harness.uris.unix, name: 'unix', autoconnect: false, reconnect: false });
    await call('connections.open', id);
    await call('stats.subscribe', id);
    const tick = await sink.next('stats.tick', (t) => t.connectionId === id);
    expect(tick.domains.length).toBeGreaterThan(0);
    const domains = await call('domains.list', id);
    // One sample per domain, in one event, with states as the list reports them.
    expect(new Set(tick.domains.map((d) => d.uuid))).toEqual(new Set(domains.map((d) => d.uuid)));
    expect(tick.domains.find((d) => d.uuid === domains.find((x) => x.name === 'test')?.uuid)?.state).toBe('running');
    await call('stats.unsubscribe', id);
    const count = sink.of('stats.tick').length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(sink.of('stats.tick').length).toBeLessThanOrEqual(count + 1);
  });

  it('fails an unreachable host with the address in the message, and publishes the failure', async () => {
    await start();
    const { id } = await call('connections.add', { uri: 'test+tcp://127.0.0.1:1/default', name: 'nowhere', autoconnect: false, reconnect: false });
    const result = await services?.dispatch('connections.open', [id]);
    expect(result).toMatchObject({ ok: false, error: { kind: 'transport', message: 'cannot connect to 127.0.0.1:1: connection refused' } });
    const last = sink.of('connection.state').at(-1);
    expect(last?.state).toMatchObject({ kind: 'failed', retryAt: null, error: { kind: 'transport' } });
  });

  it('says a closed connection is not connected instead of hanging', async () => {
    await start();
    const { id } = await call('connections.add', { uri: harness.uris.unix, name: 'unix', autoconnect: false, reconnect: false });
    await call('connections.open', id);
    await call('connections.close', id);
    const result = await services?.dispatch('domains.list', [id]);
    expect(result).toMatchObject({ ok: false, error: { kind: 'closed', message: 'unix is not connected; open it first' } });
  });
});
