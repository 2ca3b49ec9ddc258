/** Reading and rewriting a domain's XML as a tree (the same element tree the embedded driver uses). */
import { ProtocolError } from '../errors';
import { childElements, firstChild, parseXml, XmlSyntaxError, type XmlElement, type XmlNode } from '../drivers/test/xml-tree';

export function parseDomainXml(xml: string): XmlElement {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new ProtocolError(`the domain XML is not XML: ${error.message}`);
    throw error;
  }
  if (root.name !== 'domain') throw new ProtocolError(`expected <domain>, got <${root.name}>`);
  return root;
}

export function diskElements(domain: XmlElement): XmlElement[] {
  const devices = firstChild(domain, 'devices');
  return devices === undefined ? [] : childElements(devices, 'disk');
}

/** A copy of `el` with each element child passed through `edit` (null drops it). */
export function mapChildren(el: XmlElement, edit: (child: XmlElement) => XmlElement | null): XmlElement {
  const children: XmlNode[] = [];
  for (const child of el.children) {
    if (!('name' in child)) {
      children.push(child);
      continue;
    }
    const edited = edit(child);
    if (edited !== null) children.push(edited);
  }
  return { ...el, children };
}

export function withAttrs(el: XmlElement, attrs: Record<string, string>): XmlElement {
  return { ...el, attrs: { ...el.attrs, ...attrs } };
}
