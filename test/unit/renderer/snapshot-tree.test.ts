import { describe, expect, it } from 'vitest';
import type { SnapshotSummary } from '../../../shared/model';
import { snapshotRows } from '../../../renderer/features/snapshots/snapshot-tree';

function snap(name: string, parent: string | null, createdAt: number, current = false): SnapshotSummary {
  return { name, parent, current, description: '', state: 'shutoff', createdAt, hasMemory: false };
}

describe('snapshots as a tree', () => {
  it('puts each child under its parent, oldest first, at one level deeper', () => {
    const rows = snapshotRows([snap('c', 'a', 3), snap('b', 'a', 2, true), snap('a', null, 1), snap('d', 'b', 4), snap('z', null, 5)]);
    expect(rows.map((r) => [r.snapshot.name, r.depth])).toEqual([['a', 0], ['b', 1], ['d', 2], ['c', 1], ['z', 0]]);
  });
  it('shows a snapshot whose parent is not listed as a root', () => {
    expect(snapshotRows([snap('orphan', 'gone', 1)]).map((r) => r.depth)).toEqual([0]);
  });
});
