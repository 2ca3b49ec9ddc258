import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../electron/main/services';
import { Owner } from '../../../electron/main/ipc/owner';
import type { InvokeChannel, InvokeResult, WireResult } from '../../../shared/ipc';
import type { AppError } from '../../../shared/errors';
import { summariseCapabilities } from '../../../shared/capabilities';
import { buildDomainXml } from '../../../shared/new-vm/domain-xml';
import { chooseVmTarget } from '../../../shared/new-vm/target';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../../helpers/main-services';
import { waitFor } from '../../helpers/process';
import { virsh } from '../../helpers/virsh';
import { useOwnLibvirtd } from '../../helpers/own-libvirtd';

/**
 * Upload, a domain's disks, clone and delete through main's dispatch: the upload on the
 * file's own QEMU daemon (a dir pool; the test driver has no volume streams), the rest on
 * the harness's test driver; virsh checks each outcome.
 */
const harness = inject('harness');
// Volume streams on a daemon of this file's own: a crash of libvirtd 9.0 here fails this file alone.
const qemuUri = useOwnLibvirtd('manage-storage').uris.qemu;
const tag = `vd14b-st-${process.pid}`;
const POOL = 'default-pool';
const dirPool = `${tag}-pool`;
let services: MainServices;
let sink: RecordingSink;
let testId: string;
let qemuId: string;
let dir: string;

