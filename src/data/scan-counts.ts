import type { TableMetadata } from '../schema/index.js';
import { clusteringComparatorFor } from './clustering-comparator.js';
import { deletes, maxDeletion } from './deletion-time.js';
import { isCellLive, isLivenessLive, isRowLive } from './liveness.js';
import type { Cell, DeletionTime, Row } from './partition-update.js';
import type { UnfilteredPartition } from './unfiltered-partition.js';

/** What a replica's read went through, as Cassandra's ReadCommand metrics count it. */
export interface ScanCounts {
  /** Counted only when asked for (traces and warnings print it; thresholds need only the tombstones). */
  liveRows: number;
  tombstones: number;
  /** Whether the count passed `failureThreshold`: the scan stopped there (TombstoneOverwhelmingException). */
  aborted: boolean;
  /** The token of the last partition scanned, which the tombstone warning names. */
  lastToken: bigint | null;
}

/**
 * Counts live rows and tombstones the way ReadCommand's MetricRecording does over what a replica read:
 * every dead cell (deleted or expired) of a row counts, a row deleted as a whole counts once when none of
 * its cells did, each range tombstone counts its two bounds; the partition deletion does not count, and
 * neither does anything shadowed (the merge removes it) or purgeable (older than gc_grace_seconds, which
 * the read drops first). Counting stops once it passes `failureThreshold`. Live rows are counted only with
 * `countLive`: a row of live cells then costs a look at each cell and nothing more.
 */
export function countScanned(
  partitions: readonly UnfilteredPartition[], nowInSec: number, failureThreshold: number, countLive: boolean,
): ScanCounts {
  const counts: ScanCounts = { liveRows: 0, tombstones: 0, aborted: false, lastToken: null };
  for (const p of partitions) {
    counts.lastToken = p.token;
    if (!countPartition(p, nowInSec, failureThreshold, countLive, counts)) {
      counts.aborted = true;
      break;
    }
  }
  return counts;
}

/** False once the failure threshold is passed. */
function countPartition(
  p: UnfilteredPartition, nowInSec: number, failureThreshold: number, countLive: boolean, counts: ScanCounts,
): boolean {
  const table = p.table;
  const gcBefore = nowInSec - table.options.gcGraceSeconds;
  const partitionDeletion = purgeable(p.partitionDeletion, gcBefore) ? null : p.partitionDeletion;
  const comparator = p.rangeTombstones.length === 0 ? null : clusteringComparatorFor(table);
  const tombstones = comparator === null ? [] : p.rangeTombstones
    .filter((rt) => !purgeable(rt.deletion, gcBefore) && !deletes(partitionDeletion, rt.deletion.markedForDeleteAt))
    .map((rt) => ({ positions: comparator.positionsOf(rt.slice), deletion: rt.deletion }));
  for (let i = 0; i < tombstones.length; i++) {
    counts.tombstones += 2;
    if (counts.tombstones > failureThreshold) return false;
  }
  const scan: RowScan = { nowInSec, gcBefore, table, countLive, counts };
  if (p.staticRow !== null) countRow(p.staticRow, partitionDeletion, scan);
  if (counts.tombstones > failureThreshold) return false;
  for (const row of p.rows) {
    let outer = partitionDeletion;
    for (const rt of tombstones) {
      if (comparator!.contains(rt.positions, row.clustering)) outer = maxDeletion(outer, rt.deletion);
    }
    countRow(row, outer, scan);
    if (counts.tombstones > failureThreshold) return false;
  }
  return true;
}

interface RowScan {
  readonly nowInSec: number;
  readonly gcBefore: number;
  readonly table: TableMetadata;
  readonly countLive: boolean;
  readonly counts: ScanCounts;
}

function countRow(row: Row, outer: DeletionTime | null, scan: RowScan): void {
  const { nowInSec, gcBefore, counts } = scan;
  const rowDeletion = row.deletion !== null && !purgeable(row.deletion, gcBefore) && !deletes(outer, row.deletion.markedForDeleteAt)
    ? row.deletion
    : null;
  const active = maxDeletion(outer, rowDeletion);
  let deadCells = 0;
  for (const cell of row.cells.values()) if (isDeadCell(cell, active, nowInSec, gcBefore)) deadCells++;
  let complexDeletion = false;
  if (row.complex !== undefined) {
    for (const column of row.complex.values()) {
      const own = column.deletion !== null && !purgeable(column.deletion, gcBefore) && !deletes(active, column.deletion.markedForDeleteAt);
      if (own) complexDeletion = true;
      const columnActive = own ? maxDeletion(active, column.deletion) : active;
      for (const { cell } of column.cells) if (isDeadCell(cell, columnActive, nowInSec, gcBefore)) deadCells++;
    }
  }
  counts.tombstones += deadCells;
  // A row deletion (or an expired row marker) counts once when the row is dead and no dead cell counted.
  const deletedRow = deadCells === 0 && (rowDeletion !== null || complexDeletion || expiredLiveness(row, active, nowInSec, gcBefore));
  if (!scan.countLive && !deletedRow) return;
  if (isRowLive(row, outer, nowInSec, scan.table)) counts.liveRows++;
  else if (deletedRow) counts.tombstones++;
}

/** A cell the read returns dead: a tombstone or an expired cell, neither shadowed nor purgeable. */
function isDeadCell(cell: Cell, active: DeletionTime | null, nowInSec: number, gcBefore: number): boolean {
  return !isCellLive(cell, nowInSec) && !deletes(active, cell.timestamp) && cell.localDeletionTime >= gcBefore;
}

function expiredLiveness(row: Row, active: DeletionTime | null, nowInSec: number, gcBefore: number): boolean {
  const liveness = row.liveness;
  return liveness !== null && !isLivenessLive(liveness, nowInSec) && !deletes(active, liveness.timestamp)
    && liveness.localExpirationTime >= gcBefore;
}

function purgeable(deletion: DeletionTime | null, gcBefore: number): boolean {
  return deletion !== null && deletion.localDeletionTime < gcBefore;
}
