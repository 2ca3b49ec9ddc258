/**
 * What the domain list shows, as pure functions of the slice's list, the latest stats and
 * the person's filter and sort: no React, so the rules are unit-tested on their own.
 */
import type { DomainStateName, DomainStatsSample, DomainSummary } from '../../../shared/model';
import { chipOf, type StateChip } from '../../../shared/domain-state-chips';
import { compareNames } from '../../stores/name-order';

export { chipOf, STATE_CHIPS, type StateChip } from '../../../shared/domain-state-chips';

export const CHIP_LABELS: Record<StateChip, string> = { running: 'Running', paused: 'Paused', shutoff: 'Shut off', other: 'Other' };

export interface DomainFilter {
  /** A name substring, compared without case; '' matches every name. */
  readonly text: string;
  /** The states shown; empty means every state. */
  readonly chips: ReadonlySet<StateChip>;
}

export const NO_FILTER: DomainFilter = { text: '', chips: new Set() };

export function filterDomains(domains: readonly DomainSummary[], filter: DomainFilter): readonly DomainSummary[] {
  const text = filter.text.trim().toLowerCase();
  if (text === '' && filter.chips.size === 0) return domains;
  return domains.filter((d) => (text === '' || d.name.toLowerCase().includes(text)) && (filter.chips.size === 0 || filter.chips.has(chipOf(d.state))));
}

export const SORT_KEYS = ['name', 'state', 'vcpus', 'memory', 'cpu'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface DomainSort {
  readonly key: SortKey;
  readonly descending: boolean;
}

export const BY_NAME: DomainSort = { key: 'name', descending: false };

/** States in the order an admin scans them: what runs first, what is off last. */
const STATE_ORDER: Record<DomainStateName, number> = {
  running: 0, blocked: 1, paused: 2, pmsuspended: 3, shutdown: 4, crashed: 5, shutoff: 6, nostate: 7, unknown: 8,
};

type Stats = ReadonlyMap<string, DomainStatsSample> | undefined;

function compareBy(key: SortKey, stats: Stats): (a: DomainSummary, b: DomainSummary) => number {
  switch (key) {
    case 'name': return (a, b) => compareNames(a.name, b.name);
    case 'state': return (a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state];
    case 'vcpus': return (a, b) => a.vcpus - b.vcpus;
    case 'memory': return (a, b) => a.memoryKiB - b.memoryKiB;
    // A domain with no figure yet sorts as idle.
    case 'cpu': return (a, b) => (stats?.get(a.uuid)?.cpuPercent ?? -1) - (stats?.get(b.uuid)?.cpuPercent ?? -1);
  }
}

/** Sorted by the key, then by name ascending, so equal keys keep a stable, readable order. */
export function sortDomains(domains: readonly DomainSummary[], sort: DomainSort, stats: Stats): readonly DomainSummary[] {
  const primary = compareBy(sort.key, stats);
  const sign = sort.descending ? -1 : 1;
  return [...domains].sort((a, b) => sign * primary(a, b) || compareNames(a.name, b.name));
}

/** A click on a header: the same key flips direction, another key starts ascending. */
export function toggleSort(current: DomainSort, key: SortKey): DomainSort {
  return current.key === key ? { key, descending: !current.descending } : { key, descending: false };
}
