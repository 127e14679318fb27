import type { TableMetadata } from '../schema/index.js';
import { clusteringComparatorFor } from './clustering-comparator.js';
import { deletes, maxDeletion } from './deletion-time.js';
import { isCellLive, isLivenessLive, isRowLive } from './liveness.js';
import type { Cell, DeletionTime, Row } from './partition-update.js';
import type { UnfilteredPartition } from './unfiltered-partition.js';

/** What a replica's read went through, as Cassandra's ReadCommand metrics count it. */
export interface ScanCounts {
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
 * the read drops first). Counting stops once it passes `failureThreshold`.
 */
export function countScanned(partitions: readonly UnfilteredPartition[], nowInSec: number, failureThreshold: number): ScanCounts {
  const counts: ScanCounts = { liveRows: 0, tombstones: 0, aborted: false, lastToken: null };
  for (const p of partitions) {
    counts.lastToken = p.token;
    if (!countPartition(p, nowInSec, failureThreshold, counts)) {
      counts.aborted = true;
      break;
    }
  }
  return counts;
}

/** False once the failure threshold is passed. */
function countPartition(p: UnfilteredPartition, nowInSec: number, failureThreshold: number, counts: ScanCounts): boolean {
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
  if (p.staticRow !== null && !countRow(p.staticRow, partitionDeletion, nowInSec, gcBefore, table, failureThreshold, counts)) return false;
  for (const row of p.rows) {
    let outer = partitionDeletion;
    for (const rt of tombstones) {
      if (comparator!.contains(rt.positions, row.clustering)) outer = maxDeletion(outer, rt.deletion);
    }
    if (!countRow(row, outer, nowInSec, gcBefore, table, failureThreshold, counts)) return false;
  }
  return true;
}

function countRow(
  row: Row, outer: DeletionTime | null, nowInSec: number, gcBefore: number, table: TableMetadata,
  failureThreshold: number, counts: ScanCounts,
): boolean {
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
  if (isRowLive(row, outer, nowInSec, table)) {
    counts.liveRows++;
  } else if (deadCells === 0 && (rowDeletion !== null || complexDeletion || expiredLiveness(row, active, nowInSec, gcBefore))) {
    // A row deletion (or an expired row marker) counts once, unless the row's dead cells already did.
    counts.tombstones++;
  }
  return counts.tombstones <= failureThreshold;
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
