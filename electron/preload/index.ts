import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNELS, INVOKE_CHANNELS, ipcChannelName, type EventChannel, type InvokeChannel } from '../../shared/ipc';

// Exposes exactly the contract's methods, each bound to its own channel: never
// ipcRenderer itself, never a generic invoke(channel, ...) that would let a compromised
// page reach any handler by name.
function invoker(channel: InvokeChannel) {
  return (...args: unknown[]): Promise<unknown> => ipcRenderer.invoke(ipcChannelName(channel), ...args);
}

function subscriber(channel: EventChannel) {
  return (listener: (payload: unknown) => void): (() => void) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => { listener(payload); };
    ipcRenderer.on(ipcChannelName(channel), wrapped);
    return () => { ipcRenderer.off(ipcChannelName(channel), wrapped); };
  };
}

const api = {
  ...Object.fromEntries(INVOKE_CHANNELS.map((channel) => [channel, invoker(channel)])),
  events: Object.fromEntries(EVENT_CHANNELS.map((channel) => [channel, subscriber(channel)])),
};

contextBridge.exposeInMainWorld('virtdeck', api);
