import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openUri } from '../../../electron/libvirt/connect';
import {
  cloneDomain, createSnapshot, createVolume, deleteDomain, domainDiskVolumes, LibvirtError, uploadFileToVolume, volumeXml,
  type ByteStream, type Connection, type DomainRef, type StoragePoolRef,
} from '../../../electron/libvirt';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DOMAIN_PREFIX } from '../../helpers/test-domains';
import { testDomainXml, uniqueName } from '../libvirt/targets';

/**
 * Volumes and snapshots through the library on libvirtd's test driver and on the embedded
 * one, with the same expectations: the embedded driver must not be told apart.
 */
const harness = inject('harness');
const MiB = 1024n * 1024n;

const drivers = [
  { label: "libvirtd's test driver", uri: (): string => harness.uris.unix },
  { label: 'the embedded test driver', uri: (): string => 'test:///default' },
];

async function readAll(stream: ByteStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error('the download did not end within 20 s')); }, 20_000);
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => { clearTimeout(timer); resolve(); });
    stream.once('error', (error) => { clearTimeout(timer); reject(error); });
  });
  await stream.finish();
  return Buffer.concat(chunks);
}

describe.each(drivers)('volumes and snapshots on $label', ({ uri }) => {
  let conn: Connection;
  let pool: StoragePoolRef;
  let dir: string;

  beforeAll(async () => {
    conn = await openUri(uri());
    pool = await conn.lookupStoragePoolByName('default-pool');
    dir = await mkdtemp(join(tmpdir(), 'virtdeck-manage-'));
  });
  afterAll(async () => {
    await conn.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a volume, lists and describes it, and deletes it', async () => {
    const name = `${uniqueName(TEST_DOMAIN_PREFIX)}.qcow2`;
    const before = await conn.storagePoolInfo(pool);
    const vol = await createVolume(conn, pool, { name, capacityBytes: 16n * MiB, format: 'qcow2' });
    expect(vol).toMatchObject({ pool: 'default-pool', name });
    const listed = (await conn.listStorageVolumes(pool)).find((v) => v.name === name);
    expect(listed).toMatchObject({ capacityBytes: 16n * MiB, key: vol.key });
    expect(await conn.storageVolumeInfo(vol)).toEqual({ type: 'file', capacityBytes: 16n * MiB, allocationBytes: 0n });
    const path = await conn.storageVolumePath(vol);
    expect(path).toBe(`/default-pool/${name}`);
    expect(await conn.lookupStorageVolumeByPath(path)).toEqual(vol);
    expect(await conn.lookupStorageVolumeByName(pool, name)).toEqual(vol);
    expect(await conn.storageVolumeXml(vol)).toContain(`<name>${name}</name>`);
    expect(await conn.storagePoolXml(pool)).toContain('<name>default-pool</name>');
    expect((await conn.storagePoolInfo(pool)).capacityBytes).toBe(before.capacityBytes);

    await conn.deleteStorageVolume(vol);
    expect((await conn.listStorageVolumes(pool)).map((v) => v.name)).not.toContain(name);
    await expect(conn.lookupStorageVolumeByName(pool, name)).rejects.toThrow(`no storage vol with matching name '${name}'`);
  });

  it('copies a volume into a new one (virStorageVolCreateXMLFrom)', async () => {
    const name = uniqueName(TEST_DOMAIN_PREFIX);
    const vol = await createVolume(conn, pool, { name, capacityBytes: 2n * MiB, format: 'raw' });
    const copy = await conn.createStorageVolumeFrom(pool, volumeXml({ name: `${name}-copy`, capacityBytes: 2n * MiB, format: 'raw' }, 0n), vol);
    expect((await conn.storageVolumeInfo(copy)).capacityBytes).toBe(2n * MiB);
    await conn.deleteStorageVolume(copy);
    await conn.deleteStorageVolume(vol);
  });

  it('refuses bad volume requests in words', async () => {
    await expect(createVolume(conn, pool, { name: 'a/b.img', capacityBytes: MiB, format: 'raw' }))
      .rejects.toThrow("the volume name 'a/b.img' contains a slash");
    const { availableBytes } = await conn.storagePoolInfo(pool);
    await expect(createVolume(conn, pool, { name: uniqueName(TEST_DOMAIN_PREFIX), capacityBytes: availableBytes + 1n, format: 'raw' }))
      .rejects.toThrow(/pool 'default-pool' has [\d.]+ GiB available, less than the [\d.]+ GiB asked for volume/);
    await expect(createVolume(conn, pool, { name: uniqueName(TEST_DOMAIN_PREFIX), capacityBytes: 0n, format: 'raw' }))
      .rejects.toThrow('a volume needs a size above zero');
    // libvirt's own check, which the embedded driver makes with the same words.
    const greedy = uniqueName(TEST_DOMAIN_PREFIX);
    await expect(conn.createStorageVolume(pool, volumeXml({ name: greedy, capacityBytes: availableBytes + MiB, format: 'raw' }, availableBytes + MiB)))
      .rejects.toThrow(`Not enough free space in pool for volume '${greedy}'`);
  });

  it('refuses a snapshot of a domain that does not exist', async () => {
    const ghost: DomainRef = { name: `${TEST_DOMAIN_PREFIX}ghost`, uuid: randomUUID(), id: -1 };
    const error = await createSnapshot(conn, ghost, { name: 's' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibvirtError);
    expect((error as LibvirtError).codeName).toBe('NO_DOMAIN');
    expect((error as LibvirtError).message).toContain(`no domain with matching uuid '${ghost.uuid}'`);
    await expect(createSnapshot(conn, ghost, { name: 'a/b' })).rejects.toThrow("the snapshot name 'a/b' contains a slash");
  });

  it('clones a shut-off domain: new name, UUID and MAC, its pool disk copied, a read-only one shared', async () => {
    const name = uniqueName(TEST_DOMAIN_PREFIX);
    const diskVol = await createVolume(conn, pool, { name: `${name}.img`, capacityBytes: MiB, format: 'raw' });
    const isoVol = await createVolume(conn, pool, { name: `${name}.iso`, capacityBytes: MiB, format: 'raw' });
    const dom = await conn.defineDomain(`<domain type='test'><name>${name}</name><memory>65536</memory><vcpu>1</vcpu>
      <os><type>hvm</type><loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader><nvram>/var/lib/libvirt/qemu/nvram/${name}_VARS.fd</nvram></os>
      <devices>
        <disk type='file' device='disk'><source file='/default-pool/${name}.img'/><target dev='vda' bus='virtio'/></disk>
        <disk type='file' device='cdrom'><source file='/default-pool/${name}.iso'/><target dev='hdc' bus='ide'/><readonly/></disk>
        <interface type='network'><mac address='52:54:00:aa:bb:cc'/><source network='default'/></interface>
        <graphics type='vnc' port='5905' autoport='no' listen='127.0.0.1'/>
      </devices></domain>`);
    const cloneName = `${name}-clone`;
    const clone = await cloneDomain(conn, name, { newName: cloneName });
    try {
      expect(clone.name).toBe(cloneName);
      expect(clone.uuid).not.toBe(dom.uuid);
      const xml = await conn.domainXml(clone);
      expect(xml).toContain(`/default-pool/${cloneName}.img`);
      expect(xml).toContain(`/default-pool/${name}.iso`);
      expect(xml).not.toContain('52:54:00:aa:bb:cc');
      expect(xml).toMatch(/<mac address='52:54:00:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}'\/>/);
      // Its own UEFI variable store and a port of its own, or the two could not both run.
      expect(xml).toContain(`/var/lib/libvirt/qemu/nvram/${cloneName}_VARS.fd</nvram>`);
      expect(xml).not.toContain(`${name}_VARS.fd`);
      expect(xml).toMatch(/<graphics type='vnc' [^>]*autoport='yes'/);
      expect(xml).not.toContain("port='5905'");
      const disks = await domainDiskVolumes(conn, clone);
      expect(disks.map((d) => [d.target, d.device, d.volume?.name, d.readonly])).toEqual([
        ['vda', 'disk', `${cloneName}.img`, false],
        ['hdc', 'cdrom', `${name}.iso`, true],
      ]);
      await expect(cloneDomain(conn, name, { newName: 'a/b' })).rejects.toThrow("the domain name 'a/b' contains a slash");
      await expect(cloneDomain(conn, name, { newName: cloneName })).rejects.toThrow(`a domain named '${cloneName}' already exists`);
    } finally {
      const removed = await deleteDomain(conn, clone, { removeVolumePaths: [`/default-pool/${cloneName}.img`] });
      expect(removed).toEqual({ deletedVolumes: [`/default-pool/${cloneName}.img`], failedVolumes: [] });
      await deleteDomain(conn, dom, { removeVolumePaths: [`/default-pool/${name}.img`, `/default-pool/${name}.iso`] });
    }
    const left = (await conn.listStorageVolumes(pool)).map((v) => v.name);
    expect(left).not.toContain(`${cloneName}.img`);
    expect(left).not.toContain(diskVol.name);
    expect(left).not.toContain(isoVol.name);
  });

  it('refuses to clone a domain whose writable disk is in no pool: a plain file, network storage, a volume that is gone', async () => {
    const disks = (name: string): Record<string, string> => ({
      [`/elsewhere/${name}.img`]: `<disk type='file' device='disk'><source file='/elsewhere/${name}.img'/><target dev='vdb' bus='virtio'/></disk>`,
      [`nbd:${name}`]: `<disk type='network' device='disk'><source protocol='nbd' name='${name}'><host name='127.0.0.1' port='10809'/></source><target dev='vdb' bus='virtio'/></disk>`,
      [`default-pool/${name}-gone.img`]: `<disk type='volume' device='disk'><source pool='default-pool' volume='${name}-gone.img'/><target dev='vdb' bus='virtio'/></disk>`,
    });
    for (const [shown, disk] of Object.entries(disks('NAME'))) {
      const name = uniqueName(TEST_DOMAIN_PREFIX);
      const dom = await conn.defineDomain(`<domain type='test'><name>${name}</name><memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os>
        <devices>${disk.replaceAll('NAME', name)}</devices></domain>`);
      try {
        await expect(cloneDomain(conn, name, { newName: `${name}-clone` })).rejects.toThrow(
          `disk vdb of '${name}' (${shown.replaceAll('NAME', name)}) is not a volume of any running storage pool, so it cannot be copied; a clone sharing it would corrupt it`,
        );
        await expect(conn.lookupDomainByName(`${name}-clone`)).rejects.toThrow(LibvirtError);
      } finally {
        // A disk whose volume is gone does not keep its domain from being deleted.
        await deleteDomain(conn, dom, { removeVolumePaths: [] });
      }
      await expect(conn.lookupDomainByName(name)).rejects.toThrow(LibvirtError);
    }
  });

  it('deletes no volume but its own disks\', and refuses before anything is touched', async () => {
    const name = uniqueName(TEST_DOMAIN_PREFIX);
    const own = await createVolume(conn, pool, { name: `${name}.img`, capacityBytes: MiB, format: 'raw' });
    const other = await createVolume(conn, pool, { name: `${name}-other.img`, capacityBytes: MiB, format: 'raw' });
    const dom = await conn.defineDomain(`<domain type='test'><name>${name}</name><memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os>
      <devices><disk type='file' device='disk'><source file='/default-pool/${name}.img'/><target dev='vda' bus='virtio'/></disk></devices></domain>`);
    try {
      await expect(deleteDomain(conn, dom, { removeVolumePaths: [`/default-pool/${name}.img`, `/default-pool/${name}-other.img`] })).rejects.toThrow(
        `'/default-pool/${name}-other.img' is not a disk of domain '${name}'; nothing was deleted`,
      );
      expect((await conn.lookupDomainByName(name)).uuid).toBe(dom.uuid);
      expect((await conn.listStorageVolumes(pool)).map((v) => v.name)).toEqual(expect.arrayContaining([own.name, other.name]));
    } finally {
      await deleteDomain(conn, dom, { removeVolumePaths: [`/default-pool/${name}.img`] });
      await conn.deleteStorageVolume(other);
    }
  });

  it('keeps snapshots as a tree with a current one, reverts to one and deletes one', async () => {
    const dom = await conn.defineDomain(testDomainXml(uniqueName(TEST_DOMAIN_PREFIX)));
    try {
      await conn.createDomain(dom);
      const description = `before the <upgrade> & "after" it's done`;
      expect(await createSnapshot(conn, dom, { name: 'first', description })).toBe('first');
      expect(await createSnapshot(conn, dom, { name: 'second' })).toBe('second');
      let list = await conn.listDomainSnapshots(dom);
      const byName = (n: string) => list.find((s) => s.name === n);
      expect(byName('first')).toMatchObject({ parent: null, current: false, description, state: 'running', hasMemory: true });
      expect(byName('second')).toMatchObject({ parent: 'first', current: true, description: '' });
      expect(byName('first')?.createdAt).toBeGreaterThan(1_600_000_000);

      await conn.destroyDomain(dom);
      expect((await conn.domainState(dom)).state).toBe('shutoff');
      await conn.revertDomainSnapshot(dom, 'first');
      expect((await conn.domainState(dom)).state).toBe('running');
      list = await conn.listDomainSnapshots(dom);
      expect(list.filter((s) => s.current).map((s) => s.name)).toEqual(['first']);

      await conn.destroyDomain(dom);
      expect(await createSnapshot(conn, dom, { name: 'third' })).toBe('third');
      list = await conn.listDomainSnapshots(dom);
      expect(byName('third')).toMatchObject({ parent: 'first', current: true, state: 'shutoff', hasMemory: false });

      await conn.deleteDomainSnapshot(dom, 'first');
      list = await conn.listDomainSnapshots(dom);
      expect(list.map((s) => [s.name, s.parent]).sort()).toEqual([['second', null], ['third', null]]);
      await expect(conn.revertDomainSnapshot(dom, 'first')).rejects.toThrow("no domain snapshot with matching name 'first'");
    } finally {
      // Undefining a domain with snapshots needs their metadata dropped too: deleteDomain does.
      const result = await deleteDomain(conn, dom, { removeVolumePaths: [] });
      expect(result).toEqual({ deletedVolumes: [], failedVolumes: [] });
    }
    await expect(conn.lookupDomainByUuid(dom.uuid)).rejects.toThrow(LibvirtError);
  });
});

// libvirtd's test driver has no virStorageVolUpload ("not supported by the connection
// driver"); the embedded one keeps volume bytes in memory so the stream can be tested
// without a daemon. The daemon's side is tested on a dir pool of its QEMU driver (vm.test.ts).
describe('uploads on the embedded test driver', () => {
  let conn: Connection;
  let pool: StoragePoolRef;
  let dir: string;

  beforeAll(async () => {
    conn = await openUri('test:///default');
    pool = await conn.lookupStoragePoolByName('default-pool');
    dir = await mkdtemp(join(tmpdir(), 'virtdeck-upload-'));
  });
  afterAll(async () => {
    await conn.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads a file into a volume, and the same bytes come back', async () => {
    const bytes = randomBytes(700 * 1024 + 13);
    const file = join(dir, 'upload.bin');
    await writeFile(file, bytes);
    const vol = await createVolume(conn, pool, { name: uniqueName(TEST_DOMAIN_PREFIX), capacityBytes: MiB, format: 'raw' });
    try {
      const progress: number[] = [];
      await uploadFileToVolume(conn, vol, file, { onProgress: (sent, total) => { progress.push(sent); expect(total).toBe(bytes.length); } });
      expect(progress.at(-1)).toBe(bytes.length);
      const back = await readAll(await conn.downloadStorageVolume(vol, 0n, BigInt(bytes.length)));
      expect(back.equals(bytes)).toBe(true);
      const big = join(dir, 'big.bin');
      await writeFile(big, Buffer.alloc(Number(MiB) + 1));
      await expect(uploadFileToVolume(conn, vol, big)).rejects.toThrow(/is 1\.0 MiB \(1048577 bytes\), more than the 1 MiB volume/);
    } finally {
      await conn.deleteStorageVolume(vol);
    }
  });

  it("is refused by libvirtd's test driver in its own words", async () => {
    const remote = await openUri(harness.uris.unix);
    try {
      const remotePool = await remote.lookupStoragePoolByName('default-pool');
      const vol = await createVolume(remote, remotePool, { name: uniqueName(TEST_DOMAIN_PREFIX), capacityBytes: MiB, format: 'raw' });
      const file = join(dir, 'small.bin');
      await writeFile(file, randomBytes(1000));
      await expect(uploadFileToVolume(remote, vol, file)).rejects.toThrow('not supported by the connection driver: virStorageVolUpload');
      await remote.deleteStorageVolume(vol);
    } finally {
      await remote.close();
    }
  });
});
