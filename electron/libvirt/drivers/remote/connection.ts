/**
 * A libvirt connection at the level of the vir* API: host, domains, networks, storage
 * pools, statistics and events, over an RpcClient that has completed the handshake.
 */
import type { ConnectionClosedError } from '../../errors';
import type { TransportInfo } from '../../transport/info';
import type { HostEndpoint, HostPipeOpener } from '../../transport/host-pipe';
import type { Duplex } from 'node:stream';
import { UnsupportedUriError } from '../../uri-errors';
import type { AllDomainStatsOptions, Connection } from '../../driver/api';
import { eventMessages } from '../../protocol/events';
import { Program } from '../../protocol/constants';
import type { RpcClient } from '../../rpc/client';
import { decode } from '../../xdr/codec';
import { DomainEventHub } from './event-hub';
import { ObjectEventHub } from './object-event-hub';
import { NETWORK_EVENT_IDS, networkEvents, STORAGE_POOL_EVENT_IDS, storagePoolEvents } from './object-events';
import type { ServerFeatures } from './handshake';
import { domainStateName, formatVersion, storagePoolStateName, storageVolTypeName, toNodeInfo } from '../../driver/mappers';
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
} from '../../driver/model';
import { ALL_CELLS, ALL_CPUS } from '../../driver/model';

/** virConnectListAllDomainsFlags */
const LIST_DOMAINS_ACTIVE = 1;
const CLOSE_TIMEOUT_MS = 5000;
/** How long close() waits for the daemon's reply to CONNECT_CLOSE (one round trip, normally
 *  well under a millisecond here) before ending the stream anyway: a hung daemon costs a
 *  close this much, not CLOSE_TIMEOUT_MS. */
const CLOSE_REPLY_TIMEOUT_MS = 2000;
/** VIR_DOMAIN_CONSOLE_FORCE */
const CONSOLE_FORCE = 1;
/** A screenshot larger than this is refused rather than buffered. */
const SCREENSHOT_MAX_BYTES = 64 * 1024 * 1024;

export class RemoteConnection implements Connection {
  readonly driver = 'remote';
  private readonly events: DomainEventHub;
  private readonly networkEvents: ObjectEventHub<NetworkEvent>;
  private readonly poolEvents: ObjectEventHub<StoragePoolEvent>;
  private closeCallbackRegistered = false;

  constructor(
    /** The RPC client, for procedures this class does not wrap yet. */
    readonly rpc: RpcClient,
    readonly features: ServerFeatures,
    onListenerError: (error: unknown) => void = () => undefined,
    readonly transport?: TransportInfo,
    /** The byte stream under `rpc`, so that close() can wait until it is gone. */
    private readonly stream?: Duplex,
    private readonly hostPipes?: HostPipeOpener,
  ) {
    this.events = new DomainEventHub(rpc, () => features.eventCallback, onListenerError);
    this.networkEvents = new ObjectEventHub(rpc, networkEvents, onListenerError);
    this.poolEvents = new ObjectEventHub(rpc, storagePoolEvents, onListenerError);
    rpc.onMessage(({ header, payload }) => {
      if (header.program !== Program.REMOTE) return;
      if (header.procedure !== eventMessages.connectEventConnectionClosed.number) return;
      const { reason } = decode(eventMessages.connectEventConnectionClosed.codec, payload, 'close event');
      rpc.abort({ kind: 'daemon', reason });
    });
  }

  /** Type, versions, hostname, URI and node info, fetched in one pipelined burst. */
  async hostInfo(): Promise<HostInfo> {
    const [type, hv, lib, hostname, uri, node] = await Promise.all([
      this.rpc.call('connectGetType'),
      this.rpc.call('connectGetVersion'),
      this.rpc.call('connectGetLibVersion'),
      this.rpc.call('connectGetHostname'),
      this.rpc.call('connectGetUri'),
      this.rpc.call('nodeGetInfo'),
    ]);
    return {
      type: type.type,
      hypervisorVersion: formatVersion(hv.hvVer),
      libvirtVersion: formatVersion(lib.libVer),
      hostname: hostname.hostname,
      uri: uri.uri,
      node: toNodeInfo(node),
    };
  }

  async ping(): Promise<void> {
    await this.rpc.call('connectGetLibVersion');
  }

