/**
 * The contract bound to Electron: one ipcMain handler per invoke channel, answering only
 * the app's own page, and pushed events sent to the window that owns the connections.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS, ipcChannelName, type EventChannel, type EventPayloads } from '../../../shared/ipc';
import type { Dispatch } from './dispatch';
import type { EventSink } from './event-sink';

/** The owner name of what a window's page opens (consoles): released when the page goes. */
export function windowOwner(webContentsId: number): string {
  return `window-${webContentsId}`;
}

/** Calls from any frame but the app's own page (an injected iframe, say) are refused. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

export function bindIpc(ipcMain: IpcMain, dispatch: Dispatch, isTrusted: SenderCheck): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(ipcChannelName(channel), (event, ...args: unknown[]) => {
      if (!isTrusted(event)) {
        return { ok: false, error: { kind: 'invalid-argument', message: 'this page may not call Virtdeck' } };
      }
      return dispatch(channel, args, { owner: windowOwner(event.sender.id) });
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(ipcChannelName(channel));
  };
}

/** Sends events to whichever window is current; none (yet, or any more) drops them. */
export class WindowSink implements EventSink {
  private window: BrowserWindow | null = null;

  attach(window: BrowserWindow | null): void {
    this.window = window;
  }

  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    const window = this.window;
    if (window === null || window.isDestroyed()) return;
    window.webContents.send(ipcChannelName(channel), payload);
  }
}
