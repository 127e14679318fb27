import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { encodeSegmentHeader, segmentFileName } from './commitlog-descriptor.js';
import { ENTRY_FRAME_BYTES } from './commitlog-entry.js';
import type { CommitLogFileSystem } from './commitlog-file-system.js';

/**
 * One segment file (CommitLogSegment): appended to while it is the active segment, then kept until every
 * table written in it has flushed past it. `dirty` maps a table id to the position of its last entry in
 * the segment; a table leaves it when it flushes past that position.
 */
export class CommitLogSegment {
  readonly dirty: Map<string, number>;
  private fd: number | undefined;
  private writtenBytes: number;
  private syncedBytes: number;
  /** syncData calls on the thread pool not yet called back: the descriptor stays open until they are. */
  private syncsInFlight = 0;
  /** Closed (or deleted) while a syncData was in flight: the descriptor is closed once it comes back. */
  private closeWhenSynced = false;
  /** Reused for every entry: the writes are synchronous, so one frame is in use at a time. */
  private readonly head = Buffer.allocUnsafe(8);
  private readonly lengthBytes = this.head.subarray(0, 4);
  private readonly trailer = Buffer.allocUnsafe(4);
  private headerBytes = 0;

  private constructor(
    private readonly fileSystem: CommitLogFileSystem,
    readonly segmentId: number,
    readonly path: string,
    fd: number | undefined,
    sizeBytes: number,
    dirty: Map<string, number>,
  ) {
    this.fd = fd;
    this.writtenBytes = sizeBytes;
    this.syncedBytes = fd === undefined ? sizeBytes : 0;
    this.dirty = dirty;
  }

  /** A new segment, its header written, synced, and its name made durable in the directory. */
  static create(fileSystem: CommitLogFileSystem, dir: string, segmentId: number, identity: string): CommitLogSegment {
    const path = join(dir, segmentFileName(segmentId));
    const header = encodeSegmentHeader(segmentId, identity);
    const fd = fileSystem.create(path);
    const segment = new CommitLogSegment(fileSystem, segmentId, path, fd, 0, new Map());
    segment.writeFully([header], header.length);
    segment.headerBytes = header.length;
    segment.sync();
    fileSystem.syncDirectory(dir);
    return segment;
  }

  /** A segment found on disk at start, closed: it only waits for its tables to flush. */
  static recovered(fileSystem: CommitLogFileSystem, segmentId: number, path: string, sizeBytes: number, dirty: Map<string, number>): CommitLogSegment {
    return new CommitLogSegment(fileSystem, segmentId, path, undefined, sizeBytes, dirty);
  }

  get sizeBytes(): number {
    return this.writtenBytes;
  }

  /** Writes one framed entry (see commitlog-entry.ts) and returns where it ends. */
  append(tables: readonly Buffer[], entry: Buffer, tableIds: readonly string[]): number {
    let payloadBytes = entry.length;
    let crc = 0;
    for (const block of tables) {
      payloadBytes += block.length;
      crc = crc32(block, crc);
    }
    crc = crc32(entry, crc);
    this.head.writeUInt32BE(payloadBytes, 0);
    this.head.writeUInt32BE(crc32(this.lengthBytes), 4);
    this.trailer.writeUInt32BE(crc, 0);
    const frameBytes = payloadBytes + ENTRY_FRAME_BYTES;
    this.writeFully([this.head, ...tables, entry, this.trailer], frameBytes);
    for (const id of tableIds) this.dirty.set(id, this.writtenBytes);
    return this.writtenBytes;
  }

  /** fsync if anything was written since the last one; true when it did. */
  sync(): boolean {
    if (this.fd === undefined || this.closeWhenSynced || this.syncedBytes === this.writtenBytes) return false;
    this.fileSystem.fsync(this.fd);
    this.syncedBytes = this.writtenBytes;
    return true;
  }

  /**
   * fdatasync on the thread pool of what is written now; `done` is called on the event loop once it ran,
   * with its error, if any. Nothing to sync (or closed, which synced) calls back at once.
   */
  syncInBackground(done: (error: Error | null) => void): void {
    if (this.fd === undefined || this.closeWhenSynced || this.syncedBytes === this.writtenBytes) {
      done(null);
      return;
    }
    const fd = this.fd;
    const upTo = this.writtenBytes;
    this.syncsInFlight++;
    this.fileSystem.syncData(fd, (error) => {
      this.syncsInFlight--;
      if (error === null) this.syncedBytes = Math.max(this.syncedBytes, upTo);
      if (this.closeWhenSynced && this.syncsInFlight === 0) this.releaseDescriptor(fd);
      done(error);
    });
  }

  close(): void {
    if (this.fd === undefined || this.closeWhenSynced) return;
    this.sync();
    this.closeDescriptor();
  }

  /** Cuts the segment back to its header: every entry in it has been flushed (drain). */
  truncateToHeader(): void {
    if (this.fd === undefined || this.closeWhenSynced) return;
    this.fileSystem.truncate(this.fd, this.headerBytes);
    this.fileSystem.fsync(this.fd);
    this.writtenBytes = this.syncedBytes = this.headerBytes;
    this.dirty.clear();
  }

  delete(): void {
    if (this.fd !== undefined && !this.closeWhenSynced) this.closeDescriptor();
    this.fileSystem.remove(this.path);
  }

  /**
   * Closes the descriptor now, or once the syncs in flight on the thread pool are back: closed under them,
   * its number could be given to another file before they run, and they would sync that file instead.
   */
  private closeDescriptor(): void {
    if (this.syncsInFlight > 0) {
      this.closeWhenSynced = true;
      return;
    }
    this.releaseDescriptor(this.fd!);
  }

  private releaseDescriptor(fd: number): void {
    this.fd = undefined;
    this.closeWhenSynced = false;
    this.fileSystem.close(fd);
  }

  /**
   * One positioned write: nothing is buffered in this process, so a kill -9 after it loses nothing. A short
   * write (a full disk) leaves the end where it was, so the next append overwrites the partial frame.
   */
  private writeFully(buffers: readonly Buffer[], totalBytes: number): void {
    if (this.fd === undefined || this.closeWhenSynced) throw new Error(`commit log segment ${this.path} is closed`);
    const written = this.fileSystem.write(this.fd, buffers, this.writtenBytes);
    if (written !== totalBytes) throw new Error(`short write to commit log segment ${this.path}: ${written} of ${totalBytes} bytes`);
    this.writtenBytes += totalBytes;
  }
}
