import { join } from 'node:path';
import { COMMITLOG_FORMAT_VERSION, decodeSegmentHeader, parseSegmentFileName, type SegmentHeader } from './commitlog-descriptor.js';
import { CommitLogReplayError } from './commitlog-errors.js';
import type { CommitLogFileSystem } from './commitlog-file-system.js';
import { compareCommitLogPositions, type CommitLogPosition } from './commitlog-position.js';
import { readSegmentEntries, type SegmentDamage } from './commitlog-segment-reader.js';

/** Where the commit log reports what it tolerated (a torn tail): a subset of the cluster's Logger. */
export interface CommitLogLogger {
  warn(fields: object, message: string): void;
}

/** What the caller knows at start: how far each table's SSTables reach, and which tables still exist. */
export interface ReplayHandler {
  /** Per table id, the position its SSTables cover: entries at or before it are skipped for that table. */
  readonly flushedUpTo?: ReadonlyMap<string, CommitLogPosition>;
  /** When given, entries for other tables are skipped (tables dropped since they were written). */
  readonly knownTables?: ReadonlySet<string>;
  /**
   * An entry to apply again, for the tables listed (those of its tables not yet flushed past it). `entry`
   * is a view of the segment's bytes as read: copy it to keep it beyond the call.
   */
  onEntry(entry: Buffer, position: CommitLogPosition, tableIds: readonly string[]): void;
}

export interface ReplayedSegment {
  readonly segmentId: number;
  readonly path: string;
  /** The file's size as found (what it takes of commitlog_total_space). */
  readonly sizeBytes: number;
  /** Per table id, the position of its last entry still to be flushed (the segment's dirty tables). */
  readonly dirty: Map<string, number>;
}

export interface ReplaySummary {
  readonly segments: readonly ReplayedSegment[];
  /** The highest segment id found on disk, torn segments included (-1 when none): new ids go above it. */
  readonly highestSegmentId: number;
  readonly replayedCount: number;
  readonly skippedCount: number;
  readonly bytesRead: number;
}

export interface ReplayOptions {
  readonly dir: string;
  readonly identity: string;
  readonly fileSystem: CommitLogFileSystem;
  readonly logger: CommitLogLogger;
}

/**
 * Reads every segment of `dir` in id order and hands the entries still to apply to `handler`
 * (CommitLogReplayer). A torn tail of the last segment (a crash mid-write) is cut off with a warning,
 * so later replays find a clean segment; any other damage stops the replay with CommitLogReplayError.
 */
export function replayCommitLog(options: ReplayOptions, handler: ReplayHandler): ReplaySummary {
  const files = listSegments(options);
  const segments: ReplayedSegment[] = [];
  let replayedCount = 0;
  let skippedCount = 0;
  let bytesRead = 0;
  for (const [index, { name, segmentId }] of files.entries()) {
    const path = join(options.dir, name);
    const isLast = index === files.length - 1;
    const bytes = options.fileSystem.readFile(path);
    bytesRead += bytes.length;
    const header = checkHeader(options, path, segmentId, bytes, isLast);
    if (header === undefined) continue;
    const dirty = new Map<string, number>();
    let entryStart = header.sizeBytes;
    const damage = readSegmentEntries(bytes, header.sizeBytes, (entry, tableIds, end) => {
      const position = { segmentId, position: end };
      const start = entryStart;
      entryStart = end;
      const toReplay = tableIds.filter((id) => shouldReplay(handler, id, position));
      if (toReplay.length === 0) {
        skippedCount++;
        return;
      }
      for (const id of toReplay) dirty.set(id, end);
      replayedCount++;
      applyEntry(handler, entry, position, toReplay, path, start);
    });
    if (damage !== undefined) handleDamage(options, path, damage, isLast, bytes.length);
    segments.push({ segmentId, path, sizeBytes: bytes.length, dirty });
  }
  const highestSegmentId = files.at(-1)?.segmentId ?? -1;
  return { segments, highestSegmentId, replayedCount, skippedCount, bytesRead };
}

