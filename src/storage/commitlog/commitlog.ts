import type { Clock } from '../../common/clock.js';
import { invariant } from '../../common/invariant.js';
import { scheduleWithFixedDelay, type Cancellable, type Scheduler } from '../../common/scheduler.js';
import { encodeTableCount, encodeTableId, ENTRY_FRAME_BYTES } from './commitlog-entry.js';
import { MutationTooLargeError } from './commitlog-errors.js';
import { NODE_FILE_SYSTEM, type CommitLogFileSystem } from './commitlog-file-system.js';
import { compareCommitLogPositions, type CommitLogPosition } from './commitlog-position.js';
import { replayCommitLog, type CommitLogLogger, type ReplayHandler, type ReplaySummary } from './commitlog-replayer.js';
import { CommitLogSegment } from './commitlog-segment.js';

/** Room for a header and a few entries: tests use small segments to roll over often. */
const MIN_SEGMENT_BYTES = 4096;

/** commitlog_sync: fsync every period, or before every append returns. */
export type CommitLogSync = 'periodic' | 'batch';

export interface CommitLogOptions {
  readonly dir: string;
  /** commitlog_segment_size (32 MiB by default); a mutation may take at most half of it (max_mutation_size). */
  readonly segmentSizeBytes: number;
  readonly sync: CommitLogSync;
  /** commitlog_sync_period (10 s by default): how often 'periodic' mode fsyncs. */
  readonly syncPeriodMs: number;
  /** Written in every segment's header and checked at replay: a folder of another node is refused. */
  readonly identity: string;
  /**
   * commitlog_total_space: when the segments kept take more, the tables dirty in the oldest ones are handed
   * to `flushToReclaim` so that those segments can go. Unbounded when either is left out.
   */
  readonly totalSpaceBytes?: number;
  /** Flushes the tables (by id in hex) so that the segments holding their entries can be deleted. */
  readonly flushToReclaim?: (tableIds: ReadonlySet<string>) => void;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: CommitLogLogger;
  readonly fileSystem?: CommitLogFileSystem;
}

/** The appendSynced() calls that one fdatasync covers: they share its promise. */
interface SyncGroup {
  readonly synced: Promise<void>;
  settle(error: Error | null): void;
}

function newSyncGroup(): SyncGroup {
  let settle!: (error: Error | null) => void;
  const synced = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === null ? resolve() : reject(error));
  });
  return { synced, settle };
}

/**
 * One node's commit log (CommitLog): every mutation is appended before it is applied. An append returns
 * once its bytes are with the operating system (a positioned write, nothing buffered here), so killing
 * the process loses nothing acknowledged; 'periodic' fsyncs every `syncPeriodMs`, so a machine crash
 * loses at most that much; 'batch' fsyncs before a write is acknowledged: append() before it returns,
 * appendSynced() in a group sync shared by every write made meanwhile. Segments are deleted once every
 * table written in them has flushed past them.
 */
export class CommitLog {
  private readonly fileSystem: CommitLogFileSystem;
  private readonly segments: CommitLogSegment[];
  private active: CommitLogSegment;
  private nextSegmentId: number;
  private readonly syncTask: Cancellable | undefined;
  private readonly tableIdBlocks = new Map<string, Buffer>();
  private closed = false;
  /** The appendSynced() calls waiting for the next group sync, and its start on the next turn (if scheduled). */
  private nextGroup: SyncGroup | undefined;
  private groupStart: Cancellable | undefined;
  /** A group sync runs on the thread pool: the next group starts when it ends. */
  private groupSyncing = false;
  readonly maxMutationSizeBytes: number;

  private constructor(private readonly options: CommitLogOptions, readonly recovery: ReplaySummary) {
    this.fileSystem = options.fileSystem ?? NODE_FILE_SYSTEM;
    this.maxMutationSizeBytes = Math.floor(options.segmentSizeBytes / 2);
    // Ids go on from the clock, and always above what is on disk, so they increase across restarts even
    // when the clock is a virtual one started again at the same instant.
    this.nextSegmentId = Math.max(Math.floor(options.clock.nowMs()), recovery.highestSegmentId + 1);
    this.segments = recovery.segments.map((s) => CommitLogSegment.recovered(this.fileSystem, s.segmentId, s.path, s.sizeBytes, s.dirty));
    this.active = this.newSegment();
    // Segments whose every entry was already flushed wait for nothing.
    for (const segment of [...this.segments]) if (segment !== this.active && segment.dirty.size === 0) this.remove(segment);
    this.syncTask = options.sync === 'periodic' ? scheduleWithFixedDelay(options.scheduler, options.syncPeriodMs, () => this.sync()) : undefined;
  }

