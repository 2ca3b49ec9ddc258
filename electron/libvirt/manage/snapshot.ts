/** A snapshot request from typed values: <domainsnapshot> built as a tree, so every value is escaped. */
import type { Connection } from '../driver/api';
import type { DomainRef } from '../driver/model';
import { element, formatXml, textElement } from '../drivers/test/xml-tree';
import { checkSnapshotName } from './names';

export interface NewSnapshot {
  /** Absent: libvirt names it by its creation time. */
  readonly name?: string;
  readonly description?: string;
}

export function snapshotXml(spec: NewSnapshot): string {
  return formatXml(element('domainsnapshot', {}, [
    ...(spec.name === undefined ? [] : [textElement('name', spec.name)]),
    ...(spec.description === undefined || spec.description === '' ? [] : [textElement('description', spec.description)]),
  ]));
}

/** Takes the snapshot (with memory when the domain runs, as libvirt does by default); resolves to its name. */
export async function createSnapshot(conn: Connection, dom: DomainRef, spec: NewSnapshot): Promise<string> {
  if (spec.name !== undefined) checkSnapshotName(spec.name);
  return conn.createDomainSnapshot(dom, snapshotXml(spec));
}
