import type { TableMetadata } from '../schema/index.js';
import { deletes, maxDeletion } from './deletion-time.js';
import type { Cell, DeletionTime, LivenessInfo, Row } from './partition-update.js';

/**
 * What is live at a given second. An expiring cell or row marker expires when nowInSec reaches its local
 * expiration time; from then on it is as dead as a tombstone written at its timestamp.
 */

/** AbstractCell.isLive: a value without TTL is live for good, whatever the date (NO_DELETION_TIME is only 2^31 − 1). */
export function isCellLive(cell: Cell, nowInSec: number): boolean {
  return cell.value !== null && (cell.ttlSeconds === 0 || nowInSec < cell.localDeletionTime);
}

export function isLivenessLive(liveness: LivenessInfo, nowInSec: number): boolean {
  return liveness.ttlSeconds === 0 || nowInSec < liveness.localExpirationTime;
}

/**
 * Whether a cell of column `name` is visible: live, not shadowed by the deletion covering its row, and not
 * written before its column was dropped (or to a column the table no longer has).
 */
export function isCellVisible(
  cell: Cell, name: string, activeDeletion: DeletionTime | null, nowInSec: number, table: TableMetadata,
): boolean {
  if (!isCellLive(cell, nowInSec) || deletes(activeDeletion, cell.timestamp)) return false;
  const dropped = table.droppedColumns.get(name);
  if (dropped !== undefined && cell.timestamp <= dropped.droppedAtMicros) return false;
  return table.columns.has(name);
}

/** Whether the primary key liveness of a row keeps the row alive. */
export function isLivenessVisible(
  liveness: LivenessInfo | null, activeDeletion: DeletionTime | null, nowInSec: number,
): boolean {
  return liveness !== null && isLivenessLive(liveness, nowInSec) && !deletes(activeDeletion, liveness.timestamp);
}

/**
 * Cassandra's row liveness: a row is live iff its primary key liveness is, or at least one of its cells is
 * (an element of a multi-cell column counts as a cell).
 * `outerDeletion` is what covers the row from outside (partition deletion, range tombstones).
 */
export function isRowLive(
  row: Row, outerDeletion: DeletionTime | null, nowInSec: number, table: TableMetadata,
): boolean {
  const active = maxDeletion(outerDeletion, row.deletion);
  if (isLivenessVisible(row.liveness, active, nowInSec)) return true;
  // A view keyed by a base non-key column lives by its primary key liveness alone (enforceStrictLiveness).
  if (table.view?.baseNonKeyColumnInKey != null) return false;
  for (const [name, cell] of row.cells) {
    if (isCellVisible(cell, name, active, nowInSec, table)) return true;
  }
  if (row.complex === undefined) return false;
  for (const [name, column] of row.complex) {
    const columnActive = maxDeletion(active, column.deletion);
    for (const { cell } of column.cells) {
      if (isCellVisible(cell, name, columnActive, nowInSec, table)) return true;
    }
  }
  return false;
}

