import type { ConnectionsSlice } from './connections-slice';
import type { DomainsSlice } from './domains-slice';
import type { HostsSlice } from './hosts-slice';
import type { PromptsSlice } from './prompts-slice';
import type { UiSlice } from './ui-slice';
import type { GraphsSlice } from './graphs-slice';
import type { HostObjectsSlice } from './host-objects-slice';

export type AppState = ConnectionsSlice & HostsSlice & DomainsSlice & PromptsSlice & UiSlice & GraphsSlice & HostObjectsSlice;
