/**
 * The embedded test driver behind the Connection API: every call answered in-process from a
 * TestHost, with the same results and the same LibvirtErrors the remote driver brings back
 * from libvirtd's test driver.
 */
import { hostname } from 'node:os';
import type { Duplex } from 'node:stream';
import type { AllDomainStatsOptions, Connection } from '../../driver/api';
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
} from '../../driver/model';
import { downloadStream, uploadStream } from './volume-streams';
import { ALL_CELLS, ALL_CPUS } from '../../driver/model';
import { ConnectionClosedError } from '../../errors';
import { capabilitiesXml } from './capabilities';
import { errors } from './errors';
import type { TestHost } from './host';
import { testScreenshot } from './screenshot';

/** What libvirt's test driver answers: virConnectGetVersion gives 2, i.e. "0.0.2". */
export const TEST_HYPERVISOR_VERSION = '0.0.2';
/**
 * The libvirt whose test driver this one reproduces (and is checked against): libvirtd
 * answers its own version here, so the embedded driver answers the version it models.
 */
export const MODELLED_LIBVIRT_VERSION = '9.0.0';

export interface EmbeddedConnectionOptions {
  readonly uri: string;
  readonly readOnly?: boolean;
  /** Called once, when the connection closes, so a shared host can be released. */
  readonly release?: () => void;
}

export class EmbeddedTestConnection implements Connection {
  readonly driver = 'embedded-test';
  private closed: ConnectionClosedError | null = null;
  private readonly closeListeners = new Set<(error: ConnectionClosedError) => void>();
  private readonly unsubscribers = new Set<() => void>();

  constructor(private readonly host: TestHost, private readonly options: EmbeddedConnectionOptions) {}

  hostInfo(): Promise<HostInfo> {
    return this.read(() => ({
      type: 'TEST',
      hypervisorVersion: TEST_HYPERVISOR_VERSION,
      libvirtVersion: MODELLED_LIBVIRT_VERSION,
      // libvirt's test driver answers the real machine's name (virGetHostname).
      hostname: hostname(),
      uri: this.options.uri,
      node: { ...this.host.node },
    }));
  }

  ping(): Promise<void> {
    return this.read(() => undefined);
  }

  capabilities(): Promise<string> {
    return this.read(() => capabilitiesXml(this.host.node));
  }

  nodeCpuStats(_cpu = ALL_CPUS): Promise<NodeStat[]> {
    return this.read(() => this.host.nodeCpuStats());
  }

  nodeMemoryStats(_cell = ALL_CELLS): Promise<NodeStat[]> {
    return this.read(() => this.host.nodeMemoryStats());
  }

  listDomains(options: { readonly all?: boolean } = {}): Promise<DomainRef[]> {
    return this.read(() => this.host.listDomains(options.all === false));
  }

  lookupDomainByName(name: string): Promise<DomainRef> {
    return this.read(() => this.host.lookupDomainByName(name));
  }

  lookupDomainByUuid(uuid: string): Promise<DomainRef> {
    return this.read(() => this.host.lookupDomainByUuid(uuid));
  }

  domainInfo(dom: DomainRef): Promise<DomainInfo> {
    return this.read(() => this.host.domainInfo(dom));
  }

  domainState(dom: DomainRef): Promise<DomainState> {
    return this.read(() => this.host.domainState(dom));
  }

  domainXml(dom: DomainRef, flags = 0): Promise<string> {
    return this.read(() => this.host.domainXml(dom, flags));
  }

  createDomain(dom: DomainRef, _flags = 0): Promise<DomainRef> {
    return this.write('virDomainCreateWithFlags', () => this.host.lifecycle(dom, 'start'));
  }

  shutdownDomain(dom: DomainRef, flags = 0): Promise<void> {
    return this.write(flags === 0 ? 'virDomainShutdown' : 'virDomainShutdownFlags', () => {
      this.host.lifecycle(dom, 'shutdown');
    });
  }

  destroyDomain(dom: DomainRef, flags = 0): Promise<void> {
    return this.write(flags === 0 ? 'virDomainDestroy' : 'virDomainDestroyFlags', () => {
      this.host.lifecycle(dom, 'destroy');
    });
  }

  suspendDomain(dom: DomainRef): Promise<void> {
    return this.write('virDomainSuspend', () => {
      this.host.lifecycle(dom, 'suspend');
    });
  }

  resumeDomain(dom: DomainRef): Promise<void> {
    return this.write('virDomainResume', () => {
      this.host.lifecycle(dom, 'resume');
    });
  }

  rebootDomain(dom: DomainRef, _flags = 0): Promise<void> {
    return this.write('virDomainReboot', () => {
      this.host.lifecycle(dom, 'reboot');
    });
  }

