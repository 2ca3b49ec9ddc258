/**
 * Host files of libvirt's test driver (test:///abs/path.xml): a <node> with optional <cpu>
 * and <memory>, and <domain>, <network> and <pool> children, inline or as file='relative'
 * references, as libvirt reads them. A 1000-domain host is one file, parsed in one pass.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { NodeInfo } from '../../driver/model';
import { ErrorCode } from '../../protocol/error-codes';
import type { LibvirtError } from '../../protocol/libvirt-error';
import { namespacePrefixes, parseDomainDef, type DomainDef, type TestDomainExtras } from './domain-def';
import { errors, From, libvirtError } from './errors';
import { parseNetworkDef, type NetworkDef } from './network-def';
import { parseNodeInfo } from './node-info';
import { parsePoolDef, type PoolDef } from './pool-def';
import { childElements, parseXml, XmlSyntaxError, type XmlElement } from './xml-tree';

export interface HostSpec {
  readonly node: NodeInfo;
  readonly domains: readonly { readonly def: DomainDef; readonly extras: TestDomainExtras }[];
  readonly networks: readonly NetworkDef[];
  readonly pools: readonly PoolDef[];
}

/** Referenced files by the path as written in file='...', already read. */
export type IncludedFiles = ReadonlyMap<string, XmlElement>;

/** Parses XML text, turning syntax errors into libvirt's XML_DETAIL error naming the source. */
export function parseXmlOrThrow(text: string, source: string): XmlElement {
  try {
    return parseXml(text);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw errors.xmlSyntax(`${source}:${error.line ?? 1}: ${error.message}`);
    throw error;
  }
}

/** The host a parsed <node> describes; `included` holds the file='...' children it names. */
export function hostSpecFromXml(root: XmlElement, included: IncludedFiles = new Map()): HostSpec {
  if (root.name !== 'node') throw libvirtError(ErrorCode.XML_ERROR, From.TEST, "Root element is not 'node'");
  const testPrefixes = namespacePrefixes(root);
  const resolve = (el: XmlElement): XmlElement => {
    const file = el.attrs.file;
    if (file === undefined) return el;
    const found = included.get(file);
    if (found === undefined) throw libvirtError(ErrorCode.INTERNAL_ERROR, From.TEST, `file '${file}' was not read`);
    return found;
  };
  return {
    node: parseNodeInfo(root),
    domains: childElements(root, 'domain').map((el) => parseDomainDef(resolve(el), testPrefixes)),
    networks: childElements(root, 'network').map((el) => parseNetworkDef(resolve(el))),
    pools: childElements(root, 'pool').map((el) => parsePoolDef(resolve(el))),
  };
}

/** Reads a host file and every file it references (relative to the host file's folder). */
export async function loadHostFile(path: string): Promise<HostSpec> {
  const root = parseXmlOrThrow(await readText(path), path);
  const refs = new Set(
    ['domain', 'network', 'pool']
      .flatMap((name) => childElements(root, name))
      .map((el) => el.attrs.file)
      .filter((file): file is string => file !== undefined),
  );
  const included = new Map<string, XmlElement>();
  await Promise.all(
    [...refs].map(async (file) => {
      const full = isAbsolute(file) ? file : join(dirname(path), file);
      included.set(file, parseXmlOrThrow(await readText(full), full));
    }),
  );
  return hostSpecFromXml(root, included);
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw cannotRead(path, error);
  }
}

function cannotRead(path: string, error: unknown): LibvirtError {
  const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'No such file or directory' : String(error);
  return libvirtError(ErrorCode.SYSTEM_ERROR, From.TEST, `Failed to open file '${path}': ${reason}`);
}
