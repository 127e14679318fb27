import type { TableMetadata } from '../schema/index.js';
import { clusteringComparatorFor } from './clustering-comparator.js';
import { maxDeletion } from './deletion-time.js';
import { isCellVisible, isLivenessVisible } from './liveness.js';
import { assembleComplexColumn } from './complex-assembly.js';
import { counterTotal } from './counter-context.js';
import type { Cell, ComplexColumn, DeletionTime, Row } from './partition-update.js';
import type { ReadPartition, ReadRow } from './read-partition.js';
import type { UnfilteredPartition } from './unfiltered-partition.js';

const NO_CELLS: ReadonlyMap<string, Cell> = new Map();

/**
 * The live view of an unfiltered partition at nowInSec: every cell shadowed by the partition deletion, a
 * covering range tombstone or its row deletion is dropped, as are expired cells and cells of dropped
 * columns; a row stays iff its primary key liveness is live or it keeps at least one cell. Every cell
 * left has a value; the live cells of a multi-cell column become one assembled cell, and a multi-cell
 * column without any is absent. A counter shows its total, unless `counters` asks for the stored shards
 * (what a counter leader reads). Null when neither a row nor a static cell is left.
 */
export function purgePartition(
  partition: UnfilteredPartition, nowInSec: number, table: TableMetadata = partition.table, counters: 'totals' | 'shards' = 'totals',
): ReadPartition | null {
  const totals = table.isCounterTable && counters === 'totals';
  const comparator = clusteringComparatorFor(table);
  const tombstones = partition.rangeTombstones.map((rt) => ({
    positions: comparator.positionsOf(rt.slice),
    deletion: rt.deletion,
  }));
  const rows: ReadRow[] = [];
  for (const row of partition.rows) {
    let outer = partition.partitionDeletion;
    for (const rt of tombstones) {
      if (comparator.contains(rt.positions, row.clustering)) outer = maxDeletion(outer, rt.deletion);
    }
    const live = liveRow(row, outer, nowInSec, table, totals);
    if (live !== null) rows.push(live);
  }
  // Range tombstones cover clustering rows only; the static row answers to the partition deletion alone.
  const staticRow = partition.staticRow === null
    ? null
    : liveRow(partition.staticRow, partition.partitionDeletion, nowInSec, table, totals);
  const staticCells = staticRow?.cells ?? NO_CELLS;
  if (rows.length === 0 && staticCells.size === 0) return null;
  return { key: partition.key, token: partition.token, staticCells, rows };
}

function liveRow(row: Row, outer: DeletionTime | null, nowInSec: number, table: TableMetadata, counterTotals: boolean): ReadRow | null {
  const active = maxDeletion(outer, row.deletion);
  // A view keyed by a base non-key column lives by its primary key liveness alone (enforceStrictLiveness).
  if (table.view?.baseNonKeyColumnInKey != null && !isLivenessVisible(row.liveness, active, nowInSec)) return null;
  let visibleCount = 0;
  for (const [name, cell] of row.cells) {
    if (isCellVisible(cell, name, active, nowInSec, table)) visibleCount++;
  }
  const assembled = row.complex === undefined ? null : liveComplexColumns(row.complex, active, nowInSec, table);
  if (visibleCount === 0 && assembled === null && !isLivenessVisible(row.liveness, active, nowInSec)) return null;
  // When every cell is visible the row's own map serves as is, without copying.
  if (visibleCount === row.cells.size && assembled === null && !counterTotals) return { clustering: row.clustering, cells: row.cells };
  const cells = new Map<string, Cell>();
  for (const [name, cell] of row.cells) {
    if (!isCellVisible(cell, name, active, nowInSec, table)) continue;
    // A visible cell has a value.
    cells.set(name, counterTotals ? { ...cell, value: counterTotal(cell.value!) } : cell);
  }
  if (assembled !== null) for (const [name, cell] of assembled) cells.set(name, cell);
  return { clustering: row.clustering, cells };
}

/** One assembled cell per multi-cell column with a live element; null when there is none. */
function liveComplexColumns(
  columns: ReadonlyMap<string, ComplexColumn>, active: DeletionTime | null, nowInSec: number, table: TableMetadata,
): Map<string, Cell> | null {
  let out: Map<string, Cell> | null = null;
  for (const [name, column] of columns) {
    const columnActive = maxDeletion(active, column.deletion);
    const live = column.cells.filter((pc) => isCellVisible(pc.cell, name, columnActive, nowInSec, table));
    // A visible cell belongs to a column the table has.
    if (live.length > 0) (out ??= new Map()).set(name, assembleComplexColumn(table.columns.get(name)!.type, live));
  }
  return out;
}