async function call<C extends InvokeChannel>(channel: C, args: unknown[], owner?: Owner): Promise<InvokeResult<C>> {
  const result = (await services.dispatch(channel, args, owner)) as WireResult<C>;
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

async function refusal(channel: InvokeChannel, args: unknown[]): Promise<AppError> {
  const result = await services.dispatch(channel, args);
  if (result.ok) throw new Error(`${channel} succeeded`);
  return result.error;
}

function names(text: string): string[] {
  return text.split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((n) => n !== '');
}

function uploadEnd(uploadId: string, heard: RecordingSink = sink): string | undefined {
  return heard.of('volume.upload').filter((e) => e.uploadId === uploadId).map((e) => e.progress.kind).find((k) => k !== 'progress');
}

beforeAll(async () => {
  dir = join(harness.root, tag);
  await mkdir(join(dir, 'pool'), { recursive: true });
  await virsh(qemuUri, 'pool-create-as', dirPool, 'dir', '--target', join(dir, 'pool'));
  sink = new RecordingSink();
  services = await createMainServices({ store: memoryStore(), sink, appInfo: TEST_APP_INFO });
  ({ id: testId } = await call('connections.add', [{ uri: harness.uris.unix, name: 'test', autoconnect: false, reconnect: false }]));
  ({ id: qemuId } = await call('connections.add', [{ uri: qemuUri, name: 'qemu', autoconnect: false, reconnect: false }]));
  await call('connections.open', [testId]);
  await call('connections.open', [qemuId]);
}, 60_000);

afterAll(async () => {
  for (const name of names(await virsh(harness.uris.unix, 'list', '--all', '--name')).filter((n) => n.startsWith(tag))) {
    await virsh(harness.uris.unix, 'undefine', name);
  }
  for (const volume of names(await virsh(harness.uris.unix, 'vol-list', POOL)).filter((n) => n.startsWith(tag))) await virsh(harness.uris.unix, 'vol-delete', '--pool', POOL, volume);
  await services.dispose();
  await virsh(qemuUri, 'pool-destroy', dirPool).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function dirPoolUuid(): Promise<string> {
  const pool = (await call('pools.list', [qemuId])).find((p) => p.name === dirPool);
  if (!pool) throw new Error(`no pool ${dirPool}`);
  return pool.uuid;
}

describe('uploading a local file into a new volume through main', () => {
  it('streams the file byte for byte, with progress, into a raw volume of its size', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 11);
    const file = join(dir, 'image.iso');
    await writeFile(file, bytes);
    const { uploadId } = await call('volumes.upload', [qemuId, await dirPoolUuid(), { name: 'image.iso', path: file }]);
    await waitFor('the upload to end', () => uploadEnd(uploadId) !== undefined, 60_000);
    expect(uploadEnd(uploadId)).toBe('done');
    const last = sink.of('volume.upload').filter((e) => e.uploadId === uploadId && e.progress.kind === 'progress').at(-1)?.progress;
    expect(last).toEqual({ kind: 'progress', sentBytes: bytes.length, totalBytes: bytes.length });
    const back = join(dir, 'back.bin');
    await virsh(qemuUri, 'vol-download', '--pool', dirPool, 'image.iso', back);
    expect((await readFile(back)).equals(bytes)).toBe(true);
  });

  it('tells the upload\'s progress to the page that started it alone', async () => {
    const file = join(dir, 'owned.iso');
    await writeFile(file, randomBytes(1024 * 1024));
    const ownPage = new RecordingSink();
    const page = new Owner('page', ownPage);
    const { uploadId } = await call('volumes.upload', [qemuId, await dirPoolUuid(), { name: 'owned.iso', path: file }], page);
    await waitFor('the upload to end on its page', () => uploadEnd(uploadId, ownPage) !== undefined, 20_000);
    expect(uploadEnd(uploadId, ownPage)).toBe('done');
    expect(ownPage.of('volume.upload').some((e) => e.progress.kind === 'progress')).toBe(true);
    // The broadcast sink (every other page) heard nothing of it.
    expect(sink.of('volume.upload').filter((e) => e.uploadId === uploadId)).toEqual([]);
    page.release();
  });

  it('lists each volume with its own format, which a disk using it must declare', async () => {
    const uuid = await dirPoolUuid();
    await call('volumes.create', [qemuId, uuid, { name: 'fmt.qcow2', capacityMiB: 1, format: 'qcow2' }]);
    await call('volumes.create', [qemuId, uuid, { name: 'fmt.img', capacityMiB: 1, format: 'raw' }]);
    const listed = (await call('pools.volumes', [qemuId, uuid])).filter((v) => v.name.startsWith('fmt.'));
    expect(listed.map((v) => [v.name, v.format])).toEqual([['fmt.img', 'raw'], ['fmt.qcow2', 'qcow2']]);
    // The daemon's own word for it.
    expect(await virsh(qemuUri, 'vol-dumpxml', '--pool', dirPool, 'fmt.qcow2')).toContain("<format type='qcow2'/>");
  });

  it('refuses a directory, a missing file and a relative path in words, before any volume is made', async () => {
    const uuid = await dirPoolUuid();
    expect(await refusal('volumes.upload', [qemuId, uuid, { name: 'd.iso', path: dir }])).toMatchObject({ kind: 'invalid-argument', message: `'${dir}' is not a regular file` });
    expect(await refusal('volumes.upload', [qemuId, uuid, { name: 'm.iso', path: join(dir, 'missing.iso') }])).toMatchObject({ kind: 'invalid-argument', message: expect.stringMatching(/^cannot read .*ENOENT/) as string });
    expect(await refusal('volumes.upload', [qemuId, uuid, { name: 'r.iso', path: 'image.iso' }])).toMatchObject({ kind: 'invalid-argument', message: "'image.iso' is not a full path: give the file's whole path, from the top folder" });
    expect(names(await virsh(qemuUri, 'vol-list', dirPool))).not.toEqual(expect.arrayContaining(['d.iso', 'm.iso', 'r.iso']));
  });

  it('aborts the upload when the page that started it goes, and removes its volume', async () => {
    const file = join(dir, 'big.iso');
    await writeFile(file, Buffer.alloc(256 * 1024 * 1024, 7));
    const page = new Owner('page');
    const { uploadId } = await call('volumes.upload', [qemuId, await dirPoolUuid(), { name: 'big.iso', path: file }], page);
    page.release();
    await waitFor('the upload to end', () => uploadEnd(uploadId) !== undefined, 60_000);
    expect(uploadEnd(uploadId)).toBe('cancelled');
    expect(names(await virsh(qemuUri, 'vol-list', dirPool))).not.toContain('big.iso');
  });
});

describe('clone and delete through main', () => {
  it('clones a shut-off domain with its volume copied, then deletes the clone with the chosen volume', async () => {
    const target = chooseVmTarget(summariseCapabilities(await call('host.capabilities', [testId])));
    if (target === null) throw new Error('no hvm guest');
    const name = `${tag}-src`;
    const xml = buildDomainXml({
      name, install: { kind: 'network' }, preset: 'linux', vcpus: 1, memoryMiB: 128,
      disk: { kind: 'new', pool: POOL, volume: `${name}.qcow2`, capacityMiB: 16, format: 'qcow2' },
      network: { kind: 'none' }, serialConsole: true, vnc: false,
    }, target);
    const source = await call('domains.define', [testId, xml, { pool: POOL, volume: { name: `${name}.qcow2`, capacityMiB: 16, format: 'qcow2' } }]);
    const clone = await call('domains.clone', [testId, source.uuid, `${tag}-copy`]);
    expect(clone.uuid).not.toBe(source.uuid);
    expect(await virsh(harness.uris.unix, 'domstate', `${tag}-copy`)).toContain('shut off');
    const disks = await call('domains.disks', [testId, clone.uuid]);
    expect(disks).toHaveLength(1);
    const [disk] = disks;
    if (disk?.path == null) throw new Error('the clone has no pool disk');
    expect(disk.volume).not.toBe(`${POOL}/${name}.qcow2`);
    const result = await call('domains.delete', [testId, clone.uuid, [disk.path]]);
    expect(result).toEqual({ deletedVolumes: [disk.path], failedVolumes: [] });
    expect(names(await virsh(harness.uris.unix, 'list', '--all', '--name'))).not.toContain(`${tag}-copy`);
    expect(names(await virsh(harness.uris.unix, 'vol-list', POOL))).toContain(`${name}.qcow2`);
    expect(names(await virsh(harness.uris.unix, 'vol-list', POOL)).filter((v) => v.startsWith(`${tag}-copy`))).toEqual([]);
  });

  it('refuses to clone a domain that runs', async () => {
    const running = (await call('domains.list', [testId])).find((d) => d.state === 'running');
    if (!running) throw new Error('the test driver has no running domain');
    expect((await refusal('domains.clone', [testId, running.uuid, `${tag}-nope`])).message).toMatch(/is running; shut it/);
  });
});
