/**
 * What every driver gives its caller, whether it speaks to a daemon (the remote driver)
 * or serves the host in-process (the embedded test driver): the vir* API, one interface.
 */
import type { ConnectionClosedError } from '../errors';
import type { TransportInfo } from '../transport/info';
import type { HostEndpoint } from '../transport/host-pipe';
import type { Duplex } from 'node:stream';
import type {
  DomainInfo,
  DomainRef,
  DomainState,
  DomainStats,
  HostInfo,
  LifecycleEvent,
  NetworkEvent,
  ByteStream,
  NetworkRef,
  OpenConsoleOptions,
  Screenshot,
  NetworkInfo,
  NodeStat,
  StoragePoolEvent,
  StoragePoolRef,
  StoragePoolInfo,
  StorageVolumeSummary,
  StorageVolRef,
  StorageVolumeInfo,
  SnapshotInfo,
  Unsubscribe,
} from './model';

export interface AllDomainStatsOptions {
  /** Empty or absent: every domain. */
  readonly domains?: readonly DomainRef[];
  /** VIR_DOMAIN_STATS_* bits; 0 asks for every group the driver has. */
  readonly stats?: number;
  readonly flags?: number;
}

export interface Connection {
  /** Which driver serves this connection. */
  readonly driver: 'remote' | 'embedded-test';
  /** How the daemon is reached, and whether its identity was verified; absent in-process. */
  readonly transport?: TransportInfo;
  hostInfo(): Promise<HostInfo>;
  /** The cheapest round trip there is (virConnectGetLibVersion), for measuring latency. */
  ping(): Promise<void>;
  capabilities(): Promise<string>;
  /** virNodeGetCPUStats: cumulative CPU times of one CPU, or of all (ALL_CPUS). */
  nodeCpuStats(cpu?: number): Promise<NodeStat[]>;
  /** virNodeGetMemoryStats: memory counters of one NUMA cell, or of all (ALL_CELLS). */
  nodeMemoryStats(cell?: number): Promise<NodeStat[]>;
  /** Every domain by default; `{ all: false }` lists only the active ones. */
  listDomains(options?: { readonly all?: boolean }): Promise<DomainRef[]>;
  lookupDomainByName(name: string): Promise<DomainRef>;
  lookupDomainByUuid(uuid: string): Promise<DomainRef>;
  domainInfo(dom: DomainRef): Promise<DomainInfo>;
  domainState(dom: DomainRef): Promise<DomainState>;
  domainXml(dom: DomainRef, flags?: number): Promise<string>;
  /** Starts a defined domain; the result carries its new id. */
  createDomain(dom: DomainRef, flags?: number): Promise<DomainRef>;
  shutdownDomain(dom: DomainRef, flags?: number): Promise<void>;
  destroyDomain(dom: DomainRef, flags?: number): Promise<void>;
  suspendDomain(dom: DomainRef): Promise<void>;
  resumeDomain(dom: DomainRef): Promise<void>;
  rebootDomain(dom: DomainRef, flags?: number): Promise<void>;
  defineDomain(xml: string, flags?: number): Promise<DomainRef>;
  undefineDomain(dom: DomainRef, flags?: number): Promise<void>;
  // The overview's facts (issue 10).
  /** virDomainIsPersistent: whether a definition outlives the domain's run. */
  domainIsPersistent(dom: DomainRef): Promise<boolean>;
  /** virDomainGetAutostart: whether the host starts the domain when it boots. */
  domainGetAutostart(dom: DomainRef): Promise<boolean>;
  domainSetAutostart(dom: DomainRef, autostart: boolean): Promise<void>;
  /** The domain's serial console as a byte stream (virDomainOpenConsole). */
  openConsole(dom: DomainRef, options?: OpenConsoleOptions): Promise<ByteStream>;
  /** An image of the domain's screen (virDomainScreenshot). */
  screenshot(dom: DomainRef, screen?: number): Promise<Screenshot>;
  /** A byte pipe to a port or socket on the hypervisor's host (a VNC server), over this
   *  connection's own transport; the embedded driver has no host to reach. */
  openHostPipe(endpoint: HostEndpoint): Promise<Duplex>;
  listNetworks(): Promise<NetworkInfo[]>;
  lookupNetworkByName(name: string): Promise<NetworkRef>;
  lookupNetworkByUuid(uuid: string): Promise<NetworkRef>;
  /** One network's state: what an event about it changed. */
  networkInfo(net: NetworkRef): Promise<NetworkInfo>;
  networkXml(net: NetworkRef, flags?: number): Promise<string>;
  startNetwork(net: NetworkRef): Promise<void>;
  stopNetwork(net: NetworkRef): Promise<void>;
  listStoragePools(): Promise<StoragePoolInfo[]>;
  lookupStoragePoolByUuid(uuid: string): Promise<StoragePoolRef>;
  /** One pool's state and sizes: what an event about it changed. */
  storagePoolInfo(pool: StoragePoolRef): Promise<StoragePoolInfo>;
  startStoragePool(pool: StoragePoolRef): Promise<void>;
  stopStoragePool(pool: StoragePoolRef): Promise<void>;
  refreshStoragePool(pool: StoragePoolRef): Promise<void>;
  listStorageVolumes(pool: StoragePoolRef): Promise<StorageVolumeSummary[]>;
  lookupStoragePoolByName(name: string): Promise<StoragePoolRef>;
  storagePoolXml(pool: StoragePoolRef): Promise<string>;
  lookupStorageVolumeByName(pool: StoragePoolRef, name: string): Promise<StorageVolRef>;
  /** The volume a disk's source path names, in whichever pool holds it. */
  lookupStorageVolumeByPath(path: string): Promise<StorageVolRef>;
  storageVolumeInfo(vol: StorageVolRef): Promise<StorageVolumeInfo>;
  storageVolumeXml(vol: StorageVolRef): Promise<string>;
  storageVolumePath(vol: StorageVolRef): Promise<string>;
  /** virStorageVolCreateXML: a new volume in the pool, as the XML describes it. */
  createStorageVolume(pool: StoragePoolRef, xml: string, flags?: number): Promise<StorageVolRef>;
  /** virStorageVolCreateXMLFrom: a new volume with the content of `source`. */
  createStorageVolumeFrom(pool: StoragePoolRef, xml: string, source: StorageVolRef, flags?: number): Promise<StorageVolRef>;
  deleteStorageVolume(vol: StorageVolRef): Promise<void>;
  /**
   * virStorageVolUpload: a stream that writes `length` bytes (0: to the end) at `offset`.
   * Write the bytes, then `finish()`; destroying the stream aborts the upload.
   */
  uploadStorageVolume(vol: StorageVolRef, offset: bigint, length: bigint): Promise<ByteStream>;
  /** virStorageVolDownload: a stream that reads `length` bytes (0: to the end) from `offset`. */
  downloadStorageVolume(vol: StorageVolRef, offset: bigint, length: bigint): Promise<ByteStream>;
  /** Every snapshot of the domain, parents named, the current one marked. */
  listDomainSnapshots(dom: DomainRef): Promise<SnapshotInfo[]>;
  /** virDomainSnapshotCreateXML; resolves to the new snapshot's name. */
  createDomainSnapshot(dom: DomainRef, xml: string, flags?: number): Promise<string>;
  revertDomainSnapshot(dom: DomainRef, name: string, flags?: number): Promise<void>;
  deleteDomainSnapshot(dom: DomainRef, name: string, flags?: number): Promise<void>;
  allDomainStats(options?: AllDomainStatsOptions): Promise<DomainStats[]>;
  /** Lifecycle events of every domain. */
  onDomainLifecycle(listener: (event: LifecycleEvent) => void): Promise<Unsubscribe>;
  /** Lifecycle events of every network. */
  onNetworkEvent(listener: (event: NetworkEvent) => void): Promise<Unsubscribe>;
  /** Lifecycle and refresh events of every storage pool. */
  onStoragePoolEvent(listener: (event: StoragePoolEvent) => void): Promise<Unsubscribe>;
  /** Called once when the connection ends, for whatever reason. */
  onClose(listener: (error: ConnectionClosedError) => void): () => void;
  readonly isOpen: boolean;
  close(): Promise<void>;
}
