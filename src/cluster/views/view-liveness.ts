import {
  EXPIRED_LIVENESS_TTL, isCellLive, isLivenessLive, NO_DELETION_TIME, type Cell, type LivenessInfo, type Row,
} from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';

/**
 * The liveness rules of a view row (ViewUpdateGenerator.computeLivenessInfoForEntry and
 * computeTimestampForEntryDeletion, CASSANDRA-11500): a view row lives as long as the base row would have
 * a live entry, its TTL and timestamps those of the base cells that decide it.
 */

/** Cassandra's LivenessInfo.NO_TIMESTAMP, the timestamp of an empty liveness. */
const NO_TIMESTAMP = -(2n ** 63n);

/** Every cell of a row, multi-cell columns' elements included, by column name. */
export function* rowCells(row: Row): Iterable<readonly [string, Cell]> {
  for (const entry of row.cells) yield entry;
  if (row.complex === undefined) return;
  for (const [name, column] of row.complex) for (const { cell } of column.cells) yield [name, cell];
}

/** The liveness of the view entry of `baseRow`, a base row with a live entry in the view. */
export function livenessForEntry(view: TableMetadata, baseRow: Row, nowInSec: number): LivenessInfo | null {
  const definition = view.view!;
  const baseLiveness = baseRow.liveness;
  const keyColumn = definition.baseNonKeyColumnInKey;
  if (keyColumn !== null) {
    const cell = baseRow.cells.get(keyColumn)!;
    return { timestamp: cell.timestamp, ttlSeconds: cell.ttlSeconds, localExpirationTime: cell.localDeletionTime };
  }
  if (definition.includeAllColumns) return baseLiveness;
  // Unselected columns keep the view row alive as they keep the base row alive.
  let timestamp = baseLiveness?.timestamp ?? NO_TIMESTAMP;
  let nonExpiringLive = false;
  let longestExpiring: Cell | null = null;
  for (const [name, cell] of rowCells(baseRow)) {
    if (view.columns.has(name) || !isCellLive(cell, nowInSec)) continue;
    if (cell.timestamp > timestamp) timestamp = cell.timestamp;
    if (cell.ttlSeconds === 0) nonExpiringLive = true;
    else if (longestExpiring === null || cell.localDeletionTime > longestExpiring.localDeletionTime) longestExpiring = cell;
  }
  const baseLive = baseLiveness !== null && isLivenessLive(baseLiveness, nowInSec);
  if ((baseLive && baseLiveness.ttlSeconds === 0) || nonExpiringLive) {
    return { timestamp, ttlSeconds: 0, localExpirationTime: NO_DELETION_TIME };
  }
  if (longestExpiring === null) return baseLiveness;
  if (!baseLive || longestExpiring.localDeletionTime > baseLiveness.localExpirationTime) {
    return { timestamp, ttlSeconds: longestExpiring.ttlSeconds, localExpirationTime: longestExpiring.localDeletionTime };
  }
  return baseLiveness;
}

/** The timestamp the deletion of the view entry of `existing` takes, now that the base row became `merged`. */
export function timestampForEntryDeletion(view: TableMetadata, existing: Row, merged: Row): bigint {
  const definition = view.view!;
  const deletedAt = merged.deletion?.markedForDeleteAt ?? NO_TIMESTAMP;
  const keyColumn = definition.baseNonKeyColumnInKey;
  if (keyColumn !== null) {
    const before = existing.cells.get(keyColumn)!;
    return before.timestamp <= deletedAt ? deletedAt : before.timestamp;
  }
  let timestamp = existing.liveness !== null && existing.liveness.timestamp > deletedAt ? existing.liveness.timestamp : deletedAt;
  if (definition.includeAllColumns) return timestamp;
  // Unselected columns count live or dead: they may have been what kept the entry alive.
  for (const [name, cell] of rowCells(existing)) {
    if (!view.columns.has(name) && cell.timestamp > timestamp) timestamp = cell.timestamp;
  }
  return timestamp;
}

/** LivenessInfo.withExpirationTime(timestamp, EXPIRED_LIVENESS_TTL, nowInSec): a liveness already dead. */
export function expiredLiveness(timestamp: bigint, nowInSec: number): LivenessInfo {
  return { timestamp, ttlSeconds: EXPIRED_LIVENESS_TTL, localExpirationTime: nowInSec };
}
