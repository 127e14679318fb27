import { deletes, deletionSupersedes, maxDeletion } from './deletion-time.js';
import type { Cell, DeletionTime, Row } from './partition-update.js';
import { reconcileCells, reconcileLiveness } from './reconcile.js';

/**
 * Merging two versions of a row (Cassandra's Rows.merge): the later liveness, the stronger row deletion,
 * each cell reconciled; whatever the merged row deletion shadows is dropped.
 */
export function mergeRows(a: Row, b: Row): Row {
  // Overwriting a whole row (an INSERT of every column again) is common: then `b` is the merge as is.
  if (a.deletion === null && b.deletion === null && supersedesAll(b, a)) return b;
  const deletion = maxDeletion(a.deletion, b.deletion);
  let liveness = reconcileLiveness(a.liveness, b.liveness);
  if (liveness !== null && deletes(deletion, liveness.timestamp)) liveness = null;
  const cells = new Map<string, Cell>();
  for (const [name, cell] of a.cells) {
    const other = b.cells.get(name);
    const winner = other === undefined ? cell : reconcileCells(cell, other);
    if (!deletes(deletion, winner.timestamp)) cells.set(name, winner);
  }
  for (const [name, cell] of b.cells) {
    if (!a.cells.has(name) && !deletes(deletion, cell.timestamp)) cells.set(name, cell);
  }
  return { clustering: a.clustering, liveness, deletion, cells };
}

/** Whether every cell and the liveness of `older` lose to `newer`'s. */
function supersedesAll(newer: Row, older: Row): boolean {
  if (older.cells.size > newer.cells.size) return false;
  if (older.liveness !== null && (newer.liveness === null || reconcileLiveness(older.liveness, newer.liveness) !== newer.liveness)) {
    return false;
  }
  for (const [name, cell] of older.cells) {
    const other = newer.cells.get(name);
    if (other === undefined || reconcileCells(cell, other) !== other) return false;
  }
  return true;
}

export function isEmptyRow(row: Row): boolean {
  return row.liveness === null && row.deletion === null && row.cells.size === 0;
}

/**
 * The row without what an outer deletion (partition deletion, range tombstone) shadows: cells and liveness
 * written at or before it, and a row deletion it supersedes. Returns the same object when nothing is
 * shadowed and null when nothing is left.
 */
export function dropShadowed(row: Row, outer: DeletionTime | null): Row | null {
  if (outer === null) return isEmptyRow(row) ? null : row;
  const deletion = row.deletion !== null && deletionSupersedes(row.deletion, outer) ? row.deletion : null;
  const liveness = row.liveness !== null && !deletes(outer, row.liveness.timestamp) ? row.liveness : null;
  let cells: ReadonlyMap<string, Cell> = row.cells;
  for (const cell of row.cells.values()) {
    if (deletes(outer, cell.timestamp)) {
      cells = new Map([...row.cells].filter(([, c]) => !deletes(outer, c.timestamp)));
      break;
    }
  }
  if (deletion === row.deletion && liveness === row.liveness && cells === row.cells) return row;
  if (deletion === null && liveness === null && cells.size === 0) return null;
  return { clustering: row.clustering, liveness, deletion, cells };
}
