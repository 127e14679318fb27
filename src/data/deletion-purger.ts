import type { TableMetadata } from '../schema/index.js';
import { isCellLive, isLivenessLive } from './liveness.js';
import { NO_DELETION_TIME, type Cell, type ComplexColumn, type DeletionTime, type LivenessInfo, type PathCell, type Row } from './partition-update.js';

/**
 * Dropping tombstones and expired data once they are older than gc_grace_seconds, as Cassandra's
 * compaction does (PurgeFunction with a DeletionPurger, Row.purge, ComplexColumnData.purge, Cell.purge).
 * A deletion goes once its local deletion time is before gcBefore (nowInSec − gc_grace_seconds, as
 * ColumnFamilyStore.gcBefore computes it): with gc_grace_seconds 0, one second after it was written.
 *
 * Purging is only safe where nothing older that the tombstone shadows lives elsewhere: in Cassandra's
 * terms every timestamp is below the maximum purgeable timestamp. A memtable drops what a deletion
 * shadows as the deletion arrives, so that holds for one node's in-memory data.
 */
export interface DeletionPurger {
  readonly nowInSec: number;
  /** Deletions whose local deletion time is before this second are purged. */
  readonly gcBefore: number;
  /** A view keyed by a base non-key column: a row without liveness and row deletion is dead (enforceStrictLiveness). */
  readonly enforceStrictLiveness: boolean;
}

export function deletionPurger(table: TableMetadata, nowInSec: number): DeletionPurger {
  return {
    nowInSec,
    gcBefore: gcBefore(table, nowInSec),
    enforceStrictLiveness: table.view?.baseNonKeyColumnInKey != null,
  };
}

/** ColumnFamilyStore.gcBefore: the second before which deletions of the table may be purged. */
export function gcBefore(table: TableMetadata, nowInSec: number): number {
  return nowInSec - table.options.gcGraceSeconds;
}

/** The deletion, or null once purgeable (DeletionPurger.shouldPurge(DeletionTime)). */
export function purgeDeletion(deletion: DeletionTime | null, purger: DeletionPurger): DeletionTime | null {
  return deletion !== null && deletion.localDeletionTime < purger.gcBefore ? null : deletion;
}

/**
 * Cell.purge: a dead cell (a tombstone, or an expiring cell past its expiry) goes once its local deletion
 * time is before gcBefore. An expired cell not purgeable yet becomes a tombstone (it is one already, and
 * keeps no value) dated when it was written, its expiry less its TTL, which is then purged by the same
 * rule: an expired cell whose TTL is longer than gc_grace_seconds goes at its expiry.
 */
export function purgeCell(cell: Cell, purger: DeletionPurger): Cell | null {
  if (isCellLive(cell, purger.nowInSec)) return cell;
  if (cell.localDeletionTime < purger.gcBefore) return null;
  if (cell.ttlSeconds === 0) return cell;
  const written = cell.localDeletionTime - cell.ttlSeconds;
  if (written < purger.gcBefore) return null;
  return { value: null, timestamp: cell.timestamp, ttlSeconds: 0, localDeletionTime: written };
}

/** DeletionPurger.shouldPurge(LivenessInfo): an expired primary key liveness goes once its expiry is before gcBefore. */
export function purgeLiveness(liveness: LivenessInfo | null, purger: DeletionPurger): LivenessInfo | null {
  if (liveness === null || isLivenessLive(liveness, purger.nowInSec)) return liveness;
  return liveness.localExpirationTime < purger.gcBefore ? null : liveness;
}

/** ComplexColumnData.purge: the column deletion and each cell purged; null when nothing is left. */
export function purgeComplexColumn(column: ComplexColumn, purger: DeletionPurger): ComplexColumn | null {
  const deletion = purgeDeletion(column.deletion, purger);
  let cells: PathCell[] | null = null;
  for (let i = 0; i < column.cells.length; i++) {
    const pc = column.cells[i]!;
    const purged = purgeCell(pc.cell, purger);
    if (purged === pc.cell && cells === null) continue;
    cells ??= column.cells.slice(0, i);
    if (purged !== null) cells.push(purged === pc.cell ? pc : { path: pc.path, cell: purged });
  }
  if (deletion === column.deletion && cells === null) return column;
  const kept = cells ?? column.cells;
  return deletion === null && kept.length === 0 ? null : { deletion, cells: kept };
}