  defineDomain(xml: string, flags = 0): Promise<DomainRef> {
    return this.write(flags === 0 ? 'virDomainDefineXML' : 'virDomainDefineXMLFlags', () => this.host.defineDomain(xml));
  }

  undefineDomain(dom: DomainRef, flags = 0): Promise<void> {
    return this.write(flags === 0 ? 'virDomainUndefine' : 'virDomainUndefineFlags', () => {
      this.host.undefineDomain(dom, flags);
    });
  }

  /** libvirt's test driver has no consoles; neither has this one. */
  openConsole(_dom: DomainRef): Promise<ByteStream> {
    return this.read(() => { throw errors.noSupport('virDomainOpenConsole'); });
  }

  openHostPipe(): Promise<Duplex> {
    return this.read(() => { throw errors.noSupport('graphical consoles of the embedded test driver'); });
  }

  screenshot(dom: DomainRef, _screen = 0): Promise<Screenshot> {
    return this.read(() => {
      const current = this.host.lookupDomainByUuid(dom.uuid);
      if (current.id < 0) throw errors.notActive();
      return { mime: 'image/png', data: testScreenshot(current.uuid) };
    });
  }

  listNetworks(): Promise<NetworkInfo[]> {
    return this.read(() => this.host.objects.listNetworks());
  }

  lookupNetworkByName(name: string): Promise<NetworkRef> {
    return this.read(() => this.host.objects.lookupNetworkByName(name));
  }

  lookupNetworkByUuid(uuid: string): Promise<NetworkRef> {
    return this.read(() => this.host.objects.lookupNetworkByUuid(uuid));
  }

  networkInfo(net: NetworkRef): Promise<NetworkInfo> {
    return this.read(() => this.host.objects.networkInfo(net));
  }

  networkXml(net: NetworkRef, _flags = 0): Promise<string> {
    return this.read(() => this.host.objects.networkXml(net));
  }

  startNetwork(net: NetworkRef): Promise<void> {
    return this.write('virNetworkCreate', () => { this.host.objects.startNetwork(net); });
  }

  stopNetwork(net: NetworkRef): Promise<void> {
    return this.write('virNetworkDestroy', () => { this.host.objects.stopNetwork(net); });
  }

  listStoragePools(): Promise<StoragePoolInfo[]> {
    return this.read(() => this.host.objects.listStoragePools());
  }

  lookupStoragePoolByUuid(uuid: string): Promise<StoragePoolRef> {
    return this.read(() => this.host.objects.lookupStoragePoolByUuid(uuid));
  }

  storagePoolInfo(pool: StoragePoolRef): Promise<StoragePoolInfo> {
    return this.read(() => this.host.objects.storagePoolInfo(pool));
  }

  startStoragePool(pool: StoragePoolRef): Promise<void> {
    return this.write('virStoragePoolCreate', () => { this.host.objects.startStoragePool(pool); });
  }

  stopStoragePool(pool: StoragePoolRef): Promise<void> {
    return this.write('virStoragePoolDestroy', () => { this.host.objects.stopStoragePool(pool); });
  }

  refreshStoragePool(pool: StoragePoolRef): Promise<void> {
    return this.write('virStoragePoolRefresh', () => { this.host.objects.refreshStoragePool(pool); });
  }

  listStorageVolumes(pool: StoragePoolRef): Promise<StorageVolumeSummary[]> {
    return this.read(() => this.host.objects.listStorageVolumes(pool));
  }

  lookupStoragePoolByName(name: string): Promise<StoragePoolRef> {
    return this.read(() => this.host.objects.lookupStoragePoolByName(name));
  }

  storagePoolXml(pool: StoragePoolRef): Promise<string> {
    return this.read(() => this.host.objects.storagePoolXml(pool));
  }

  lookupStorageVolumeByName(pool: StoragePoolRef, name: string): Promise<StorageVolRef> {
    return this.read(() => this.host.objects.volumesOf(pool).volumes.lookup(name));
  }

  lookupStorageVolumeByPath(path: string): Promise<StorageVolRef> {
    return this.read(() => this.host.objects.lookupStorageVolumeByPath(path));
  }

  storageVolumeInfo(vol: StorageVolRef): Promise<StorageVolumeInfo> {
    return this.read(() => this.host.objects.volumesHolding(vol).info(vol));
  }

  storageVolumeXml(vol: StorageVolRef): Promise<string> {
    return this.read(() => this.host.objects.volumesHolding(vol).xml(vol));
  }

  storageVolumePath(vol: StorageVolRef): Promise<string> {
    return this.read(() => this.host.objects.volumesHolding(vol).path(vol));
  }

  createStorageVolume(pool: StoragePoolRef, xml: string, _flags = 0): Promise<StorageVolRef> {
    return this.write('virStorageVolCreateXML', () => {
      const { volumes, capacityBytes } = this.host.objects.volumesOf(pool);
      return volumes.create(xml, capacityBytes);
    });
  }

