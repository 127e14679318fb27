import type { TableMetadata } from '../schema/index.js';
import { complexPathOrder, dropShadowedComplex, mergeComplexColumns } from './complex-column.js';
import { deletes, deletionSupersedes, maxDeletion } from './deletion-time.js';
import type { Cell, ComplexColumn, DeletionTime, Row } from './partition-update.js';
import { reconcileCells, reconcileCounterCells, reconcileLiveness } from './reconcile.js';

type ComplexColumns = ReadonlyMap<string, ComplexColumn>;

/**
 * Merging two versions of a row (Cassandra's Rows.merge): the later liveness, the stronger row deletion,
 * each cell reconciled, each multi-cell column merged path by path (in the path order `table` gives);
 * whatever the merged row deletion shadows is dropped.
 */
export function mergeRows(a: Row, b: Row, table: TableMetadata): Row {
  // Counter cells merge their shards rather than one replacing the other.
  const counters = table.isCounterTable;
  // Overwriting a whole row (an INSERT of every column again) is common: then `b` is the merge as is.
  if (!counters && a.deletion === null && b.deletion === null && a.complex === undefined && supersedesAll(b, a)) return b;
  const reconcile = counters ? reconcileCounterCells : reconcileCells;
  const deletion = maxDeletion(a.deletion, b.deletion);
  let liveness = reconcileLiveness(a.liveness, b.liveness);
  if (liveness !== null && deletes(deletion, liveness.timestamp)) liveness = null;
  const cells = new Map<string, Cell>();
  for (const [name, cell] of a.cells) {
    const other = b.cells.get(name);
    const winner = other === undefined ? cell : reconcile(cell, other);
    if (!deletes(deletion, winner.timestamp)) cells.set(name, winner);
  }
  for (const [name, cell] of b.cells) {
    if (!a.cells.has(name) && !deletes(deletion, cell.timestamp)) cells.set(name, cell);
  }
  const complex = mergeComplexMaps(a.complex, b.complex, deletion, table);
  return complex === undefined
    ? { clustering: a.clustering, liveness, deletion, cells }
    : { clustering: a.clustering, liveness, deletion, cells, complex };
}

function mergeComplexMaps(
  a: ComplexColumns | undefined, b: ComplexColumns | undefined, deletion: DeletionTime | null, table: TableMetadata,
): ComplexColumns | undefined {
  if (a === undefined || b === undefined) {
    const only = a ?? b;
    return only === undefined ? undefined : dropShadowedComplexMap(only, deletion);
  }
  const out = new Map<string, ComplexColumn>();
  for (const [name, column] of a) {
    const other = b.get(name);
    const merged = other === undefined
      ? dropShadowedComplex(column, deletion)
      : mergeComplexColumns(column, other, complexPathOrder(table, name), deletion);
    if (merged !== null) out.set(name, merged);
  }
  for (const [name, column] of b) {
    if (a.has(name)) continue;
    const kept = dropShadowedComplex(column, deletion);
    if (kept !== null) out.set(name, kept);
  }
  return out.size === 0 ? undefined : out;
}

/** The columns without what `outer` shadows: the same map when nothing is, undefined when none is left. */
function dropShadowedComplexMap(columns: ComplexColumns, outer: DeletionTime | null): ComplexColumns | undefined {
  if (outer === null) return columns.size === 0 ? undefined : columns;
  let changed = false;
  const out = new Map<string, ComplexColumn>();
  for (const [name, column] of columns) {
    const kept = dropShadowedComplex(column, outer);
    if (kept !== column) changed = true;
    if (kept !== null) out.set(name, kept);
  }
  if (!changed) return columns;
  return out.size === 0 ? undefined : out;
}

/** Whether every cell and the liveness of `older` (a row without multi-cell columns) lose to `newer`'s. */
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
  return row.liveness === null && row.deletion === null && row.cells.size === 0 && row.complex === undefined;
}

/**
 * The row without what an outer deletion (partition deletion, range tombstone) shadows: cells and liveness
 * written at or before it, and row and column deletions it supersedes. Returns the same object when
 * nothing is shadowed and null when nothing is left.
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
  const complex = row.complex === undefined ? undefined : dropShadowedComplexMap(row.complex, outer);
  if (deletion === row.deletion && liveness === row.liveness && cells === row.cells && complex === row.complex) return row;
  if (deletion === null && liveness === null && cells.size === 0 && complex === undefined) return null;
  return complex === undefined
    ? { clustering: row.clustering, liveness, deletion, cells }
    : { clustering: row.clustering, liveness, deletion, cells, complex };
}
