/**
 * The object the preload exposes as window.virtdeck: main's one facade (shared/build-api.ts)
 * carried over a narrow view of ipcRenderer, so the shape is unit-tested without Electron.
 * Never ipcRenderer itself, never a generic invoke(channel, ...) that would let a
 * compromised page reach any handler by name.
 */
import { buildApi } from '../../shared/build-api';
import { ipcChannelName, type InvokeChannel, type VirtdeckApi, type WireResult } from '../../shared/ipc';

export interface IpcRendererPort<E> {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: E, payload: unknown) => void): unknown;
  off(channel: string, listener: (event: E, payload: unknown) => void): unknown;
}

export function buildPreloadApi<E>(ipc: IpcRendererPort<E>): VirtdeckApi {
  return buildApi({
    invoke: (channel, args) => ipc.invoke(ipcChannelName(channel), ...args) as Promise<WireResult<InvokeChannel>>,
    subscribe: (channel, listener) => {
      const wrapped = (_event: E, payload: unknown): void => { listener(payload); };
      ipc.on(ipcChannelName(channel), wrapped);
      return () => { ipc.off(ipcChannelName(channel), wrapped); };
    },
  });
}
