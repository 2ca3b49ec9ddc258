/**
 * One profile's live connection: its own transport (inside the Connection), its state as
 * a discriminated union pushed on every change, host info fetched once on open, lifecycle
 * events forwarded, stats polled while someone watches, and reconnects with backoff when
 * the profile asks for them.
 */
import type { Connection } from '../../libvirt';
import type { ConnectionProfile, ConnectionState, HostInfo } from '../../../shared/model';
import { AppFailure } from '../app-failure';
import type { EventSink } from '../ipc/event-sink';
import { toAppError } from '../ipc/to-app-error';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { StatsPoller } from './stats-poller';
import { ConsoleSet } from './console-set';

/** Opens a profile's URI; the manager supplies it (prompts and timeouts included). */
export type Opener = (profile: ConnectionProfile) => Promise<{ readonly connection: Connection; readonly verified: boolean }>;

export interface LiveDeps {
  readonly open: Opener;
  readonly sink: EventSink;
  readonly backoff: BackoffPolicy;
  readonly statsIntervalMs: number;
  /** Called when the connection goes away, so questions it asked are withdrawn. */
  readonly onGone: (connectionId: string) => void;
}

export class LiveConnection {
  private current: ConnectionState = { kind: 'idle' };
  private conn: Connection | null = null;
  private opening: Promise<void> | null = null;
  private hostInfo: Promise<HostInfo> | null = null;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private poller: StatsPoller | null = null;
  private watchers = 0;
  private wanted = false;
  private readonly disposers: (() => void)[] = [];
  /** Consoles open on this connection, keyed by id and owner; they close with it. */
  readonly consoles: ConsoleSet;

  constructor(
    private profileValue: ConnectionProfile,
    private readonly deps: LiveDeps,
  ) {
    this.consoles = new ConsoleSet(deps.sink);
  }

  get id(): string {
    return this.profileValue.id;
  }

  get profile(): ConnectionProfile {
    return this.profileValue;
  }

  set profile(next: ConnectionProfile) {
    this.profileValue = next;
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Resolves once open; rejects with the failure, which is also the published state. */
  open(): Promise<void> {
    this.wanted = true;
    this.cancelReconnect();
    if (this.conn?.isOpen) return Promise.resolve();
    this.opening ??= this.connect().finally(() => { this.opening = null; });
    return this.opening;
  }

  async close(): Promise<void> {
    this.wanted = false;
    this.cancelReconnect();
    await this.opening?.catch(() => undefined);
    const conn = this.conn;
    this.teardown();
    this.setState({ kind: 'closed' });
    await conn?.close().catch(() => undefined);
  }

  /** The open connection, or a failure that says this host is not connected. */
  requireOpen(): Connection {
    if (this.conn?.isOpen) return this.conn;
    throw new AppFailure('closed', `${this.profileValue.name} is not connected; open it first`);
  }

  host(): Promise<HostInfo> {
    this.requireOpen();
    if (this.hostInfo === null) throw new AppFailure('closed', `${this.profileValue.name} is not connected; open it first`);
    return this.hostInfo;
  }

  /** Stats flow while at least one window watches this connection. */
  watchStats(): void {
    this.watchers += 1;
    this.syncPoller();
  }

  unwatchStats(): void {
    this.watchers = Math.max(0, this.watchers - 1);
    this.syncPoller();
  }

  private async connect(): Promise<void> {
    this.attempt += 1;
    this.setState({ kind: 'connecting', attempt: this.attempt });
    try {
      const { connection, verified } = await this.deps.open(this.profileValue);
      if (!this.wanted) {
        // Closed while we were opening: this connection is nobody's.
        await connection.close().catch(() => undefined);
        return;
      }
      this.conn = connection;
      this.attempt = 0;
      // Host info first, at once; the domain list is the renderer's next call, never a
      // reason to hold "open" back.
      this.hostInfo = connection.hostInfo();
      this.hostInfo.catch(() => undefined);
      this.disposers.push(connection.onClose((error) => { this.lost(error); }));
      const unsubscribe = await connection.onDomainLifecycle((event) => {
        this.deps.sink.emit('domain.event', {
          connectionId: this.id,
          uuid: event.domain.uuid,
          name: event.domain.name,
          event: event.event,
          detail: event.detail,
        });
      });
      this.disposers.push(() => { void unsubscribe().catch(() => undefined); });
      this.setState({ kind: 'open', since: Date.now(), verified });
      this.syncPoller();
    } catch (error) {
      const conn = this.conn;
      this.teardown();
      await conn?.close().catch(() => undefined);
      this.fail(error);
      throw new AppFailure(toAppError(error).kind, toAppError(error).message);
    }
  }

  private lost(error: unknown): void {
    if (!this.wanted || this.conn === null) return;
    this.teardown();
    this.fail(error);
  }

  /** Publishes the failure, and schedules the next try when the profile wants one. */
  private fail(error: unknown): void {
    this.deps.onGone(this.id);
    const retry = this.wanted && this.profileValue.reconnect;
    const delay = retry ? backoffDelay(this.deps.backoff, Math.max(1, this.attempt)) : 0;
    this.setState({ kind: 'failed', error: toAppError(error), retryAt: retry ? Date.now() + delay : null });
    if (retry) {
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        this.opening ??= this.connect().catch(() => undefined).finally(() => { this.opening = null; });
      }, delay);
    }
  }

  private teardown(): void {
    this.consoles.closeAll();
    this.poller?.stop();
    this.poller = null;
    for (const dispose of this.disposers.splice(0)) dispose();
    this.conn = null;
    this.hostInfo = null;
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  private syncPoller(): void {
    if (this.watchers > 0 && this.conn?.isOpen && this.poller === null) {
      this.poller = new StatsPoller(
        this.conn,
        this.id,
        (tick) => { this.deps.sink.emit('stats.tick', tick); },
        () => undefined,
        this.deps.statsIntervalMs,
      );
      this.poller.start();
    } else if (this.watchers === 0 && this.poller !== null) {
      this.poller.stop();
      this.poller = null;
    }
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.deps.sink.emit('connection.state', { connectionId: this.id, state });
  }
}
