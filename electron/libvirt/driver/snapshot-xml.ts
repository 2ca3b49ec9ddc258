/**
 * A <domainsnapshot> document as SnapshotInfo. Both drivers read the same XML, so the
 * remote one (libvirtd's answer) and the embedded one (its own) agree on every field.
 */
import { ProtocolError } from '../errors';
import { childText, firstChild, parseXml, XmlSyntaxError } from '../drivers/test/xml-tree';
import type { SnapshotInfo } from './model';

/** What `memory snapshot=` says when a snapshot carries the guest's RAM. */
const MEMORY_KINDS = new Set(['internal', 'external']);
/** States in which an internal snapshot without a <memory> element still holds the RAM. */
const LIVE_STATES = new Set(['running', 'paused', 'blocked']);

export function parseSnapshotXml(xml: string, current: boolean): SnapshotInfo {
  let root;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new ProtocolError(`the snapshot XML is not XML: ${error.message}`);
    throw error;
  }
  if (root.name !== 'domainsnapshot') throw new ProtocolError(`expected <domainsnapshot>, got <${root.name}>`);
  const name = childText(root, 'name');
  if (name === undefined || name === '') throw new ProtocolError('the snapshot XML has no <name>');
  const parentEl = firstChild(root, 'parent');
  const parent = parentEl === undefined ? null : (childText(parentEl, 'name') ?? null);
  const state = childText(root, 'state') ?? 'nostate';
  const memory = firstChild(root, 'memory')?.attrs.snapshot;
  const created = Number(childText(root, 'creationTime') ?? '0');
  return {
    name,
    parent,
    current,
    description: childText(root, 'description') ?? '',
    state,
    createdAt: Number.isFinite(created) ? created : 0,
    hasMemory: memory === undefined ? LIVE_STATES.has(state) : MEMORY_KINDS.has(memory),
  };
}
