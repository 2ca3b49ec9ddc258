/** Snapshots (each naming its parent) as rows of a tree: parents before children, oldest first. */
import type { SnapshotSummary } from '../../../shared/model';

export interface SnapshotRow {
  readonly snapshot: SnapshotSummary;
  /** 0 for a root. */
  readonly depth: number;
}

export function snapshotRows(snapshots: readonly SnapshotSummary[]): SnapshotRow[] {
  const names = new Set(snapshots.map((s) => s.name));
  const children = new Map<string | null, SnapshotSummary[]>();
  for (const s of snapshots) {
    // A parent we were not given (deleted meanwhile) makes its child a root, not an orphan lost from view.
    const parent = s.parent !== null && names.has(s.parent) ? s.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const rows: SnapshotRow[] = [];
  const visit = (parent: string | null, depth: number): void => {
    const kids = [...(children.get(parent) ?? [])].sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
    for (const s of kids) {
      rows.push({ snapshot: s, depth });
      visit(s.name, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}