  /**
   * Replays the segments in `options.dir` through `handler` (see replayCommitLog), then opens a new
   * segment for appends. Replayed segments stay until their tables flush past them.
   */
  static open(options: CommitLogOptions, handler: ReplayHandler): CommitLog {
    invariant(options.segmentSizeBytes >= MIN_SEGMENT_BYTES, `commit log segments of at least ${MIN_SEGMENT_BYTES} bytes`);
    invariant(options.sync === 'batch' || options.syncPeriodMs > 0, 'a periodic commit log syncs every so many milliseconds');
    const fileSystem = options.fileSystem ?? NODE_FILE_SYSTEM;
    fileSystem.makeDirectory(options.dir);
    const recovery = replayCommitLog({ dir: options.dir, identity: options.identity, fileSystem, logger: options.logger }, handler);
    return new CommitLog(options, recovery);
  }

  /**
   * Appends one serialized mutation touching `tableIds`; returns its position (where it ends), once the
   * bytes are with the operating system and, in 'batch' mode, fsynced. Throws MutationTooLargeError,
   * before writing anything, for an entry over max_mutation_size.
   */
  append(entry: Buffer, tableIds: readonly string[]): CommitLogPosition {
    const position = this.write(entry, tableIds);
    if (this.options.sync === 'batch') this.active.sync();
    return position;
  }

  /**
   * Writes the entry like append(), without an fsync of its own: the promise resolves once an fdatasync
   * that covers it has run, and rejects with that fdatasync's error. This is batch mode's group commit
   * (Cassandra's commitlog_sync group), for callers that acknowledge asynchronously: the sync starts on the
   * next turn of the event loop and runs on the thread pool, and every entry written before it starts
   * shares it, and the same promise; entries written while it runs share the next one. Either mode.
   * Refuses an entry as append() does, by throwing before it returns a promise.
   */
  appendSynced(entry: Buffer, tableIds: readonly string[]): Promise<void> {
    this.write(entry, tableIds);
    let group = this.nextGroup;
    if (group === undefined) {
      group = newSyncGroup();
      this.nextGroup = group;
      if (!this.groupSyncing) this.groupStart = this.options.scheduler.schedule(0, () => this.startGroupSync());
    }
    return group.synced;
  }

  /** Whether appendSynced() entries wait for a group sync (one runs on the thread pool, or is about to start). */
  get syncPending(): boolean {
    return this.groupSyncing || this.nextGroup !== undefined;
  }

  /** Where the next entry will start: a memtable switched now holds exactly the entries up to here. */
  currentPosition(): CommitLogPosition {
    return { segmentId: this.active.segmentId, position: this.active.sizeBytes };
  }

  /** fsyncs what was written since the last sync (the periodic task; close() syncs too). */
  sync(): void {
    if (!this.closed) this.active.sync();
  }

  /**
   * The table flushed every entry up to `upTo` to SSTables: it is no longer dirty in the segments before
   * that, and a segment no table is dirty in any more is deleted, unless it is the active one.
   */
  discardCompletedSegments(tableId: string, upTo: CommitLogPosition): void {
    for (const segment of [...this.segments]) {
      if (segment.segmentId > upTo.segmentId) break;
      const last = segment.dirty.get(tableId);
      if (last !== undefined && compareCommitLogPositions({ segmentId: segment.segmentId, position: last }, upTo) <= 0) segment.dirty.delete(tableId);
      if (segment !== this.active && segment.dirty.size === 0) this.remove(segment);
    }
  }

  /** The segments kept, oldest first, with the tables still dirty in each (for tools and tests). */
  segmentInfo(): { segmentId: number; path: string; sizeBytes: number; dirtyTables: string[] }[] {
    return this.segments.map((s) => ({ segmentId: s.segmentId, path: s.path, sizeBytes: s.sizeBytes, dirtyTables: [...s.dirty.keys()] }));
  }

