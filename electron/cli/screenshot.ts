/** `virtdeck-cli screenshot NAME --file F`: the domain's screen, saved as virsh saves it. */
import { writeFile } from 'node:fs/promises';
import type { Connection } from '../libvirt';
import { findDomain } from './lifecycle';

export async function runScreenshot(conn: Connection, domain: string, file: string): Promise<string> {
  const dom = await findDomain(conn, domain);
  const shot = await conn.screenshot(dom);
  await writeFile(file, shot.data);
  return `Screenshot saved to ${file}, with type of ${shot.mime}`;
}
