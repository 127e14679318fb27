import {
  closeSync, existsSync, fdatasync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writevSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { checkFrame, ENTRY_FRAME_BYTES } from '../commitlog/commitlog-entry.js';
import { syncPath } from '../sstable/index.js';

/**
 * A small append-only file of records, each framed as a commit log entry (length ‖ CRC of the length ‖
 * payload ‖ CRC of the payload, see commitlog/FORMAT.md), the first record being a header that names what
 * the file holds. What a node keeps besides its tables goes there: hints, Paxos state, the batchlog,
 * truncation records. A record is with the operating system when append() returns (a kill -9 loses
 * nothing), and on disk too when the log fsyncs each append.
 */
export interface RecordLogOptions {
  readonly path: string;
  /** The first record: a file whose header differs is refused. */
  readonly header: Buffer;
  /**
   * Batch mode: fsync before append() returns. Otherwise sync() (periodic) and close() do; appendSynced()
   * syncs in a group either way.
   */
  readonly fsyncEachAppend: boolean;
  /**
   * Batch mode for an owner that answers once its record is on disk: append() joins a group sync, as
   * appendSynced() does, and the answer waits for synced().
   */
  readonly groupSync?: boolean;
  readonly logger: { warn(fields: object, message: string): void };
}

/** A record log whose content cannot be trusted: damage before its end, or a header of another kind of file. */
export class RecordLogCorruptError extends Error {
  override readonly name = 'RecordLogCorruptError';
  constructor(readonly file: string, readonly offset: number, reason: string) {
    super(`${reason} at offset ${offset} of ${file}`);
  }
}

/** The appendSynced() calls that one fdatasync covers: they share its promise. */
interface SyncGroup {
  readonly synced: Promise<void>;
  settle(error: Error | null): void;
}

export class RecordLog {
  /**
   * null once closed: a descriptor number is reused by the next file the process opens, so a log used
   * after its close must fail rather than write to, or close, somebody else's file.
   */
  private fd: number | null;
  private size: number;
  private unsynced = false;
  /** Records in the file after its header. */
  private count: number;
  /** The appendSynced() calls waiting for the next group sync; one runs at a time, on the thread pool. */
  private nextGroup: SyncGroup | undefined;
  private syncing = false;
  /** The group sync the latest appendSynced() record waits for, until it settles. */
  private latestSync: Promise<void> | undefined;
  /** Descriptors given up (rewrite, close, delete) while a group sync ran: closed once it is back. */
  private readonly closeAfterSync: number[] = [];

  private constructor(private readonly options: RecordLogOptions, fd: number, sizeBytes: number, recordCount: number) {
    this.fd = fd;
    this.size = sizeBytes;
    this.count = recordCount;
  }

  /**
   * Opens the log at `options.path`, created with its header if missing, and returns the records after the
   * header (views into one buffer). A torn last record (a crash mid-append) is cut off with a warning.
   */
  static open(options: RecordLogOptions): { log: RecordLog; records: Buffer[] } {
    mkdirSync(dirname(options.path), { recursive: true });
    if (!existsSync(options.path)) return { log: RecordLog.create(options, []), records: [] };
    const { records, validBytes } = readRecords(options);
    const fd = openSync(options.path, 'r+');
    const log = new RecordLog(options, fd, validBytes, records.length);
    if (validBytes === 0) {
      log.append(options.header);
      log.count = 0;
    }
    return { log, records };
  }

  /** The names of the files in `folder` (created if missing): for an owner keeping several logs there. */
  static list(folder: string): string[] {
    mkdirSync(folder, { recursive: true });
    return readdirSync(folder);
  }

  /** Deletes a file of `folder` that is no log of its owner's (left by a crash mid-rewrite, or no longer wanted). */
  static remove(path: string): void {
    unlinkSync(path);
  }

  /** Creates (or replaces) the file at `options.path` holding exactly `records`, synced, through a temporary name. */
  private static create(options: RecordLogOptions, records: readonly Buffer[]): RecordLog {
    const temporary = `${options.path}.tmp`;
    const fd = openSync(temporary, 'w');
    const frames = [options.header, ...records].flatMap(frame);
    const size = frames.reduce((n, b) => n + b.length, 0);
    writeAll(fd, frames, 0);
    fsyncSync(fd);
    renameSync(temporary, options.path);
    syncPath(dirname(options.path)).runSync();
    return new RecordLog(options, fd, size, records.length);
  }

  get sizeBytes(): number {
    return this.size;
  }

  /**
   * Whether the file holds more than `floor` records and four times as many as its owner still needs (`live`):
   * time to rewrite it with those alone, so that an append-only file does not grow for ever.
   */
  outgrows(live: number, floor: number): boolean {
    return this.count > floor && this.count > 4 * live;
  }

  append(payload: Buffer): void {
    if (this.options.groupSync === true) {
      void this.appendSynced(payload);
      return;
    }
    const fd = this.write(payload);
    if (this.options.fsyncEachAppend) fsyncSync(fd);
    else this.unsynced = true;
  }

  /**
   * Appends without an fsync of its own: the promise resolves once an fdatasync on the thread pool covers the
   * record (rejects with its error). One starts at once when none runs; the records appended while it runs
   * share the next one, and its promise, started as it ends: batch mode's group commit, for an owner that
   * answers once its record is on disk.
   */
  appendSynced(payload: Buffer): Promise<void> {
    this.write(payload);
    this.unsynced = true;
    let group = this.nextGroup;
    if (group === undefined) {
      let settle!: (error: Error | null) => void;
      const synced = new Promise<void>((resolve, reject) => {
        settle = (error) => {
          if (this.latestSync === synced) this.latestSync = undefined;
          if (error === null) resolve();
          else reject(error);
        };
      });
      // Owners that answer nobody may leave it: its failure reaches those that wait.
      synced.catch(() => {});
      group = { synced, settle };
      this.nextGroup = group;
      this.latestSync = synced;
      if (!this.syncing) this.startGroupSync();
    }
    return group.synced;
  }

  /** What an answer that must follow every appendSynced() record so far waits for; nothing once they are synced. */
  synced(): Promise<void> | undefined {
    return this.latestSync;
  }

  private write(payload: Buffer): number {
    const fd = this.openFd();
    const frames = frame(payload);
    writeAll(fd, frames, this.size);
    this.size += frames[0]!.length + frames[1]!.length + frames[2]!.length;
    this.count++;
    return fd;
  }

  private startGroupSync(): void {
    const group = this.nextGroup!;
    this.nextGroup = undefined;
    this.syncing = true;
    fdatasync(this.openFd(), (error) => {
      this.syncing = false;
      for (const fd of this.closeAfterSync.splice(0)) closeSync(fd);
      group.settle(error);
      if (this.nextGroup !== undefined && this.fd !== null) this.startGroupSync();
    });
  }

  /**
   * Gives up the descriptor: closed now, or once the group sync running on it is back (closed under it, its
   * number could go to another file first).
   */
  private releaseFd(): void {
    const fd = this.openFd();
    this.fd = null;
    if (this.syncing) this.closeAfterSync.push(fd);
    else closeSync(fd);
  }

  /** Settles the records waiting for the next group sync: synced some other way (or failing with `error`). */
  private settleWaiting(error: Error | null): void {
    this.nextGroup?.settle(error);
    this.nextGroup = undefined;
  }

  /** Replaces the content with `records` (compaction of the log): the old file or the new one, never half. */
  rewrite(records: readonly Buffer[]): RecordLog {
    this.releaseFd();
    let next: RecordLog;
    try {
      next = RecordLog.create(this.options, records);
    } catch (e) {
      this.settleWaiting(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
    this.fd = next.fd;
    this.size = next.size;
    this.count = next.count;
    this.unsynced = false;
    // The waiting records are in the new file, synced before its rename (or were superseded).
    this.settleWaiting(null);
    return this;
  }

  sync(): void {
    if (!this.unsynced) return;
    fsyncSync(this.openFd());
    this.unsynced = false;
  }

  /** Syncs and closes the file; closing it again does nothing. */
  close(): void {
    if (this.fd === null) return;
    try {
      this.sync();
    } catch (e) {
      this.settleWaiting(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
    this.releaseFd();
    this.settleWaiting(null);
  }

  /** Closes and deletes the file (everything in it is done with). */
  delete(): void {
    this.releaseFd();
    this.settleWaiting(null);
    unlinkSync(this.options.path);
  }

  private openFd(): number {
    if (this.fd === null) throw new Error(`${this.options.path} is closed`);
    return this.fd;
  }
}

function frame(payload: Buffer): Buffer[] {
  const head = Buffer.allocUnsafe(8);
  head.writeUInt32BE(payload.length, 0);
  head.writeUInt32BE(crc32(head.subarray(0, 4)), 4);
  const tail = Buffer.allocUnsafe(4);
  tail.writeUInt32BE(crc32(payload), 0);
  return [head, payload, tail];
}

function writeAll(fd: number, buffers: Buffer[], position: number): void {
  const total = buffers.reduce((n, b) => n + b.length, 0);
  const written = writevSync(fd, buffers, position);
  if (written !== total) throw new Error(`short write: ${written} of ${total} bytes`);
}

/** The records of the file after its header, and how many bytes of it are whole records (the rest is cut). */
function readRecords(options: RecordLogOptions): { records: Buffer[]; validBytes: number } {
  const bytes = readFileSync(options.path);
  const records: Buffer[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const check = checkFrame(bytes, offset);
    if (check.kind === 'damaged') {
      if (!check.reachesEnd && wholeRecordFollows(bytes, offset)) throw new RecordLogCorruptError(options.path, offset, check.reason);
      options.logger.warn({ file: options.path, offset, reason: check.reason },
        `Dropping the torn end of ${options.path} (${bytes.length - offset} bytes from offset ${offset}): ${check.reason}`);
      cutAt(options.path, offset);
      break;
    }
    if (offset === 0 && !check.payload.equals(options.header)) {
      throw new RecordLogCorruptError(options.path, 0, `Unexpected header ${JSON.stringify(check.payload.toString('latin1'))}`);
    }
    if (offset > 0) records.push(check.payload);
    offset = check.end;
  }
  return { records, validBytes: offset };
}

/** Whether a record that checks out starts after `offset`: then the damage there is not a torn end. */
function wholeRecordFollows(bytes: Buffer, offset: number): boolean {
  for (let at = offset + 1; at + ENTRY_FRAME_BYTES <= bytes.length; at++) {
    if (at + ENTRY_FRAME_BYTES + bytes.readUInt32BE(at) > bytes.length) continue;
    if (checkFrame(bytes, at).kind === 'entry') return true;
  }
  return false;
}

function cutAt(path: string, length: number): void {
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

