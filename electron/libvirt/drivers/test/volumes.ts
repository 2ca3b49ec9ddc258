/**
 * The volumes of one embedded storage pool, with their bytes held in memory so that an
 * upload can be read back. libvirt's test driver keeps only sizes; this one keeps the
 * content as well, bounded by what was written, never by a volume's capacity.
 */
import type { StorageVolRef, StorageVolumeInfo, StorageVolumeSummary } from '../../driver/model';
import { ErrorCode } from '../../protocol/error-codes';
import type { LibvirtError } from '../../protocol/libvirt-error';
import { errors, From, libvirtError } from './errors';
import { parseXmlOrThrow } from './host-file';
import { scaledBytes } from './units';
import { childText, element, firstChild, formatXml, textElement, textOf, type XmlElement } from './xml-tree';

interface VolumeRecord {
  readonly name: string;
  readonly path: string;
  readonly format: string;
  readonly capacityBytes: bigint;
  allocationBytes: bigint;
  /** What was uploaded; bytes past its end read as zeros. */
  content: Buffer;
}

const noVolume = (detail: string): LibvirtError => libvirtError(ErrorCode.NO_STORAGE_VOL, From.TEST, detail);

function sizeOf(volume: XmlElement, name: 'capacity' | 'allocation'): bigint | undefined {
  const el = firstChild(volume, name);
  return el === undefined ? undefined : scaledBytes(name, textOf(el), el.attrs.unit, 'bytes');
}

export class PoolVolumes {
  private readonly volumes: VolumeRecord[];

  constructor(readonly poolName: string, readonly targetPath: string, initial: readonly StorageVolumeSummary[]) {
    this.volumes = initial.map((v) => ({
      name: v.name,
      path: v.key,
      format: 'raw',
      capacityBytes: v.capacityBytes,
      allocationBytes: v.allocationBytes,
      content: Buffer.alloc(0),
    }));
  }

  get allocationBytes(): bigint {
    return this.volumes.reduce((sum, v) => sum + v.allocationBytes, 0n);
  }

  list(): StorageVolumeSummary[] {
    return this.volumes.map((v) => this.summary(v));
  }

  lookup(name: string): StorageVolRef {
    return this.ref(this.named(name));
  }

  /** The volume at `path`, if this pool holds it. */
  atPath(path: string): StorageVolRef | undefined {
    const found = this.volumes.find((v) => v.path === path);
    return found === undefined ? undefined : this.ref(found);
  }

  info(vol: StorageVolRef): StorageVolumeInfo {
    const v = this.find(vol);
    return { type: 'file', capacityBytes: v.capacityBytes, allocationBytes: v.allocationBytes };
  }

  path(vol: StorageVolRef): string {
    return this.find(vol).path;
  }

  xml(vol: StorageVolRef): string {
    const v = this.find(vol);
    return formatXml(element('volume', { type: 'file' }, [
      textElement('name', v.name),
      textElement('key', v.path),
      textElement('capacity', v.capacityBytes.toString(), { unit: 'bytes' }),
      textElement('allocation', v.allocationBytes.toString(), { unit: 'bytes' }),
      element('target', {}, [textElement('path', v.path), element('format', { type: v.format })]),
    ]));
  }

