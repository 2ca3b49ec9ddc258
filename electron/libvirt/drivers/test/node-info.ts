/** The host's node info: libvirt's test-driver defaults, overridden by a host file's <cpu> and <memory>. */
import type { NodeInfo } from '../../driver/model';
import { errors } from './errors';
import { childText, firstChild, type XmlElement } from './xml-tree';

/** libvirt's defaultNodeInfo: an i686 with 16 CPUs at 1400 MHz over 2 NUMA nodes and 3 GiB. */
export const DEFAULT_NODE_INFO: NodeInfo = {
  model: 'i686',
  memoryKiB: 3 * 1024 * 1024,
  cpus: 16,
  mhz: 1400,
  nodes: 2,
  sockets: 2,
  cores: 2,
  threads: 2,
};

/** Node info from a <node> element; like libvirt, CPUs are the topology's product, capped by <active>. */
export function parseNodeInfo(node: XmlElement): NodeInfo {
  const cpu = firstChild(node, 'cpu');
  const number = (el: XmlElement | undefined, name: string, what: string): number | undefined => {
    if (el === undefined) return undefined;
    const text = childText(el, name);
    if (text === undefined || text === '') return undefined;
    if (!/^-?\d+$/.test(text)) throw errors.xml(`invalid node ${what} value`);
    return Number(text);
  };
  const nodes = number(cpu, 'nodes', 'cpu nodes') ?? DEFAULT_NODE_INFO.nodes;
  const sockets = number(cpu, 'sockets', 'cpu sockets') ?? DEFAULT_NODE_INFO.sockets;
  const cores = number(cpu, 'cores', 'cpu cores') ?? DEFAULT_NODE_INFO.cores;
  const threads = number(cpu, 'threads', 'cpu threads') ?? DEFAULT_NODE_INFO.threads;
  const product = nodes * sockets * cores * threads;
  const active = number(cpu, 'active', 'cpu active');
  const model = (cpu === undefined ? undefined : childText(cpu, 'model')) ?? DEFAULT_NODE_INFO.model;
  // virNodeInfo's model is a char[32], NUL included.
  if (model.length > 31) throw errors.xml(`Model ${model} too big for destination`);
  return {
    model,
    memoryKiB: number(node, 'memory', 'memory') ?? DEFAULT_NODE_INFO.memoryKiB,
    cpus: active !== undefined && active < product ? active : product,
    mhz: number(cpu, 'mhz', 'cpu mhz') ?? DEFAULT_NODE_INFO.mhz,
    nodes,
    sockets,
    cores,
    threads,
  };
}
