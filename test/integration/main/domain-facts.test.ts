import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openUri } from '../../../electron/libvirt/connect';
import type { Connection } from '../../../electron/libvirt';
import { createMainServices, type MainServices } from '../../../electron/main/services';
import type { InvokeChannel, InvokeResult, WireResult } from '../../../shared/ipc';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../../helpers/main-services';
import { TEST_DOMAIN_PREFIX } from '../../helpers/test-domains';
import { virsh } from '../../helpers/virsh';

/** domains.facts and domains.setAutostart through main's dispatch, on the harness daemon, checked with virsh. */
const harness = inject('harness');
const name = `${TEST_DOMAIN_PREFIX}facts-main-${process.pid}`;
let services: MainServices;
let setup: Connection;
let connectionId: string;
let uuid: string;

async function call<C extends InvokeChannel>(channel: C, ...args: unknown[]): Promise<InvokeResult<C>> {
  const result = (await services.dispatch(channel, args)) as WireResult<C>;
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

async function virshAutostart(): Promise<string | undefined> {
  const line = (await virsh(harness.uris.unix, 'dominfo', name)).split('\n').find((l) => l.startsWith('Autostart:'));
  return line?.slice('Autostart:'.length).trim();
}

beforeAll(async () => {
  // A domain of this file's own on the shared daemon, paused by the user: a reason besides "unknown".
  setup = await openUri(harness.uris.unix);
  const dom = await setup.createDomain(await setup.defineDomain(`<domain type='test'><name>${name}</name><memory>65536</memory><os><type>hvm</type></os></domain>`));
  await setup.suspendDomain(dom);
  uuid = dom.uuid;
  services = await createMainServices({ store: memoryStore(), sink: new RecordingSink(), appInfo: TEST_APP_INFO });
  connectionId = (await call('connections.add', { uri: harness.uris.unix, name: 'facts', autoconnect: false, reconnect: false })).id;
  await call('connections.open', connectionId);
});

afterAll(async () => {
  await services.dispose();
  const dom = await setup.lookupDomainByName(name);
  await setup.destroyDomain(dom).catch(() => undefined);
  await setup.undefineDomain(dom).catch(() => undefined);
  await setup.close();
});

describe('domains.facts and domains.setAutostart', () => {
  it('answer the reason virsh domstate --reason prints, and persistence and autostart as virsh dominfo does', async () => {
    const facts = await call('domains.facts', connectionId, uuid);
    const [state, reason] = (await virsh(harness.uris.unix, 'domstate', '--reason', name)).trim().split(' (');
    expect(`${facts.state} (${facts.reasonText})`).toBe(`${state ?? ''} (${reason ?? ''}`);
    expect(facts.persistent).toBe(true);
    expect(facts.autostart).toBe((await virshAutostart()) === 'enable');
  });

  it('turn autostart on and off as virsh sees it', async () => {
    await call('domains.setAutostart', connectionId, uuid, true);
    expect(await virshAutostart()).toBe('enable');
    expect((await call('domains.facts', connectionId, uuid)).autostart).toBe(true);
    await call('domains.setAutostart', connectionId, uuid, false);
    expect(await virshAutostart()).toBe('disable');
    expect((await call('domains.facts', connectionId, uuid)).autostart).toBe(false);
  });

  it('say not-found, by kind, for a domain the host does not have', async () => {
    const result = await services.dispatch('domains.facts', [connectionId, '00000000-0000-4000-8000-00000000dead']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('not-found');
  });

  it('refuse an autostart that is not a boolean, before any call', async () => {
    const result = await services.dispatch('domains.setAutostart', [connectionId, uuid, 'yes']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid-argument');
  });
});