  /** The capabilities XML. */
  async capabilities(): Promise<string> {
    return (await this.rpc.call('connectGetCapabilities')).capabilities;
  }

  /**
   * The node's CPU times: a first call with nparams 0 learns how many fields the driver has
   * (the daemon answers the count and no values), the second fetches them, as virsh does.
   */
  async nodeCpuStats(cpu = ALL_CPUS): Promise<NodeStat[]> {
    const { nparams } = await this.rpc.call('nodeGetCpuStats', { cpuNum: cpu, nparams: 0, flags: 0 });
    if (nparams === 0) return [];
    return (await this.rpc.call('nodeGetCpuStats', { cpuNum: cpu, nparams, flags: 0 })).params;
  }

  /** The node's memory counters (KiB), in the same two steps. */
  async nodeMemoryStats(cell = ALL_CELLS): Promise<NodeStat[]> {
    const { nparams } = await this.rpc.call('nodeGetMemoryStats', { cellNum: cell, nparams: 0, flags: 0 });
    if (nparams === 0) return [];
    return (await this.rpc.call('nodeGetMemoryStats', { cellNum: cell, nparams, flags: 0 })).params;
  }

  /** Domains, all of them by default; `{ all: false }` lists only running ones. */
  async listDomains(options: { readonly all?: boolean } = {}): Promise<DomainRef[]> {
    const flags = options.all === false ? LIST_DOMAINS_ACTIVE : 0;
    return (await this.rpc.call('connectListAllDomains', { needResults: 1, flags })).domains;
  }

  async lookupDomainByName(name: string): Promise<DomainRef> {
    return (await this.rpc.call('domainLookupByName', { name })).dom;
  }

  async lookupDomainByUuid(uuid: string): Promise<DomainRef> {
    return (await this.rpc.call('domainLookupByUuid', { uuid })).dom;
  }

  async domainInfo(dom: DomainRef): Promise<DomainInfo> {
    const info = await this.rpc.call('domainGetInfo', { dom });
    return {
      state: domainStateName(info.state),
      maxMemoryKiB: Number(info.maxMem),
      memoryKiB: Number(info.memory),
      vcpus: info.nrVirtCpu,
      cpuTimeNs: info.cpuTime,
    };
  }

  async domainState(dom: DomainRef): Promise<DomainState> {
    const { state, reason } = await this.rpc.call('domainGetState', { dom, flags: 0 });
    return { state: domainStateName(state), reason };
  }

  async domainXml(dom: DomainRef, flags = 0): Promise<string> {
    return (await this.rpc.call('domainGetXmlDesc', { dom, flags })).xml;
  }

  /** Starts a defined domain; the returned reference carries its new id (hence 196, not 9). */
  async createDomain(dom: DomainRef, flags = 0): Promise<DomainRef> {
    return (await this.rpc.call('domainCreateWithFlags', { dom, flags })).dom;
  }

  async shutdownDomain(dom: DomainRef, flags = 0): Promise<void> {
    if (flags === 0) await this.rpc.call('domainShutdown', { dom });
    else await this.rpc.call('domainShutdownFlags', { dom, flags });
  }

  async destroyDomain(dom: DomainRef, flags = 0): Promise<void> {
    if (flags === 0) await this.rpc.call('domainDestroy', { dom });
    else await this.rpc.call('domainDestroyFlags', { dom, flags });
  }

  async suspendDomain(dom: DomainRef): Promise<void> {
    await this.rpc.call('domainSuspend', { dom });
  }

  async resumeDomain(dom: DomainRef): Promise<void> {
    await this.rpc.call('domainResume', { dom });
  }

  async rebootDomain(dom: DomainRef, flags = 0): Promise<void> {
    await this.rpc.call('domainReboot', { dom, flags });
  }

  async defineDomain(xml: string, flags = 0): Promise<DomainRef> {
    if (flags === 0) return (await this.rpc.call('domainDefineXml', { xml })).dom;
    return (await this.rpc.call('domainDefineXmlFlags', { xml, flags })).dom;
  }

  async undefineDomain(dom: DomainRef, flags = 0): Promise<void> {
    if (flags === 0) await this.rpc.call('domainUndefine', { dom });
    else await this.rpc.call('domainUndefineFlags', { dom, flags });
  }

