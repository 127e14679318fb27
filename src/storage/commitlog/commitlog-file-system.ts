import {
  closeSync, fdatasync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writevSync,
} from 'node:fs';

/**
 * The file operations the commit log uses, synchronous but for syncData: an append hands its bytes to the
 * operating system before it returns, with no async hop on the write path, and batch mode's group sync runs
 * on the thread pool while the event loop serves other requests. A port so tests can count fsyncs and
 * inject faults.
 */
export interface CommitLogFileSystem {
  makeDirectory(dir: string): void;
  /** Names of the entries of `dir`. */
  list(dir: string): string[];
  readFile(path: string): Buffer;
  /** Creates `path`, failing if it exists, and opens it for writing. */
  create(path: string): number;
  /** Writes `buffers` at `position` (pwritev); the number of bytes written. */
  write(fd: number, buffers: readonly Buffer[], position: number): number;
  fsync(fd: number): void;
  /** fdatasync on libuv's thread pool; `done` is called with its error, or null, on the event loop. */
  syncData(fd: number, done: (error: Error | null) => void): void;
  truncate(fd: number, length: number): void;
  close(fd: number): void;
  remove(path: string): void;
  /** Makes the directory's entries (a new segment's name) durable. */
  syncDirectory(dir: string): void;
  /** Opens an existing file for writing (to cut a torn tail off). */
  openExisting(path: string): number;
}

export const NODE_FILE_SYSTEM: CommitLogFileSystem = {
  makeDirectory: (dir) => { mkdirSync(dir, { recursive: true }); },
  list: (dir) => readdirSync(dir),
  readFile: (path) => readFileSync(path),
  create: (path) => openSync(path, 'wx'),
  write: (fd, buffers, position) => writevSync(fd, buffers as Buffer[], position),
  fsync: (fd) => fsyncSync(fd),
  syncData: (fd, done) => fdatasync(fd, done),
  truncate: (fd, length) => ftruncateSync(fd, length),
  close: (fd) => closeSync(fd),
  remove: (path) => unlinkSync(path),
  syncDirectory: (dir) => {
    const fd = openSync(dir, 'r');
    try { fsyncSync(fd); } finally { closeSync(fd); }
  },
  openExisting: (path) => openSync(path, 'r+'),
};
