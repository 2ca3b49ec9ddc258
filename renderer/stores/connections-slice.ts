import type { StateCreator } from 'zustand';
import type { ConnectionState, ConnectionView } from '../../shared/model';
import type { AppState } from './app-state';

export interface ConnectionsSlice {
  /** Profiles and their live state, by profile id. */
  readonly connections: ReadonlyMap<string, ConnectionView>;
  /** Ids in the order main lists them, so the sidebar keeps a stable order. */
  readonly connectionOrder: readonly string[];
  /** True once the first connections.list answered: the app's "ready" marker. */
  readonly connectionsLoaded: boolean;
  setConnections(views: readonly ConnectionView[]): void;
  setConnectionState(connectionId: string, state: ConnectionState): void;
}

export const createConnectionsSlice: StateCreator<AppState, [], [], ConnectionsSlice> = (set) => ({
  connections: new Map(),
  connectionOrder: [],
  connectionsLoaded: false,
  setConnections: (views) => {
    set((s) => {
      const order = views.map((v) => v.profile.id);
      // Keep the selection while it exists; otherwise show the first host, or nothing.
      const selected = s.selectedConnectionId !== null && order.includes(s.selectedConnectionId)
        ? s.selectedConnectionId
        : order[0] ?? null;
      return {
        connections: new Map(views.map((v) => [v.profile.id, v])),
        connectionOrder: order,
        connectionsLoaded: true,
        selectedConnectionId: selected,
      };
    });
  },
  setConnectionState: (connectionId, state) => {
    set((s) => {
      const view = s.connections.get(connectionId);
      // A state for a profile we do not know yet: connections.changed will bring it.
      if (!view) return {};
      const connections = new Map(s.connections);
      connections.set(connectionId, { ...view, state });
      return { connections };
    });
  },
});
