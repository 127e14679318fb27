import { closeSync, fdatasync, fdatasyncSync, fsync, fsyncSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * A sync to disk that a sliced write hands to whoever drives it: a background job has it done off the event
 * loop (run, on libuv's thread pool) and goes on when it is, work done at once has it done now (runSync).
 */
export interface PendingSync {
  run(): Promise<void>;
  runSync(): void;
}

export function isPendingSync(value: unknown): value is PendingSync {
  return typeof value === 'object' && value !== null && 'runSync' in value;
}

/** fsync (or fdatasync: the data only) of open files. */
export function syncDescriptors(fds: readonly number[], dataOnly = false): PendingSync {
  const one = (fd: number): Promise<void> => new Promise((resolve, reject) => {
    (dataOnly ? fdatasync : fsync)(fd, (error) => (error === null ? resolve() : reject(error)));
  });
  return {
    run: async () => {
      await Promise.all(fds.map(one));
    },
    runSync: () => {
      for (const fd of fds) (dataOnly ? fdatasyncSync : fsyncSync)(fd);
    },
  };
}

/** fsync of a file or directory by its path (a rename is durable once its directory is synced). */
export function syncPath(path: string): PendingSync {
  return {
    run: async () => {
      const handle = await open(path, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    runSync: () => {
      const fd = openSync(path, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}
