import * as ContextMenu from '@radix-ui/react-context-menu';
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { memo, useState } from 'react';
import type { ConnectionView, DomainSummary } from '../../../shared/model';
import { ErrorText, shownError } from '../../components/ErrorText';
import type { AppError } from '../../../shared/errors';
import { MenuEntries } from '../../components/menu-items';
import { useNow } from '../../components/use-now';
import { useStore } from '../../stores/store';
import { StateIcon } from '../domains/StateIcon';
import { closeConnection, startOpening } from './connection-commands';
import { connectionMenu, isActive } from './connection-menu';
import { describeState } from './state-label';
import { describeTransport } from './transport-label';
import { TREE_DOMAIN_LIMIT, type TreeNode } from './tree-keys';

interface Props {
  readonly view: ConnectionView;
  readonly domains: readonly DomainSummary[];
  readonly expanded: boolean;
  /** The one node that takes Tab (roving tabindex). */
  readonly focusKey: string | null;
  readonly register: (key: string) => (el: HTMLElement | null) => void;
  readonly onFocusNode: (key: string) => void;
  readonly onToggle: (connectionId: string) => void;
  readonly onActivate: (node: TreeNode) => void;
}

/**
 * One connection in the tree: its state in words, how it travels, its menu, its domains;
 * marked when the admin manages it. Memoized: another host's list or state leaves it as it is.
 */
export const ConnectionItem = memo(function ConnectionItem({ view, domains, expanded, focusKey, register, onFocusNode, onToggle, onActivate }: Props): React.JSX.Element {
  const { profile, state } = view;
  const id = profile.id;
  const managed = view.managed === true;
  const selected = useStore((s) => s.selectedConnectionId === id);
  const [error, setError] = useState<AppError | null>(null);
  const now = useNow(state.kind === 'failed' && state.retryAt !== null);
  const label = describeState(state, now);
  const report = (e: unknown): void => { setError(shownError(e)); };
  const menu = connectionMenu(view, report);
  const shown = expanded ? domains.slice(0, TREE_DOMAIN_LIMIT) : [];
  const node: TreeNode = { kind: 'connection', key: id, connectionId: id, expanded, hasChildren: domains.length > 0 };
  return (
    <li
      className={selected ? 'connection selected' : 'connection'}
      role="treeitem"
      aria-expanded={domains.length > 0 ? expanded : undefined}
      aria-selected={selected}
      aria-label={`${profile.name}: ${label.text}`}
      tabIndex={focusKey === id ? 0 : -1}
      ref={register(id)}
      data-testid="connection-item"
      data-connection-id={id}
      data-state={state.kind}
      data-managed={managed ? 'true' : undefined}
      onFocus={(e) => { if (e.target === e.currentTarget) onFocusNode(id); }}
    >
      <ContextMenu.Root>
        <ContextMenu.Trigger asChild>
          <div className="connection-head">
            <button type="button" className="disclosure tree-toggle" tabIndex={-1} aria-label={expanded ? `Hide domains of ${profile.name}` : `Show domains of ${profile.name}`} disabled={domains.length === 0} onClick={() => { onToggle(id); }}>
              {domains.length === 0 ? '' : expanded ? '▾' : '▸'}
            </button>
            <button type="button" className="connection-select" tabIndex={-1} onClick={() => { onActivate(node); }} title={profile.uri}>
              <span className="connection-name" data-testid="connection-name">{profile.name}</span>
              {managed && <span className="connection-managed" data-testid="connection-managed" title="Set by your administrator: it cannot be edited, renamed or removed">Managed</span>}
              <span className="connection-state" data-testid="connection-state">
                <span className={`dot tone-${label.tone}`} aria-hidden="true" />
                {label.text}
              </span>
              <span className="connection-transport muted" data-testid="connection-transport">{describeTransport(profile.uri, state)}</span>
              <span className="connection-uri">{profile.uri}</span>
            </button>
            <div className="connection-actions">
              {isActive(view)
                ? <button type="button" className="small" tabIndex={-1} data-testid="connection-close" onClick={() => { setError(null); closeConnection(id).catch(report); }}>Disconnect</button>
                : <button type="button" className="small" tabIndex={-1} data-testid="connection-open" onClick={() => { setError(null); startOpening(id); }}>Connect</button>}
              <DropdownMenu.Root>
                <DropdownMenu.Trigger asChild>
                  <button type="button" className="small" data-testid="connection-menu" aria-label={`More for ${profile.name}`}>⋯</button>
                </DropdownMenu.Trigger>
                <DropdownMenu.Portal>
                  <DropdownMenu.Content className="menu" align="end" data-testid="connection-menu-content">
                    <MenuEntries entries={menu} flavour="dropdown" />
                  </DropdownMenu.Content>
                </DropdownMenu.Portal>
              </DropdownMenu.Root>
            </div>
          </div>
        </ContextMenu.Trigger>
        <ContextMenu.Portal>
          <ContextMenu.Content className="menu" data-testid="connection-context-menu">
            <MenuEntries entries={menu} flavour="context" />
          </ContextMenu.Content>
        </ContextMenu.Portal>
      </ContextMenu.Root>
      {error !== null && <ErrorText error={error} testId="connection-item-error" />}
      {shown.length > 0 && (
        <ul role="group" className="tree-domains">
          {shown.map((d) => {
            const key = `${id}/${d.uuid}`;
            return (
              <li
                key={d.uuid}
                role="treeitem"
                className="tree-domain"
                tabIndex={focusKey === key ? 0 : -1}
                ref={register(key)}
                data-testid="tree-domain"
                data-domain-name={d.name}
                onFocus={(e) => { e.stopPropagation(); onFocusNode(key); }}
                onClick={() => { onActivate({ kind: 'domain', key, connectionId: id, uuid: d.uuid }); }}
              >
                <StateIcon state={d.state} /> {d.name}
              </li>
            );
          })}
          {domains.length > shown.length && <li className="muted tree-more" role="none">and {domains.length - shown.length} more in the list</li>}
        </ul>
      )}
    </li>
  );
});
