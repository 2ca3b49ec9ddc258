import { create } from 'zustand';
import type { AppState } from './app-state';
import { createConnectionsSlice } from './connections-slice';
import { createDomainsSlice } from './domains-slice';
import { createHostsSlice } from './hosts-slice';
import { createPromptsSlice } from './prompts-slice';
import { createUiSlice } from './ui-slice';
import { createGraphsSlice } from './graphs-slice';
import { createHostObjectsSlice } from './host-objects-slice';

/** The one bound store; components read it with small selectors, anything else via getState(). */
export const useStore = create<AppState>()((...a) => ({
  ...createConnectionsSlice(...a),
  ...createHostsSlice(...a),
  ...createDomainsSlice(...a),
  ...createPromptsSlice(...a),
  ...createUiSlice(...a),
  ...createGraphsSlice(...a),
  ...createHostObjectsSlice(...a),
}));

const initialState = useStore.getState();

/** Back to the first-render state: for tests, which share the module between cases. */
export function resetStore(): void {
  useStore.setState(initialState, true);
}

/** Actions for code outside React (event routing, loaders). */
export function actions(): AppState {
  return useStore.getState();
}
