import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openUri } from '../../../electron/libvirt/connect';
import {
  cloneDomain, createSnapshot, createVolume, deleteDomain, domainDiskVolumes, ManageError, uploadFileToVolume,
  type ByteStream, type Connection, type DomainRef, type StoragePoolRef, type StorageVolRef,
} from '../../../electron/libvirt';
import { run, waitFor } from '../../helpers/process';
import { removeTestDomains, TEST_DOMAIN_PREFIX } from '../../helpers/test-domains';
import { virsh } from '../../helpers/virsh';
import { useOwnLibvirtd } from '../../helpers/own-libvirtd';

/**
 * A whole VM made through the library on a QEMU driver of the file's own: a 16 MiB qcow2 volume
 * and an ISO the test makes, uploaded through the stream, then a VM on both that boots into
 * SeaBIOS, is snapshotted, reverted, cloned, and its clone deleted with its storage, with
 * virsh as the witness at every step.
 */
const harness = inject('harness');
// Volume streams on a daemon of this file's own: a crash of libvirtd 9.0 here fails this file alone.
const qemuUri = useOwnLibvirtd('manage-vm').uris.qemu;
const MiB = 1024 * 1024;
const name = `${TEST_DOMAIN_PREFIX}vm-${process.pid}`;
const cloneName = `${name}-clone`;
const poolName = `${TEST_DOMAIN_PREFIX}pool-${process.pid}`;
let dir: string;
let conn: Connection;
let pool: StoragePoolRef;