/**
 * Hands an entry to the handler. An entry whose checksum matched but which the handler cannot decode (a newer
 * serialization version, bytes that do not decode) stops the replay like damage does, naming where it is.
 */
function applyEntry(handler: ReplayHandler, entry: Buffer, position: CommitLogPosition, tableIds: readonly string[], path: string, offset: number): void {
  try {
    handler.onEntry(entry, position, tableIds);
  } catch (e) {
    if (e instanceof CommitLogReplayError || !(e instanceof Error)) throw e;
    throw new CommitLogReplayError(path, offset, `Unexpected error deserializing mutation (${e.message})`, { cause: e });
  }
}

function shouldReplay(handler: ReplayHandler, tableId: string, position: CommitLogPosition): boolean {
  if (handler.knownTables !== undefined && !handler.knownTables.has(tableId)) return false;
  const flushed = handler.flushedUpTo?.get(tableId);
  return flushed === undefined || compareCommitLogPositions(position, flushed) > 0;
}

/** The segments of `dir` by id, refusing a segment of a newer format than this one reads. */
function listSegments(options: ReplayOptions): { name: string; segmentId: number }[] {
  const found: { name: string; segmentId: number }[] = [];
  for (const name of options.fileSystem.list(options.dir)) {
    const parsed = parseSegmentFileName(name);
    if (parsed === undefined) continue;
    if (parsed.version > COMMITLOG_FORMAT_VERSION) throw newerFormat(join(options.dir, name), parsed.version);
    found.push({ name, segmentId: parsed.segmentId });
  }
  return found.sort((a, b) => a.segmentId - b.segmentId);
}

function newerFormat(path: string, version: number): CommitLogReplayError {
  return new CommitLogReplayError(path, 0, `Commit log segment of format version ${version}, newer than the ${COMMITLOG_FORMAT_VERSION} this version reads`);
}

/**
 * The segment's header, checked against its name and this node's identity; undefined for a last segment
 * whose header itself was torn (created just before a crash), which is removed.
 */
function checkHeader(options: ReplayOptions, path: string, segmentId: number, bytes: Buffer, isLast: boolean): SegmentHeader | undefined {
  const header = decodeSegmentHeader(bytes);
  if ('damage' in header) {
    if (!isLast) throw new CommitLogReplayError(path, 0, header.damage);
    options.logger.warn({ file: path, reason: header.damage }, `Removing commit log segment ${path} whose header was never completely written (${header.damage})`);
    options.fileSystem.remove(path);
    return undefined;
  }
  if (header.version > COMMITLOG_FORMAT_VERSION) throw newerFormat(path, header.version);
  if (header.segmentId !== segmentId) throw new CommitLogReplayError(path, 8, `Segment id ${header.segmentId} in the header differs from the file name's`);
  if (header.identity !== options.identity) {
    throw new CommitLogReplayError(path, 18, `Commit log segment written by '${header.identity}', not by this node ('${options.identity}'): a data folder of another cluster or node`);
  }
  return header;
}

function handleDamage(options: ReplayOptions, path: string, damage: SegmentDamage, isLast: boolean, fileBytes: number): void {
  if (!isLast || !damage.tornTail) throw new CommitLogReplayError(path, damage.offset, damage.reason);
  options.logger.warn(
    { file: path, offset: damage.offset, droppedBytes: fileBytes - damage.offset, reason: damage.reason },
    `Dropped a torn entry at the end of commit log segment ${path} (offset ${damage.offset}, ${fileBytes - damage.offset} bytes: ${damage.reason}); probably written when the process stopped`,
  );
  const fd = options.fileSystem.openExisting(path);
  try {
    options.fileSystem.truncate(fd, damage.offset);
    options.fileSystem.fsync(fd);
  } finally {
    options.fileSystem.close(fd);
  }
}