  createStorageVolumeFrom(pool: StoragePoolRef, xml: string, source: StorageVolRef, _flags = 0): Promise<StorageVolRef> {
    return this.write('virStorageVolCreateXMLFrom', () => {
      const content = this.host.objects.volumesHolding(source).contentOf(source);
      const { volumes, capacityBytes } = this.host.objects.volumesOf(pool);
      return volumes.create(xml, capacityBytes, content);
    });
  }

  deleteStorageVolume(vol: StorageVolRef): Promise<void> {
    return this.write('virStorageVolDelete', () => { this.host.objects.volumesHolding(vol).delete(vol); });
  }

  uploadStorageVolume(vol: StorageVolRef, offset: bigint, length: bigint): Promise<ByteStream> {
    return this.write('virStorageVolUpload', () => uploadStream(this.host.objects.volumesHolding(vol), vol, offset, length));
  }

  downloadStorageVolume(vol: StorageVolRef, offset: bigint, length: bigint): Promise<ByteStream> {
    return this.read(() => downloadStream(this.host.objects.volumesHolding(vol), vol, offset, length));
  }

  listDomainSnapshots(dom: DomainRef): Promise<SnapshotInfo[]> {
    return this.read(() => this.host.listSnapshots(dom));
  }

  createDomainSnapshot(dom: DomainRef, xml: string, _flags = 0): Promise<string> {
    return this.write('virDomainSnapshotCreateXML', () => this.host.createSnapshot(dom, xml));
  }

  revertDomainSnapshot(dom: DomainRef, name: string, flags = 0): Promise<void> {
    return this.write('virDomainRevertToSnapshot', () => { this.host.revertSnapshot(dom, name, flags); });
  }

  deleteDomainSnapshot(dom: DomainRef, name: string, flags = 0): Promise<void> {
    return this.write('virDomainSnapshotDelete', () => { this.host.deleteSnapshot(dom, name, flags); });
  }

  allDomainStats(options: AllDomainStatsOptions = {}): Promise<DomainStats[]> {
    return this.read(() => this.host.allDomainStats(options));
  }

  onDomainLifecycle(listener: (event: LifecycleEvent) => void): Promise<Unsubscribe> {
    return this.read(() => {
      const unsubscribe = this.host.events.subscribe(listener);
      this.unsubscribers.add(unsubscribe);
      return () => {
        unsubscribe();
        this.unsubscribers.delete(unsubscribe);
        return Promise.resolve();
      };
    });
  }

  onNetworkEvent(listener: (event: NetworkEvent) => void): Promise<Unsubscribe> {
    return this.read(() => this.track(this.host.objects.networkEvents.subscribe(listener)));
  }

  onStoragePoolEvent(listener: (event: StoragePoolEvent) => void): Promise<Unsubscribe> {
    return this.read(() => this.track(this.host.objects.poolEvents.subscribe(listener)));
  }

  onClose(listener: (error: ConnectionClosedError) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  get isOpen(): boolean {
    return this.closed === null;
  }

  close(): Promise<void> {
    if (this.closed !== null) return Promise.resolve();
    const error = new ConnectionClosedError({ kind: 'local' });
    this.closed = error;
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.unsubscribers.clear();
    this.options.release?.();
    for (const listener of this.closeListeners) listener(error);
    this.closeListeners.clear();
    return Promise.resolve();
  }

  /** A host subscription this connection owns: released by the caller, or at close. */
  private track(unsubscribe: () => void): Unsubscribe {
    this.unsubscribers.add(unsubscribe);
    return () => {
      unsubscribe();
      this.unsubscribers.delete(unsubscribe);
      return Promise.resolve();
    };
  }

  /**
   * Runs a call on the host. The host answers synchronously; callers still get a promise
   * that settles later, and every failure as a rejection, exactly as from the remote driver.
   */
  // The overview's facts (issue 10).
  domainIsPersistent(dom: DomainRef): Promise<boolean> {
    return this.read(() => this.host.domainIsPersistent(dom));
  }

  domainGetAutostart(dom: DomainRef): Promise<boolean> {
    return this.read(() => this.host.domainAutostart(dom));
  }

  domainSetAutostart(dom: DomainRef, autostart: boolean): Promise<void> {
    return this.write('virDomainSetAutostart', () => { this.host.setDomainAutostart(dom, autostart); });
  }

  private read<T>(work: () => T): Promise<T> {
    try {
      if (this.closed !== null) throw this.closed;
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** A read-only connection refuses every change, naming the API as libvirt does. */
  private write<T>(api: string, work: () => T): Promise<T> {
    return this.read(() => {
      if (this.options.readOnly === true) throw errors.readOnly(api);
      return work();
    });
  }
}
