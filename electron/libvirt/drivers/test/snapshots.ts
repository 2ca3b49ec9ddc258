/**
 * Snapshots of the embedded host's domains, as libvirt's test driver keeps them: metadata
 * only (a name, the domain's state when taken, a parent), one current snapshot per domain.
 */
import type { SnapshotInfo } from '../../driver/model';
import { parseSnapshotXml } from '../../driver/snapshot-xml';
import { ErrorCode } from '../../protocol/error-codes';
import { errors, From, libvirtError } from './errors';
import { parseXmlOrThrow } from './host-file';
import { childText, element, formatXml, textElement } from './xml-tree';

interface SnapshotRecord {
  readonly name: string;
  readonly description: string;
  /** The domain's state name when the snapshot was taken. */
  readonly state: string;
  readonly createdAt: number;
  parent: string | null;
}

interface DomainSnapshots {
  readonly list: SnapshotRecord[];
  current: string | null;
}

/** VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN and _METADATA_ONLY: the flags delete understands. */
const DELETE_CHILDREN = 1;
const LIVE_STATES = new Set(['running', 'paused', 'blocked']);

export class SnapshotStore {
  private readonly byDomain = new Map<string, DomainSnapshots>();

  count(uuid: string): number {
    return this.byDomain.get(uuid)?.list.length ?? 0;
  }

  list(uuid: string): SnapshotInfo[] {
    const d = this.byDomain.get(uuid);
    if (d === undefined) return [];
    return d.list.map((s) => parseSnapshotXml(snapshotXml(s), s.name === d.current));
  }

  /** The new snapshot, parented on the current one, becomes current. `state` is the domain's now. */
  create(uuid: string, xml: string, state: string, now: number): string {
    const el = parseXmlOrThrow(xml, '(domain_snapshot)');
    if (el.name !== 'domainsnapshot') throw errors.xml(`unexpected root element <${el.name}>, expecting <domainsnapshot>`);
    const name = childText(el, 'name') ?? String(now);
    if (name === '' || name.includes('/')) {
      throw libvirtError(ErrorCode.XML_ERROR, From.DOMAIN, `invalid snapshot name '${name}'`);
    }
    const d = this.domain(uuid);
    if (d.list.some((s) => s.name === name)) {
      throw libvirtError(ErrorCode.OPERATION_INVALID, From.DOMAIN, `domain snapshot ${name} already exists`);
    }
    d.list.push({ name, description: childText(el, 'description') ?? '', state, createdAt: now, parent: d.current });
    d.current = name;
    return name;
  }

  /** The state a revert puts the domain in; the snapshot becomes current. */
  revert(uuid: string, name: string): { readonly running: boolean; readonly paused: boolean } {
    const d = this.domain(uuid);
    const s = this.find(d, name);
    d.current = s.name;
    return { running: LIVE_STATES.has(s.state), paused: s.state === 'paused' };
  }

  /** Children move to the deleted one's parent, or go with it under DELETE_CHILDREN. */
  delete(uuid: string, name: string, flags: number): void {
    const d = this.domain(uuid);
    const s = this.find(d, name);
    const doomed = new Set([s.name]);
    if ((flags & DELETE_CHILDREN) !== 0) {
      let grew = true;
      while (grew) {
        grew = false;
        for (const c of d.list) {
          if (c.parent !== null && doomed.has(c.parent) && !doomed.has(c.name)) {
            doomed.add(c.name);
            grew = true;
          }
        }
      }
    } else {
      for (const c of d.list) if (c.parent === s.name) c.parent = s.parent;
    }
    if (d.current !== null && doomed.has(d.current)) d.current = s.parent;
    const kept = d.list.filter((c) => !doomed.has(c.name));
    d.list.splice(0, d.list.length, ...kept);
  }

  forget(uuid: string): void {
    this.byDomain.delete(uuid);
  }

  private domain(uuid: string): DomainSnapshots {
    let d = this.byDomain.get(uuid);
    if (d === undefined) {
      d = { list: [], current: null };
      this.byDomain.set(uuid, d);
    }
    return d;
  }

  private find(d: DomainSnapshots, name: string): SnapshotRecord {
    const found = d.list.find((s) => s.name === name);
    if (found === undefined) {
      throw libvirtError(ErrorCode.NO_DOMAIN_SNAPSHOT, From.DOMAIN, `no domain snapshot with matching name '${name}'`);
    }
    return found;
  }
}

function snapshotXml(s: SnapshotRecord): string {
  return formatXml(element('domainsnapshot', {}, [
    textElement('name', s.name),
    ...(s.description === '' ? [] : [textElement('description', s.description)]),
    textElement('state', s.state),
    ...(s.parent === null ? [] : [element('parent', {}, [textElement('name', s.parent)])]),
    textElement('creationTime', String(s.createdAt)),
    element('memory', { snapshot: LIVE_STATES.has(s.state) ? 'internal' : 'no' }),
  ]));
}
