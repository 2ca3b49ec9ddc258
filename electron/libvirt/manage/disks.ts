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

/** What a <disk>'s <source> names: a path, a pool volume, or nothing we can resolve. */
type DiskSource =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'volume'; readonly pool: string; readonly volume: string }
  | { readonly kind: 'none' };

export function diskSource(disk: XmlElement): DiskSource {
  const source = firstChild(disk, 'source');
  if (source === undefined) return { kind: 'none' };
  const path = source.attrs.file ?? source.attrs.dev;
  if (path !== undefined && path !== '') return { kind: 'path', path };
  const { pool, volume } = source.attrs;
  if (pool !== undefined && volume !== undefined) return { kind: 'volume', pool, volume };
  return { kind: 'none' };
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
      return { path: null, pool: null, volume: null };
    case 'path': {
      const volume = await volumeAtPath(conn, source.path);
      const pool = volume === null ? null : await conn.lookupStoragePoolByName(volume.pool);
      return { path: source.path, pool, volume };
    }
    case 'volume': {
      const pool = await conn.lookupStoragePoolByName(source.pool);
      const volume = await conn.lookupStorageVolumeByName(pool, source.volume);
      return { path: await conn.storageVolumePath(volume), pool, volume };
    }
  }
}

export async function domainDiskVolumes(conn: Connection, dom: DomainRef): Promise<DiskVolume[]> {
  const domain = parseDomainXml(await conn.domainXml(dom, XML_INACTIVE));
  return Promise.all(diskElements(domain).map(async (disk): Promise<DiskVolume> => {
    const { path, pool, volume } = await resolve(conn, diskSource(disk));
    return {
      target: firstChild(disk, 'target')?.attrs.dev ?? '',
      device: deviceOf(disk),
      path,
      pool,
      volume,
      readonly: firstChild(disk, 'readonly') !== undefined || deviceOf(disk) === 'cdrom',
    };
  }));
}
