import type { TableMetadata } from '../schema/index.js';
import { comparatorFor, native, type CqlType, type ValueComparator } from '../types/index.js';
import { deletes, deletionSupersedes, maxDeletion } from './deletion-time.js';
import type { ComplexColumn, DeletionTime, PathCell } from './partition-update.js';
import { reconcileCells } from './reconcile.js';

/**
 * The rules of multi-cell columns (Cassandra's ComplexColumnData): cells kept sorted by path, one per
 * path, reconciled path by path; the column's own deletion merges by max and, with the deletions over
 * the row, shadows every cell written at or before it.
 */

const compareBytes: ValueComparator = (a, b) => a.compare(b);

/** UDT paths are field positions (2-byte shorts), ordered as numbers. */
const compareFieldPositions: ValueComparator = (a, b) => a.readInt16BE(0) - b.readInt16BE(0);

const byType = new WeakMap<CqlType, ValueComparator>();

/** The order of cell paths of a multi-cell column of type `t` (CollectionType/UserType nameComparator). */
export function cellPathComparator(t: CqlType): ValueComparator {
  let compare = byType.get(t);
  if (compare === undefined) {
    switch (t.kind) {
      case 'list': compare = comparatorFor(native('timeuuid')); break;
      case 'set': compare = comparatorFor(t.element); break;
      case 'map': compare = comparatorFor(t.key); break;
      case 'udt': compare = compareFieldPositions; break;
      default: compare = compareBytes;
    }
    byType.set(t, compare);
  }
  return compare;
}

/**
 * The path order of column `name` of the table. A dropped column's cells are dead anyway; its recorded
 * type still orders them, and bytes do when even that is gone.
 */
export function complexPathOrder(table: TableMetadata, name: string): ValueComparator {
  const type = table.columns.get(name)?.type ?? table.droppedColumns.get(name)?.type;
  return type === undefined ? compareBytes : cellPathComparator(type);
}

/**
 * Merges two versions of one multi-cell column under the deletion covering the row (`outer`: row,
 * range and partition deletions). Null when nothing is left.
 */
export function mergeComplexColumns(
  a: ComplexColumn, b: ComplexColumn, compare: ValueComparator, outer: DeletionTime | null,
): ComplexColumn | null {
  const deletion = ownDeletion(maxDeletion(a.deletion, b.deletion), outer);
  const active = maxDeletion(outer, deletion);
  const cells: PathCell[] = [];
  const keep = (pc: PathCell) => {
    if (!deletes(active, pc.cell.timestamp)) cells.push(pc);
  };
  let i = 0;
  let j = 0;
  while (i < a.cells.length && j < b.cells.length) {
    const x = a.cells[i]!;
    const y = b.cells[j]!;
    const c = compare(x.path, y.path);
    if (c < 0) {
      keep(x);
      i++;
    } else if (c > 0) {
      keep(y);
      j++;
    } else {
      const winner = reconcileCells(x.cell, y.cell);
      keep(winner === x.cell ? x : y);
      i++;
      j++;
    }
  }
  while (i < a.cells.length) keep(a.cells[i++]!);
  while (j < b.cells.length) keep(b.cells[j++]!);
  return deletion === null && cells.length === 0 ? null : { deletion, cells };
}

/**
 * The column without what `outer` shadows. Returns the same object when nothing is shadowed and null
 * when nothing is left.
 */
export function dropShadowedComplex(column: ComplexColumn, outer: DeletionTime | null): ComplexColumn | null {
  if (outer === null) return column.deletion === null && column.cells.length === 0 ? null : column;
  const deletion = ownDeletion(column.deletion, outer);
  const cells = column.cells.some((pc) => deletes(outer, pc.cell.timestamp))
    ? column.cells.filter((pc) => !deletes(outer, pc.cell.timestamp))
    : column.cells;
  if (deletion === column.deletion && cells === column.cells) return column;
  return deletion === null && cells.length === 0 ? null : { deletion, cells };
}

/**
 * A column from cells in any order, as a write collects them: sorted by path, cells at the same path
 * reconciled, cells the column deletion shadows dropped.
 */
export function sortedComplexColumn(
  deletion: DeletionTime | null, cells: readonly PathCell[], compare: ValueComparator,
): ComplexColumn {
  const sorted = [...cells].sort((x, y) => compare(x.path, y.path));
  const out: PathCell[] = [];
  for (const pc of sorted) {
    if (deletes(deletion, pc.cell.timestamp)) continue;
    const last = out[out.length - 1];
    if (last !== undefined && compare(last.path, pc.path) === 0) {
      if (reconcileCells(last.cell, pc.cell) === pc.cell) out[out.length - 1] = pc;
    } else {
      out.push(pc);
    }
  }
  return { deletion, cells: out };
}

/** A column deletion the deletion over its row already implies is dropped. */
function ownDeletion(deletion: DeletionTime | null, outer: DeletionTime | null): DeletionTime | null {
  if (deletion === null || outer === null) return deletion;
  return deletionSupersedes(deletion, outer) ? deletion : null;
}
