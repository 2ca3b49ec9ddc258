/**
 * One embedded host: its node, domains, networks and pools, and every operation on them,
 * with libvirt's test-driver semantics. Connections share a host (test:///default is one
 * host for all connections that have it open); the host knows nothing of connections.
 */
import type { AllDomainStatsOptions } from '../../driver/api';
import { domainStateName } from '../../driver/mappers';
import type {
  DomainInfo,
  DomainRef,
  DomainState,
  DomainStats,
  NodeInfo,
  NodeStat,
} from '../../driver/model';
import { parseUuid, formatUuid } from '../../protocol/types';
import { typedParamsToRecord } from '../../xdr/typed-params';
import { cpuAfter, cpuUsed, IDLE, loadPermille, monotonicClock, type Clock, type CpuAccount } from './cpu-time';
import { domainDefXml, parseDomainDef, type DomainDef } from './domain-def';
import { errors } from './errors';
import { DomainEventBus } from './events';
import { parseXmlOrThrow, type HostSpec } from './host-file';
import { transition, type DomainStatus, type LifecycleCall } from './lifecycle';
import { memoryStats, TEST_CPU_STATS } from './node-stats';
import { NetworksAndPools } from './networks-pools';
import { EventDetail, EventType, Reason, State } from './states';
import { selectedBy, statsParams } from './stats';
import { SnapshotStore } from './snapshots';
import type { SnapshotInfo } from '../../driver/model';
import { ErrorCode } from '../../protocol/error-codes';
import { From, libvirtError } from './errors';

/** VIR_DOMAIN_XML_INACTIVE: the persistent definition rather than the live one. */
const XML_INACTIVE = 2;
/** VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA */
const UNDEFINE_SNAPSHOTS_METADATA = 2;
/** VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING and _PAUSED */
const REVERT_RUNNING = 1;
const REVERT_PAUSED = 2;

interface DomainRecord {
  /** The definition in effect: the live one while the domain runs. */
  def: DomainDef;
  /** A persistent definition given while the domain ran; it takes over at the next stop. */
  pending: DomainDef | null;
  persistent: boolean;
  /** Whether the host starts it at boot; libvirt's test driver keeps the flag and nothing more. */
  autostart: boolean;
  status: DomainStatus;
  cpu: CpuAccount;
}

export interface TestHostOptions {
  readonly clock?: Clock;
  readonly onListenerError?: (error: unknown) => void;
}

export class TestHost {
  readonly events: DomainEventBus;
  /** Networks and storage pools, with their own events. */
  readonly objects: NetworksAndPools;
  private readonly snapshots = new SnapshotStore();
  private readonly domains = new Map<string, DomainRecord>();
  private readonly clock: Clock;
  /** libvirt's nextDomID: ids count up from 1 and are never reused. */
  private nextDomainId = 1;

  constructor(readonly node: NodeInfo, spec: HostSpec, options: TestHostOptions = {}) {
    this.clock = options.clock ?? monotonicClock;
    this.events = new DomainEventBus(options.onListenerError);
    this.objects = new NetworksAndPools(spec.networks, spec.pools, options.onListenerError);
    for (const { def, extras } of spec.domains) {
      this.checkUnique(def);
      const running = extras.runstate !== State.SHUTOFF;
      // A host file's domains start in their <test:runstate> with reason 0, as libvirt's do.
      const status: DomainStatus = { state: extras.runstate, reason: Reason.UNKNOWN, id: running ? this.nextDomainId++ : -1 };
      const record: DomainRecord = { def, pending: null, persistent: !extras.transient, autostart: false, status, cpu: IDLE };
      record.cpu = cpuAfter(IDLE, State.SHUTOFF, status.state, this.clock(), this.load(record));
      this.domains.set(def.uuid, record);
    }
  }

  static fromSpec(spec: HostSpec, options: TestHostOptions = {}): TestHost {
    return new TestHost(spec.node, spec, options);
  }

  listDomains(activeOnly: boolean): DomainRef[] {
    return [...this.domains.values()].filter((d) => !activeOnly || d.status.id >= 0).map((d) => this.ref(d));
  }

  lookupDomainByName(name: string): DomainRef {
    const found = [...this.domains.values()].find((d) => d.def.name === name);
    if (found === undefined) throw errors.noDomain();
    return this.ref(found);
  }

