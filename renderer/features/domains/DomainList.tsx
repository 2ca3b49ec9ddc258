import * as ContextMenu from '@radix-ui/react-context-menu';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { DomainAction, DomainSummary } from '../../../shared/model';
import { MenuEntries } from '../../components/menu-items';
import { actions, useStore } from '../../stores/store';
import { BulkConfirm } from './BulkConfirm';
import { needsConfirmation, planBulk, type BulkPlan } from './bulk-plan';
import { BY_NAME, filterDomains, NO_FILTER, sortDomains, toggleSort, type DomainFilter, type SortKey } from './domain-list-model';
import { domainMenu } from './domain-menu';
import { DomainFilterBar } from './DomainFilterBar';
import { DomainListRow } from './DomainListRow';
import { DomainToolbar } from './DomainToolbar';
import { runBulkAction, type BulkFailure } from './run-bulk-action';
import { clickRow, EMPTY_SELECTION, keepVisible, selectAll, selectForMenu, type Selection } from './selection';

const ROW_HEIGHT = 34;
const COLUMNS: readonly { readonly key: SortKey; readonly label: string; readonly numeric: boolean }[] = [
  { key: 'name', label: 'Name', numeric: false },
  { key: 'state', label: 'State', numeric: false },
  { key: 'vcpus', label: 'vCPUs', numeric: true },
  { key: 'memory', label: 'Memory', numeric: true },
  { key: 'cpu', label: 'CPU', numeric: true },
];

/**
 * A host's domains as a virtualized grid: the DOM holds only the rows in view, whatever
 * the host's size. Filter, sort and selection are the pure modules beside this file;
 * actions live once, in the toolbar and the row menu, for one domain or many.
 */
