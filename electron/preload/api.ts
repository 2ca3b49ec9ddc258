/**
 * The object the preload exposes as window.virtdeck: exactly the contract's methods, each
 * bound to its own channel. Never ipcRenderer itself, never a generic invoke(channel, ...)
 * that would let a compromised page reach any handler by name. Built from a narrow view
 * of ipcRenderer so the shape is unit-tested without Electron.
 */
import { EVENT_CHANNELS, INVOKE_CHANNELS, ipcChannelName, type EventChannel, type InvokeChannel } from '../../shared/ipc';

export interface IpcRendererPort<E> {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: E, payload: unknown) => void): unknown;
  off(channel: string, listener: (event: E, payload: unknown) => void): unknown;
}

export function buildPreloadApi<E>(ipc: IpcRendererPort<E>) {
  const invoker = (channel: InvokeChannel) => (...args: unknown[]): Promise<unknown> => ipc.invoke(ipcChannelName(channel), ...args);
  const subscriber = (channel: EventChannel) => (listener: (payload: unknown) => void): (() => void) => {
    const wrapped = (_event: E, payload: unknown): void => { listener(payload); };
    ipc.on(ipcChannelName(channel), wrapped);
    return () => { ipc.off(ipcChannelName(channel), wrapped); };
  };
  return {
    ...Object.fromEntries(INVOKE_CHANNELS.map((channel) => [channel, invoker(channel)])),
    events: Object.fromEntries(EVENT_CHANNELS.map((channel) => [channel, subscriber(channel)])),
  };
}
