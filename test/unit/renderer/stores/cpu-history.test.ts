import { beforeEach, describe, expect, it } from 'vitest';
import type { DomainStatsSample, StatsTick } from '../../../../shared/model';
import { CPU_HISTORY_LENGTH, cpuValues, pushCpu, type CpuRing } from '../../../../renderer/stores/cpu-history';
import { ready } from '../../../../renderer/stores/loadable';
import { actions, resetStore, useStore } from '../../../../renderer/stores/store';
import { domain } from '../fixtures';

beforeEach(() => { resetStore(); });

function sample(uuid: string, cpuPercent: number | null): DomainStatsSample {
  return { uuid, state: 'running', cpuPercent, memoryKiB: 1024 };
}

function tick(connectionId: string, at: number, domains: readonly DomainStatsSample[]): StatsTick {
  return { connectionId, at, domains };
}

const history = (connectionId: string, uuid: string): CpuRing | undefined => useStore.getState().cpuHistory.get(connectionId)?.get(uuid);

describe('a CPU ring', () => {
  it('keeps the values oldest first, a missing reading as a gap', () => {
    let ring = pushCpu(undefined, null);
    ring = pushCpu(ring, 12.5);
    ring = pushCpu(ring, 0);
    expect(cpuValues(ring)).toEqual([null, 12.5, 0]);
  });

  it('holds the last minute and no more, in order across the wrap', () => {
    let ring: CpuRing | undefined;
    const pushed = Array.from({ length: CPU_HISTORY_LENGTH * 2 + 7 }, (_, i) => i);
    for (const v of pushed) ring = pushCpu(ring, v);
    if (ring === undefined) throw new Error('nothing pushed');
    expect(cpuValues(ring)).toEqual(pushed.slice(-CPU_HISTORY_LENGTH));
    expect(ring.buffer.length).toBe(CPU_HISTORY_LENGTH);
  });
});

describe('the store\'s CPU history', () => {
  it('adds one value per domain per tick, each domain on its own ring', () => {
    for (let second = 0; second < 3; second += 1) {
      actions().applyStats(tick('a', second, [sample('u1', second), sample('u2', 10 * second)]));
    }
    const one = history('a', 'u1');
    const two = history('a', 'u2');
    if (one === undefined || two === undefined) throw new Error('no history');
    expect(cpuValues(one)).toEqual([0, 1, 2]);
    expect(cpuValues(two)).toEqual([0, 10, 20]);
  });

  it('leaves another connection\'s rings as they were, so its rows do not re-render', () => {
    actions().applyStats(tick('a', 0, [sample('u1', 1)]));
    actions().applyStats(tick('b', 0, [sample('u9', 5)]));
    const before = history('a', 'u1');
    actions().applyStats(tick('b', 1, [sample('u9', 6)]));
    expect(history('a', 'u1')).toBe(before);
    const after = history('b', 'u9');
    expect(after === undefined ? [] : cpuValues(after)).toEqual([5, 6]);
  });

  it('drops a domain\'s history when it is removed, when a tick no longer reports it, and all of a forgotten connection', () => {
    const [one, two, three] = [domain('one'), domain('two'), domain('three')];
    actions().setDomains('a', ready([one, two, three]));
    actions().applyStats(tick('a', 0, [sample(one.uuid, 1), sample(two.uuid, 2), sample(three.uuid, 3)]));
    actions().removeDomain('a', one.uuid);
    expect(history('a', one.uuid)).toBeUndefined();
    expect(history('a', two.uuid)).toBeDefined();
    actions().applyStats(tick('a', 1, [sample(two.uuid, 2)]));
    expect(history('a', three.uuid)).toBeUndefined();
    actions().forgetDomains('a');
    expect(useStore.getState().cpuHistory.has('a')).toBe(false);
  });
});
