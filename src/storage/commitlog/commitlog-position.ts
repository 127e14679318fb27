/**
 * A place in the commit log (Cassandra's CommitLogPosition): the segment's id and a byte offset in it.
 * The position of an entry is where it ends, as Cassandra's allocations report it: a table that flushed
 * up to position P holds every entry whose position is at most P, and none after.
 */
export interface CommitLogPosition {
  readonly segmentId: number;
  readonly position: number;
}

/** Before any entry of any segment (CommitLogPosition.NONE). */
export const NO_POSITION: CommitLogPosition = { segmentId: -1, position: 0 };

export function compareCommitLogPositions(a: CommitLogPosition, b: CommitLogPosition): number {
  return a.segmentId !== b.segmentId ? a.segmentId - b.segmentId : a.position - b.position;
}
