/**
 * What a live connection samples and forwards for the host page and the open domain, beside
 * its stats poller: host CPU and memory while someone watches, one domain's stats while its
 * details are open, and network and pool events turned into one-object deltas. Watch counts
 * outlive a reconnect; samplers and event registrations belong to one open connection and
 * end with it.
 */
import { LibvirtError, type Connection, type NetworkEvent, type StoragePoolEvent } from '../../libvirt';
import type { EventSink } from '../ipc/event-sink';
import { networkView, poolView } from '../ipc/object-views';
import { startDomainStats } from '../stats/domain-stats-poller';
import { startHostStats } from '../stats/host-stats-poller';

interface DomainWatch {
  count: number;
  stop: (() => void) | null;
}

function isGone(error: unknown): boolean {
  return error instanceof LibvirtError && (error.codeName === 'NO_NETWORK' || error.codeName === 'NO_STORAGE_POOL');
}

export class LiveWatchers {
  private conn: Connection | null = null;
  private hostWatchers = 0;
  private stopHost: (() => void) | null = null;
  private readonly domains = new Map<string, DomainWatch>();

  constructor(
    private readonly connectionId: () => string,
    private readonly sink: EventSink,
    private readonly intervalMs: number,
  ) {}

  /** On open: events become deltas, and samplers resume for whoever still watches. */
  async attach(conn: Connection): Promise<() => void> {
    this.conn = conn;
    // A daemon without these events (libvirt < 2.0 for pools) still opens; its views just
    // do not update by themselves.
    const offNetworks = await conn.onNetworkEvent((e) => { void this.networkChanged(conn, e); }).catch(() => null);
    const offPools = await conn.onStoragePoolEvent((e) => { void this.poolChanged(conn, e); }).catch(() => null);
    this.syncHost();
    for (const [uuid, watch] of this.domains) void this.startDomain(conn, uuid, watch).catch(() => undefined);
    return () => {
      this.conn = null;
      this.stopHost?.();
      this.stopHost = null;
      for (const watch of this.domains.values()) {
        watch.stop?.();
        watch.stop = null;
      }
      void offNetworks?.().catch(() => undefined);
      void offPools?.().catch(() => undefined);
    };
  }

  watchHost(open: Connection | null): void {
    this.hostWatchers += 1;
    if (open !== null) this.conn = open;
    this.syncHost();
  }

  unwatchHost(): void {
    this.hostWatchers = Math.max(0, this.hostWatchers - 1);
    this.syncHost();
  }

  async watchDomain(conn: Connection, uuid: string): Promise<void> {
    const existing = this.domains.get(uuid);
    if (existing !== undefined) {
      existing.count += 1;
      return;
    }
    const watch: DomainWatch = { count: 1, stop: null };
    this.domains.set(uuid, watch);
    try {
      await this.startDomain(conn, uuid, watch);
    } catch (error) {
      this.domains.delete(uuid);
      throw error;
    }
  }

  unwatchDomain(uuid: string): void {
    const watch = this.domains.get(uuid);
    if (watch === undefined) return;
    watch.count -= 1;
    if (watch.count > 0) return;
    watch.stop?.();
    this.domains.delete(uuid);
  }

  private async startDomain(conn: Connection, uuid: string, watch: DomainWatch): Promise<void> {
    const ref = await conn.lookupDomainByUuid(uuid);
    // Unwatched, or the connection changed, while the lookup was out.
    if (this.domains.get(uuid) !== watch || !conn.isOpen || watch.stop !== null) return;
    watch.stop = startDomainStats(conn, this.connectionId(), ref, this.intervalMs, (point) => { this.sink.emit('domain.stats', point); });
  }

  private syncHost(): void {
    const conn = this.conn;
    if (this.hostWatchers > 0 && this.stopHost === null && conn?.isOpen === true) {
      this.stopHost = startHostStats(conn, this.connectionId(), this.intervalMs, (sample) => { this.sink.emit('host.stats', sample); });
    } else if (this.hostWatchers === 0 && this.stopHost !== null) {
      this.stopHost();
      this.stopHost = null;
    }
  }

  /** One network changed: send that network's new state, or that it is gone. */
  private async networkChanged(conn: Connection, event: NetworkEvent): Promise<void> {
    const connectionId = this.connectionId();
    if (event.event === 'undefined') {
      this.sink.emit('network.removed', { connectionId, uuid: event.network.uuid });
      return;
    }
    try {
      this.sink.emit('network.changed', { connectionId, network: networkView(await conn.networkInfo(event.network)) });
    } catch (error) {
      if (isGone(error)) this.sink.emit('network.removed', { connectionId, uuid: event.network.uuid });
    }
  }

  private async poolChanged(conn: Connection, event: StoragePoolEvent): Promise<void> {
    const connectionId = this.connectionId();
    if (event.event === 'undefined' || event.event === 'deleted') {
      this.sink.emit('pool.removed', { connectionId, uuid: event.pool.uuid });
      return;
    }
    try {
      this.sink.emit('pool.changed', { connectionId, pool: poolView(await conn.storagePoolInfo(event.pool)) });
    } catch (error) {
      if (isGone(error)) this.sink.emit('pool.removed', { connectionId, uuid: event.pool.uuid });
    }
  }
}