export function DomainList({ connectionId, domains, loading }: { readonly connectionId: string; readonly domains: readonly DomainSummary[]; readonly loading: boolean }): React.JSX.Element {
  const [filter, setFilter] = useState<DomainFilter>(NO_FILTER);
  const [sort, setSort] = useState(BY_NAME);
  const [rawSelection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [activeIndex, setActiveIndex] = useState(0);
  const [plan, setPlan] = useState<BulkPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState<readonly BulkFailure[]>([]);
  // Only a CPU sort needs every sample; otherwise each row reads its own.
  const stats = useStore((s) => (sort.key === 'cpu' ? s.stats.get(connectionId) : undefined));
  const scroller = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => sortDomains(filterDomains(domains, filter), sort, stats), [domains, filter, sort, stats]);
  const order = useMemo(() => shown.map((d) => d.uuid), [shown]);
  const selection = useMemo(() => keepVisible(rawSelection, order), [rawSelection, order]);
  const chosen = useMemo(() => shown.filter((d) => selection.selected.has(d.uuid)), [shown, selection]);

  // initialRect: the first render already has rows to show, instead of waiting a pass
  // for the scroller to be measured.
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8, initialRect: { width: 800, height: 480 } });

  const openDetails = useCallback((uuid: string) => {
    const domain = domains.find((d) => d.uuid === uuid);
    if (domain) actions().openDialog({ kind: 'domain-details', connectionId, uuid, name: domain.name });
  }, [connectionId, domains]);

  const run = (next: BulkPlan): void => {
    setPlan(null);
    setBusy(true);
    setFailures([]);
    void runBulkAction(connectionId, next.spec.action, next.apply).then((failed) => {
      setBusy(false);
      setFailures(failed);
    });
  };

  const ask = (action: DomainAction): void => {
    const next = planBulk(action, chosen);
    if (needsConfirmation(next)) setPlan(next);
    else run(next);
  };

  const onRowClick = useCallback((e: React.MouseEvent, uuid: string) => {
    setSelection((s) => clickRow(keepVisible(s, order), uuid, order, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey }));
    setActiveIndex(order.indexOf(uuid));
    scroller.current?.focus();
  }, [order]);
  const onRowMenu = useCallback((uuid: string) => { setSelection((s) => selectForMenu(s, uuid)); }, []);

  const moveTo = (index: number, extend: boolean): void => {
    const target = Math.max(0, Math.min(order.length - 1, index));
    const uuid = order[target];
    if (uuid === undefined) return;
    setActiveIndex(target);
    setSelection((s) => clickRow(s, uuid, order, { shift: extend, toggle: false }));
    virtualizer.scrollToIndex(target);
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    switch (e.key) {
      case 'ArrowDown': moveTo(activeIndex + 1, e.shiftKey); break;
      case 'ArrowUp': moveTo(activeIndex - 1, e.shiftKey); break;
      case 'PageDown': moveTo(activeIndex + pageRows, e.shiftKey); break;
      case 'PageUp': moveTo(activeIndex - pageRows, e.shiftKey); break;
      case 'Home': moveTo(0, e.shiftKey); break;
      case 'End': moveTo(order.length - 1, e.shiftKey); break;
      case 'Enter': {
        const uuid = order[activeIndex];
        if (uuid !== undefined) openDetails(uuid);
        break;
      }
      case 'a':
        if (!(e.ctrlKey || e.metaKey)) return;
        setSelection(selectAll(order));
        break;
      default: return;
    }
    e.preventDefault();
  };

  const activeUuid = order[activeIndex];
  const menu = domainMenu(chosen, ask, () => { const only = chosen[0]; if (only) openDetails(only.uuid); });

  return (
    <div className="domain-list">
      <DomainFilterBar filter={filter} onChange={setFilter} shown={shown.length} total={loading ? null : domains.length} selected={chosen.length} />
      <DomainToolbar chosen={chosen} busy={busy} onAction={ask} onDetails={() => { const only = chosen[0]; if (only) openDetails(only.uuid); }}
        onStorage={(kind) => { const only = chosen[0]; if (only) actions().openDialog({ kind, connectionId, uuid: only.uuid, name: only.name }); }} />
      {failures.length > 0 && (
        <ul className="error" role="alert" data-testid="domain-error">
          {failures.map((f) => <li key={f.name}>{f.name}: {f.message}</li>)}
        </ul>
      )}
      <div role="grid" aria-label="Domains" aria-rowcount={shown.length + 1} aria-multiselectable="true" className="domain-grid">
        <div role="row" className="domain-row domain-head">
          {COLUMNS.map((c) => (
            <span key={c.key} role="columnheader" className={`col-${c.key}${c.numeric ? ' num' : ''}`} aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
              <button type="button" className="sort" data-testid={`sort-${c.key}`} onClick={() => { setSort((s) => toggleSort(s, c.key)); }}>
                {c.label}{sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
              </button>
            </span>
          ))}
        </div>
        <ContextMenu.Root>
          <ContextMenu.Trigger asChild>
            <div
              ref={scroller}
              className="domain-scroller"
              tabIndex={0}
              role="rowgroup"
              aria-label="Domain rows: arrows move, Shift extends, Ctrl+A selects all, Enter opens details"
              aria-activedescendant={activeUuid === undefined ? undefined : `domain-row-${activeUuid}`}
              data-testid="domain-scroller"
              onKeyDown={onKeyDown}
            >
              {shown.length === 0 && (loading
                ? <p className="muted empty-rows" data-testid="domains-loading">Loading domains…</p>
                : <p className="muted empty-rows" data-testid="domains-none-match">No domain matches the filter.</p>)}
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {virtualizer.getVirtualItems().map((item) => {
                  const domain = shown[item.index];
                  if (!domain) return null;
                  return (
                    <DomainListRow
                      key={domain.uuid}
                      connectionId={connectionId}
                      domain={domain}
                      selected={selection.selected.has(domain.uuid)}
                      active={item.index === activeIndex}
                      top={item.start}
                      height={item.size}
                      rowId={`domain-row-${domain.uuid}`}
                      onClick={onRowClick}
                      onOpen={openDetails}
                      onMenu={onRowMenu}
                    />
                  );
                })}
              </div>
            </div>
          </ContextMenu.Trigger>
          <ContextMenu.Portal>
            <ContextMenu.Content className="menu" data-testid="domain-context-menu">
              <MenuEntries entries={menu} flavour="context" />
            </ContextMenu.Content>
          </ContextMenu.Portal>
        </ContextMenu.Root>
      </div>
      {plan !== null && <BulkConfirm plan={plan} onCancel={() => { setPlan(null); }} onConfirm={() => { run(plan); }} />}
    </div>
  );
}