  lookupDomainByUuid(uuid: string): DomainRef {
    // Parsed as the remote driver would send it: malformed text fails the same way.
    const found = this.domains.get(formatUuid(parseUuid(uuid)));
    if (found === undefined) throw errors.noDomain();
    return this.ref(found);
  }

  domainInfo(dom: DomainRef): DomainInfo {
    const d = this.find(dom);
    return {
      state: domainStateName(d.status.state),
      maxMemoryKiB: d.def.maxMemoryKiB,
      memoryKiB: d.def.memoryKiB,
      vcpus: d.def.vcpus,
      cpuTimeNs: cpuUsed(d.cpu, this.clock(), this.load(d)),
    };
  }

  domainState(dom: DomainRef): DomainState {
    const d = this.find(dom);
    return { state: domainStateName(d.status.state), reason: d.status.reason };
  }

  domainXml(dom: DomainRef, flags: number): string {
    const d = this.find(dom);
    if ((flags & XML_INACTIVE) !== 0) return domainDefXml(d.pending ?? d.def, -1);
    return domainDefXml(d.def, d.status.id);
  }

  /** A lifecycle call: the state machine decides, the host applies and announces it. */
  lifecycle(dom: DomainRef, call: LifecycleCall): DomainRef {
    const d = this.find(dom);
    const outcome = transition(d.status, call, {
      name: dom.name,
      onPoweroff: d.def.onPoweroff,
      onReboot: d.def.onReboot,
      nextId: () => this.nextDomainId++,
    });
    if (!outcome.ok) throw outcome.error;
    const before = d.status;
    d.cpu = cpuAfter(d.cpu, before.state, outcome.status.state, this.clock(), this.load(d));
    d.status = outcome.status;
    if (outcome.status.state === State.SHUTOFF) {
      if (d.pending !== null) d.def = d.pending;
      d.pending = null;
      if (!d.persistent) this.domains.delete(d.def.uuid);
    }
    const after = this.ref(d);
    if (outcome.event !== null) this.events.emit(after, outcome.event);
    return after;
  }

  defineDomain(xml: string): DomainRef {
    const { def } = parseDomainDef(parseXmlOrThrow(xml, '(domain_definition)'));
    const existing = this.domains.get(def.uuid);
    if (existing === undefined) {
      this.checkUnique(def);
      const record: DomainRecord = { def, pending: null, persistent: true, autostart: false, status: { state: State.SHUTOFF, reason: Reason.UNKNOWN, id: -1 }, cpu: IDLE };
      this.domains.set(def.uuid, record);
      this.events.emit(this.ref(record), { event: EventType.DEFINED, detail: EventDetail.DEFINED_ADDED });
      return this.ref(record);
    }
    if (existing.def.name !== def.name) throw errors.uuidTaken(existing.def.name, def.uuid);
    if (existing.status.id >= 0) existing.pending = def;
    else existing.def = def;
    existing.persistent = true;
    this.events.emit(this.ref(existing), { event: EventType.DEFINED, detail: EventDetail.DEFINED_UPDATED });
    return this.ref(existing);
  }

  /**
   * An inactive domain goes away; a running one stays, transient, until it stops. libvirt
   * 9.0's test driver accepts this for a domain that is already transient too.
   */
  undefineDomain(dom: DomainRef, flags = 0): void {
    const d = this.find(dom);
    const snapshots = this.snapshots.count(d.def.uuid);
    if (snapshots > 0 && (flags & UNDEFINE_SNAPSHOTS_METADATA) === 0) {
      throw libvirtError(ErrorCode.OPERATION_INVALID, From.DOMAIN, `cannot delete inactive domain with ${snapshots} snapshots`);
    }
    this.snapshots.forget(d.def.uuid);
    if (d.status.id >= 0) {
      d.persistent = false;
      d.pending = null;
    } else {
      this.domains.delete(d.def.uuid);
    }
    this.events.emit(this.ref(d), { event: EventType.UNDEFINED, detail: EventDetail.UNDEFINED_REMOVED });
  }

  listSnapshots(dom: DomainRef): SnapshotInfo[] {
    return this.snapshots.list(this.find(dom).def.uuid);
  }

