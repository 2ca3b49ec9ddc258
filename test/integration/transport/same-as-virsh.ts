import { expect } from 'vitest';
import type { Connection } from '../../../electron/libvirt';
import { expectHostInfoLikeVirsh } from '../../helpers/virsh';

/** Our host info must be what virsh reports for the same URI of the same daemon. */
export async function expectSameHostInfoAsVirsh(conn: Connection, virshUri: string): Promise<void> {
  const info = await conn.hostInfo();
  await expectHostInfoLikeVirsh(info, virshUri);
  expect(info.uri).toBe('test:///default');
}
