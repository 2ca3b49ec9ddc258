/**
 * The connection tree's keyboard, as the WAI-ARIA tree pattern has it, over the nodes as
 * shown (connections, and the domains of expanded ones) in order: pure, so it is tested
 * without a DOM.
 */
/** More than this many domains under one host are left to the list, which is virtualized. */
export const TREE_DOMAIN_LIMIT = 50;

export type TreeNode =
  | { readonly kind: 'connection'; readonly key: string; readonly connectionId: string; readonly expanded: boolean; readonly hasChildren: boolean }
  | { readonly kind: 'domain'; readonly key: string; readonly connectionId: string; readonly uuid: string };

export type TreeCommand =
  | { readonly kind: 'focus'; readonly key: string }
  | { readonly kind: 'expand'; readonly connectionId: string; readonly expanded: boolean }
  | { readonly kind: 'activate'; readonly node: TreeNode }
  | { readonly kind: 'remove'; readonly connectionId: string }
  | { readonly kind: 'none' };

export function treeKey(nodes: readonly TreeNode[], focused: string | null, key: string): TreeCommand {
  const index = nodes.findIndex((n) => n.key === focused);
  const node = nodes[index];
  if (node === undefined) {
    const first = nodes[0];
    return first !== undefined && (key === 'ArrowDown' || key === 'Home') ? { kind: 'focus', key: first.key } : { kind: 'none' };
  }
  const focus = (n: TreeNode | undefined): TreeCommand => (n === undefined ? { kind: 'none' } : { kind: 'focus', key: n.key });
  switch (key) {
    case 'ArrowDown': return focus(nodes[index + 1]);
    case 'ArrowUp': return focus(nodes[index - 1]);
    case 'Home': return focus(nodes[0]);
    case 'End': return focus(nodes[nodes.length - 1]);
    case 'ArrowRight':
      if (node.kind !== 'connection' || !node.hasChildren) return { kind: 'none' };
      return node.expanded ? focus(nodes[index + 1]) : { kind: 'expand', connectionId: node.connectionId, expanded: true };
    case 'ArrowLeft':
      if (node.kind === 'connection') return node.expanded ? { kind: 'expand', connectionId: node.connectionId, expanded: false } : { kind: 'none' };
      return focus(nodes.find((n) => n.kind === 'connection' && n.connectionId === node.connectionId));
    case 'Enter': return { kind: 'activate', node };
    case 'Delete': return node.kind === 'connection' ? { kind: 'remove', connectionId: node.connectionId } : { kind: 'none' };
    default: return { kind: 'none' };
  }
}
