/**
 * THE contract between the untrusted renderer and the main process. Both sides derive
 * their types from these maps; no channel name exists anywhere else as a bare string.
 * The foundation carries one channel; the main-process issue grows it.
 */
export interface AppInfo {
  readonly name: string;
  readonly version: string;
  /** How the renderer reaches main: Electron's IPC or the loopback bridge. */
  readonly shell: 'electron' | 'browser';
}

export interface InvokeChannels {
  'app.info': { readonly args: readonly []; readonly result: AppInfo };
}

export type InvokeChannel = keyof InvokeChannels;
export type InvokeArgs<C extends InvokeChannel> = InvokeChannels[C]['args'];
export type InvokeResult<C extends InvokeChannel> = InvokeChannels[C]['result'];

/** The facade the preload exposes as `window.virtdeck`: one typed method per channel. */
export type VirtdeckApi = {
  readonly [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<InvokeResult<C>>;
};

export const INVOKE_CHANNELS: readonly InvokeChannel[] = ['app.info'];

/** Electron's IPC channel name for an invoke channel. */
export function ipcChannelName(channel: InvokeChannel): string {
  return `virtdeck:${channel}`;
}