  createSnapshot(dom: DomainRef, xml: string): string {
    const d = this.find(dom);
    return this.snapshots.create(d.def.uuid, xml, domainStateName(d.status.state), Math.floor(Date.now() / 1000));
  }

  /** The domain goes to the snapshot's state (or the one the flags ask for) through the state machine. */
  revertSnapshot(dom: DomainRef, name: string, flags: number): void {
    const d = this.find(dom);
    const target = this.snapshots.revert(d.def.uuid, name);
    const paused = (flags & REVERT_PAUSED) !== 0 || (target.paused && (flags & REVERT_RUNNING) === 0);
    const running = paused || target.running || (flags & REVERT_RUNNING) !== 0;
    if (!running) {
      if (d.status.id >= 0) this.lifecycle(dom, 'destroy');
      return;
    }
    if (d.status.id < 0) this.lifecycle(dom, 'start');
    if (paused && d.status.state !== State.PAUSED) this.lifecycle(dom, 'suspend');
    if (!paused && d.status.state === State.PAUSED) this.lifecycle(dom, 'resume');
  }

  deleteSnapshot(dom: DomainRef, name: string, flags: number): void {
    this.snapshots.delete(this.find(dom).def.uuid, name, flags);
  }

  allDomainStats(options: AllDomainStatsOptions): DomainStats[] {
    const now = this.clock();
    const asked = options.domains ?? [];
    // Like libvirt, domains asked for by reference but gone are skipped, not an error.
    const records = asked.length === 0
      ? [...this.domains.values()]
      : asked.map((ref) => this.domains.get(ref.uuid)).filter((d): d is DomainRecord => d !== undefined);
    return records.flatMap((d) => {
      const subject = {
        state: d.status.state,
        reason: d.status.reason,
        active: d.status.id >= 0,
        persistent: d.persistent,
        cpuNs: cpuUsed(d.cpu, now, this.load(d)),
        memoryKiB: d.def.memoryKiB,
        maxMemoryKiB: d.def.maxMemoryKiB,
        vcpus: d.def.vcpus,
        maxVcpus: d.def.maxVcpus,
      };
      if (!selectedBy(options.flags ?? 0, subject)) return [];
      const params = statsParams(options.stats ?? 0, subject);
      return [{ domain: this.ref(d), params, values: typedParamsToRecord(params) }];
    });
  }

  nodeCpuStats(): NodeStat[] {
    return TEST_CPU_STATS.map((stat) => ({ ...stat }));
  }

  /** Free memory is what the running domains' current memory leaves of the node's. */
  nodeMemoryStats(): NodeStat[] {
    const used = [...this.domains.values()].filter((d) => d.status.id >= 0).reduce((sum, d) => sum + d.def.memoryKiB, 0);
    return memoryStats(this.node.memoryKiB, used);
  }

  // The overview's facts (issue 10): as libvirt 9.0's test driver answers them.
  domainIsPersistent(dom: DomainRef): boolean {
    return this.find(dom).persistent;
  }

  domainAutostart(dom: DomainRef): boolean {
    return this.find(dom).autostart;
  }

  /** The test driver sets the flag on any domain, transient ones too (the QEMU driver refuses those). */
  setDomainAutostart(dom: DomainRef, autostart: boolean): void {
    this.find(dom).autostart = autostart;
  }

  private find(dom: DomainRef): DomainRecord {
    // libvirt finds the object by UUID alone; the name only decorates the error.
    const found = this.domains.get(dom.uuid);
    if (found === undefined) throw errors.staleDomain(dom.uuid, dom.name);
    return found;
  }

  private checkUnique(def: DomainDef): void {
    const sameUuid = this.domains.get(def.uuid);
    if (sameUuid !== undefined) throw errors.uuidTaken(sameUuid.def.name, def.uuid);
    const sameName = [...this.domains.values()].find((d) => d.def.name === def.name);
    if (sameName !== undefined) throw errors.nameTaken(def.name, sameName.def.uuid);
  }

  private ref(d: DomainRecord): DomainRef {
    return { name: d.def.name, uuid: d.def.uuid, id: d.status.id };
  }

  private load(d: DomainRecord): bigint {
    return loadPermille(d.def.uuid, d.def.vcpus);
  }
}
