import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from '../../shared/build-api';
import { ipcChannelName, type InvokeChannel, type WireResult } from '../../shared/ipc';

// Exposes exactly the contract's methods (shared/build-api.ts), each bound to its own
// channel: never ipcRenderer itself, never a generic invoke.
const api = buildApi({
  invoke: (channel, args) => ipcRenderer.invoke(ipcChannelName(channel), ...args) as Promise<WireResult<InvokeChannel>>,
  subscribe: (channel, listener) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => { listener(payload); };
    ipcRenderer.on(ipcChannelName(channel), wrapped);
    return () => { ipcRenderer.off(ipcChannelName(channel), wrapped); };
  },
});

contextBridge.exposeInMainWorld('virtdeck', api);
