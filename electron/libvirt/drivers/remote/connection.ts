/**
 * A libvirt connection at the level of the vir* API: host, domains, networks, storage
 * pools, statistics and events, over an RpcClient that has completed the handshake.
 */
import type { Duplex } from 'node:stream';
import type { ConnectionClosedError } from '../../errors';
import type { TransportInfo } from '../../transport/info';
import type { AllDomainStatsOptions, Connection } from '../../driver/api';
import { eventMessages } from '../../protocol/events';
import { Program } from '../../protocol/constants';
import type { RpcClient } from '../../rpc/client';
import { decode } from '../../xdr/codec';
import { typedParamsToRecord } from '../../xdr/typed-params';
import { DomainEventHub } from './event-hub';
import type { ServerFeatures } from './handshake';
import { domainStateName, formatVersion, storagePoolStateName, toNodeInfo } from '../../driver/mappers';
import type {
  DomainInfo,
  DomainRef,
  DomainState,
  DomainStats,
  HostInfo,
  LifecycleEvent,
  NetworkRef,
  NetworkSummary,
  StoragePoolSummary,
  Unsubscribe,
} from '../../driver/model';

/** virConnectListAllDomainsFlags */
const LIST_DOMAINS_ACTIVE = 1;
const CLOSE_TIMEOUT_MS = 5000;

export class RemoteConnection implements Connection {
  readonly driver = 'remote';
  private readonly events: DomainEventHub;

  constructor(
    /** The RPC client, for procedures this class does not wrap yet. */
    readonly rpc: RpcClient,
    readonly features: ServerFeatures,
    onListenerError: (error: unknown) => void = () => undefined,
    readonly transport?: TransportInfo,
    /** The byte stream under `rpc`, so that close() can wait until it is gone. */
    private readonly stream?: Duplex,
  ) {
    this.events = new DomainEventHub(rpc, features.eventCallback, onListenerError);
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

  /** The capabilities XML. */
  async capabilities(): Promise<string> {
    return (await this.rpc.call('connectGetCapabilities')).capabilities;
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

  /** Networks with their state; the per-network calls are pipelined. */
  async listNetworks(): Promise<NetworkSummary[]> {
    const { nets } = await this.rpc.call('connectListAllNetworks', { needResults: 1, flags: 0 });
    return Promise.all(
      nets.map(async (net) => {
        const [active, autostart] = await Promise.all([
          this.rpc.call('networkIsActive', { net }),
          this.rpc.call('networkGetAutostart', { net }),
        ]);
        return { ...net, active: active.active !== 0, autostart: autostart.autostart !== 0 };
      }),
    );
  }

  async lookupNetworkByName(name: string): Promise<NetworkRef> {
    return (await this.rpc.call('networkLookupByName', { name })).net;
  }

  async networkXml(net: NetworkRef, flags = 0): Promise<string> {
    return (await this.rpc.call('networkGetXmlDesc', { net, flags })).xml;
  }

  /** Storage pools with state and sizes; the per-pool calls are pipelined. */
  async listStoragePools(): Promise<StoragePoolSummary[]> {
    const { pools } = await this.rpc.call('connectListAllStoragePools', { needResults: 1, flags: 0 });
    return Promise.all(
      pools.map(async (pool) => {
        const info = await this.rpc.call('storagePoolGetInfo', { pool });
        return {
          ...pool,
          state: storagePoolStateName(info.state),
          capacityBytes: info.capacity,
          allocationBytes: info.allocation,
          availableBytes: info.available,
        };
      }),
    );
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
    return retStats.map(({ dom, params }) => ({ domain: dom, params, values: typedParamsToRecord(params) }));
  }

  /** Lifecycle events of every domain. */
  onDomainLifecycle(listener: (event: LifecycleEvent) => void): Promise<Unsubscribe> {
    return this.events.onLifecycle(listener);
  }

  /** Called once when the connection ends, for whatever reason. */
  onClose(listener: (error: ConnectionClosedError) => void): () => void {
    return this.rpc.onClose(listener);
  }

  get isOpen(): boolean {
    return this.rpc.closed === null;
  }

  /**
   * CONNECT_CLOSE leaves with the end of the stream, and its reply is not waited for: the
   * daemon frees everything of ours when the stream ends, so waiting would only add a round
   * trip. Resolves once the stream and what it owns (a socket, an SSH channel's lease on
   * its session) are released, so a connection opened right after never meets them.
   */
  async close(): Promise<void> {
    if (this.rpc.closed !== null) return;
    this.rpc.call('connectClose').catch(() => undefined);
    this.rpc.close();
    const stream = this.stream;
    if (stream === undefined || stream.destroyed) return;
    await new Promise<void>((resolve) => {
      // A stream whose end cannot be flushed (a peer that stopped reading) is destroyed.
      const timer = setTimeout(() => { stream.destroy(); }, CLOSE_TIMEOUT_MS);
      stream.once('close', () => { clearTimeout(timer); resolve(); });
    });
  }
}
