/**
 * One profile's live connection: its own transport (inside the Connection), its state as
 * a discriminated union pushed on every change, host info fetched once on open, lifecycle
 * events turned into one-domain deltas, stats polled while some owner (a window, a bridge
 * socket) watches, and reconnects with backoff when the profile asks for them.
 */
import type { Connection } from '../../libvirt';
import type { ConnectionProfile, ConnectionState, ConsoleEnd, HostInfo, PromptRequest } from '../../../shared/model';
import { AppFailure } from '../app-failure';
import type { EventSink } from '../ipc/event-sink';
import type { Owner } from '../ipc/owner';
import { toAppError } from '../ipc/to-app-error';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { DomainDeltas } from './domain-deltas';
import { StatsPoller } from './stats-poller';
import { LiveWatchers } from './live-watchers';
import { ConsoleSet } from './console-set';
import type { WhileAsking } from './transport-prompts';

/**
 * Opens a profile's URI; the manager supplies it (prompts and timeouts included), and
 * wraps each question it asks the person in `whileAsking`.
 */
export type Opener = (profile: ConnectionProfile, whileAsking: WhileAsking) => Promise<{ readonly connection: Connection; readonly verified: boolean }>;

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
  private deltas: DomainDeltas | null = null;
  /** Who watches stats, each with the way to stop its owner from releasing it later. */
  private readonly statsOwners = new Map<Owner, () => void>();
  private readonly hostStatsOwners = new Map<Owner, () => void>();
  /** Per domain uuid, the owners watching its stats. */
  private readonly domainStatsOwners = new Map<string, Map<Owner, () => void>>();
  private wanted = false;
  private readonly disposers: (() => void)[] = [];
  /** Host stats, one domain's stats, and network and pool events: issue 10's watchers. */
  private readonly watchersOf: LiveWatchers;
  /** Consoles open on this connection (each also closes when its owner goes); they close with it. */
  readonly consoles: ConsoleSet;

  constructor(
    private profileValue: ConnectionProfile,
    private readonly deps: LiveDeps,
  ) {
    this.watchersOf = new LiveWatchers(() => this.profileValue.id, deps.sink, deps.statsIntervalMs);
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
    this.teardown({ kind: 'closed' });
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

  /** Stats flow while at least one owner watches this connection; an owner that goes stops watching. */
  watchStats(owner: Owner): void {
    if (this.statsOwners.has(owner)) return;
    this.statsOwners.set(owner, owner.hold(() => {
      this.statsOwners.delete(owner);
      this.syncPoller();
    }));
    this.syncPoller();
  }

  unwatchStats(owner: Owner): void {
    const forget = this.statsOwners.get(owner);
    if (forget === undefined) return;
    forget();
    this.statsOwners.delete(owner);
    this.syncPoller();
  }

  /** Host CPU and memory flow while at least one owner shows the host page; an owner that goes stops watching. */
  watchHostStats(owner: Owner): void {
    if (this.hostStatsOwners.has(owner)) return;
    this.hostStatsOwners.set(owner, owner.hold(() => {
      this.hostStatsOwners.delete(owner);
      this.watchersOf.unwatchHost();
    }));
    this.watchersOf.watchHost(this.conn?.isOpen === true ? this.conn : null);
  }

  unwatchHostStats(owner: Owner): void {
    const forget = this.hostStatsOwners.get(owner);
    if (forget === undefined) return;
    forget();
    this.hostStatsOwners.delete(owner);
    this.watchersOf.unwatchHost();
  }

  /** One domain's stats flow while its details are open for some owner. */
  async watchDomainStats(owner: Owner, uuid: string): Promise<void> {
    const owners = this.domainStatsOwners.get(uuid) ?? new Map<Owner, () => void>();
    if (owners.has(owner)) return;
    await this.watchersOf.watchDomain(this.requireOpen(), uuid);
    this.domainStatsOwners.set(uuid, owners);
    // An owner gone while the lookup was out releases its watch at once here.
    owners.set(owner, owner.hold(() => {
      owners.delete(owner);
      if (owners.size === 0) this.domainStatsOwners.delete(uuid);
      this.watchersOf.unwatchDomain(uuid);
    }));
  }

  unwatchDomainStats(owner: Owner, uuid: string): void {
    const owners = this.domainStatsOwners.get(uuid);
    const forget = owners?.get(owner);
    if (owners === undefined || forget === undefined) return;
    forget();
    owners.delete(owner);
    if (owners.size === 0) this.domainStatsOwners.delete(uuid);
    this.watchersOf.unwatchDomain(uuid);
  }

  /** How many owners watch host stats now (what a closed tab must bring down). */
  get hostStatsWatchers(): number {
    return this.hostStatsOwners.size;
  }

  /** How many owners watch any domain's stats now. */
  get domainStatsWatchers(): number {
    let count = 0;
    for (const owners of this.domainStatsOwners.values()) count += owners.size;
    return count;
  }

  /** How many owners watch stats now (what a closed tab must bring down). */
  get statsWatchers(): number {
    return this.statsOwners.size;
  }

  /** Publishes one domain as it is now (after an action): one lookup, never a re-list. */
  async refreshDomain(uuid: string): Promise<void> {
    const deltas = this.deltas;
    if (deltas === null) throw new AppFailure('closed', `${this.profileValue.name} is not connected; open it first`);
    await deltas.refresh(uuid);
  }

  /** While a question to the person is pending, an opening connection is 'authenticating'. */
  async asking<T>(method: PromptRequest['kind'], question: Promise<T>): Promise<T> {
    if (this.current.kind === 'connecting') this.setState({ kind: 'authenticating', method });
    try {
      return await question;
    } finally {
      if (this.current.kind === 'authenticating') this.setState({ kind: 'connecting', attempt: this.attempt });
    }
  }

  /** The profile is gone: its owners no longer need to release anything of it. */
  async dispose(): Promise<void> {
    for (const forget of this.statsOwners.values()) forget();
    this.statsOwners.clear();
    for (const forget of this.hostStatsOwners.values()) forget();
    this.hostStatsOwners.clear();
    for (const owners of this.domainStatsOwners.values()) for (const forget of owners.values()) forget();
    this.domainStatsOwners.clear();
    await this.close();
  }

  private async connect(): Promise<void> {
    this.attempt += 1;
    this.setState({ kind: 'connecting', attempt: this.attempt });
    try {
      const { connection, verified } = await this.deps.open(this.profileValue, (method, question) => this.asking(method, question));
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
      const deltas = new DomainDeltas(connection, this.id, this.deps.sink, () => {
        // A lookup that failed because the connection went is reported by onClose; any
        // other failure leaves the row as it was until the next change or view.
      });
      this.deltas = deltas;
      const unsubscribe = await connection.onDomainLifecycle((event) => { deltas.onLifecycle(event); });
      this.disposers.push(() => { void unsubscribe().catch(() => undefined); });
      this.disposers.push(await this.watchersOf.attach(connection));
      this.setState({ kind: 'open', since: Date.now(), verified });
      this.syncPoller();
    } catch (error) {
      const conn = this.conn;
      this.teardown({ kind: 'closed' });
      await conn?.close().catch(() => undefined);
      this.fail(error);
      throw new AppFailure(toAppError(error));
    }
  }

  private lost(error: unknown): void {
    if (!this.wanted || this.conn === null) return;
    this.teardown({ kind: 'failed', message: `the connection was lost: ${toAppError(error).message}` });
    this.fail(error);
  }

  /** Publishes the failure, and schedules the next try when the profile wants one. */
  private fail(error: unknown): void {
    this.deps.onGone(this.id);
    const appError = toAppError(error);
    // The policy will refuse the next try as it did this one.
    const retry = this.wanted && this.profileValue.reconnect && appError.kind !== 'policy';
    const delay = retry ? backoffDelay(this.deps.backoff, Math.max(1, this.attempt)) : 0;
    this.setState({ kind: 'failed', error: appError, retryAt: retry ? Date.now() + delay : null });
    if (retry) {
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        this.opening ??= this.connect().catch(() => undefined).finally(() => { this.opening = null; });
      }, delay);
    }
  }

  /** `consoleEnd`: what the open consoles are told, so a lost link is not shown as a close. */
  private teardown(consoleEnd: ConsoleEnd): void {
    this.consoles.closeAll(consoleEnd);
    this.poller?.stop();
    this.poller = null;
    for (const dispose of this.disposers.splice(0)) dispose();
    this.conn = null;
    this.hostInfo = null;
    this.deltas = null;
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  private syncPoller(): void {
    if (this.statsOwners.size > 0 && this.conn?.isOpen && this.poller === null) {
      this.poller = new StatsPoller(
        this.conn,
        this.id,
        (tick) => { this.deps.sink.emit('stats.tick', tick); },
        () => undefined,
        this.deps.statsIntervalMs,
      );
      this.poller.start();
    } else if (this.statsOwners.size === 0 && this.poller !== null) {
      this.poller.stop();
      this.poller = null;
    }
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.deps.sink.emit('connection.state', { connectionId: this.id, state });
  }
}
