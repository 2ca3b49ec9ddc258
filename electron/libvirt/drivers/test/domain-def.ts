/**
 * A domain definition as the test driver keeps it: the few values the API reports (name,
 * UUID, memory, vCPUs, lifecycle actions) read from the XML the user gave, and that XML
 * itself, normalised the way libvirt normalises it (uuid filled in, memory in KiB).
 */
import { randomUUID } from 'node:crypto';
import { errors } from './errors';
import { bytesToKiB, scaledBytes } from './units';
import { childText, element, firstChild, formatXml, isElement, textElement, textOf, type XmlElement, type XmlNode } from './xml-tree';

/** libvirt's test-driver namespace for <test:runstate> and friends in host files. */
export const TEST_NAMESPACE = 'http://libvirt.org/schemas/domain/test/1.0';

export type LifecycleAction = 'destroy' | 'restart' | 'preserve' | 'rename-restart';

export interface DomainDef {
  readonly name: string;
  readonly uuid: string;
  readonly type: string;
  /** <memory>: the most the domain may have, KiB. */
  readonly maxMemoryKiB: number;
  /** <currentMemory>, clamped to <memory> as libvirt does, KiB. */
  readonly memoryKiB: number;
  /** Online vCPUs (<vcpu current=...>) and the maximum (<vcpu>). */
  readonly vcpus: number;
  readonly maxVcpus: number;
  readonly onPoweroff: LifecycleAction;
  readonly onReboot: LifecycleAction;
  /** The definition as XML, normalised; the id attribute is added when formatted. */
  readonly element: XmlElement;
}

/** What a host file may say about a domain besides its definition (<test:runstate> etc.). */
export interface TestDomainExtras {
  /** virDomainState number; running when absent. */
  readonly runstate: number;
  readonly transient: boolean;
}

const UUID_TEXT = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const VIR_DOMAIN_STATE_LAST = 8;
const RUNNING = 1;
const SHUTOFF = 5;

