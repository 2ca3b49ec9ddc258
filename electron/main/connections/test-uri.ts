/**
 * The connection dialog's "Test connection": open a URI once, outside any saved profile,
 * read what the host says about itself, and close it whatever happened, so a test leaves
 * nothing open behind it. Prompts (host keys, passwords) are asked as for a real open.
 */
import { randomUUID } from 'node:crypto';
import { parseLibvirtUri } from '../../../shared/uri';
import type { HostInfo } from '../../../shared/model';
import { AppFailure } from '../app-failure';
import type { Opener } from './live-connection';

export async function testUri(uri: string, open: Opener): Promise<HostInfo> {
  const parsed = parseLibvirtUri(uri);
  if (!parsed.ok) throw new AppFailure('invalid-uri', parsed.error.message);
  // Prompts name their connection by id; this one is nobody's, so it says what it is.
  const profile = { id: `connection-test-${randomUUID().slice(0, 8)}`, uri: parsed.uri.text, name: 'Test connection', autoconnect: false, reconnect: false };
  // No live connection tracks this open, so its questions need no state of their own.
  const { connection } = await open(profile, (_method, question) => question);
  try {
    return await connection.hostInfo();
  } finally {
    await connection.close().catch(() => undefined);
  }
}
