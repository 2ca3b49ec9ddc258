import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openUri } from '../../../electron/libvirt/connect';
import type { Connection, SnapshotInfo } from '../../../electron/libvirt';
import { ensureCliBuilt, runCli } from '../../helpers/cli';
import { useOwnLibvirtd } from '../../helpers/own-libvirtd';
import { removeTestDomains, TEST_DOMAIN_PREFIX } from '../../helpers/test-domains';
import { virsh } from '../../helpers/virsh';
import { testDomainXml, uniqueName } from '../libvirt/targets';

/** The managing commands as an admin runs them: a process, its output, and virsh as the witness. */
const harness = inject('harness');
const testUri = harness.uris.unix;
// Volume streams on a daemon of this file's own: a crash of libvirtd 9.0 here fails this file alone.
const qemuUri = useOwnLibvirtd('cli-manage').uris.qemu;
const poolName = `${TEST_DOMAIN_PREFIX}cli-pool-${process.pid}`;
let dir: string;
/** The daemon's test:///default lives while a connection holds it: this one does. */
let keeper: Connection;

beforeAll(async () => {
  await ensureCliBuilt();
  keeper = await openUri(testUri);
  dir = join(harness.root, `cli-manage-${process.pid}`);
  await mkdir(join(dir, 'pool'), { recursive: true });
  await virsh(qemuUri, 'pool-create-as', poolName, 'dir', '--target', join(dir, 'pool'));
}, 120_000);
afterAll(async () => {
  await keeper.close();
  await removeTestDomains(qemuUri);
  await virsh(qemuUri, 'pool-destroy', poolName).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<string> {
  const result = await runCli(args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

describe('virtdeck-cli domains and snapshots on the test driver', () => {
  it('defines from a file, snapshots, reverts, deletes a snapshot, clones and undefines', async () => {
    const name = uniqueName(TEST_DOMAIN_PREFIX);
    const file = join(dir, `${name}.xml`);
    await writeFile(file, testDomainXml(name));
    expect(await cli('define', file, '-c', testUri)).toBe(`Domain '${name}' defined from ${file}\n`);
    expect(await virsh(testUri, 'domstate', name)).toContain('shut off');

    expect(await cli('snapshot-create', name, '--name', 'first', '--description', 'a <b> & c', '-c', testUri))
      .toBe(`Domain snapshot 'first' of '${name}' created\n`);
    await cli('snapshot-create', name, '--name', 'second', '-c', testUri);
    expect((await virsh(testUri, 'snapshot-list', name, '--name')).split('\n').filter(Boolean).sort()).toEqual(['first', 'second']);
    const listed = JSON.parse(await cli('snapshot-list', name, '--json', '-c', testUri)) as SnapshotInfo[];
    expect(listed.map((s) => [s.name, s.parent, s.current, s.description])).toEqual([
      ['first', null, false, 'a <b> & c'],
      ['second', 'first', true, ''],
    ]);
    const text = await cli('snapshot-list', name, '-c', testUri);
    expect(text).toMatch(/^ Name\s+Creation Time\s+State\s+Parent\s+Current\n-+\n first\s+\S+\s+shutoff\n second\s+\S+\s+shutoff\s+first\s+yes\n$/);

    expect(await cli('snapshot-revert', name, 'first', '-c', testUri)).toBe(`Domain '${name}' reverted to snapshot 'first'\n`);
    expect((await virsh(testUri, 'snapshot-current', name, '--name')).trim()).toBe('first');
    expect(await cli('snapshot-delete', name, 'second', '-c', testUri)).toBe(`Domain snapshot 'second' of '${name}' deleted\n`);
    expect((await virsh(testUri, 'snapshot-list', name, '--name')).trim()).toBe('first');

    expect(await cli('clone', name, `${name}-copy`, '-c', testUri)).toBe(`Domain '${name}-copy' cloned from '${name}'\n`);
    expect(await virsh(testUri, 'domstate', `${name}-copy`)).toContain('shut off');
    expect(await cli('undefine', `${name}-copy`, '-c', testUri)).toBe(`Domain '${name}-copy' has been undefined\n`);

    // Its snapshot's metadata goes with it, as --snapshots-metadata does in virsh.
    expect(await cli('undefine', name, '-c', testUri)).toBe(`Domain '${name}' has been undefined\n`);
    expect(await virsh(testUri, 'list', '--all', '--name')).not.toContain(name);
  });

  it('says which domain, snapshot or pool it cannot find', async () => {
    const noDomain = await runCli(['snapshot-list', 'no-such-domain', '-c', testUri]);
    expect(noDomain).toMatchObject({ code: 1, stdout: '' });
    expect(noDomain.stderr).toMatch(/^virtdeck-cli: no domain 'no-such-domain' on this host/);
    const noSnapshot = await runCli(['snapshot-revert', 'test', 'no-such-snapshot', '-c', testUri]);
    expect(noSnapshot.code).toBe(1);
    expect(noSnapshot.stderr).toBe("virtdeck-cli: Domain snapshot not found: no domain snapshot with matching name 'no-such-snapshot'\n");
    const noPool = await runCli(['vol-list', 'no-such-pool', '-c', testUri]);
    expect(noPool.code).toBe(1);
    expect(noPool.stderr).toMatch(/^virtdeck-cli: no storage pool 'no-such-pool' on this host/);
    const running = await runCli(['clone', 'test', 'test-copy', '-c', testUri]);
    expect(running.code).toBe(1);
    expect(running.stderr).toBe("virtdeck-cli: domain 'test' is running; shut it off before cloning it\n");
  });
});

describe('virtdeck-cli volumes', () => {
  it('creates a volume of a size given in units, and lists it', async () => {
    const name = `${uniqueName(TEST_DOMAIN_PREFIX)}.qcow2`;
    expect(await cli('vol-create', 'default-pool', name, '16M', '--format', 'qcow2', '-c', testUri))
      .toBe(`Volume '${name}' created in pool 'default-pool' (16 MiB, qcow2)\n`);
    expect(await virsh(testUri, 'vol-info', '--bytes', '--pool', 'default-pool', name)).toMatch(/Capacity:\s+16777216 bytes/);
    const rows = JSON.parse(await cli('vol-list', 'default-pool', '--json', '-c', testUri)) as { name: string; path: string; capacityBytes: number }[];
    expect(rows.find((r) => r.name === name)).toEqual({ name, path: `/default-pool/${name}`, type: 'file', capacityBytes: 16 * 1024 * 1024, allocationBytes: 0 });
    expect(await cli('vol-list', 'default-pool', '-c', testUri)).toMatch(new RegExp(` ${name.replace(/\./g, '\\.')}\\s+/default-pool/\\S+\\s+file\\s+16 MiB\\s+0 bytes`));
    await virsh(testUri, 'vol-delete', '--pool', 'default-pool', name);
  });

  it('refuses a bad name, a size it cannot read and one the pool has no room for, in words', async () => {
    const slash = await runCli(['vol-create', 'default-pool', 'a/b', '1M', '-c', testUri]);
    expect(slash.code).toBe(1);
    expect(slash.stderr).toBe("virtdeck-cli: the volume name 'a/b' contains a slash; names become file names, so '/' is not allowed\n");
    const unit = await runCli(['vol-create', 'default-pool', 'x', '16X', '-c', testUri]);
    expect(unit.code).toBe(2);
    expect(unit.stderr).toMatch(/^virtdeck-cli: '16X' is not a size: unknown unit 'X'/);
    const huge = await runCli(['vol-create', 'default-pool', uniqueName(TEST_DOMAIN_PREFIX), '1P', '-c', testUri]);
    expect(huge.code).toBe(1);
    expect(huge.stderr).toMatch(/^virtdeck-cli: pool 'default-pool' has [\d.]+ GiB available, less than the 1 PiB asked for volume/);
    const format = await runCli(['vol-create', 'default-pool', 'x', '1M', '--format', 'vmdk', '-c', testUri]);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/^virtdeck-cli: --format takes qcow2 or raw, got 'vmdk'/);
  });

  it('uploads a file into a volume of a dir pool through the stream, byte for byte', async () => {
    const bytes = randomBytes(300 * 1024 + 7);
    const file = join(dir, 'payload.bin');
    await writeFile(file, bytes);
    await cli('vol-create', poolName, 'payload.img', '1M', '-c', qemuUri);
    expect(await cli('vol-upload', poolName, 'payload.img', file, '-c', qemuUri))
      .toBe(`Uploaded ${file} (${bytes.length} bytes) to volume 'payload.img' of pool '${poolName}'\n`);
    const back = join(dir, 'back.bin');
    await virsh(qemuUri, 'vol-download', '--pool', poolName, 'payload.img', back, '--length', String(bytes.length));
    expect((await readFile(back)).equals(bytes)).toBe(true);
    const tooBig = join(dir, 'too-big.bin');
    await writeFile(tooBig, Buffer.alloc(2 * 1024 * 1024));
    const refused = await runCli(['vol-upload', poolName, 'payload.img', tooBig, '-c', qemuUri]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`virtdeck-cli: '${tooBig}' is 2 MiB (2097152 bytes), more than the 1 MiB volume 'payload.img' holds\n`);
    await virsh(qemuUri, 'vol-delete', '--pool', poolName, 'payload.img');
  });

  it('undefines a domain with --remove-storage: its disk volume goes, a read-only ISO stays', async () => {
    const name = uniqueName(TEST_DOMAIN_PREFIX);
    await cli('vol-create', poolName, `${name}.qcow2`, '16M', '--format', 'qcow2', '-c', qemuUri);
    await cli('vol-create', poolName, `${name}.iso`, '1M', '-c', qemuUri);
    const diskPath = join(dir, 'pool', `${name}.qcow2`);
    const isoPath = join(dir, 'pool', `${name}.iso`);
    const file = join(dir, `${name}.xml`);
    await writeFile(file, `<domain type='qemu'><name>${name}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
      <os><type arch='x86_64' machine='pc'>hvm</type></os>
      <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>
        <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${diskPath}'/><target dev='vda' bus='virtio'/></disk>
        <disk type='file' device='cdrom'><source file='${isoPath}'/><target dev='hdc' bus='ide'/><readonly/></disk>
      </devices></domain>`);
    await cli('define', file, '-c', qemuUri);
    expect(await cli('undefine', name, '--remove-storage', '-c', qemuUri)).toBe([
      `Domain '${name}' has been undefined`,
      `Volume '${diskPath}' removed`,
      `Volume '${isoPath}' kept: read-only cdrom hdc`,
    ].join('\n') + '\n');
    const volumes = await virsh(qemuUri, 'vol-list', poolName);
    expect(volumes).not.toContain(`${name}.qcow2`);
    expect(volumes).toContain(`${name}.iso`);
  });
});