  /**
   * virStorageVolCreateXML with the test driver's checks: a unique name, and the new
   * allocation within the pool's capacity. `source` copies another volume's bytes.
   */
  create(xml: string, poolCapacity: bigint, source?: { readonly content: Buffer; readonly format: string }): StorageVolRef {
    const el = parseXmlOrThrow(xml, '(storage_volume_definition)');
    if (el.name !== 'volume') throw errors.xml(`unexpected root element <${el.name}>, expecting <volume>`);
    const name = childText(el, 'name');
    if (name === undefined || name === '') throw libvirtError(ErrorCode.XML_ERROR, From.TEST, 'missing volume name element');
    const capacity = sizeOf(el, 'capacity');
    if (capacity === undefined && source === undefined) throw libvirtError(ErrorCode.XML_ERROR, From.TEST, 'missing capacity element');
    if (this.volumes.some((v) => v.name === name)) {
      throw libvirtError(ErrorCode.OPERATION_FAILED, From.TEST, 'storage vol already exists');
    }
    const allocation = sizeOf(el, 'allocation') ?? capacity ?? 0n;
    if (this.allocationBytes + allocation > poolCapacity) {
      throw libvirtError(ErrorCode.INTERNAL_ERROR, From.TEST, `Not enough free space in pool for volume '${name}'`);
    }
    const target = firstChild(el, 'target');
    const format = (target === undefined ? undefined : firstChild(target, 'format')?.attrs.type) ?? source?.format ?? 'raw';
    const record: VolumeRecord = {
      name,
      path: `${this.targetPath}/${name}`,
      format,
      capacityBytes: capacity ?? BigInt(source?.content.length ?? 0),
      allocationBytes: allocation,
      content: Buffer.from(source?.content ?? Buffer.alloc(0)),
    };
    this.volumes.push(record);
    return this.ref(record);
  }

  /** What createStorageVolumeFrom copies from a volume of this pool. */
  contentOf(vol: StorageVolRef): { readonly content: Buffer; readonly format: string } {
    const v = this.find(vol);
    return { content: v.content, format: v.format };
  }

  delete(vol: StorageVolRef): void {
    const v = this.find(vol);
    this.volumes.splice(this.volumes.indexOf(v), 1);
  }

  /** Checks an upload's range before its stream opens, as the daemon does. */
  checkRange(vol: StorageVolRef, offset: bigint, length: bigint): void {
    const v = this.find(vol);
    if (offset > v.capacityBytes || (length > 0n && offset + length > v.capacityBytes)) {
      throw libvirtError(
        ErrorCode.INVALID_ARG,
        From.TEST,
        `range ${offset}+${length} is past the end of volume '${v.name}' (${v.capacityBytes} bytes)`,
      );
    }
  }

  /** Uploaded bytes at `offset`; refused past the volume's capacity. */
  write(vol: StorageVolRef, offset: bigint, bytes: Buffer): void {
    const v = this.find(vol);
    const end = offset + BigInt(bytes.length);
    if (end > v.capacityBytes) {
      throw libvirtError(ErrorCode.INVALID_ARG, From.TEST, `the upload goes past the end of volume '${v.name}' (${v.capacityBytes} bytes)`);
    }
    const start = Number(offset);
    if (v.content.length < start + bytes.length) {
      const grown = Buffer.alloc(start + bytes.length);
      v.content.copy(grown);
      v.content = grown;
    }
    bytes.copy(v.content, start);
    if (end > v.allocationBytes) v.allocationBytes = end;
  }

  /** `length` bytes (0: to the end of the volume) from `offset`, zeros where nothing was written. */
  read(vol: StorageVolRef, offset: bigint, length: bigint): Buffer {
    const v = this.find(vol);
    const end = length === 0n || offset + length > v.capacityBytes ? v.capacityBytes : offset + length;
    const out = Buffer.alloc(Number(end - offset));
    v.content.copy(out, 0, Number(offset), Math.min(v.content.length, Number(end)));
    return out;
  }

  private named(name: string): VolumeRecord {
    const found = this.volumes.find((v) => v.name === name);
    if (found === undefined) throw noVolume(`no storage vol with matching name '${name}'`);
    return found;
  }

  private find(vol: StorageVolRef): VolumeRecord {
    const found = this.volumes.find((v) => v.path === vol.key);
    if (found === undefined) throw noVolume(`no storage vol with matching key '${vol.key}'`);
    return found;
  }

  private ref(v: VolumeRecord): StorageVolRef {
    return { pool: this.poolName, name: v.name, key: v.path };
  }

  private summary(v: VolumeRecord): StorageVolumeSummary {
    return { ...this.ref(v), type: 'file', capacityBytes: v.capacityBytes, allocationBytes: v.allocationBytes };
  }
}
