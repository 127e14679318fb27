import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { CommitLogReplayError, type CommitLogPosition } from '../commitlog/index.js';
import { syncPath } from '../sstable/index.js';

/**
 * A table's replay floor on disk (see TableTracker): `{"segmentId":N,"position":N}`. Without it a replay could
 * bring back what a TRUNCATE or a purging compaction removed, so a file that cannot be read stops the node
 * (commit_failure_policy stop) rather than being taken as no floor.
 */
export function readReplayFloor(path: string): CommitLogPosition | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  let floor: unknown;
  try {
    floor = JSON.parse(text);
  } catch (e) {
    throw new CommitLogReplayError(path, 0, `Unreadable replay position (${(e as Error).message})`);
  }
  if (!isPosition(floor)) throw new CommitLogReplayError(path, 0, `Unreadable replay position ${JSON.stringify(text.slice(0, 80))}`);
  return { segmentId: floor.segmentId, position: floor.position };
}

/** Replaces the floor: the new one is synced under a temporary name, then renamed over the old, the rename synced. */
export function writeReplayFloor(path: string, at: CommitLogPosition): void {
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, JSON.stringify({ segmentId: at.segmentId, position: at.position }));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  syncPath(dirname(path)).runSync();
}

function isPosition(value: unknown): value is CommitLogPosition {
  if (typeof value !== 'object' || value === null) return false;
  const { segmentId, position } = value as Record<string, unknown>;
  return Number.isSafeInteger(segmentId) && (segmentId as number) >= 0 && Number.isSafeInteger(position) && (position as number) >= 0;
}
