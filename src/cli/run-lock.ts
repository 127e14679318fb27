import { openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../common/index.js';
import { CliError } from './cli-io.js';

export const LOCK_FILE = 'cassanova.lock';

/** What a running `cassanova run` says about itself in its folder: who it is and where it serves. */
export interface RunLock {
  readonly pid: number;
  readonly adminUrl: string | null;
  readonly contactPoints: readonly string[];
}

export interface HeldLock {
  /** Rewrites the lock with what the started cluster serves. */
  update(lock: RunLock): void;
  release(): void;
}

function readLock(path: string): RunLock | null {
  try {
    const lock = JSON.parse(readFileSync(path, 'utf8')) as RunLock;
    return Number.isInteger(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

/** The lock of the run serving `dir`, or null when no live process holds it (a crashed run's lock is stale). */
export function readRunLock(dir: string): RunLock | null {
  const lock = readLock(join(dir, LOCK_FILE));
  return lock !== null && isProcessAlive(lock.pid) ? lock : null;
}

/**
 * Takes `dir` for this process: created exclusively, so of two runs racing one loses; a lock whose
 * process is gone (killed, crashed) is taken over, so a crash never leaves a folder stuck.
 */
export function acquireRunLock(dir: string): HeldLock {
  const path = join(dir, LOCK_FILE);
  const initial: RunLock = { pid: process.pid, adminUrl: null, contactPoints: [] };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, JSON.stringify(initial));
      closeSync(fd);
      return {
        update: (lock) => writeFileSync(path, JSON.stringify(lock)),
        release: () => {
          if (readLock(path)?.pid === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLock(path);
      if (holder !== null && isProcessAlive(holder.pid)) {
        throw new CliError(`${dir} is in use by cassanova run (pid ${holder.pid}${holder.adminUrl === null ? '' : `, admin API ${holder.adminUrl}`}): stop it first`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new CliError(`could not take ${path}: another run keeps taking it`);
}
