/**
 * The contract bound to Electron: one ipcMain handler per invoke channel, answering only
 * the app's own page, and pushed events sent to the window that owns the connections.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { INVOKE_CHANNELS, ipcChannelName, type EventChannel, type EventPayloads } from '../../../shared/ipc';
import type { Dispatch } from './dispatch';
import type { EventSink } from './event-sink';
import { Owner } from './owner';

/** Calls from any frame but the app's own page (an injected iframe, say) are refused. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * One Owner per loaded page: what a page started (stats watchers...) is released when it
 * navigates or reloads, crashes, or its window goes, and the next page starts afresh.
 */
class PageOwners {
  private readonly owners = new Map<number, Owner>();

  of(contents: WebContents): Owner {
    const existing = this.owners.get(contents.id);
    if (existing) return existing;
    const owner = new Owner(`window ${contents.id}`, {
      emit: (channel, payload) => { if (!contents.isDestroyed()) contents.send(ipcChannelName(channel), payload); },
    });
    this.owners.set(contents.id, owner);
    const release = (): void => {
      if (this.owners.get(contents.id) === owner) this.owners.delete(contents.id);
      contents.off('did-navigate', release);
      contents.off('render-process-gone', release);
      contents.off('destroyed', release);
      owner.release();
    };
    contents.once('destroyed', release);
    contents.on('did-navigate', release);
    contents.on('render-process-gone', release);
    return owner;
  }

  releaseAll(): void {
    for (const owner of this.owners.values()) owner.release();
    this.owners.clear();
  }
}

export function bindIpc(ipcMain: IpcMain, dispatch: Dispatch, isTrusted: SenderCheck): () => void {
  const owners = new PageOwners();
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(ipcChannelName(channel), (event, ...args: unknown[]) => {
      if (!isTrusted(event)) {
        return { ok: false, error: { kind: 'invalid-argument', message: 'this page may not call Virtdeck' } };
      }
      return dispatch(channel, args, owners.of(event.sender));
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(ipcChannelName(channel));
    owners.releaseAll();
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