/** Canonical text form: lower-case, dashed. */
export function canonicalUuid(text: string): string {
  const hex = text.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Reads a <domain> element. `testPrefixes` are the namespace prefixes bound to the test
 * namespace in the enclosing document; their elements are read as extras and dropped from
 * the definition, as libvirt keeps them out of the domain XML.
 */
export function parseDomainDef(el: XmlElement, testPrefixes: readonly string[] = []): { def: DomainDef; extras: TestDomainExtras } {
  if (el.name !== 'domain') throw errors.xml(`unexpected root element <${el.name}>, expecting <domain>`);
  const type = el.attrs.type;
  if (type === undefined || type === '') throw errors.xml("Missing required attribute 'type' in element 'domain'");
  const prefixes = [...testPrefixes, ...namespacePrefixes(el)];
  const isTestElement = (node: XmlNode): boolean =>
    isElement(node) && prefixes.some((p) => node.name.startsWith(`${p}:`));

  const name = childText(el, 'name');
  if (name === undefined || name === '') throw errors.noName();
  if (name.includes('/')) throw errors.xml(`name ${name} cannot contain '/'`);

  const uuidText = childText(el, 'uuid');
  if (uuidText !== undefined && !UUID_TEXT.test(uuidText)) throw errors.xml('malformed uuid element');
  // libvirt generates a random UUID for a definition without one.
  const uuid = canonicalUuid(uuidText ?? randomUUID());

  const memoryEl = firstChild(el, 'memory');
  if (memoryEl === undefined) throw errors.xml('Memory size must be specified via <memory> or in the <numa> configuration');
  const maxMemoryKiB = bytesToKiB(scaledBytes('memory', textOf(memoryEl), memoryEl.attrs.unit, 'KiB'));
  if (maxMemoryKiB === 0) throw errors.xml('Memory size must be specified via <memory> or in the <numa> configuration');
  const currentEl = firstChild(el, 'currentMemory');
  const current = currentEl === undefined ? 0 : bytesToKiB(scaledBytes('currentMemory', textOf(currentEl), currentEl.attrs.unit, 'KiB'));
  // virDomainDefPostParseMemory: a missing, zero or too large balloon means "all of it".
  const memoryKiB = current === 0 || current > maxMemoryKiB ? maxMemoryKiB : current;

  const { vcpus, maxVcpus } = parseVcpus(firstChild(el, 'vcpu'));

  const os = firstChild(el, 'os');
  if (os === undefined || (childText(os, 'type') ?? '') === '') throw errors.xml('an os <type> must be specified');

  const extras = parseExtras(el, prefixes);
  const def: DomainDef = {
    name,
    uuid,
    type,
    maxMemoryKiB,
    memoryKiB,
    vcpus,
    maxVcpus,
    onPoweroff: lifecycleAction(childText(el, 'on_poweroff'), 'destroy'),
    onReboot: lifecycleAction(childText(el, 'on_reboot'), 'restart'),
    element: normalise(el, { name, uuid, maxMemoryKiB, memoryKiB, vcpus, maxVcpus }, isTestElement),
  };
  return { def, extras };
}

/** Prefixes this element binds to the test namespace (xmlns:test='...'). */
export function namespacePrefixes(el: XmlElement): string[] {
  return Object.entries(el.attrs)
    .filter(([key, value]) => key.startsWith('xmlns:') && value === TEST_NAMESPACE)
    .map(([key]) => key.slice('xmlns:'.length));
}

function parseVcpus(el: XmlElement | undefined): { vcpus: number; maxVcpus: number } {
  if (el === undefined) return { vcpus: 1, maxVcpus: 1 };
  const text = textOf(el);
  if (!/^\d+$/.test(text)) throw errors.xml('maximum vcpus count must be an integer');
  const maxVcpus = Number(text);
  const currentText = el.attrs.current;
  if (currentText === undefined) return { vcpus: maxVcpus, maxVcpus };
  if (!/^\d+$/.test(currentText)) throw errors.xml('current vcpus count must be an integer');
  const vcpus = Number(currentText);
  if (vcpus > maxVcpus) throw errors.xml(`requested vcpus is greater than max allowable vcpus for the live domain: ${vcpus} > ${maxVcpus}`);
  return { vcpus, maxVcpus };
}

const ACTIONS: readonly string[] = ['destroy', 'restart', 'preserve', 'rename-restart'] satisfies LifecycleAction[];

function lifecycleAction(text: string | undefined, fallback: LifecycleAction): LifecycleAction {
  return text !== undefined && ACTIONS.includes(text) ? (text as LifecycleAction) : fallback;
}

function parseExtras(el: XmlElement, prefixes: readonly string[]): TestDomainExtras {
  const find = (local: string): XmlElement | undefined =>
    el.children.filter(isElement).find((c) => prefixes.some((p) => c.name === `${p}:${local}`));
  const runstateEl = find('runstate');
  let runstate = RUNNING;
  if (runstateEl !== undefined) {
    const text = textOf(runstateEl);
    if (!/^\d+$/.test(text)) throw errors.xml('invalid runstate');
    runstate = Number(text);
    if (runstate >= VIR_DOMAIN_STATE_LAST) throw errors.xml(`runstate '${runstate}' out of range'`);
  }
  const transient = find('transient') !== undefined;
  if (transient && runstate === SHUTOFF) throw errors.xml("transient domain cannot have runstate 'shutoff'");
  return { runstate, transient };
}

interface Normalised {
  readonly name: string;
  readonly uuid: string;
  readonly maxMemoryKiB: number;
  readonly memoryKiB: number;
  readonly vcpus: number;
  readonly maxVcpus: number;
}

/**
 * The user's XML with name, uuid, memory, currentMemory and vcpu in libvirt's order and
 * units, test-namespace elements and declarations dropped; every other child kept as given.
 */
function normalise(el: XmlElement, v: Normalised, isTestElement: (node: XmlNode) => boolean): XmlElement {
  const head = new Set(['name', 'uuid', 'memory', 'currentMemory', 'vcpu']);
  const vcpuAttrs: Record<string, string> = { placement: 'static' };
  const givenVcpu = firstChild(el, 'vcpu');
  if (givenVcpu !== undefined) Object.assign(vcpuAttrs, givenVcpu.attrs);
  if (v.vcpus !== v.maxVcpus) vcpuAttrs.current = String(v.vcpus);
  const tail = ['clock', 'on_poweroff', 'on_reboot', 'on_crash', 'devices'];
  const rest = el.children
    .filter((c): c is XmlElement => isElement(c) && !head.has(c.name) && !tail.includes(c.name) && !isTestElement(c))
    .map((c) => (c.name === 'os' ? withOsDefaults(c) : c));
  // The defaults libvirt writes into every definition it keeps, in libvirt's order.
  const defaults: XmlElement[] = [
    firstChild(el, 'clock') ?? element('clock', { offset: 'utc' }),
    firstChild(el, 'on_poweroff') ?? textElement('on_poweroff', 'destroy'),
    firstChild(el, 'on_reboot') ?? textElement('on_reboot', 'restart'),
    firstChild(el, 'on_crash') ?? textElement('on_crash', 'destroy'),
    firstChild(el, 'devices') ?? element('devices'),
  ];
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(el.attrs)) {
    if (key === 'id' || (key.startsWith('xmlns:') && value === TEST_NAMESPACE)) continue;
    attrs[key] = value;
  }
  return element('domain', attrs, [
    textElement('name', v.name),
    textElement('uuid', v.uuid),
    textElement('memory', String(v.maxMemoryKiB), { unit: 'KiB' }),
    textElement('currentMemory', String(v.memoryKiB), { unit: 'KiB' }),
    textElement('vcpu', String(v.maxVcpus), vcpuAttrs),
    ...rest,
    ...defaults,
  ]);
}

/** <os> as libvirt keeps it for the test driver: an i686 guest booting from disk by default. */
function withOsDefaults(os: XmlElement): XmlElement {
  const children = os.children.map((c) =>
    isElement(c) && c.name === 'type' && c.attrs.arch === undefined ? { ...c, attrs: { arch: 'i686', ...c.attrs } } : c);
  const boots = firstChild(os, 'boot') !== undefined || firstChild(os, 'kernel') !== undefined;
  return { ...os, children: boots ? children : [...children, element('boot', { dev: 'hd' })] };
}

/** The definition as libvirt prints it: `id='N'` on the root while the domain runs. */
export function domainDefXml(def: DomainDef, id: number): string {
  const { type, ...others } = def.element.attrs;
  const attrs: Record<string, string> = type === undefined ? {} : { type };
  if (id >= 0) attrs.id = String(id);
  return formatXml({ ...def.element, attrs: { ...attrs, ...others } });
}
