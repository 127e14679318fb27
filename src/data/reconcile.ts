import { mergeCounterContexts } from './counter-context.js';
import { NO_DELETION_TIME, type Cell, type LivenessInfo } from './partition-update.js';

/**
 * Last-write-wins reconciliation, following Cassandra 4.1 (Cells.resolveRegular, LivenessInfo.supersedes).
 * The result never depends on the clock, so every replica picks the same winner.
 */

/** The winner of two versions of one cell. Returns one of its arguments. */
export function reconcileCells(a: Cell, b: Cell): Cell {
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp ? a : b;

  const aExpiringOrTombstone = a.localDeletionTime !== NO_DELETION_TIME;
  const bExpiringOrTombstone = b.localDeletionTime !== NO_DELETION_TIME;
  if (aExpiringOrTombstone || bExpiringOrTombstone) {
    // On a timestamp tie a tombstone wins over a live cell; an expiring cell counts as a (future)
    // tombstone here so that the outcome is the same before and after it expires (CASSANDRA-14592).
    if (aExpiringOrTombstone !== bExpiringOrTombstone) return aExpiringOrTombstone ? a : b;
    // A pure tombstone still wins over an expiring cell.
    const aTombstone = a.value === null;
    const bTombstone = b.value === null;
    if (aTombstone !== bTombstone) return aTombstone ? a : b;
    // Both expiring or both tombstones: the later local deletion time, without looking at values.
    if (a.localDeletionTime !== b.localDeletionTime) return a.localDeletionTime > b.localDeletionTime ? a : b;
  }
  return compareCellValues(a.value, b.value) >= 0 ? a : b;
}

/**
 * The winner of two versions of a counter cell (Cells.resolveCounter): a tombstone wins over a live
 * counter whatever the timestamps, as deleting a counter is final; two live ones merge their shards,
 * keeping the later timestamp. Returns one of its arguments when it already is the result.
 */
export function reconcileCounterCells(a: Cell, b: Cell): Cell {
  if (a.value === null) return b.value !== null || a.timestamp > b.timestamp ? a : b;
  if (b.value === null) return b;
  const value = mergeCounterContexts(a.value, b.value);
  const timestamp = a.timestamp > b.timestamp ? a.timestamp : b.timestamp;
  if (value === a.value && timestamp === a.timestamp) return a;
  if (value === b.value && timestamp === b.timestamp) return b;
  return { value, timestamp, ttlSeconds: 0, localDeletionTime: NO_DELETION_TIME };
}

/** Unsigned byte order of values, a tombstone's value being empty. */
function compareCellValues(a: Buffer | null, b: Buffer | null): number {
  if (a === null) return b === null || b.length === 0 ? 0 : -1;
  if (b === null) return a.length === 0 ? 0 : 1;
  return Buffer.compare(a, b);
}

/** LivenessInfo.EXPIRED_LIVENESS_TTL: the TTL of a liveness dead from the start (materialized views write it). */
export const EXPIRED_LIVENESS_TTL = 2147483647;

/** Whether row liveness `a` wins over `b`: later timestamp; on a tie expired, then expiring wins, then later expiry. */
export function livenessSupersedes(a: LivenessInfo, b: LivenessInfo): boolean {
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  // The expired liveness a view entry's deletion carries wins the tie (LivenessInfo.isExpired).
  const aExpired = a.ttlSeconds === EXPIRED_LIVENESS_TTL;
  if (aExpired !== (b.ttlSeconds === EXPIRED_LIVENESS_TTL)) return aExpired;
  const aExpiring = a.ttlSeconds !== 0;
  const bExpiring = b.ttlSeconds !== 0;
  if (aExpiring === bExpiring) return a.localExpirationTime > b.localExpirationTime;
  return aExpiring;
}

export function reconcileLiveness(a: LivenessInfo | null, b: LivenessInfo | null): LivenessInfo | null {
  if (a === null) return b;
  if (b === null) return a;
  return livenessSupersedes(b, a) ? b : a;
}
