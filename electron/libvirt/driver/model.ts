/** What the vir*-level API returns: plain values, already translated from the wire. */
import type { Duplex } from 'node:stream';
import type { TypedParam, TypedParamValue } from '../xdr/typed-params';
import type { DomainRef, NetworkRef, StoragePoolRef, StorageVolRef } from '../protocol/types';
import type { LifecycleEventName, NetworkLifecycleEventName, StoragePoolEventName } from '../protocol/events';
import type { DomainStateName, StoragePoolStateName } from '../../../shared/model';

export type { DomainRef, NetworkRef, StoragePoolRef, StorageVolRef };

// The host's facts are plain data the UI shows as they are: one definition, in shared/.
export type { HostInfo, NodeInfo } from '../../../shared/model';

// Domain state names are what the UI shows too: one definition, in shared/, in libvirt's
// virDomainState order so a wire code indexes it.
export { DOMAIN_STATES, type DomainStateName } from '../../../shared/model';
export interface DomainInfo {
  readonly state: DomainStateName;
  readonly maxMemoryKiB: number;
  readonly memoryKiB: number;
  readonly vcpus: number;
  /** Nanoseconds of CPU time, a bigint because it outgrows 2^53 on busy hosts. */
  readonly cpuTimeNs: bigint;
}

export interface DomainState {
  readonly state: DomainStateName;
  /** virDomain*Reason for that state; its meaning depends on the state. */
  readonly reason: number;
}

export interface NetworkInfo extends NetworkRef {
  readonly active: boolean;
  readonly autostart: boolean;
}

// Pool states too: one definition, in shared/.
export { STORAGE_POOL_STATES, type StoragePoolStateName } from '../../../shared/model';

export interface StoragePoolInfo extends StoragePoolRef {
  readonly state: StoragePoolStateName;
  readonly capacityBytes: bigint;
  readonly allocationBytes: bigint;
  readonly availableBytes: bigint;
}

export interface DomainStats {
  readonly domain: DomainRef;
  readonly params: readonly TypedParam[];
  /** The same params by name, for callers that only read values. */
  readonly values: Readonly<Record<string, TypedParamValue['value']>>;
}

export interface LifecycleEvent {
  readonly domain: DomainRef;
  readonly event: LifecycleEventName;
  readonly eventCode: number;
  /** virDomainEvent*DetailType; its meaning depends on the event. */
  readonly detail: number;
}

/**
 * One counter of virNodeGetCPUStats (nanoseconds: user, kernel, idle, iowait...) or of
 * virNodeGetMemoryStats (KiB: total, free, buffers, cached), named as the driver names it.
 */
export interface NodeStat {
  readonly field: string;
  readonly value: bigint;
}

/** VIR_NODE_CPU_STATS_ALL_CPUS and VIR_NODE_MEMORY_STATS_ALL_CELLS: the whole host. */
export const ALL_CPUS = -1;
export const ALL_CELLS = -1;

export const StorageVolTypes = ['file', 'block', 'dir', 'network', 'netdir', 'ploop'] as const;
export type StorageVolTypeName = (typeof StorageVolTypes)[number] | 'unknown';

export interface StorageVolumeSummary extends StorageVolRef {
  readonly type: StorageVolTypeName;
  readonly capacityBytes: bigint;
  readonly allocationBytes: bigint;
}

export interface NetworkEvent {
  readonly network: NetworkRef;
  readonly event: NetworkLifecycleEventName;
  readonly detail: number;
}

export interface StoragePoolEvent {
  readonly pool: StoragePoolRef;
  readonly event: StoragePoolEventName;
  readonly detail: number;
}

/** Unsubscribes; deregisters with the daemon when it was the last listener. */
export type Unsubscribe = () => Promise<void>;

/** A libvirt stream (a console) as bytes both ways; `finish` ends it as virStreamFinish does. */
export interface ByteStream extends Duplex {
  finish(): Promise<void>;
}

export interface OpenConsoleOptions {
  /** The device alias (serial0, console0, ...); absent: the domain's first console. */
  readonly devName?: string;
  /** Take the console over from whoever holds it (VIR_DOMAIN_CONSOLE_FORCE). */
  readonly force?: boolean;
}

export interface Screenshot {
  /** What the hypervisor says the image is: image/png, image/x-portable-pixmap, ... */
  readonly mime: string;
  readonly data: Buffer;
}

/** virStorageVolGetInfo: what a volume is and how big. */
export interface StorageVolumeInfo {
  readonly type: StorageVolTypeName;
  readonly capacityBytes: bigint;
  readonly allocationBytes: bigint;
}

/** One snapshot of a domain, read from its XML (virDomainSnapshotGetXMLDesc). */
export interface SnapshotInfo {
  readonly name: string;
  /** The snapshot this one was taken on top of; null for a root of the tree. */
  readonly parent: string | null;
  /** The domain's current snapshot (the one a revert without a name would pick). */
  readonly current: boolean;
  readonly description: string;
  /** The domain's state when it was taken, as the XML says it: running, shutoff, disk-snapshot... */
  readonly state: string;
  /** Unix seconds. */
  readonly createdAt: number;
  /** The guest's memory is in it, so a revert resumes the guest where it was. */
  readonly hasMemory: boolean;
}

/** virDomainSnapshotCreateFlags and virDomainSnapshotRevertFlags bits worth naming. */
export const SnapshotCreateFlags = { DISK_ONLY: 16, ATOMIC: 128 } as const;
export const SnapshotRevertFlags = { RUNNING: 1, PAUSED: 2, FORCE: 4 } as const;
/** virStorageVolCreateFlags: a qcow2 volume allocates only its metadata. */
export const StorageVolCreateFlags = { PREALLOC_METADATA: 1, REFLINK: 2 } as const;