  // The overview's facts (issue 10).
  async domainIsPersistent(dom: DomainRef): Promise<boolean> {
    return (await this.rpc.call('domainIsPersistent', { dom })).persistent !== 0;
  }

  async domainGetAutostart(dom: DomainRef): Promise<boolean> {
    return (await this.rpc.call('domainGetAutostart', { dom })).autostart !== 0;
  }

  async domainSetAutostart(dom: DomainRef, autostart: boolean): Promise<void> {
    await this.rpc.call('domainSetAutostart', { dom, autostart: autostart ? 1 : 0 });
  }

  async openConsole(dom: DomainRef, options: OpenConsoleOptions = {}): Promise<ByteStream> {
    const flags = options.force === true ? CONSOLE_FORCE : 0;
    const { stream } = await this.rpc.openStream('domainOpenConsole', { dom, devName: options.devName ?? null, flags });
    return stream;
  }

  /** A byte pipe to a port or socket on the daemon's host, over this connection's transport. */
  openHostPipe(endpoint: HostEndpoint): Promise<Duplex> {
    if (this.hostPipes === undefined) {
      return Promise.reject(new UnsupportedUriError('', 'this connection was opened over a stream of unknown origin; it cannot reach the host'));
    }
    return this.hostPipes(endpoint);
  }