beforeAll(async () => {
  dir = join(harness.root, `manage-vm-${process.pid}`);
  await mkdir(join(dir, 'pool'), { recursive: true });
  await mkdir(join(dir, 'iso'), { recursive: true });
  await virsh(qemuUri, 'pool-create-as', poolName, 'dir', '--target', join(dir, 'pool'));
  conn = await openUri(qemuUri);
  pool = await conn.lookupStoragePoolByName(poolName);
}, 120_000);
afterAll(async () => {
  await conn.close();
  await removeTestDomains(qemuUri);
  await virsh(qemuUri, 'pool-destroy', poolName).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

function vmXml(diskPath: string, isoPath: string): string {
  return `<domain type='qemu'>
  <name>${name}</name>
  <memory unit='MiB'>32</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/><bios useserial='yes' rebootTimeout='1000'/></os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${diskPath}'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='${isoPath}'/><target dev='hdc' bus='ide'/><readonly/></disk>
    <serial type='pty'/>
    <console type='pty'/>
  </devices>
</domain>`;
}

async function readUntil(stream: ByteStream, text: string, timeoutMs: number): Promise<string> {
  let seen = '';
  const onData = (chunk: Buffer): void => { seen += chunk.toString('latin1'); };
  stream.on('data', onData);
  try {
    await waitFor(`'${text}' on the serial console`, () => seen.includes(text), timeoutMs, () => JSON.stringify(seen.slice(-300)));
    return seen;
  } finally {
    stream.off('data', onData);
  }
}

async function virshDomState(domain: string): Promise<string> {
  return (await virsh(qemuUri, 'domstate', domain)).trim();
}

async function virshVolumes(): Promise<string[]> {
  const out = await virsh(qemuUri, 'vol-list', poolName);
  return out.split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((n) => n !== '');
}

describe('a VM made, snapshotted, cloned and deleted through the library', () => {
  let disk: StorageVolRef;
  let iso: StorageVolRef;
  let isoBytes: Buffer;
  let dom: DomainRef;

  it('makes a 16 MiB qcow2 volume', async () => {
    disk = await createVolume(conn, pool, { name: `${name}.qcow2`, capacityBytes: 16 * MiB, format: 'qcow2' });
    const info = await virsh(qemuUri, 'vol-info', '--bytes', '--pool', poolName, `${name}.qcow2`);
    expect(info).toMatch(/Capacity:\s+16777216 bytes/);
    const img = JSON.parse((await run('qemu-img', ['info', '--output=json', '-U', await conn.storageVolumePath(disk)])).stdout) as { format: string; 'virtual-size': number };
    expect(img).toMatchObject({ format: 'qcow2', 'virtual-size': 16 * MiB });
  });

  it('uploads an ISO it made through the stream, byte for byte', async () => {
    await writeFile(join(dir, 'iso', 'README.TXT'), `virtdeck ${process.pid}\n${randomBytes(64 * 1024).toString('hex')}\n`);
    const isoFile = join(dir, 'test.iso');
    await run('xorriso', ['-as', 'mkisofs', '-quiet', '-V', 'VIRTDECK', '-o', isoFile, join(dir, 'iso')], { timeoutMs: 60_000 });
    isoBytes = await readFile(isoFile);
    iso = await createVolume(conn, pool, { name: `${name}.iso`, capacityBytes: isoBytes.length, format: 'raw' });
    const progress: number[] = [];
    await uploadFileToVolume(conn, iso, isoFile, { onProgress: (sent) => progress.push(sent) });
    expect(progress.at(-1)).toBe(isoBytes.length);
    const downloaded = join(dir, 'downloaded.iso');
    await virsh(qemuUri, 'vol-download', '--pool', poolName, `${name}.iso`, downloaded);
    expect((await readFile(downloaded)).equals(isoBytes)).toBe(true);
    expect((await readFile(await conn.storageVolumePath(iso))).equals(isoBytes)).toBe(true);
  });

  it('aborts an upload when asked, and the connection carries on', async () => {
    const bigFile = join(dir, 'big.bin');
    await writeFile(bigFile, randomBytes(8 * MiB));
    const vol = await createVolume(conn, pool, { name: `${name}-abort.img`, capacityBytes: 8 * MiB, format: 'raw' });
    const controller = new AbortController();
    const error = await uploadFileToVolume(conn, vol, bigFile, {
      signal: controller.signal,
      onProgress: (sent) => { if (sent >= MiB) controller.abort(); },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManageError);
    expect((error as ManageError).problem).toBe('aborted');
    expect((error as ManageError).message).toMatch(/the upload of '.*big\.bin' to volume '.*-abort\.img' was cancelled after/);
    await conn.ping();
    await conn.deleteStorageVolume(vol);
  });

  it('defines a VM on both, starts it and reads SeaBIOS on its serial console', async () => {
    dom = await conn.defineDomain(vmXml(await conn.storageVolumePath(disk), await conn.storageVolumePath(iso)));
    const disks = await domainDiskVolumes(conn, dom);
    expect(disks.map((d) => [d.target, d.device, d.readonly, d.volume?.name, d.pool?.name])).toEqual([
      ['vda', 'disk', false, `${name}.qcow2`, poolName],
      ['hdc', 'cdrom', true, `${name}.iso`, poolName],
    ]);
    dom = await conn.createDomain(dom);
    expect(await virshDomState(name)).toBe('running');
    const console = await conn.openConsole(dom);
    try {
      await readUntil(console, 'SeaBIOS', 60_000);
    } finally {
      console.destroy();
    }
  }, 90_000);

  it('snapshots the running VM, and virsh lists the snapshot as current', async () => {
    expect(await createSnapshot(conn, dom, { name: 'booted', description: 'in the <BIOS> & looping' })).toBe('booted');
    expect((await virsh(qemuUri, 'snapshot-list', name, '--name')).trim()).toBe('booted');
    expect((await virsh(qemuUri, 'snapshot-current', name, '--name')).trim()).toBe('booted');
    const [snap] = await conn.listDomainSnapshots(dom);
    expect(snap).toMatchObject({ name: 'booted', parent: null, current: true, state: 'running', hasMemory: true, description: 'in the <BIOS> & looping' });
  }, 90_000);

  it('reverts a shut-off VM to the running snapshot', async () => {
    await conn.destroyDomain(dom);
    expect(await virshDomState(name)).toBe('shut off');
    await conn.revertDomainSnapshot(dom, 'booted');
    expect(await virshDomState(name)).toBe('running');
  }, 90_000);

  it('clones the shut-off VM: a new UUID, and its disk copied as a new volume of the pool', async () => {
    await conn.destroyDomain(dom);
    await expect(cloneDomain(conn, name, { newName: name })).rejects.toThrow(`a domain named '${name}' already exists`);
    const steps: string[] = [];
    const clone = await cloneDomain(conn, name, { newName: cloneName, onProgress: (step) => steps.push(step) });
    expect(steps).toEqual([`copying volume ${name}.qcow2 of pool ${poolName}`, `defining ${cloneName}`]);
    expect(clone.uuid).not.toBe(dom.uuid);
    expect(await virshDomState(cloneName)).toBe('shut off');
    expect(await virshVolumes()).toContain(`${cloneName}.qcow2`);
    const cloneDisks = await domainDiskVolumes(conn, clone);
    expect(cloneDisks.map((d) => d.volume?.name)).toEqual([`${cloneName}.qcow2`, `${name}.iso`]);
    const dumped = await virsh(qemuUri, 'dumpxml', cloneName);
    expect(dumped).toContain(join(dir, 'pool', `${cloneName}.qcow2`));
  }, 120_000);

  it('deletes the clone with its storage, and leaves the original and the shared ISO', async () => {
    const clone = await conn.lookupDomainByName(cloneName);
    const clonePath = join(dir, 'pool', `${cloneName}.qcow2`);
    const result = await deleteDomain(conn, clone, { removeVolumePaths: [clonePath] });
    expect(result).toEqual({ deletedVolumes: [clonePath], failedVolumes: [] });
    expect(await virsh(qemuUri, 'list', '--all', '--name')).not.toContain(cloneName);
    const volumes = await virshVolumes();
    expect(volumes).not.toContain(`${cloneName}.qcow2`);
    expect(volumes).toEqual(expect.arrayContaining([`${name}.qcow2`, `${name}.iso`]));
    await expect(stat(clonePath)).rejects.toThrow(/ENOENT/);
  }, 60_000);

  it('deletes the original, snapshots and all, with both its volumes', async () => {
    const paths = [await conn.storageVolumePath(disk), await conn.storageVolumePath(iso)];
    const result = await deleteDomain(conn, dom, { removeVolumePaths: paths });
    expect(result).toEqual({ deletedVolumes: paths, failedVolumes: [] });
    expect(await virsh(qemuUri, 'list', '--all', '--name')).not.toContain(name);
    expect(await virshVolumes()).toEqual([]);
  }, 60_000);
});
