/**
 * Multi-select as file managers do it: a click selects one row, Ctrl (or Cmd) toggles a
 * row, Shift selects the range from the anchor, Ctrl+Shift adds that range. Keyed by UUID,
 * so a re-sort or a refreshed list keeps what was chosen.
 */
export interface Selection {
  readonly selected: ReadonlySet<string>;
  /** Where a Shift range starts: the last row clicked without Shift. */
  readonly anchor: string | null;
}

export const EMPTY_SELECTION: Selection = { selected: new Set(), anchor: null };

export interface ClickModifiers {
  readonly shift: boolean;
  readonly toggle: boolean;
}

/** `order` is the list as shown (filtered and sorted), so a range is what the eye sees. */
export function clickRow(selection: Selection, uuid: string, order: readonly string[], mods: ClickModifiers): Selection {
  if (mods.shift && selection.anchor !== null) {
    const from = order.indexOf(selection.anchor);
    const to = order.indexOf(uuid);
    if (from >= 0 && to >= 0) {
      const range = order.slice(Math.min(from, to), Math.max(from, to) + 1);
      const selected = mods.toggle ? new Set([...selection.selected, ...range]) : new Set(range);
      return { selected, anchor: selection.anchor };
    }
  }
  if (mods.toggle) {
    const selected = new Set(selection.selected);
    if (selected.has(uuid)) selected.delete(uuid);
    else selected.add(uuid);
    return { selected, anchor: uuid };
  }
  return { selected: new Set([uuid]), anchor: uuid };
}

/** A right-click on a row outside the selection makes it the selection, as menus expect. */
export function selectForMenu(selection: Selection, uuid: string): Selection {
  return selection.selected.has(uuid) ? selection : { selected: new Set([uuid]), anchor: uuid };
}

export function selectAll(order: readonly string[]): Selection {
  return { selected: new Set(order), anchor: order[0] ?? null };
}

/** Only what is still listed and shown stays selected: a filtered-out row is not acted on. */
export function keepVisible(selection: Selection, order: readonly string[]): Selection {
  // Nothing chosen, nothing to drop: no set of a thousand names made on every list change.
  if (selection.selected.size === 0) return selection;
  const shown = new Set(order);
  if ([...selection.selected].every((u) => shown.has(u))) return selection;
  return { selected: new Set([...selection.selected].filter((u) => shown.has(u))), anchor: selection.anchor !== null && shown.has(selection.anchor) ? selection.anchor : null };
}
