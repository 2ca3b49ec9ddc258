import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { createMainServices, type MainServices } from '../../../electron/main/services';
import type { InvokeChannel, InvokeResult, WireResult } from '../../../shared/ipc';
import type { AppError } from '../../../shared/errors';
import { summariseCapabilities } from '../../../shared/capabilities';
import { buildDomainXml } from '../../../shared/new-vm/domain-xml';
import type { VmSpec, VmTarget } from '../../../shared/new-vm/spec';
import { chooseVmTarget, stepForDefineError } from '../../../shared/new-vm/target';
import { OS_PRESETS } from '../../../shared/new-vm/spec';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../../helpers/main-services';
import { virsh } from '../../helpers/virsh';

/**
 * The New VM, volume and snapshot channels through main's dispatch on libvirtd's test
 * driver, each outcome checked with virsh. The daemon's test:///default is shared by the
 * run, so every name carries this process's id.
 */
const harness = inject('harness');
const tag = `vd14b-${process.pid}`;
const POOL = 'default-pool';
let services: MainServices;
let id: string;
let target: VmTarget;
let poolUuid: string;

async function call<C extends InvokeChannel>(channel: C, ...args: unknown[]): Promise<InvokeResult<C>> {
  const result = (await services.dispatch(channel, args)) as WireResult<C>;
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

async function refusal(channel: InvokeChannel, ...args: unknown[]): Promise<AppError> {
  const result = await services.dispatch(channel, args);
  if (result.ok) throw new Error(`${channel} succeeded`);
  return result.error;
}

async function volumeNames(): Promise<string[]> {
  return (await virsh(harness.uris.unix, 'vol-list', POOL)).split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((n) => n !== '');
}

function spec(name: string, preset: VmSpec['preset']): VmSpec {
  return {
    name,
    install: { kind: 'network' },
    preset,
    vcpus: 2,
    memoryMiB: 256,
    disk: { kind: 'new', pool: POOL, volume: `${name}.qcow2`, capacityMiB: 16, format: 'qcow2' },
    network: { kind: 'network', name: 'default' },
    serialConsole: true,
    vnc: true,
  };
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (n) => ['disk', 'interface', 'graphics', 'serial'].includes(n) });
type Node = Record<string, unknown>;

beforeAll(async () => {
  services = await createMainServices({ store: memoryStore(), sink: new RecordingSink(), appInfo: TEST_APP_INFO });
  ({ id } = await call('connections.add', { uri: harness.uris.unix, name: 'test', autoconnect: false, reconnect: false }));
  await call('connections.open', id);
  const chosen = chooseVmTarget(summariseCapabilities(await call('host.capabilities', id)));
  if (chosen === null) throw new Error('the test driver offers no hvm guest');
  target = chosen;
  const pool = (await call('pools.list', id)).find((p) => p.name === POOL);
  if (!pool) throw new Error(`no pool ${POOL}`);
  poolUuid = pool.uuid;
}, 60_000);

afterAll(async () => {
  await services.dispose();
  // Other tests of the run list this daemon's domains and volumes: leave them as found.
  for (const name of (await virsh(harness.uris.unix, 'list', '--all', '--name')).split('\n').map((l) => l.trim()).filter((n) => n.startsWith(tag))) {
    await virsh(harness.uris.unix, 'undefine', '--snapshots-metadata', name);
  }
  for (const volume of (await volumeNames()).filter((n) => n.startsWith(tag))) await virsh(harness.uris.unix, 'vol-delete', '--pool', POOL, volume);
});

