/**
 * Clone a shut-off domain as virt-clone does: the same definition under a new name, with a
 * new UUID (libvirt assigns one when the XML has none) and new MAC addresses, and each
 * writable disk that is a pool volume copied into a new volume of the same pool. Volumes
 * made before a failure are deleted again, so a failed clone leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import type { Connection } from '../driver/api';
import type { DomainRef, StoragePoolRef, StorageVolRef } from '../driver/model';
import { element, firstChild, formatXml, parseXml, textElement, type XmlElement } from '../drivers/test/xml-tree';
import { LibvirtError } from '../errors';
import { ErrorCode } from '../protocol/error-codes';
import { domainDiskVolumes, XML_INACTIVE } from './disks';
import { diskElements, mapChildren, parseDomainXml, withAttrs } from './domain-xml';
import { ManageError } from './errors';
import { checkDomainName } from './names';
import type { CloneOptions, DiskVolume } from './types';

/** VIR_DOMAIN_XML_SECURE: keep passwords (VNC) in the copy. */
const XML_SECURE = 1;

/** A locally administered MAC in QEMU's range (52:54:00), as libvirt and virt-clone make them. */
export function randomMac(): string {
  const tail = [...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0'));
  return ['52', '54', '00', ...tail].join(':');
}

/** vm.qcow2 of "vm" becomes vm-clone.qcow2 of "vm-clone"; any other name gets the new name in front. */
export function cloneVolumeName(volumeName: string, sourceName: string, newName: string): string {
  return volumeName.startsWith(sourceName) ? `${newName}${volumeName.slice(sourceName.length)}` : `${newName}-${volumeName}`;
}

async function ensureNameFree(conn: Connection, name: string): Promise<void> {
  try {
    await conn.lookupDomainByName(name);
  } catch (error) {
    if (error instanceof LibvirtError && error.code === ErrorCode.NO_DOMAIN) return;
    throw error;
  }
  throw new ManageError('domain-exists', `a domain named '${name}' already exists`);
}

interface CopiedDisk {
  readonly target: string;
  readonly path: string;
  readonly volume: StorageVolRef;
}

function copyXml(name: string, capacityBytes: bigint, format: string | undefined): string {
  return formatXml(element('volume', {}, [
    textElement('name', name),
    textElement('capacity', capacityBytes.toString(), { unit: 'bytes' }),
    element('target', {}, format === undefined ? [] : [element('format', { type: format })]),
  ]));
}

async function copyDisk(conn: Connection, disk: DiskVolume & { pool: StoragePoolRef; volume: StorageVolRef }, sourceName: string, newName: string): Promise<CopiedDisk> {
  const [info, sourceXml] = await Promise.all([conn.storageVolumeInfo(disk.volume), conn.storageVolumeXml(disk.volume)]);
  const format = volumeFormat(sourceXml);
  const name = cloneVolumeName(disk.volume.name, sourceName, newName);
  const volume = await conn.createStorageVolumeFrom(disk.pool, copyXml(name, info.capacityBytes, format), disk.volume);
  return { target: disk.target, path: await conn.storageVolumePath(volume), volume };
}

/** The source volume's format (qcow2, raw...), so the copy keeps it; undefined lets the pool choose. */
function volumeFormat(xml: string): string | undefined {
  const target = firstChild(parseXml(xml), 'target');
  return target === undefined ? undefined : firstChild(target, 'format')?.attrs.type;
}

/** The definition under its new name and identity, its copied disks pointing at their copies. */
function clonedDefinition(domain: XmlElement, newName: string, copies: readonly CopiedDisk[]): XmlElement {
  const copyOf = new Map(copies.map((c) => [c.target, c]));
  const disks = new Set(diskElements(domain));
  return mapChildren(domain, (child) => {
    switch (child.name) {
      case 'name':
        return textElement('name', newName);
      case 'uuid':
        return null;
      case 'devices':
        return mapChildren(child, (device) => {
          if (device.name === 'interface') {
            return mapChildren(device, (part) => (part.name === 'mac' ? withAttrs(part, { address: randomMac() }) : part));
          }
          if (!disks.has(device)) return device;
          const copy = copyOf.get(firstChild(device, 'target')?.attrs.dev ?? '');
          if (copy === undefined) return device;
          return mapChildren(withAttrs(device, { type: 'file' }), (part) =>
            part.name === 'source' ? element('source', { file: copy.path }) : part);
        });
      default:
        return child;
    }
  });
}

function isCopied(disk: DiskVolume): disk is DiskVolume & { pool: StoragePoolRef; volume: StorageVolRef } {
  return disk.device === 'disk' && !disk.readonly && disk.pool !== null && disk.volume !== null;
}

export async function cloneDomain(conn: Connection, sourceName: string, options: CloneOptions): Promise<DomainRef> {
  const { newName, onProgress } = options;
  checkDomainName(newName);
  const source = await conn.lookupDomainByName(sourceName);
  const { state } = await conn.domainState(source);
  if (state !== 'shutoff') {
    throw new ManageError('not-shut-off', `domain '${sourceName}' is ${state}; shut it off before cloning it`);
  }
  await ensureNameFree(conn, newName);
  const domain = parseDomainXml(await conn.domainXml(source, XML_INACTIVE | XML_SECURE));
  const disks = (await domainDiskVolumes(conn, source)).filter(isCopied);
  const copies: CopiedDisk[] = [];
  try {
    for (const disk of disks) {
      onProgress?.(`copying volume ${disk.volume.name} of pool ${disk.pool.name}`);
      copies.push(await copyDisk(conn, disk, sourceName, newName));
    }
    onProgress?.(`defining ${newName}`);
    return await conn.defineDomain(formatXml(clonedDefinition(domain, newName, copies)));
  } catch (error) {
    for (const copy of copies) await conn.deleteStorageVolume(copy.volume).catch(() => undefined);
    throw error;
  }
}