  /** Reads the image stream to its end, then finishes it, as virsh screenshot does. */
  async screenshot(dom: DomainRef, screen = 0): Promise<Screenshot> {
    const { stream, result } = await this.rpc.openStream('domainScreenshot', { dom, screen, flags: 0 });
    const chunks: Buffer[] = [];
    let size = 0;
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > SCREENSHOT_MAX_BYTES) stream.destroy(new Error(`the screenshot exceeds ${SCREENSHOT_MAX_BYTES} bytes`));
        else chunks.push(chunk);
      });
      stream.once('end', resolve);
      stream.once('error', reject);
    });
    await stream.finish();
    return { mime: result.mime ?? 'application/octet-stream', data: Buffer.concat(chunks) };
  }

  /** Networks with their state; the per-network calls are pipelined. */
  async listNetworks(): Promise<NetworkInfo[]> {
    const { nets } = await this.rpc.call('connectListAllNetworks', { needResults: 1, flags: 0 });
    return Promise.all(nets.map((net) => this.networkInfo(net)));
  }

  async networkInfo(net: NetworkRef): Promise<NetworkInfo> {
    const [active, autostart] = await Promise.all([
      this.rpc.call('networkIsActive', { net }),
      this.rpc.call('networkGetAutostart', { net }),
    ]);
    return { name: net.name, uuid: net.uuid, active: active.active !== 0, autostart: autostart.autostart !== 0 };
  }

  async lookupNetworkByName(name: string): Promise<NetworkRef> {
    return (await this.rpc.call('networkLookupByName', { name })).net;
  }

  async lookupNetworkByUuid(uuid: string): Promise<NetworkRef> {
    return (await this.rpc.call('networkLookupByUuid', { uuid })).net;
  }

  async networkXml(net: NetworkRef, flags = 0): Promise<string> {
    return (await this.rpc.call('networkGetXmlDesc', { net, flags })).xml;
  }

  async startNetwork(net: NetworkRef): Promise<void> {
    await this.rpc.call('networkCreate', { net });
  }

  async stopNetwork(net: NetworkRef): Promise<void> {
    await this.rpc.call('networkDestroy', { net });
  }

  async lookupStoragePoolByUuid(uuid: string): Promise<StoragePoolRef> {
    return (await this.rpc.call('storagePoolLookupByUuid', { uuid })).pool;
  }

  async startStoragePool(pool: StoragePoolRef): Promise<void> {
    await this.rpc.call('storagePoolCreate', { pool, flags: 0 });
  }

  async stopStoragePool(pool: StoragePoolRef): Promise<void> {
    await this.rpc.call('storagePoolDestroy', { pool });
  }

  async refreshStoragePool(pool: StoragePoolRef): Promise<void> {
    await this.rpc.call('storagePoolRefresh', { pool, flags: 0 });
  }

  /** The volumes of a pool with type and sizes; the per-volume calls are pipelined. */
  async listStorageVolumes(pool: StoragePoolRef): Promise<StorageVolumeSummary[]> {
    const { vols } = await this.rpc.call('storagePoolListAllVolumes', { pool, needResults: 1, flags: 0 });
    return Promise.all(
      vols.map(async (vol) => {
        const info = await this.rpc.call('storageVolGetInfo', { vol });
        return { ...vol, type: storageVolTypeName(info.type), capacityBytes: info.capacity, allocationBytes: info.allocation };
      }),
    );
  }

  async lookupStoragePoolByName(name: string): Promise<StoragePoolRef> {
    return (await this.rpc.call('storagePoolLookupByName', { name })).pool;
  }

  async storagePoolXml(pool: StoragePoolRef): Promise<string> {
    return (await this.rpc.call('storagePoolGetXmlDesc', { pool, flags: 0 })).xml;
  }

  async lookupStorageVolumeByName(pool: StoragePoolRef, name: string): Promise<StorageVolRef> {
    return (await this.rpc.call('storageVolLookupByName', { pool, name })).vol;
  }

  async lookupStorageVolumeByPath(path: string): Promise<StorageVolRef> {
    return (await this.rpc.call('storageVolLookupByPath', { path })).vol;
  }

  async storageVolumeInfo(vol: StorageVolRef): Promise<StorageVolumeInfo> {
    const info = await this.rpc.call('storageVolGetInfo', { vol });
    return { type: storageVolTypeName(info.type), capacityBytes: info.capacity, allocationBytes: info.allocation };
  }

  async storageVolumeXml(vol: StorageVolRef): Promise<string> {
    return (await this.rpc.call('storageVolGetXmlDesc', { vol, flags: 0 })).xml;
  }

  async storageVolumePath(vol: StorageVolRef): Promise<string> {
    return (await this.rpc.call('storageVolGetPath', { vol })).name;
  }

  async createStorageVolume(pool: StoragePoolRef, xml: string, flags = 0): Promise<StorageVolRef> {
    return (await this.rpc.call('storageVolCreateXml', { pool, xml, flags })).vol;
  }

  async createStorageVolumeFrom(pool: StoragePoolRef, xml: string, source: StorageVolRef, flags = 0): Promise<StorageVolRef> {
    return (await this.rpc.call('storageVolCreateXmlFrom', { pool, xml, clonevol: source, flags })).vol;
  }

  async deleteStorageVolume(vol: StorageVolRef): Promise<void> {
    await this.rpc.call('storageVolDelete', { vol, flags: 0 });
  }

  async uploadStorageVolume(vol: StorageVolRef, offset: bigint, length: bigint): Promise<ByteStream> {
    const { stream } = await this.rpc.openStream('storageVolUpload', { vol, offset, length, flags: 0 });
    return stream;
  }

  async downloadStorageVolume(vol: StorageVolRef, offset: bigint, length: bigint): Promise<ByteStream> {
    const { stream } = await this.rpc.openStream('storageVolDownload', { vol, offset, length, flags: 0 });
    return stream;
  }

  /** The list, each snapshot's XML and the current one's name, the per-snapshot calls pipelined. */
  async listDomainSnapshots(dom: DomainRef): Promise<SnapshotInfo[]> {
    const [{ snapshots }, current] = await Promise.all([
      this.rpc.call('domainListAllSnapshots', { dom, needResults: 1, flags: 0 }),
      this.currentSnapshotName(dom),
    ]);
    // The XML parser loads with the first snapshot list, not with every connection.
    const [{ parseSnapshotXml }, descs] = await Promise.all([
      import('../../driver/snapshot-xml'),
      Promise.all(snapshots.map((snap) => this.rpc.call('domainSnapshotGetXmlDesc', { snap, flags: 0 }))),
    ]);
    return descs.map(({ xml }, i) => parseSnapshotXml(xml, snapshots[i]?.name === current));
  }

  private async currentSnapshotName(dom: DomainRef): Promise<string | null> {
    const { result } = await this.rpc.call('domainHasCurrentSnapshot', { dom, flags: 0 });
    if (result === 0) return null;
    return (await this.rpc.call('domainSnapshotCurrent', { dom, flags: 0 })).snap.name;
  }

  async createDomainSnapshot(dom: DomainRef, xml: string, flags = 0): Promise<string> {
    return (await this.rpc.call('domainSnapshotCreateXml', { dom, xmlDesc: xml, flags })).snap.name;
  }

  /** A snapshot reference is its name within its domain: the daemon looks it up itself. */
  async revertDomainSnapshot(dom: DomainRef, name: string, flags = 0): Promise<void> {
    await this.rpc.call('domainRevertToSnapshot', { snap: { name, dom }, flags });
  }

  async deleteDomainSnapshot(dom: DomainRef, name: string, flags = 0): Promise<void> {
    await this.rpc.call('domainSnapshotDelete', { snap: { name, dom }, flags });
  }

  /** Storage pools with state and sizes; the per-pool calls are pipelined. */
  async listStoragePools(): Promise<StoragePoolInfo[]> {
    const { pools } = await this.rpc.call('connectListAllStoragePools', { needResults: 1, flags: 0 });
    return Promise.all(pools.map((pool) => this.storagePoolInfo(pool)));
  }

  async storagePoolInfo(pool: StoragePoolRef): Promise<StoragePoolInfo> {
    const info = await this.rpc.call('storagePoolGetInfo', { pool });
    return {
      name: pool.name,
      uuid: pool.uuid,
      state: storagePoolStateName(info.state),
      capacityBytes: info.capacity,
      allocationBytes: info.allocation,
      availableBytes: info.available,
    };
  }

  /**
   * One bulk statistics call (virConnectGetAllDomainStats). `stats` 0 asks for every
   * group the driver has; `domains` empty means all domains.
   */
  async allDomainStats(
    options: AllDomainStatsOptions = {},
  ): Promise<DomainStats[]> {
    const { retStats } = await this.rpc.call('connectGetAllDomainStats', {
      doms: [...(options.domains ?? [])],
      stats: options.stats ?? 0,
      flags: options.flags ?? 0,
    });
    return retStats.map(({ dom, params, values }) => ({ domain: dom, params, values }));
  }

  /** Lifecycle events of every domain. */
  onDomainLifecycle(listener: (event: LifecycleEvent) => void): Promise<Unsubscribe> {
    return this.events.onLifecycle(listener);
  }

  /** Lifecycle events of every network: one registration per connection, fanned out. */
  onNetworkEvent(listener: (event: NetworkEvent) => void): Promise<Unsubscribe> {
    return this.networkEvents.subscribe(NETWORK_EVENT_IDS, listener);
  }

  /** Lifecycle and refresh events of every storage pool. */
  onStoragePoolEvent(listener: (event: StoragePoolEvent) => void): Promise<Unsubscribe> {
    return this.poolEvents.subscribe(STORAGE_POOL_EVENT_IDS, listener);
  }

  /**
   * Called once when the connection ends, for whatever reason. The first listener registers
   * the close callback with the daemon (for a hypervisor connection that ends while ours
   * stays up, behind virtproxyd), without waiting for its reply: a driver without close
   * callbacks refuses it, which changes nothing.
   */
  onClose(listener: (error: ConnectionClosedError) => void): () => void {
    if (!this.closeCallbackRegistered && this.rpc.closed === null) {
      this.closeCallbackRegistered = true;
      this.rpc.call('connectRegisterCloseCallback').catch(() => undefined);
    }
    return this.rpc.onClose(listener);
  }

  get isOpen(): boolean {
    return this.rpc.closed === null;
  }

  /**
   * Sends CONNECT_CLOSE and ends the stream once the daemon answered it (RpcClient's
   * closeAfterCall: the daemon closes its side after that reply, and logs an error for a
   * client that ends first), as libvirt's own client does. Calls still pending are
   * rejected at once. Resolves once the stream and what it owns (a socket, an SSH
   * channel's lease on its session) are released, so a connection opened right after
   * never meets them.
   */
  async close(): Promise<void> {
    if (this.rpc.closed !== null) return;
    this.rpc.closeAfterCall('connectClose', CLOSE_REPLY_TIMEOUT_MS);
    const stream = this.stream;
    if (stream === undefined || stream.destroyed) return;
    await new Promise<void>((resolve) => {
      // A stream whose end cannot be flushed (a peer that stopped reading) is destroyed.
      const timer = setTimeout(() => { stream.destroy(); }, CLOSE_TIMEOUT_MS);
      stream.once('close', () => { clearTimeout(timer); resolve(); });
    });
  }
}
