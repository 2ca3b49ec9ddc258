/**
 * What a running domain offers as consoles, read from its live XML: the serial and console
 * devices (by the alias virDomainOpenConsole takes) and where its VNC server listens.
 */
import { XMLParser } from 'fast-xml-parser';
import type { DomainConsoles, SerialDevice, VncEndpoint } from '../../../shared/model';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['serial', 'console', 'graphics', 'listen'].includes(name),
});

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nodes(value: unknown): Node[] {
  return Array.isArray(value) ? value.filter(isNode) : [];
}

function text(node: Node, key: string): string | undefined {
  const value = node[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function aliasOf(device: Node): string | undefined {
  const alias = device.alias;
  return isNode(alias) ? text(alias, 'name') : undefined;
}

function vncOf(graphics: Node): VncEndpoint | null {
  const listens = nodes(graphics.listen);
  const socketListen = listens.find((l) => text(l, 'type') === 'socket');
  const socket = text(graphics, 'socket') ?? (socketListen === undefined ? undefined : text(socketListen, 'socket'));
  if (socket !== undefined) return { kind: 'socket', path: socket };
  const port = Number(text(graphics, 'port'));
  // -1 (or nothing) until the domain runs: there is no server to reach yet.
  if (!Number.isInteger(port) || port <= 0) return null;
  const addressListen = listens.find((l) => text(l, 'type') === 'address' || text(l, 'type') === 'network');
  const address = text(graphics, 'listen') ?? (addressListen === undefined ? undefined : text(addressListen, 'address')) ?? '127.0.0.1';
  return { kind: 'address', address, port };
}

export function domainConsoles(xml: string): DomainConsoles {
  const doc: unknown = parser.parse(xml);
  const domain = isNode(doc) && isNode(doc.domain) ? doc.domain : {};
  const devices = isNode(domain.devices) ? domain.devices : {};
  const serial: SerialDevice[] = [];
  const seen = new Set<string>();
  for (const kind of ['serial', 'console'] as const) {
    for (const device of nodes(devices[kind])) {
      const alias = aliasOf(device);
      // A <console> that is the serial port again carries the serial's alias: list it once.
      if (alias === undefined || seen.has(alias)) continue;
      seen.add(alias);
      serial.push({ alias, kind, type: text(device, 'type') ?? 'pty' });
    }
  }
  const vncGraphics = nodes(devices.graphics).find((g) => text(g, 'type') === 'vnc');
  return { serial, vnc: vncGraphics === undefined ? null : vncOf(vncGraphics) };
}
