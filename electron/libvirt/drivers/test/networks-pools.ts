/**
 * The networks and storage pools of one embedded host: their run state, start, stop and
 * refresh with libvirt's test-driver semantics and wording, and their lifecycle events.
 */
import type {
  NetworkEvent, NetworkRef, NetworkInfo, StoragePoolEvent, StoragePoolRef, StoragePoolInfo, StorageVolumeSummary, StorageVolRef,
} from '../../driver/model';
import { ErrorCode } from '../../protocol/error-codes';
import type { LibvirtError } from '../../protocol/libvirt-error';
import { formatUuid, parseUuid } from '../../protocol/types';
import { errors, From, libvirtError } from './errors';
import { networkDefXml, type NetworkDef } from './network-def';
import { ObjectEventBus } from './object-event-bus';
import type { PoolDef } from './pool-def';
import { PoolVolumes } from './volumes';
import { element, formatXml, textElement } from './xml-tree';

const invalid = (detail: string): LibvirtError => libvirtError(ErrorCode.OPERATION_INVALID, From.TEST, detail);

interface NetworkRecord {
  readonly def: NetworkDef;
  active: boolean;
}

interface PoolRecord {
  readonly def: PoolDef;
  active: boolean;
  readonly volumes: PoolVolumes;
}

function summaryOfNetwork(n: NetworkRecord): NetworkInfo {
  // libvirt's test driver autostarts nothing.
  return { name: n.def.name, uuid: n.def.uuid, active: n.active, autostart: false };
}

function summaryOfPool({ def, active, volumes }: PoolRecord): StoragePoolInfo {
  // The volumes' allocation, as libvirt's test driver keeps it up to date on create and delete.
  const allocation = volumes.allocationBytes;
  return {
    name: def.name,
    uuid: def.uuid,
    state: active ? 'running' : 'inactive',
    capacityBytes: def.capacityBytes,
    allocationBytes: allocation,
    availableBytes: def.capacityBytes - allocation,
  };
}

/** The pool's XML in libvirt's layout: sizes in bytes, then the target path. */
function poolXml(p: PoolRecord): string {
  const info = summaryOfPool(p);
  return formatXml(element('pool', { type: p.def.type }, [
    textElement('name', p.def.name),
    textElement('uuid', p.def.uuid),
    textElement('capacity', info.capacityBytes.toString(), { unit: 'bytes' }),
    textElement('allocation', info.allocationBytes.toString(), { unit: 'bytes' }),
    textElement('available', info.availableBytes.toString(), { unit: 'bytes' }),
    element('source'),
    element('target', {}, [textElement('path', p.def.targetPath)]),
  ]));
}

export class NetworksAndPools {
  readonly networkEvents: ObjectEventBus<NetworkEvent>;
  readonly poolEvents: ObjectEventBus<StoragePoolEvent>;
  private readonly networks: NetworkRecord[];
  private readonly pools: PoolRecord[];

  constructor(networks: readonly NetworkDef[], pools: readonly PoolDef[], onListenerError?: (error: unknown) => void) {
    this.networkEvents = new ObjectEventBus(onListenerError);
    this.poolEvents = new ObjectEventBus(onListenerError);
    // libvirt's test driver starts every network and pool of its host active.
    this.networks = networks.map((def) => ({ def, active: true }));
    this.pools = pools.map((def) => ({ def, active: true, volumes: new PoolVolumes(def.name, def.targetPath, def.volumes) }));
  }

  listNetworks(): NetworkInfo[] {
    return this.networks.map(summaryOfNetwork);
  }

  networkInfo(net: NetworkRef): NetworkInfo {
    return summaryOfNetwork(this.network(net));
  }

  lookupNetworkByName(name: string): NetworkRef {
    const found = this.networks.find((n) => n.def.name === name);
    if (found === undefined) throw errors.noNetwork(name);
    return { name: found.def.name, uuid: found.def.uuid };
  }

  lookupNetworkByUuid(uuid: string): NetworkRef {
    const found = this.networks.find((n) => n.def.uuid === formatUuid(parseUuid(uuid)));
    if (found === undefined) throw libvirtError(ErrorCode.NO_NETWORK, From.TEST, `no network with matching uuid '${uuid}'`);
    return { name: found.def.name, uuid: found.def.uuid };
  }

  networkXml(net: NetworkRef): string {
    return networkDefXml(this.network(net).def);
  }

