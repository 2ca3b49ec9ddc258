/**
 * A storage <pool> of an embedded host. libvirt's test driver gives every pool the same
 * 100 GiB and adds up the allocation of the <volume>s a host file lists inside it; a
 * volume's key is its path, the pool's target path and the volume's name.
 */
import { randomUUID } from 'node:crypto';
import type { StoragePoolInfo, StorageVolumeSummary } from '../../driver/model';
import { canonicalUuid } from './domain-def';
import { errors } from './errors';
import { scaledBytes } from './units';
import { childElements, childText, firstChild, textOf, type XmlElement } from './xml-tree';

const DEFAULT_CAPACITY = 100n * 1024n ** 3n;

export interface PoolDef extends StoragePoolInfo {
  readonly volumes: readonly StorageVolumeSummary[];
  /** <target><path>: where the pool's volumes are, and so their paths and keys. */
  readonly targetPath: string;
  /** <pool type=...> */
  readonly type: string;
}

function bytesOf(volume: XmlElement, element: 'capacity' | 'allocation'): bigint {
  const el = firstChild(volume, element);
  return el === undefined ? 0n : scaledBytes(element, textOf(el), el.attrs.unit, 'bytes');
}

export function parsePoolDef(el: XmlElement): PoolDef {
  if (el.name !== 'pool') throw errors.xml(`unexpected root element <${el.name}>, expecting <pool>`);
  const name = childText(el, 'name');
  if (name === undefined || name === '') throw errors.xml('missing pool source name element');
  const given = childText(el, 'uuid');
  const uuid = canonicalUuid(given ?? randomUUID());
  const target = firstChild(el, 'target');
  const path = (target === undefined ? undefined : childText(target, 'path')) ?? `/${name}`;
  const volumes = childElements(el, 'volume').map((volume): StorageVolumeSummary => {
    const volName = childText(volume, 'name') ?? '';
    return {
      pool: name,
      name: volName,
      key: `${path}/${volName}`,
      type: 'file',
      capacityBytes: bytesOf(volume, 'capacity'),
      allocationBytes: bytesOf(volume, 'allocation'),
    };
  });
  const allocation = volumes.reduce((sum, v) => sum + v.allocationBytes, 0n);
  return {
    name,
    uuid,
    state: 'running',
    capacityBytes: DEFAULT_CAPACITY,
    allocationBytes: allocation,
    availableBytes: DEFAULT_CAPACITY - allocation,
    volumes,
    targetPath: path,
    type: el.attrs.type ?? 'dir',
  };
}
