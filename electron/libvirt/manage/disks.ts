/** A domain's disks, each with the pool volume behind it when a pool holds its source. */
import type { Connection } from '../driver/api';
import type { DomainRef, StoragePoolRef, StorageVolRef } from '../driver/model';
import { firstChild, type XmlElement } from '../drivers/test/xml-tree';
import { LibvirtError } from '../errors';
import { ErrorCode } from '../protocol/error-codes';
import { diskElements, parseDomainXml } from './domain-xml';
import type { DiskDevice, DiskVolume } from './types';

/** VIR_DOMAIN_XML_INACTIVE: the definition that stays, which is what clone and delete act on. */
export const XML_INACTIVE = 2;

const DEVICES: readonly DiskDevice[] = ['disk', 'cdrom', 'floppy', 'lun'];

function deviceOf(disk: XmlElement): DiskDevice {
  const device = disk.attrs.device ?? 'disk';
  return DEVICES.find((d) => d === device) ?? 'disk';
}

/** What a <disk>'s <source> names: a path, a pool volume, network storage, or nothing (an empty drive). */
type DiskSource =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'volume'; readonly pool: string; readonly volume: string }
  | { readonly kind: 'network'; readonly protocol: string; readonly name: string }
  | { readonly kind: 'none' };

export function diskSource(disk: XmlElement): DiskSource {
  const source = firstChild(disk, 'source');
  if (source === undefined) return { kind: 'none' };
  const path = source.attrs.file ?? source.attrs.dev;
  if (path !== undefined && path !== '') return { kind: 'path', path };
  const { pool, volume, protocol } = source.attrs;
  if (pool !== undefined && volume !== undefined) return { kind: 'volume', pool, volume };
  if (protocol !== undefined) return { kind: 'network', protocol, name: source.attrs.name ?? '' };
  return { kind: 'none' };
}

/** The source as a person reads it in a message: a path, pool/volume, or protocol:name. */
function describe(source: DiskSource): string | null {
  switch (source.kind) {
    case 'path': return source.path;
    case 'volume': return `${source.pool}/${source.volume}`;
    case 'network': return `${source.protocol}:${source.name}`;
    case 'none': return null;
  }
}

/** What libvirt says when a disk's pool or volume is gone, or its pool is stopped: the disk then has no volume to act on. */
function isUnreachableVolume(error: unknown): boolean {
  return error instanceof LibvirtError &&
    (error.code === ErrorCode.NO_STORAGE_POOL || error.code === ErrorCode.NO_STORAGE_VOL || error.code === ErrorCode.OPERATION_INVALID);
}

/** The volume at a path, or null when no pool holds it (a file outside every pool). */
async function volumeAtPath(conn: Connection, path: string): Promise<StorageVolRef | null> {
  try {
    return await conn.lookupStorageVolumeByPath(path);
  } catch (error) {
    if (error instanceof LibvirtError && error.code === ErrorCode.NO_STORAGE_VOL) return null;
    throw error;
  }
}

async function resolve(conn: Connection, source: DiskSource): Promise<{ path: string | null; pool: StoragePoolRef | null; volume: StorageVolRef | null }> {
  switch (source.kind) {
    case 'none':
    case 'network':
      return { path: null, pool: null, volume: null };
    case 'path': {
      const volume = await volumeAtPath(conn, source.path);
      const pool = volume === null ? null : await conn.lookupStoragePoolByName(volume.pool);
      return { path: source.path, pool, volume };
    }
    case 'volume': {
      // An ISO deleted after the install, or a stopped pool, must not make the domain
      // impossible to list, clone or delete.
      try {
        const pool = await conn.lookupStoragePoolByName(source.pool);
        const volume = await conn.lookupStorageVolumeByName(pool, source.volume);
        return { path: await conn.storageVolumePath(volume), pool, volume };
      } catch (error) {
        if (isUnreachableVolume(error)) return { path: null, pool: null, volume: null };
        throw error;
      }
    }
  }
}

export async function domainDiskVolumes(conn: Connection, dom: DomainRef): Promise<DiskVolume[]> {
  const domain = parseDomainXml(await conn.domainXml(dom, XML_INACTIVE));
  return Promise.all(diskElements(domain).map(async (disk): Promise<DiskVolume> => {
    const source = diskSource(disk);
    const { path, pool, volume } = await resolve(conn, source);
    return {
      target: firstChild(disk, 'target')?.attrs.dev ?? '',
      device: deviceOf(disk),
      source: describe(source),
      path,
      pool,
      volume,
      readonly: firstChild(disk, 'readonly') !== undefined || deviceOf(disk) === 'cdrom',
    };
  }));
}
