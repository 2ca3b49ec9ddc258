/**
 * virConnectGetAllDomainStats for embedded domains: which domains a flag set selects, and
 * the typed parameters of each stats group. libvirt 9.0's test driver has only the state
 * group; the cpu, balloon and vcpu groups are ours, so that polling shows a live host.
 */
import type { TypedParam } from '../../xdr/typed-params';
import { State } from './states';

/** VIR_DOMAIN_STATS_* */
export const StatsGroup = { STATE: 1, CPU_TOTAL: 2, BALLOON: 4, VCPU: 8 } as const;
const ALL_GROUPS = StatsGroup.STATE | StatsGroup.CPU_TOTAL | StatsGroup.BALLOON | StatsGroup.VCPU;

/** VIR_CONNECT_GET_ALL_DOMAINS_STATS_* filter flags. */
export const StatsFlag = {
  ACTIVE: 1,
  INACTIVE: 2,
  PERSISTENT: 4,
  TRANSIENT: 8,
  RUNNING: 16,
  PAUSED: 32,
  SHUTOFF: 64,
  OTHER: 128,
} as const;

export interface StatsSubject {
  readonly state: number;
  readonly reason: number;
  readonly active: boolean;
  readonly persistent: boolean;
  readonly cpuNs: bigint;
  readonly memoryKiB: number;
  readonly maxMemoryKiB: number;
  readonly vcpus: number;
  readonly maxVcpus: number;
}

/** libvirt's filter: each pair of flags narrows only when one of the pair is given. */
export function selectedBy(flags: number, d: StatsSubject): boolean {
  const pair = (a: number, b: number, isA: boolean): boolean =>
    (flags & (a | b)) === 0 || ((flags & a) !== 0 && isA) || ((flags & b) !== 0 && !isA);
  if (!pair(StatsFlag.ACTIVE, StatsFlag.INACTIVE, d.active)) return false;
  if (!pair(StatsFlag.PERSISTENT, StatsFlag.TRANSIENT, d.persistent)) return false;
  const states = StatsFlag.RUNNING | StatsFlag.PAUSED | StatsFlag.SHUTOFF | StatsFlag.OTHER;
  if ((flags & states) === 0) return true;
  if (d.state === State.RUNNING) return (flags & StatsFlag.RUNNING) !== 0;
  if (d.state === State.PAUSED) return (flags & StatsFlag.PAUSED) !== 0;
  if (d.state === State.SHUTOFF) return (flags & StatsFlag.SHUTOFF) !== 0;
  return (flags & StatsFlag.OTHER) !== 0;
}

const int = (field: string, value: number): TypedParam => ({ field, value: { kind: 'int', value } });
const uint = (field: string, value: number): TypedParam => ({ field, value: { kind: 'uint', value } });
const ullong = (field: string, value: bigint): TypedParam => ({ field, value: { kind: 'ullong', value } });

/** The params of the groups asked for (0: all of them), in libvirt's group order. */
export function statsParams(groups: number, d: StatsSubject): TypedParam[] {
  const wanted = groups === 0 ? ALL_GROUPS : groups;
  const params: TypedParam[] = [];
  if ((wanted & StatsGroup.STATE) !== 0) params.push(int('state.state', d.state), int('state.reason', d.reason));
  // Like QEMU's driver, the runtime groups describe a running instance only.
  if (!d.active) return params;
  if ((wanted & StatsGroup.CPU_TOTAL) !== 0) {
    const user = (d.cpuNs * 7n) / 10n;
    params.push(ullong('cpu.time', d.cpuNs), ullong('cpu.user', user), ullong('cpu.system', d.cpuNs - user));
  }
  if ((wanted & StatsGroup.BALLOON) !== 0) {
    params.push(ullong('balloon.current', BigInt(d.memoryKiB)), ullong('balloon.maximum', BigInt(d.maxMemoryKiB)));
  }
  if ((wanted & StatsGroup.VCPU) !== 0) params.push(uint('vcpu.current', d.vcpus), uint('vcpu.maximum', d.maxVcpus));
  return params;
}
