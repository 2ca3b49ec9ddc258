import type { ConnectionView } from '../../../shared/model';
import type { MenuEntry } from '../../components/menu-items';
import { actions } from '../../stores/store';
import { closeConnection, startOpening, updateConnection } from './connection-commands';

/** A connection that is open, opening, or waiting to retry: Disconnect applies. */
export function isActive(view: ConnectionView): boolean {
  const { state } = view;
  return state.kind !== 'idle' && state.kind !== 'closed' && !(state.kind === 'failed' && state.retryAt === null);
}

/** What can be done to a connection, for its right-click menu and its menu button alike. */
export function connectionMenu(view: ConnectionView, report: (error: unknown) => void): readonly MenuEntry[] {
  const { profile } = view;
  const id = profile.id;
  const connectEntry: MenuEntry = isActive(view)
    ? { kind: 'action', label: 'Disconnect', testId: 'menu-disconnect', run: () => { closeConnection(id).catch(report); } }
    : { kind: 'action', label: 'Connect', testId: 'menu-connect', run: () => { startOpening(id); } };
  // The admin's policy owns a managed profile: main refuses every change to it, so offer none.
  if (view.managed === true) return [connectEntry];
  return [
    connectEntry,
    { kind: 'action', label: 'Edit…', testId: 'menu-edit', run: () => { actions().openDialog({ kind: 'edit-connection', connectionId: id }); } },
    { kind: 'action', label: 'Rename…', testId: 'menu-rename', run: () => { actions().openDialog({ kind: 'rename-connection', connectionId: id }); } },
    { kind: 'separator', key: 'toggles' },
    { kind: 'check', label: 'Connect when Virtdeck starts', testId: 'menu-autoconnect', checked: profile.autoconnect, toggle: (on) => { updateConnection(id, { autoconnect: on }).catch(report); } },
    { kind: 'check', label: 'Reconnect when the link is lost', testId: 'menu-reconnect', checked: profile.reconnect, toggle: (on) => { updateConnection(id, { reconnect: on }).catch(report); } },
    { kind: 'separator', key: 'remove' },
    { kind: 'action', label: 'Remove…', testId: 'menu-remove', danger: true, run: () => { actions().openDialog({ kind: 'remove-connection', connectionId: id }); } },
  ];
}
