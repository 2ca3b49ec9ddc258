import type { StateCreator } from 'zustand';
import type { DomainStatsPoint, HostStatsSample } from '../../shared/model';
import { appendSample, emptySeries, type Series } from '../components/charts/series';
import type { AppState } from './app-state';

export const HOST_KEYS = ['cpuPercent', 'memoryUsedKiB', 'memoryTotalKiB'] as const;
export type HostKey = (typeof HOST_KEYS)[number];
export const DOMAIN_KEYS = ['cpuPercent', 'memoryKiB', 'diskRead', 'diskWrite', 'netRx', 'netTx'] as const;
export type DomainKey = (typeof DOMAIN_KEYS)[number];

/** The graphs' last five minutes: the host's per connection, the open domain's per connection/uuid. */
export interface GraphsSlice {
  readonly hostSeries: ReadonlyMap<string, Series<HostKey>>;
  readonly domainSeries: ReadonlyMap<string, Series<DomainKey>>;
  applyHostStats(sample: HostStatsSample): void;
  applyDomainStats(point: DomainStatsPoint): void;
  forgetGraphs(connectionId: string): void;
}

export function domainSeriesKey(connectionId: string, uuid: string): string {
  return `${connectionId}/${uuid}`;
}

export const createGraphsSlice: StateCreator<AppState, [], [], GraphsSlice> = (set) => ({
  hostSeries: new Map(),
  domainSeries: new Map(),
  applyHostStats: (sample) => {
    set((s) => {
      const before = s.hostSeries.get(sample.connectionId) ?? emptySeries(HOST_KEYS);
      const after = appendSample(before, sample.at, {
        cpuPercent: sample.cpuPercent,
        memoryUsedKiB: sample.memory?.usedKiB ?? null,
        memoryTotalKiB: sample.memory?.totalKiB ?? null,
      });
      return { hostSeries: new Map(s.hostSeries).set(sample.connectionId, after) };
    });
  },
  applyDomainStats: (point) => {
    set((s) => {
      const key = domainSeriesKey(point.connectionId, point.uuid);
      const before = s.domainSeries.get(key) ?? emptySeries(DOMAIN_KEYS);
      const after = appendSample(before, point.at, {
        cpuPercent: point.cpuPercent,
        memoryKiB: point.memoryKiB,
        diskRead: point.diskReadBytesPerSec,
        diskWrite: point.diskWriteBytesPerSec,
        netRx: point.netRxBytesPerSec,
        netTx: point.netTxBytesPerSec,
      });
      return { domainSeries: new Map(s.domainSeries).set(key, after) };
    });
  },
  forgetGraphs: (connectionId) => {
    set((s) => {
      const prefix = `${connectionId}/`;
      const hostSeries = new Map(s.hostSeries);
      hostSeries.delete(connectionId);
      const domainSeries = new Map([...s.domainSeries].filter(([key]) => !key.startsWith(prefix)));
      return { hostSeries, domainSeries };
    });
  },
});