  /**
   * Syncs and closes every file; the segments stay on disk and are replayed at the next start. The writes
   * waiting for a group sync are synced by it (or fail with its error).
   */
  close(): void {
    if (this.closed) return;
    this.syncTask?.cancel();
    this.groupStart?.cancel();
    const waiting = this.nextGroup;
    this.nextGroup = undefined;
    try {
      for (const segment of this.segments) segment.close();
    } catch (e) {
      waiting?.settle(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
    this.closed = true;
    waiting?.settle(null);
  }

  /**
   * Clean shutdown after every table has flushed (nodetool drain): nothing is left to replay, so every
   * segment is deleted but the active one, which is emptied to its header and kept so that segment ids
   * still go on from it at the next start.
   */
  drain(): void {
    if (this.closed) return;
    for (const segment of [...this.segments]) if (segment !== this.active) this.remove(segment);
    this.active.truncateToHeader();
    this.close();
  }

  /**
   * Syncs what the waiting group wrote, on the thread pool. Only the active segment can hold unsynced
   * entries: a segment is synced when the next one takes over.
   */
  private startGroupSync(): void {
    this.groupStart = undefined;
    const group = this.nextGroup;
    if (group === undefined) return;
    this.nextGroup = undefined;
    this.groupSyncing = true;
    this.active.syncInBackground((error) => {
      this.groupSyncing = false;
      group.settle(error);
      // The writes made while it ran have waited long enough: their sync starts at once.
      if (this.nextGroup !== undefined && !this.closed) this.startGroupSync();
    });
  }

  private write(entry: Buffer, tableIds: readonly string[]): CommitLogPosition {
    if (this.closed) throw new Error('commit log is closed');
    // An entry for no table would be skipped by every replay and hold no segment back.
    invariant(tableIds.length > 0, 'a commit log entry names the tables it writes to');
    const tables = this.tableBlocks(tableIds);
    let frameBytes = entry.length + ENTRY_FRAME_BYTES;
    for (const block of tables) frameBytes += block.length;
    if (frameBytes > this.maxMutationSizeBytes) throw new MutationTooLargeError(frameBytes, this.maxMutationSizeBytes);
    if (this.active.sizeBytes + frameBytes > this.options.segmentSizeBytes) this.advanceSegment();
    return { segmentId: this.active.segmentId, position: this.active.append(tables, entry, tableIds) };
  }

  private newSegment(): CommitLogSegment {
    const segment = CommitLogSegment.create(this.fileSystem, this.options.dir, this.nextSegmentId++, this.options.identity);
    this.segments.push(segment);
    return segment;
  }

  /** The active segment is full: it is synced and closed (whatever the mode) and a new one takes over. */
  private advanceSegment(): void {
    const full = this.active;
    full.close();
    this.active = this.newSegment();
    if (full.dirty.size === 0) this.remove(full);
    this.maybeFlushToReclaim();
  }

  /**
   * Past commitlog_total_space, the tables dirty in the oldest segments (as many as it takes to come back
   * under it) are asked to flush, as AbstractCommitLogSegmentManager.maybeFlushToReclaim does. Asked on the
   * next turn: the write that made the segment roll over is not applied to its memtable yet, and a flush
   * now would mark its entry flushed without it.
   */
  private maybeFlushToReclaim(): void {
    const { totalSpaceBytes, flushToReclaim } = this.options;
    if (totalSpaceBytes === undefined || flushToReclaim === undefined) return;
    // The active segment counts whole, as Cassandra's segments take their full size on disk from the start.
    let excessBytes = this.options.segmentSizeBytes - totalSpaceBytes;
    for (const segment of this.segments) if (segment !== this.active) excessBytes += segment.sizeBytes;
    const tableIds = new Set<string>();
    for (const segment of this.segments) {
      if (excessBytes <= 0 || segment === this.active) break;
      for (const id of segment.dirty.keys()) tableIds.add(id);
      excessBytes -= segment.sizeBytes;
    }
    if (tableIds.size === 0) return;
    this.options.scheduler.schedule(0, () => {
      if (!this.closed) flushToReclaim(tableIds);
    });
  }

  private remove(segment: CommitLogSegment): void {
    segment.delete();
    this.segments.splice(this.segments.indexOf(segment), 1);
  }

  /** The table list of an entry's payload, from blocks encoded once per table id. */
  private tableBlocks(tableIds: readonly string[]): Buffer[] {
    const blocks = [encodeTableCount(tableIds.length)];
    for (const id of tableIds) {
      let block = this.tableIdBlocks.get(id);
      if (block === undefined) {
        block = encodeTableId(id);
        this.tableIdBlocks.set(id, block);
      }
      blocks.push(block);
    }
    return blocks;
  }
}
