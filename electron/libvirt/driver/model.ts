/** What the vir*-level API returns: plain values, already translated from the wire. */
import type { TypedParam, TypedParamValue } from '../xdr/typed-params';
import type { DomainRef, NetworkRef, StoragePoolRef } from '../protocol/types';
import type { LifecycleEventName } from '../protocol/events';
import type { DomainStateName, StoragePoolStateName } from '../../../shared/model';

export type { DomainRef, NetworkRef, StoragePoolRef };

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

export interface NetworkSummary extends NetworkRef {
  readonly active: boolean;
  readonly autostart: boolean;
}

// Pool states too: one definition, in shared/.
export { STORAGE_POOL_STATES, type StoragePoolStateName } from '../../../shared/model';

export interface StoragePoolSummary extends StoragePoolRef {
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

/** Unsubscribes; deregisters with the daemon when it was the last listener. */
export type Unsubscribe = () => Promise<void>;
