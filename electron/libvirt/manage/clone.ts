/**
 * Clone a shut-off domain as virt-clone does: the same definition under a new name, with a
 * new UUID (libvirt assigns one when the XML has none) and new MAC addresses, and each
 * writable disk that is a pool volume copied into a new volume of the same pool. Volumes
 * made before a failure are deleted again, so a failed clone leaves nothing behind.
 *
 * Two things the original holds alone are not shared either: its UEFI variable store (the
 * clone's <nvram> names <newName>_VARS.fd in the same folder, which libvirt makes from the
 * firmware's template at the first start; the original's boot entries are not carried) and
 * a fixed graphics port (the clone asks for a free one, or both could not run at once).
 */
import { randomBytes } from 'node:crypto';
import type { Connection } from '../driver/api';
import type { DomainRef, StoragePoolRef, StorageVolRef } from '../driver/model';
import { element, firstChild, formatXml, textElement, textOf, type XmlElement } from '../drivers/test/xml-tree';
import { LibvirtError } from '../errors';
import { ErrorCode } from '../protocol/error-codes';
import { domainDiskVolumes, XML_INACTIVE } from './disks';
import { diskElements, mapChildren, parseDomainXml, withAttrs } from './domain-xml';
import { ManageError } from './errors';
import { checkDomainName } from './names';
import type { CloneOptions, DiskVolume } from './types';
import { volumeFormatOf } from './volume-format';

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
  // The copy keeps the source's format; none lets the pool choose.
  const format = volumeFormatOf(sourceXml);
  const name = cloneVolumeName(disk.volume.name, sourceName, newName);
  const volume = await conn.createStorageVolumeFrom(disk.pool, copyXml(name, info.capacityBytes, format), disk.volume);
  return { target: disk.target, path: await conn.storageVolumePath(volume), volume };
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
      case 'os':
        return mapChildren(child, (part) => (part.name === 'nvram' ? ownNvram(part, newName) : part));
      case 'devices':
        return mapChildren(child, (device) => {
          if (device.name === 'graphics') return freeGraphicsPort(device);
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

/**
 * /nvram/src_VARS.fd becomes /nvram/<newName>_VARS.fd. A store given as <source> (a network
 * block device, libvirt 8.5+) is not a file of this host's to rename, and stays as it is.
 */
function ownNvram(nvram: XmlElement, newName: string): XmlElement {
  const path = textOf(nvram).trim();
  // No path: libvirt names one after the domain itself.
  if (path === '' || firstChild(nvram, 'source') !== undefined) return nvram;
  return { ...nvram, children: [{ text: `${path.slice(0, path.lastIndexOf('/') + 1)}${newName}_VARS.fd` }] };
}

/** A graphics device on a fixed port gets autoport instead; one already on autoport is left alone. */
function freeGraphicsPort(graphics: XmlElement): XmlElement {
  if (graphics.attrs.autoport === 'yes' || graphics.attrs.port === undefined || graphics.attrs.port === '-1') return graphics;
  const attrs = Object.fromEntries(Object.entries(graphics.attrs).filter(([key]) => key !== 'port' && key !== 'websocket'));
  return { ...graphics, attrs: { ...attrs, autoport: 'yes' } };
}

/** A disk the clone writes to: it must get its own copy. */
function isWritable(disk: DiskVolume, element: XmlElement | undefined): boolean {
  const shareable = element !== undefined && firstChild(element, 'shareable') !== undefined;
  return (disk.device === 'disk' || disk.device === 'lun') && !disk.readonly && !shareable && disk.source !== null;
}

function inPool(disk: DiskVolume): disk is DiskVolume & { pool: StoragePoolRef; volume: StorageVolRef } {
  return disk.pool !== null && disk.volume !== null;
}

/**
 * The writable disks to copy. One outside every pool (a plain file, network storage, a
 * volume of a stopped or missing pool) cannot be, and sharing it would corrupt it.
 */
function disksToCopy(domain: XmlElement, disks: readonly DiskVolume[], sourceName: string): (DiskVolume & { pool: StoragePoolRef; volume: StorageVolRef })[] {
  const elements = new Map(diskElements(domain).map((el) => [firstChild(el, 'target')?.attrs.dev ?? '', el]));
  const writable = disks.filter((d) => isWritable(d, elements.get(d.target)));
  const outside = writable.find((d) => !inPool(d));
  if (outside !== undefined) {
    throw new ManageError(
      'disk-not-in-pool',
      `disk ${outside.target} of '${sourceName}' (${outside.source ?? ''}) is not a volume of any running storage pool, so it cannot be copied; a clone sharing it would corrupt it`,
    );
  }
  return writable.filter(inPool);
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
  const disks = disksToCopy(domain, await domainDiskVolumes(conn, source), sourceName);
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
