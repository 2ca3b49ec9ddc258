import type { ConnectionProfile, ProfileInput } from '../../../shared/model';
import { call } from '../../ipc/client';

// The answers arrive as events (connections.changed, connection.state); these only ask.
export async function addConnection(input: ProfileInput): Promise<ConnectionProfile> {
  return call('connections.add', input);
}

/**
 * Starts opening without waiting: opening can take a while (a prompt, a slow host) and
 * its failure is already shown as the connection's state, so there is nothing to catch.
 */
export function startOpening(id: string): void {
  call('connections.open', id).catch(() => undefined);
}

export async function openConnection(id: string): Promise<void> {
  await call('connections.open', id);
}

export async function closeConnection(id: string): Promise<void> {
  await call('connections.close', id);
}

export async function removeConnection(id: string): Promise<void> {
  await call('connections.remove', id);
}

export async function updateConnection(id: string, patch: Partial<ProfileInput>): Promise<ConnectionProfile> {
  return call('connections.update', id, patch);
}
