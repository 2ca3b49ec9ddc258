/** Wire values to model values. */
import type { ResultOf } from '../protocol/procedures';
import { DOMAIN_STATES, STORAGE_POOL_STATES, type DomainStateName, type NodeInfo, type StoragePoolStateName } from './model';

/** libvirt encodes versions as major * 1,000,000 + minor * 1,000 + release. */
export function formatVersion(encoded: bigint): string {
  const major = encoded / 1_000_000n;
  const minor = (encoded / 1000n) % 1000n;
  const release = encoded % 1000n;
  return `${major}.${minor}.${release}`;
}

export function toNodeInfo(wire: ResultOf<'nodeGetInfo'>): NodeInfo {
  return {
    model: wire.model,
    memoryKiB: Number(wire.memory),
    cpus: wire.cpus,
    mhz: wire.mhz,
    nodes: wire.nodes,
    sockets: wire.sockets,
    cores: wire.cores,
    threads: wire.threads,
  };
}

/** virDomainState code to name; a code newer than this client reads 'unknown'. */
export function domainStateName(code: number): DomainStateName {
  return DOMAIN_STATES[code] ?? 'unknown';
}

export function storagePoolStateName(code: number): StoragePoolStateName {
  return STORAGE_POOL_STATES[code] ?? 'unknown';
}
