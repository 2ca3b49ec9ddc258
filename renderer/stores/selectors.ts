import { useShallow } from 'zustand/react/shallow';
import type { ConnectionView, DomainStatsSample } from '../../shared/model';
import type { AppState } from './app-state';
import type { CpuRing } from './cpu-history';
import { useStore } from './store';

/** Connections in main's order, stable between renders while nothing changed. */
export function useConnectionList(): ConnectionView[] {
  return useStore(useShallow((s: AppState) => s.connectionOrder.flatMap((id) => {
    const view = s.connections.get(id);
    return view ? [view] : [];
  })));
}

export function useSelectedConnection(): ConnectionView | undefined {
  return useStore((s) => (s.selectedConnectionId === null ? undefined : s.connections.get(s.selectedConnectionId)));
}

/** One domain's CPU ring: a row re-renders for its own history only. */
export function useCpuHistory(connectionId: string, uuid: string): CpuRing | undefined {
  return useStore((s) => s.cpuHistory.get(connectionId)?.get(uuid));
}

export function useDomainSample(connectionId: string, uuid: string): DomainStatsSample | undefined {
  return useStore((s) => s.stats.get(connectionId)?.get(uuid));
}
