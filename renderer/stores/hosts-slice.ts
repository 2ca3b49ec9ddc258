import type { StateCreator } from 'zustand';
import type { HostInfo } from '../../shared/model';
import type { AppState } from './app-state';
import type { Loadable } from './loadable';

export interface HostsSlice {
  readonly hosts: ReadonlyMap<string, Loadable<HostInfo>>;
  setHost(connectionId: string, host: Loadable<HostInfo>): void;
  forgetHost(connectionId: string): void;
}

export const createHostsSlice: StateCreator<AppState, [], [], HostsSlice> = (set) => ({
  hosts: new Map(),
  setHost: (connectionId, host) => {
    set((s) => ({ hosts: new Map(s.hosts).set(connectionId, host) }));
  },
  forgetHost: (connectionId) => {
    set((s) => {
      if (!s.hosts.has(connectionId)) return {};
      const hosts = new Map(s.hosts);
      hosts.delete(connectionId);
      return { hosts };
    });
  },
});