describe('defining a New VM through main', () => {
  for (const preset of OS_PRESETS) {
    it(`defines the ${preset} preset with a new volume, and virsh reads back what it set`, async () => {
      const name = `${tag}-${preset}`;
      const defined = await call('domains.define', id, buildDomainXml(spec(name, preset), target), { pool: POOL, volume: { name: `${name}.qcow2`, capacityMiB: 16, format: 'qcow2' } });
      expect(defined.name).toBe(name);
      expect(await volumeNames()).toContain(`${name}.qcow2`);
      const dom = (parser.parse(await virsh(harness.uris.unix, 'dumpxml', name)) as { domain: Node }).domain;
      expect(dom.uuid).toBe(defined.uuid);
      expect(dom.vcpu).toMatchObject({ '#text': '2' });
      expect(dom.memory).toMatchObject({ '#text': String(256 * 1024) });
      const devices = dom.devices as Node;
      expect((devices.disk as Node[])[0]).toMatchObject({ source: { '@pool': POOL, '@volume': `${name}.qcow2` } });
      expect((devices.interface as Node[])[0]).toMatchObject({ source: { '@network': 'default' }, model: { '@type': preset === 'linux' ? 'virtio' : preset === 'windows' ? 'e1000e' : 'e1000' } });
      expect((devices.graphics as Node[])[0]).toMatchObject({ '@type': 'vnc', '@listen': '127.0.0.1' });
      expect(devices.serial as Node[]).toHaveLength(1);
    });
  }

  it('refuses a name libvirt already has, at the name step, and removes the volume it made for it', async () => {
    const name = `${tag}-linux`;
    const error = await refusal('domains.define', id, buildDomainXml(spec(name, 'linux'), target), { pool: POOL, volume: { name: `${tag}-dup.qcow2`, capacityMiB: 16, format: 'qcow2' } });
    // The XML has no UUID, so libvirt takes it for a second domain of that name.
    expect(error.kind).toBe('libvirt');
    expect(stepForDefineError(error)).toBe('name');
    expect(await volumeNames()).not.toContain(`${tag}-dup.qcow2`);
  });

  it('names a pool the host does not have, as not-found, and defines nothing', async () => {
    const name = `${tag}-nopool`;
    const error = await refusal('domains.define', id, buildDomainXml(spec(name, 'linux'), target), { pool: 'no-such-pool', volume: { name: `${name}.qcow2`, capacityMiB: 16, format: 'qcow2' } });
    expect(error).toMatchObject({ kind: 'not-found', message: 'no storage pool named "no-such-pool" on this host' });
    expect(await virsh(harness.uris.unix, 'list', '--all', '--name')).not.toContain(name);
  });

  it('refuses a name with a slash before it reaches libvirt', async () => {
    const error = await refusal('volumes.create', id, poolUuid, { name: 'a/b', capacityMiB: 1, format: 'raw' });
    expect(error).toMatchObject({ kind: 'invalid-argument', message: expect.stringContaining('slash') as string });
  });
});

describe('volumes through main', () => {
  it('creates a volume with its size and format, and deletes it', async () => {
    const name = `${tag}-vol.raw`;
    await call('volumes.create', id, poolUuid, { name, capacityMiB: 3, format: 'raw' });
    const listed = (await call('pools.volumes', id, poolUuid)).find((v) => v.name === name);
    expect(listed?.capacity).toBe(3 * 1024 * 1024);
    expect(await volumeNames()).toContain(name);
    await call('volumes.delete', id, poolUuid, name);
    expect(await volumeNames()).not.toContain(name);
  });
});

describe('snapshots through main', () => {
  it('creates two snapshots in a chain, marks the current one, reverts and deletes', async () => {
    const name = `${tag}-snap`;
    const { uuid } = await call('domains.define', id, buildDomainXml({ ...spec(name, 'linux'), disk: { kind: 'none' } }, target), null);
    expect(await call('snapshots.create', id, uuid, { name: 'first', description: 'before <update>', withMemory: false })).toBe('first');
    await call('snapshots.create', id, uuid, { name: 'second', description: '', withMemory: false });
    const list = await call('snapshots.list', id, uuid);
    expect(list.map((s) => [s.name, s.parent, s.current])).toEqual(expect.arrayContaining([['first', null, false], ['second', 'first', true]]));
    expect(list.find((s) => s.name === 'first')?.description).toBe('before <update>');
    await call('snapshots.revert', id, uuid, 'first');
    expect((await virsh(harness.uris.unix, 'snapshot-current', '--name', name)).trim()).toBe('first');
    await call('snapshots.delete', id, uuid, 'second');
    expect((await virsh(harness.uris.unix, 'snapshot-list', '--name', name)).trim().split('\n')).toEqual(['first']);
  });
});
