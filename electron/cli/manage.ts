/**
 * The managing commands' work: define and undefine domains, list, create and fill volumes,
 * snapshots, clones. Loaded only when one of them runs.
 */
import { readFile } from 'node:fs/promises';
import {
  cloneDomain, createSnapshot, createVolume, deleteDomain, domainDiskVolumes, formatBytes, storagePoolNamed, uploadFileToVolume,
  type Connection, type NewSnapshot, type NewVolume, type StoragePoolRef,
} from '../libvirt';
import { findDomain } from './lifecycle';

async function findPool(conn: Connection, name: string): Promise<StoragePoolRef> {
  const pool = await storagePoolNamed(conn, name);
  if (pool === null) throw new Error(`no storage pool '${name}' on this host`);
  return pool;
}

/** Columns padded to their widest cell, as virsh prints its tables. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => ` ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('   ')}`.trimEnd();
  const rule = '-'.repeat(widths.reduce((sum, w) => sum + w + 3, 0));
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export async function defineFromFile(conn: Connection, file: string): Promise<string> {
  let xml: string;
  try {
    xml = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read '${file}': ${error instanceof Error ? error.message : String(error)}`);
  }
  const dom = await conn.defineDomain(xml);
  return `Domain '${dom.name}' defined from ${file}`;
}

/**
 * Undefines a shut-off domain; with --remove-storage, also deletes the volumes of its
 * writable disks. Read-only ones (an installer ISO) are often shared, so they stay, and say so.
 */
export async function undefine(conn: Connection, name: string, removeStorage: boolean): Promise<string> {
  const dom = await findDomain(conn, name);
  const { state } = await conn.domainState(dom);
  if (state !== 'shutoff') throw new Error(`domain '${dom.name}' is ${state}; destroy or shut it down before undefining it`);
  const disks = removeStorage ? await domainDiskVolumes(conn, dom) : [];
  const removable = disks.filter((d) => d.volume !== null && !d.readonly && d.path !== null);
  const kept = disks.filter((d) => d.volume !== null && d.readonly);
  const result = await deleteDomain(conn, dom, { removeVolumePaths: removable.flatMap((d) => (d.path === null ? [] : [d.path])) });
  const lines = [`Domain '${dom.name}' has been undefined`];
  for (const path of result.deletedVolumes) lines.push(`Volume '${path}' removed`);
  for (const d of kept) lines.push(`Volume '${d.path ?? ''}' kept: read-only ${d.device} ${d.target}`);
  if (result.failedVolumes.length > 0) {
    process.stdout.write(`${lines.join('\n')}\n`);
    const failures = result.failedVolumes.map((f) => `'${f.path}': ${f.error.message}`).join('; ');
    throw new Error(`domain '${dom.name}' was undefined, but ${result.failedVolumes.length} volume(s) could not be removed: ${failures}`);
  }
  return lines.join('\n');
}

export async function volumeList(conn: Connection, poolName: string, json: boolean): Promise<string> {
  const pool = await findPool(conn, poolName);
  const volumes = await conn.listStorageVolumes(pool);
  const rows = await Promise.all(volumes.map(async (v) => ({
    name: v.name,
    path: await conn.storageVolumePath(v),
    type: v.type,
    capacityBytes: Number(v.capacityBytes),
    allocationBytes: Number(v.allocationBytes),
  })));
  rows.sort((a, b) => a.name.localeCompare(b.name));
  if (json) return JSON.stringify(rows, null, 2);
  return table(
    ['Name', 'Path', 'Type', 'Capacity', 'Allocation'],
    rows.map((r) => [r.name, r.path, r.type, formatBytes(r.capacityBytes), formatBytes(r.allocationBytes)]),
  );
}

export async function volumeCreate(conn: Connection, poolName: string, spec: NewVolume): Promise<string> {
  const pool = await findPool(conn, poolName);
  const vol = await createVolume(conn, pool, spec);
  return `Volume '${vol.name}' created in pool '${pool.name}' (${formatBytes(spec.capacityBytes)}, ${spec.format})`;
}

/** Progress on stderr when it is a terminal; Ctrl+C aborts the libvirt stream, not only the process. */
export async function volumeUpload(conn: Connection, poolName: string, volumeName: string, file: string): Promise<string> {
  const pool = await findPool(conn, poolName);
  const vol = await conn.lookupStorageVolumeByName(pool, volumeName);
  const controller = new AbortController();
  const onInterrupt = (): void => { controller.abort(); };
  process.once('SIGINT', onInterrupt);
  const tty = process.stderr.isTTY;
  let total = 0;
  try {
    await uploadFileToVolume(conn, vol, file, {
      signal: controller.signal,
      onProgress: (sent, size) => {
        total = size;
        if (!tty) return;
        const percent = size === 0 ? 100 : Math.floor((sent * 100) / size);
        process.stderr.write(`\rUploading ${file}: ${percent}% (${formatBytes(sent)} of ${formatBytes(size)})`);
      },
    });
  } finally {
    process.off('SIGINT', onInterrupt);
    if (tty && total > 0) process.stderr.write('\n');
  }
  return `Uploaded ${file} (${total} bytes) to volume '${vol.name}' of pool '${pool.name}'`;
}

export async function snapshotList(conn: Connection, domainName: string, json: boolean): Promise<string> {
  const dom = await findDomain(conn, domainName);
  const snapshots = (await conn.listDomainSnapshots(dom)).sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
  if (json) return JSON.stringify(snapshots, null, 2);
  return table(
    ['Name', 'Creation Time', 'State', 'Parent', 'Current'],
    snapshots.map((s) => [s.name, new Date(s.createdAt * 1000).toISOString(), s.state, s.parent ?? '', s.current ? 'yes' : '']),
  );
}

export async function snapshotCreate(conn: Connection, domainName: string, spec: NewSnapshot): Promise<string> {
  const dom = await findDomain(conn, domainName);
  const name = await createSnapshot(conn, dom, spec);
  return `Domain snapshot '${name}' of '${dom.name}' created`;
}

export async function snapshotRevert(conn: Connection, domainName: string, snapshot: string): Promise<string> {
  const dom = await findDomain(conn, domainName);
  await conn.revertDomainSnapshot(dom, snapshot);
  return `Domain '${dom.name}' reverted to snapshot '${snapshot}'`;
}

export async function snapshotDelete(conn: Connection, domainName: string, snapshot: string): Promise<string> {
  const dom = await findDomain(conn, domainName);
  await conn.deleteDomainSnapshot(dom, snapshot);
  return `Domain snapshot '${snapshot}' of '${dom.name}' deleted`;
}

export async function clone(conn: Connection, sourceName: string, newName: string): Promise<string> {
  const source = await findDomain(conn, sourceName);
  const tty = process.stderr.isTTY;
  const dom = await cloneDomain(conn, source.name, {
    newName,
    onProgress: (step) => { if (tty) process.stderr.write(`${step}\n`); },
  });
  return `Domain '${dom.name}' cloned from '${source.name}'`;
}
