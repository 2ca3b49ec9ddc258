/**
 * What an admin reads from libvirt's capabilities XML: the host's architecture, and per guest
 * architecture its OS type, emulator, machine types and domain types (kvm, qemu, test...).
 */
import { XMLParser } from 'fast-xml-parser';

export interface GuestCapability {
  readonly osType: string;
  readonly arch: string;
  readonly wordsize: string | null;
  readonly emulator: string | null;
  readonly machines: readonly string[];
  readonly domainTypes: readonly string[];
}

export interface CapabilitiesSummary {
  readonly hostArch: string | null;
  readonly guests: readonly GuestCapability[];
}

type Node = Record<string, unknown>;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => ['guest', 'machine', 'domain'].includes(name) });

function asNode(value: unknown): Node | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : undefined;
}

function items(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function asNodes(value: unknown): Node[] {
  return items(value).flatMap((v) => { const n = asNode(v); return n ? [n] : []; });
}

/** Element text, whether the parser gave a string or an object with #text and attributes. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  const node = asNode(value);
  const inner = node?.['#text'];
  return typeof inner === 'string' ? inner.trim() : null;
}

function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null && v !== ''))];
}

export function summariseCapabilities(xml: string): CapabilitiesSummary {
  const root = asNode(asNode(parser.parse(xml))?.capabilities);
  if (root === undefined) throw new Error('this is not a capabilities document: no <capabilities> element');
  const hostCpu = asNode(asNode(root.host)?.cpu);
  const guests = asNodes(root.guest).map((guest): GuestCapability => {
    const arch = asNode(guest.arch) ?? {};
    const domains = asNodes(arch.domain);
    return {
      osType: text(guest.os_type) ?? '?',
      arch: typeof arch['@name'] === 'string' ? arch['@name'] : '?',
      wordsize: text(arch.wordsize),
      emulator: text(arch.emulator),
      // Machines of the architecture and of its domain types (KVM lists its own).
      machines: unique([...items(arch.machine), ...domains.flatMap((d) => items(d.machine))].map(text)),
      domainTypes: unique(domains.map((d) => (typeof d['@type'] === 'string' ? d['@type'] : null))),
    };
  });
  return { hostArch: hostCpu === undefined ? null : text(hostCpu.arch), guests };
}
