/** A new volume from typed values: the XML is built as a tree, so every value is escaped. */
import type { Connection } from '../driver/api';
import type { StoragePoolRef, StorageVolRef } from '../driver/model';
import { element, formatXml, textElement } from '../drivers/test/xml-tree';
import { formatBytes, ManageError } from './errors';
import { checkVolumeName } from './names';
import type { NewVolume } from './types';

export function volumeXml(spec: NewVolume, allocationBytes: bigint): string {
  return formatXml(element('volume', {}, [
    textElement('name', spec.name),
    textElement('capacity', BigInt(spec.capacityBytes).toString(), { unit: 'bytes' }),
    textElement('allocation', allocationBytes.toString(), { unit: 'bytes' }),
    element('target', {}, [element('format', { type: spec.format })]),
  ]));
}

/**
 * Creates the volume sparse (allocation 0) after checking what libvirt would only refuse
 * late or not at all: the name, a capacity above zero, and room in the pool for all of it.
 */
export async function createVolume(conn: Connection, pool: StoragePoolRef, spec: NewVolume): Promise<StorageVolRef> {
  checkVolumeName(spec.name);
  const capacity = BigInt(spec.capacityBytes);
  if (capacity <= 0n) throw new ManageError('capacity', `a volume needs a size above zero (asked: ${capacity} bytes)`);
  const info = await conn.storagePoolInfo(pool);
  if (capacity > info.availableBytes) {
    throw new ManageError(
      'pool-full',
      `pool '${pool.name}' has ${formatBytes(info.availableBytes)} available, less than the ${formatBytes(capacity)} asked for volume '${spec.name}'`,
    );
  }
  return conn.createStorageVolume(pool, volumeXml(spec, 0n));
}