/**
 * Row.purge: the primary key liveness, the row deletion, every cell and multi-cell column purged. The same
 * row when nothing changes; null when nothing is left, or under strict liveness when neither the liveness
 * nor the row deletion is (the row is dead then, whatever cells it has).
 */
export function purgeRow(row: Row, purger: DeletionPurger): Row | null {
  const liveness = purgeLiveness(row.liveness, purger);
  const deletion = purgeDeletion(row.deletion, purger);
  if (purger.enforceStrictLiveness && liveness === null && deletion === null) return null;
  const cells = purgeCells(row.cells, purger);
  const complex = row.complex === undefined ? undefined : purgeComplexColumns(row.complex, purger);
  if (liveness === row.liveness && deletion === row.deletion && cells === row.cells && complex === row.complex) return row;
  if (liveness === null && deletion === null && cells.size === 0 && complex === undefined) return null;
  return complex === undefined
    ? { clustering: row.clustering, liveness, deletion, cells }
    : { clustering: row.clustering, liveness, deletion, cells, complex };
}

function purgeCells(cells: ReadonlyMap<string, Cell>, purger: DeletionPurger): ReadonlyMap<string, Cell> {
  let out: Map<string, Cell> | null = null;
  for (const [name, cell] of cells) {
    const purged = purgeCell(cell, purger);
    if (purged === cell) continue;
    out ??= new Map(cells);
    if (purged === null) out.delete(name);
    else out.set(name, purged);
  }
  return out ?? cells;
}

function purgeComplexColumns(
  columns: ReadonlyMap<string, ComplexColumn>, purger: DeletionPurger,
): ReadonlyMap<string, ComplexColumn> | undefined {
  let out: Map<string, ComplexColumn> | null = null;
  for (const [name, column] of columns) {
    const purged = purgeComplexColumn(column, purger);
    if (purged === column) continue;
    out ??= new Map(columns);
    if (purged === null) out.delete(name);
    else out.set(name, purged);
  }
  if (out === null) return columns;
  return out.size === 0 ? undefined : out;
}

/**
 * When purging could next change a row, independently of gc_grace_seconds: `firstExpiry`, the first second a
 * live expiring cell expires (it becomes a tombstone then); `firstDeletionTime`, the earliest local deletion time
 * of its tombstones (purgeable once before gcBefore) and expiry of an expiring liveness.
 */
export interface PurgeTimes {
  firstExpiry: number;
  firstDeletionTime: number;
}

export function noPurgeTimes(): PurgeTimes {
  return { firstExpiry: NO_DELETION_TIME, firstDeletionTime: NO_DELETION_TIME };
}

/** Lowers `times` to cover what `row` holds. */
export function addRowPurgeTimes(times: PurgeTimes, row: Row): void {
  if (row.deletion !== null) addDeletionTime(times, row.deletion);
  if (row.liveness !== null && row.liveness.ttlSeconds !== 0 && row.liveness.localExpirationTime < times.firstDeletionTime) {
    times.firstDeletionTime = row.liveness.localExpirationTime;
  }
  for (const cell of row.cells.values()) addCellTime(times, cell);
  if (row.complex === undefined) return;
  for (const column of row.complex.values()) {
    if (column.deletion !== null) addDeletionTime(times, column.deletion);
    for (const { cell } of column.cells) addCellTime(times, cell);
  }
}

export function addDeletionTime(times: PurgeTimes, deletion: DeletionTime): void {
  if (deletion.localDeletionTime < times.firstDeletionTime) times.firstDeletionTime = deletion.localDeletionTime;
}

function addCellTime(times: PurgeTimes, cell: Cell): void {
  if (cell.value === null) {
    if (cell.localDeletionTime < times.firstDeletionTime) times.firstDeletionTime = cell.localDeletionTime;
  } else if (cell.ttlSeconds !== 0 && cell.localDeletionTime < times.firstExpiry) {
    times.firstExpiry = cell.localDeletionTime;
  }
}

/** Whether purging at nowInSec (with gcBefore) could change anything covered by `times`. */
export function mayPurge(times: PurgeTimes, nowInSec: number, gcBefore: number): boolean {
  return times.firstExpiry <= nowInSec || times.firstDeletionTime < gcBefore;
}
