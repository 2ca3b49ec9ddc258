/** A <network> of an embedded host: its identity and its XML, normalised as libvirt keeps it. */
import { randomUUID } from 'node:crypto';
import { ErrorCode, ErrorDomain } from '../../protocol/error-codes';
import { canonicalUuid } from './domain-def';
import { From, libvirtError, TestErrorCode } from './errors';
import { childText, formatXml, isElement, textElement, type XmlElement } from './xml-tree';

export interface NetworkDef {
  readonly name: string;
  readonly uuid: string;
  readonly element: XmlElement;
}

export function parseNetworkDef(el: XmlElement): NetworkDef {
  const fail = (detail: string): Error => libvirtError(ErrorCode.XML_ERROR, From.TEST, detail);
  if (el.name !== 'network') throw fail(`unexpected root element <${el.name}>, expecting <network>`);
  const name = childText(el, 'name');
  if (name === undefined || name === '') throw libvirtError(TestErrorCode.NO_NAME, ErrorDomain.NETWORK);
  const given = childText(el, 'uuid');
  if (given !== undefined && !/^[0-9a-f]{8}-?([0-9a-f]{4}-?){3}[0-9a-f]{12}$/i.test(given)) throw fail('malformed uuid element');
  const uuid = canonicalUuid(given ?? randomUUID());
  const rest = el.children.filter((c) => isElement(c) && c.name !== 'name' && c.name !== 'uuid');
  return { name, uuid, element: { ...el, children: [textElement('name', name), textElement('uuid', uuid), ...rest] } };
}

export function networkDefXml(def: NetworkDef): string {
  return formatXml(def.element);
}
