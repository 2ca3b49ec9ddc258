import { describe, expect, it } from 'vitest';
import { treeKey, type TreeNode } from '../../../../renderer/features/connections/tree-keys';

const nodes: readonly TreeNode[] = [
  { kind: 'connection', key: 'a', connectionId: 'a', expanded: true, hasChildren: true },
  { kind: 'domain', key: 'a/1', connectionId: 'a', uuid: '1' },
  { kind: 'connection', key: 'b', connectionId: 'b', expanded: false, hasChildren: true },
];

describe('the connection tree keyboard', () => {
  it('moves with the arrows, Home and End', () => {
    expect(treeKey(nodes, 'a', 'ArrowDown')).toEqual({ kind: 'focus', key: 'a/1' });
    expect(treeKey(nodes, 'b', 'ArrowUp')).toEqual({ kind: 'focus', key: 'a/1' });
    expect(treeKey(nodes, 'b', 'ArrowDown')).toEqual({ kind: 'none' });
    expect(treeKey(nodes, 'a/1', 'End')).toEqual({ kind: 'focus', key: 'b' });
    expect(treeKey(nodes, 'b', 'Home')).toEqual({ kind: 'focus', key: 'a' });
  });

  it('expands and collapses with Right and Left, and Left on a domain goes to its host', () => {
    expect(treeKey(nodes, 'b', 'ArrowRight')).toEqual({ kind: 'expand', connectionId: 'b', expanded: true });
    expect(treeKey(nodes, 'a', 'ArrowRight')).toEqual({ kind: 'focus', key: 'a/1' });
    expect(treeKey(nodes, 'a', 'ArrowLeft')).toEqual({ kind: 'expand', connectionId: 'a', expanded: false });
    expect(treeKey(nodes, 'a/1', 'ArrowLeft')).toEqual({ kind: 'focus', key: 'a' });
  });

  it('activates on Enter and asks to remove a connection, never a domain, on Delete', () => {
    expect(treeKey(nodes, 'a/1', 'Enter')).toEqual({ kind: 'activate', node: nodes[1] });
    expect(treeKey(nodes, 'b', 'Delete')).toEqual({ kind: 'remove', connectionId: 'b' });
    expect(treeKey(nodes, 'a/1', 'Delete')).toEqual({ kind: 'none' });
  });
});
