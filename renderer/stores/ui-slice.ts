import type { StateCreator } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { AppState } from './app-state';

/** At most one dialog at a time; prompts from main have their own modal above it. */
export type Dialog =
  | { readonly kind: 'none' }
  | { readonly kind: 'add-connection' }
  | { readonly kind: 'edit-connection'; readonly connectionId: string }
  | { readonly kind: 'rename-connection'; readonly connectionId: string }
  | { readonly kind: 'remove-connection'; readonly connectionId: string }
  /**
   * `console`: open with that console showing (a VM just created and started). `startError`:
   * a VM just defined whose start after creation failed, shown on its overview.
   */
  | { readonly kind: 'domain-details'; readonly connectionId: string; readonly uuid: string; readonly name: string; readonly console?: 'serial' | 'vnc'; readonly startError?: AppError }
  | { readonly kind: 'new-vm'; readonly connectionId: string }
  | { readonly kind: 'clone-domain'; readonly connectionId: string; readonly uuid: string; readonly name: string }
  | { readonly kind: 'delete-domain'; readonly connectionId: string; readonly uuid: string; readonly name: string };

export interface UiSlice {
  readonly selectedConnectionId: string | null;
  readonly dialog: Dialog;
  selectConnection(connectionId: string | null): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  selectedConnectionId: null,
  dialog: { kind: 'none' },
  selectConnection: (connectionId) => { set({ selectedConnectionId: connectionId }); },
  openDialog: (dialog) => { set({ dialog }); },
  closeDialog: () => { set({ dialog: { kind: 'none' } }); },
});
