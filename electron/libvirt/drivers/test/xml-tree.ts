/**
 * A small element tree for the test driver's XML (host files, domain, network and pool
 * definitions): parsed with fast-xml-parser, written back by hand so that the output is
 * indented the way libvirt prints its own XML.
 */
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}
export type XmlNode = XmlElement | { readonly text: string };

/** Where and why the text is not XML; the caller turns it into libvirt's error. */
export class XmlSyntaxError extends Error {
  constructor(readonly line: number | undefined, message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

const ATTRS = ':@';
const TEXT = '#text';

// Attributes and text stay strings: libvirt's own parsers read numbers with their own rules
// (units, ranges), so nothing may be guessed here.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** The document's single root element, or an XmlSyntaxError. */
export function parseXml(text: string): XmlElement {
  // The parser is lenient by design (it repairs what it can); libvirt refuses malformed XML.
  try {
    SyntaxValidator.validate(text);
  } catch (error) {
    throw syntaxError(error);
  }
  const roots = toNodes(parser.parse(text) as unknown).filter(isElement);
  const [root, ...more] = roots;
  if (root === undefined) throw new XmlSyntaxError(1, 'Document is empty');
  if (more.length > 0) throw new XmlSyntaxError(undefined, 'Extra content at the end of the document');
  return root;
}

function syntaxError(error: unknown): XmlSyntaxError {
  const line = typeof error === 'object' && error !== null && 'line' in error && typeof error.line === 'number' ? error.line : undefined;
  return new XmlSyntaxError(line, error instanceof Error ? error.message : String(error));
}

function toNodes(raw: unknown): XmlNode[] {
  if (!Array.isArray(raw)) return [];
  const out: XmlNode[] = [];
  for (const entry of raw as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const record = entry as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (key === ATTRS) continue;
      if (key === TEXT) {
        if (typeof value === 'string' || typeof value === 'number') out.push({ text: String(value) });
        continue;
      }
      out.push({ name: key, attrs: toAttrs(record[ATTRS]), children: toNodes(value) });
    }
  }
  return out;
}

function toAttrs(raw: unknown): Record<string, string> {
  const attrs: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return attrs;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attrs[key] = String(value);
  }
  return attrs;
}

export function isElement(node: XmlNode): node is XmlElement {
  return 'name' in node;
}

export function element(name: string, attrs: Record<string, string> = {}, children: readonly XmlNode[] = []): XmlElement {
  return { name, attrs, children };
}

export function textElement(name: string, text: string, attrs: Record<string, string> = {}): XmlElement {
  return { name, attrs, children: [{ text }] };
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter(isElement).filter((c) => name === undefined || c.name === name);
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  return childElements(el, name)[0];
}

/** The element's text content (its direct text children, joined), trimmed. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => ('text' in c ? c.text : '')).join('').trim();
}

export function childText(el: XmlElement, name: string): string | undefined {
  const child = firstChild(el, name);
  return child === undefined ? undefined : textOf(child);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;' };

function escape(text: string, pattern: RegExp): string {
  return text.replace(pattern, (c) => ESCAPES[c] ?? c);
}

/** libvirt's layout: two-space indent, single-quoted attributes, text elements on one line. */
export function formatXml(el: XmlElement, depth = 0): string {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(el.attrs).map(([k, v]) => ` ${k}='${escape(v, /[&<'"]/g)}'`).join('');
  if (el.children.length === 0) return `${pad}<${el.name}${attrs}/>\n`;
  if (el.children.every((c) => !isElement(c))) {
    return `${pad}<${el.name}${attrs}>${escape(textOf(el), /[&<>]/g)}</${el.name}>\n`;
  }
  const inner = el.children
    .map((c) => (isElement(c) ? formatXml(c, depth + 1) : `${'  '.repeat(depth + 1)}${escape(c.text, /[&<>]/g)}\n`))
    .join('');
  return `${pad}<${el.name}${attrs}>\n${inner}${pad}</${el.name}>\n`;
}
