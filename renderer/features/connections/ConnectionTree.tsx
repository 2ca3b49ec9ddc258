import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConnectionView, DomainSummary } from '../../../shared/model';
import type { AppState } from '../../stores/app-state';
import { useConnectionList } from '../../stores/selectors';
import { actions, useStore } from '../../stores/store';
import { loadDomains } from '../domains/load-domains';
import { ConnectionItem } from './ConnectionItem';
import { startOpening } from './connection-commands';
import { isUsable } from './state-label';
import { TREE_DOMAIN_LIMIT, treeKey, type TreeNode } from './tree-keys';

/** One empty list for every host not listed yet, so its item's props stay equal between renders. */
const NO_DOMAINS: readonly DomainSummary[] = [];

function domainsOf(domains: AppState['domains'], id: string): readonly DomainSummary[] {
  const loaded = domains.get(id);
  return loaded?.kind === 'ready' ? loaded.value : NO_DOMAINS;
}

/** A connection node selects (and opens) it; a domain node opens its details. */
function activate(node: TreeNode, view: ConnectionView | undefined, domains: AppState['domains']): void {
  switch (node.kind) {
    case 'connection':
      actions().selectConnection(node.connectionId);
      // A failed one is only selected: the main area shows its error, advice and Retry.
      if (view && (view.state.kind === 'idle' || view.state.kind === 'closed')) startOpening(node.connectionId);
      break;
    case 'domain': {
      const domain = domainsOf(domains, node.connectionId).find((d) => d.uuid === node.uuid);
      actions().selectConnection(node.connectionId);
      if (domain) actions().openDialog({ kind: 'domain-details', connectionId: node.connectionId, uuid: domain.uuid, name: domain.name });
      break;
    }
  }
}

/** The left-hand tree: connections, their domains beneath, one keyboard for all of it. */
export function ConnectionTree(): React.JSX.Element {
  const views = useConnectionList();
  const domains = useStore((s) => s.domains);
  const selectedId = useStore((s) => s.selectedConnectionId);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [focused, setFocused] = useState<string | null>(null);
  const elements = useRef(new Map<string, HTMLElement>());

  // The selected host's list is loaded by its panel; the tree loads the others it shows.
  const wanted = views.filter((v) => v.profile.id !== selectedId && isUsable(v.state) && !collapsed.has(v.profile.id) && !domains.has(v.profile.id)).map((v) => v.profile.id).join(' ');
  useEffect(() => {
    for (const id of wanted.split(' ')) if (id !== '') void loadDomains(id);
  }, [wanted]);

  const nodes = useMemo(() => views.flatMap((v): TreeNode[] => {
    const id = v.profile.id;
    const list = domainsOf(domains, id);
    const expanded = !collapsed.has(id);
    const head: TreeNode = { kind: 'connection', key: id, connectionId: id, expanded, hasChildren: list.length > 0 };
    if (!expanded || !isUsable(v.state)) return [head];
    return [head, ...list.slice(0, TREE_DOMAIN_LIMIT).map((d): TreeNode => ({ kind: 'domain', key: `${id}/${d.uuid}`, connectionId: id, uuid: d.uuid }))];
  }), [views, domains, collapsed]);

  const focusKey = focused !== null && nodes.some((n) => n.key === focused) ? focused : (selectedId ?? nodes[0]?.key ?? null);

  const setExpanded = (id: string, expanded: boolean): void => {
    setCollapsed((c) => {
      const next = new Set(c);
      if (expanded) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  // Stable for the items, which are memoized: a host's list arriving re-renders that host's
  // item only, not the other hosts' items and their domains.
  const onToggle = useCallback((id: string) => {
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const latest = useRef({ domains, views });
  latest.current = { domains, views };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    // Only keys on a tree node itself: a button or a menu inside keeps its own keys.
    if (!(e.target instanceof HTMLElement) || e.target.getAttribute('role') !== 'treeitem') return;
    const command = treeKey(nodes, focusKey, e.key);
    switch (command.kind) {
      case 'none': return;
      case 'focus':
        setFocused(command.key);
        elements.current.get(command.key)?.focus();
        break;
      case 'expand': setExpanded(command.connectionId, command.expanded); break;
      case 'activate': activate(command.node, views.find((v) => v.profile.id === command.node.connectionId), domains); break;
      case 'remove':
        // A managed connection cannot be removed (main refuses), so Delete does not offer it.
        if (views.find((v) => v.profile.id === command.connectionId)?.managed === true) return;
        actions().openDialog({ kind: 'remove-connection', connectionId: command.connectionId });
        break;
    }
    e.preventDefault();
  };

  const onActivate = useCallback((node: TreeNode) => {
    const { domains, views } = latest.current;
    activate(node, views.find((v) => v.profile.id === node.connectionId), domains);
  }, []);

  const register = useCallback((key: string) => (el: HTMLElement | null): void => {
    if (el) elements.current.set(key, el);
    else elements.current.delete(key);
  }, []);

  return (
    <nav className="sidebar" aria-label="Connections" data-testid="sidebar">
      <div className="sidebar-head">
        <h2>Connections</h2>
        <button type="button" className="primary" data-testid="add-connection" onClick={() => { actions().openDialog({ kind: 'add-connection' }); }}>
          Add connection
        </button>
      </div>
      {views.length === 0
        ? <p className="muted sidebar-empty">No connections yet. Add one to manage a host.</p>
        : (
          <ul className="connection-list" role="tree" aria-label="Connections and their domains" onKeyDown={onKeyDown}>
            {views.map((v) => (
              <ConnectionItem
                key={v.profile.id}
                view={v}
                domains={domainsOf(domains, v.profile.id)}
                expanded={!collapsed.has(v.profile.id)}
                focusKey={focusKey}
                register={register}
                onFocusNode={setFocused}
                onToggle={onToggle}
                onActivate={onActivate}
              />
            ))}
          </ul>
        )}
    </nav>
  );
}
