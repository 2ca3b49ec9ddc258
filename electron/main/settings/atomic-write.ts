/**
 * Replaces a file so that a reader, or the next start after a crash or power loss, sees
 * either the old content or the new, never a torn mix: write a temp file beside the
 * target, fsync it, rename it over the target, fsync the directory that holds the name.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(target: string, text: string): Promise<void> {
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  // Same directory, so the rename never crosses a filesystem; a random part, so two
  // processes sharing a profile dir never write the same temp file.
  const temp = join(dir, `.${basename(target)}.${String(process.pid)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable. Windows cannot open a directory; NTFS journals the rename. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on a directory (EINVAL); the file itself is synced.
  } finally {
    await handle.close();
  }
}
