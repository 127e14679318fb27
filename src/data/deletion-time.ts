import type { DeletionTime } from './partition-update.js';

/**
 * Deletion rules of Cassandra's DeletionTime: a deletion shadows everything written at or before its
 * markedForDeleteAt, and of two deletions the later one wins (local deletion time breaks ties).
 */

export function deletionSupersedes(a: DeletionTime, b: DeletionTime): boolean {
  return a.markedForDeleteAt > b.markedForDeleteAt
    || (a.markedForDeleteAt === b.markedForDeleteAt && a.localDeletionTime > b.localDeletionTime);
}

/** The stronger of two optional deletions (null = live). */
export function maxDeletion(a: DeletionTime | null, b: DeletionTime | null): DeletionTime | null {
  if (a === null) return b;
  if (b === null) return a;
  return deletionSupersedes(b, a) ? b : a;
}

/** Whether data written at `timestamp` is shadowed by the deletion. */
export function deletes(deletion: DeletionTime | null, timestamp: bigint): boolean {
  return deletion !== null && timestamp <= deletion.markedForDeleteAt;
}
