/**
 * A storage <pool> of an embedded host. libvirt's test driver gives every pool the same
 * 100 GiB and adds up the allocation of the <volume>s a host file lists inside it.
 */
import { randomUUID } from 'node:crypto';
import type { StoragePoolSummary } from '../../driver/model';
import { canonicalUuid } from './domain-def';
import { errors } from './errors';
import { scaledBytes } from './units';
import { childElements, childText, firstChild, textOf, type XmlElement } from './xml-tree';

const DEFAULT_CAPACITY = 100n * 1024n ** 3n;

export function parsePoolDef(el: XmlElement): StoragePoolSummary {
  if (el.name !== 'pool') throw errors.xml(`unexpected root element <${el.name}>, expecting <pool>`);
  const name = childText(el, 'name');
  if (name === undefined || name === '') throw errors.xml('missing pool source name element');
  const given = childText(el, 'uuid');
  const uuid = canonicalUuid(given ?? randomUUID());
  let allocation = 0n;
  for (const volume of childElements(el, 'volume')) {
    const alloc = firstChild(volume, 'allocation');
    if (alloc !== undefined) allocation += scaledBytes('allocation', textOf(alloc), alloc.attrs.unit, 'bytes');
  }
  return {
    name,
    uuid,
    state: 'running',
    capacityBytes: DEFAULT_CAPACITY,
    allocationBytes: allocation,
    availableBytes: DEFAULT_CAPACITY - allocation,
  };
}
