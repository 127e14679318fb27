import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../../../common/clock.js';
import { VirtualScheduler } from '../../../common/scheduler.js';
import type { CommitLogOptions, CommitLogSync } from '../commitlog.js';
import { NODE_FILE_SYSTEM, type CommitLogFileSystem } from '../commitlog-file-system.js';
import type { CommitLogPosition } from '../commitlog-position.js';
import type { CommitLogLogger, ReplayHandler } from '../commitlog-replayer.js';

/** A logger that keeps what it is told, for tests to look at. */
export class RecordingLogger implements CommitLogLogger {
  readonly warnings: { fields: object; message: string }[] = [];
  warn(fields: object, message: string): void {
    this.warnings.push({ fields, message });
  }
}

/**
 * The node file system, counting fsyncs (of files, either kind; directory syncs apart). `failNextSyncData`
 * makes the next syncData fail with that error (an EIO from the disk), after the real one ran.
 */
export class CountingFileSystem implements CommitLogFileSystem {
  fsyncCount = 0;
  failNextSyncData: Error | null = null;
  /** syncData calls that have called back. */
  syncDataDoneCount = 0;
  private readonly inner = NODE_FILE_SYSTEM;
  makeDirectory = (dir: string): void => this.inner.makeDirectory(dir);
  list = (dir: string): string[] => this.inner.list(dir);
  readFile = (path: string): Buffer => this.inner.readFile(path);
  create = (path: string): number => this.inner.create(path);
  write = (fd: number, buffers: readonly Buffer[], position: number): number => this.inner.write(fd, buffers, position);
  fsync = (fd: number): void => {
    this.fsyncCount++;
    this.inner.fsync(fd);
  };
  syncData = (fd: number, done: (error: Error | null) => void): void => {
    this.fsyncCount++;
    const failure = this.failNextSyncData;
    this.failNextSyncData = null;
    this.inner.syncData(fd, (error) => {
      this.syncDataDoneCount++;
      done(failure ?? error);
    });
  };
  truncate = (fd: number, length: number): void => this.inner.truncate(fd, length);
  close = (fd: number): void => this.inner.close(fd);
  remove = (path: string): void => this.inner.remove(path);
  syncDirectory = (dir: string): void => this.inner.syncDirectory(dir);
  openExisting = (path: string): number => this.inner.openExisting(path);
}

/** A commit log folder under the system's temporary directory, with the virtual time its logs run on. */
export class CommitLogFixture {
  readonly dir = mkdtempSync(join(tmpdir(), 'cassanova-commitlog-'));
  readonly clock = new VirtualClock();
  readonly scheduler = new VirtualScheduler(this.clock);
  readonly logger = new RecordingLogger();
  readonly fileSystem = new CountingFileSystem();

  options(overrides: Partial<CommitLogOptions> & { sync?: CommitLogSync } = {}): CommitLogOptions {
    return {
      dir: this.dir,
      segmentSizeBytes: 32 * 1024 * 1024,
      sync: 'periodic',
      syncPeriodMs: 10_000,
      identity: 'test-cluster/node1',
      clock: this.clock,
      scheduler: this.scheduler,
      logger: this.logger,
      fileSystem: this.fileSystem,
      ...overrides,
    };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface ReplayedEntry {
  readonly entry: Buffer;
  readonly position: CommitLogPosition;
  readonly tableIds: readonly string[];
}

/** A replay handler collecting the entries (copied), with the filters given. */
export function collectingHandler(filters: Omit<ReplayHandler, 'onEntry'> = {}): ReplayHandler & { readonly entries: ReplayedEntry[] } {
  const entries: ReplayedEntry[] = [];
  return { ...filters, entries, onEntry: (entry, position, tableIds) => entries.push({ entry: Buffer.from(entry), position, tableIds }) };
}
