import { describe, expect, it } from 'vitest';
import type { DomainStatsSample } from '../../../../shared/model';
import { planBulk, needsConfirmation } from '../../../../renderer/features/domains/bulk-plan';
import { BY_NAME, filterDomains, NO_FILTER, sortDomains, toggleSort } from '../../../../renderer/features/domains/domain-list-model';
import { clickRow, EMPTY_SELECTION, keepVisible, selectForMenu } from '../../../../renderer/features/domains/selection';
import { domain } from '../fixtures';

const web1 = { ...domain('web-1', 'running'), vcpus: 4, memoryKiB: 4096 };
const web2 = { ...domain('web-2', 'paused'), vcpus: 1, memoryKiB: 8192 };
const db = { ...domain('db', 'shutoff'), vcpus: 8, memoryKiB: 2048 };
const odd = { ...domain('crashy', 'crashed'), vcpus: 2, memoryKiB: 1024 };
const all = [odd, db, web1, web2];
const names = (list: readonly { name: string }[]): string[] => list.map((d) => d.name);

describe('filtering the domain list', () => {
  it('matches a name substring without case', () => {
    expect(names(filterDomains(all, { text: 'WEB', chips: new Set() }))).toEqual(['web-1', 'web-2']);
    expect(filterDomains(all, NO_FILTER)).toBe(all);
  });

  it('shows only the states whose chips are on, crashed under "other"', () => {
    expect(names(filterDomains(all, { text: '', chips: new Set(['paused', 'shutoff']) }))).toEqual(['db', 'web-2']);
    expect(names(filterDomains(all, { text: '', chips: new Set(['other']) }))).toEqual(['crashy']);
    expect(names(filterDomains(all, { text: 'web', chips: new Set(['running']) }))).toEqual(['web-1']);
  });
});

describe('sorting the domain list', () => {
  const stats = new Map<string, DomainStatsSample>([
    [web1.uuid, { uuid: web1.uuid, state: 'running', cpuPercent: 12, memoryKiB: null }],
    [web2.uuid, { uuid: web2.uuid, state: 'paused', cpuPercent: 50, memoryKiB: null }],
  ]);

  it('sorts by each column, ties by name', () => {
    expect(names(sortDomains(all, BY_NAME, stats))).toEqual(['crashy', 'db', 'web-1', 'web-2']);
    expect(names(sortDomains(all, { key: 'vcpus', descending: false }, stats))).toEqual(['web-2', 'crashy', 'web-1', 'db']);
    expect(names(sortDomains(all, { key: 'memory', descending: true }, stats))).toEqual(['web-2', 'web-1', 'db', 'crashy']);
    expect(names(sortDomains(all, { key: 'state', descending: false }, stats))).toEqual(['web-1', 'web-2', 'crashy', 'db']);
    expect(names(sortDomains(all, { key: 'cpu', descending: true }, stats))).toEqual(['web-2', 'web-1', 'crashy', 'db']);
  });

  it('flips direction on the same header and starts ascending on another', () => {
    expect(toggleSort(BY_NAME, 'name')).toEqual({ key: 'name', descending: true });
    expect(toggleSort({ key: 'name', descending: true }, 'cpu')).toEqual({ key: 'cpu', descending: false });
  });
});

describe('selecting rows', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];
  const plain = { shift: false, toggle: false };

  it('selects one on a click, toggles with Ctrl, and takes the range from the anchor with Shift', () => {
    const one = clickRow(EMPTY_SELECTION, 'b', order, plain);
    expect([...one.selected]).toEqual(['b']);
    const two = clickRow(one, 'd', order, { shift: false, toggle: true });
    expect([...two.selected].sort()).toEqual(['b', 'd']);
    const range = clickRow(two, 'a', order, { shift: true, toggle: false });
    expect([...range.selected].sort()).toEqual(['a', 'b', 'c', 'd']);
    const back = clickRow(range, 'e', order, { shift: true, toggle: false });
    expect([...back.selected].sort()).toEqual(['d', 'e']);
    expect([...clickRow(back, 'd', order, { shift: false, toggle: true }).selected]).toEqual(['e']);
  });

  it('adds a Shift range to the selection with Ctrl', () => {
    const first = clickRow(EMPTY_SELECTION, 'a', order, plain);
    const anchor = clickRow(first, 'd', order, { shift: false, toggle: true });
    expect([...clickRow(anchor, 'e', order, { shift: true, toggle: true }).selected].sort()).toEqual(['a', 'd', 'e']);
  });

  it('selects the right-clicked row unless it is already selected, and drops rows filtered away', () => {
    const sel = clickRow(clickRow(EMPTY_SELECTION, 'a', order, plain), 'b', order, { shift: true, toggle: false });
    expect(selectForMenu(sel, 'b')).toBe(sel);
    expect([...selectForMenu(sel, 'e').selected]).toEqual(['e']);
    expect([...keepVisible(sel, ['b', 'c']).selected]).toEqual(['b']);
  });
});

describe('planning a bulk action', () => {
  it('lists what each domain will do, skipping those the action does not apply to', () => {
    const plan = planBulk('suspend', all);
    expect(names(plan.apply)).toEqual(['web-1']);
    expect(plan.skip.map((s) => s.domain.name)).toEqual(['crashy', 'db', 'web-2']);
    expect(needsConfirmation(plan)).toBe(true);
  });

  it('asks before one destructive action but not before one harmless one', () => {
    expect(needsConfirmation(planBulk('suspend', [web1]))).toBe(false);
    expect(needsConfirmation(planBulk('destroy', [web1]))).toBe(true);
  });
});