  startNetwork(net: NetworkRef): void {
    const n = this.network(net);
    if (n.active) throw invalid(`Network '${n.def.name}' is already running`);
    n.active = true;
    this.networkEvents.emit({ network: net, event: 'started', detail: 0 });
  }

  /** libvirt 9.0's test driver stops a network that is already stopped without complaint. */
  stopNetwork(net: NetworkRef): void {
    const n = this.network(net);
    n.active = false;
    this.networkEvents.emit({ network: net, event: 'stopped', detail: 0 });
  }

  listStoragePools(): StoragePoolInfo[] {
    return this.pools.map(summaryOfPool);
  }

  storagePoolInfo(ref: StoragePoolRef): StoragePoolInfo {
    return summaryOfPool(this.pool(ref));
  }

  lookupStoragePoolByUuid(uuid: string): StoragePoolRef {
    const found = this.pools.find((p) => p.def.uuid === formatUuid(parseUuid(uuid)));
    if (found === undefined) {
      throw libvirtError(ErrorCode.NO_STORAGE_POOL, From.TEST, `no storage pool with matching uuid '${uuid}'`);
    }
    return { name: found.def.name, uuid: found.def.uuid };
  }

  startStoragePool(ref: StoragePoolRef): void {
    const p = this.pool(ref);
    if (p.active) throw invalid(`storage pool '${p.def.name}' is active`);
    p.active = true;
    this.poolEvents.emit({ pool: ref, event: 'started', detail: 0 });
  }

  stopStoragePool(ref: StoragePoolRef): void {
    const p = this.activePool(ref);
    p.active = false;
    this.poolEvents.emit({ pool: ref, event: 'stopped', detail: 0 });
  }

  refreshStoragePool(ref: StoragePoolRef): void {
    this.activePool(ref);
    this.poolEvents.emit({ pool: ref, event: 'refreshed', detail: 0 });
  }

  listStorageVolumes(ref: StoragePoolRef): StorageVolumeSummary[] {
    const p = this.pool(ref);
    if (!p.active) throw invalid('storage pool is not active');
    return p.volumes.list();
  }

  lookupStoragePoolByName(name: string): StoragePoolRef {
    const found = this.pools.find((p) => p.def.name === name);
    if (found === undefined) {
      throw libvirtError(ErrorCode.NO_STORAGE_POOL, From.TEST, `no storage pool with matching name '${name}'`);
    }
    return { name: found.def.name, uuid: found.def.uuid };
  }

  storagePoolXml(ref: StoragePoolRef): string {
    return poolXml(this.pool(ref));
  }

  /** The volumes of an active pool, and its capacity for new ones. */
  volumesOf(ref: StoragePoolRef): { readonly volumes: PoolVolumes; readonly capacityBytes: bigint } {
    const p = this.activePool(ref);
    return { volumes: p.volumes, capacityBytes: p.def.capacityBytes };
  }

  /** The volumes of the pool a volume reference names. */
  volumesHolding(vol: StorageVolRef): PoolVolumes {
    const p = this.pools.find((candidate) => candidate.def.name === vol.pool);
    if (p === undefined) throw libvirtError(ErrorCode.NO_STORAGE_POOL, From.TEST, `no storage pool with matching name '${vol.pool}'`);
    if (!p.active) throw invalid(`storage pool '${p.def.name}' is not active`);
    return p.volumes;
  }

  lookupStorageVolumeByPath(path: string): StorageVolRef {
    for (const p of this.pools) {
      if (!p.active) continue;
      const found = p.volumes.atPath(path);
      if (found !== undefined) return found;
    }
    throw libvirtError(ErrorCode.NO_STORAGE_VOL, From.TEST, `no storage vol with matching path '${path}'`);
  }

  private network(net: NetworkRef): NetworkRecord {
    const found = this.networks.find((n) => n.def.uuid === net.uuid);
    if (found === undefined) throw errors.noNetwork(net.name);
    return found;
  }

  private pool(ref: StoragePoolRef): PoolRecord {
    const found = this.pools.find((p) => p.def.uuid === ref.uuid);
    if (found === undefined) {
      throw libvirtError(ErrorCode.NO_STORAGE_POOL, From.TEST, `no storage pool with matching uuid '${ref.uuid}' (${ref.name})`);
    }
    return found;
  }

  private activePool(ref: StoragePoolRef): PoolRecord {
    const p = this.pool(ref);
    if (!p.active) throw invalid(`storage pool '${p.def.name}' is not active`);
    return p;
  }
}
