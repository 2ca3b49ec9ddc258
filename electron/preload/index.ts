import { contextBridge, ipcRenderer } from 'electron';
import { INVOKE_CHANNELS, ipcChannelName, type InvokeChannel, type VirtdeckApi } from '../../shared/ipc';

// Exposes exactly the contract's methods: never ipcRenderer itself, never a generic
// invoke(channel, ...) that would let a compromised page reach any handler by name.
function method(channel: InvokeChannel) {
  return (...args: unknown[]): Promise<unknown> => ipcRenderer.invoke(ipcChannelName(channel), ...args);
}

const api = Object.fromEntries(INVOKE_CHANNELS.map((channel) => [channel, method(channel)])) as unknown as VirtdeckApi;

contextBridge.exposeInMainWorld('virtdeck', api);
