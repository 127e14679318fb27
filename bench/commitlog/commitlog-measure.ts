// The commit log's own costs, apart from any cluster: appends per second of 100-byte entries in each sync
// mode, and replay speed. Loaded from TypeScript source by bench/scenarios/commitlog.js (Vite's runner).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '../../src/common/clock.js';
import { SystemScheduler } from '../../src/common/scheduler.js';
import { CommitLog, NODE_FILE_SYSTEM, replayCommitLog, type CommitLogOptions, type CommitLogSync } from '../../src/storage/commitlog/index.js';

const TABLE = 'bbbbbbbb000000000000000000000001';
const quiet = { warn: () => {} };

function options(dir: string, sync: CommitLogSync): CommitLogOptions {
  return {
    dir, sync, segmentSizeBytes: 32 * 1024 * 1024, syncPeriodMs: 10_000, identity: 'bench',
    clock: new SystemClock(), scheduler: new SystemScheduler(), logger: quiet,
  };
}

function inTempDir<T>(run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'cassanova-commitlog-bench-'));
  try {
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Appends `entryBytes`-byte entries for about `durationMs`; appends per second. */
export function appendRate(sync: CommitLogSync, entryBytes: number, durationMs: number): number {
  return inTempDir((dir) => {
    const log = CommitLog.open(options(dir, sync), { onEntry: () => {} });
    const entry = Buffer.alloc(entryBytes, 7);
    const startMs = performance.now();
    let count = 0;
    while (performance.now() - startMs < durationMs) {
      for (let i = 0; i < 100; i++) log.append(entry, [TABLE]);
      count += 100;
    }
    const elapsedMs = performance.now() - startMs;
    log.close();
    return (count / elapsedMs) * 1000;
  });
}

export interface ReplayRate {
  readonly megabytes: number;
  readonly entries: number;
  readonly megabytesPerSecond: number;
  readonly entriesPerSecond: number;
}

/** Appends with appendSynced() from `writers` concurrent loops for about `durationMs`; appends per second. */
export async function groupCommitRate(writers: number, entryBytes: number, durationMs: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'cassanova-commitlog-bench-'));
  try {
    const log = CommitLog.open(options(dir, 'batch'), { onEntry: () => {} });
    const entry = Buffer.alloc(entryBytes, 7);
    const startMs = performance.now();
    let count = 0;
    const writer = async (): Promise<void> => {
      while (performance.now() - startMs < durationMs) {
        await log.appendSynced(entry, [TABLE]);
        count++;
      }
    };
    await Promise.all(Array.from({ length: writers }, writer));
    const elapsedMs = performance.now() - startMs;
    log.close();
    return (count / elapsedMs) * 1000;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ReplayRate {
  readonly megabytes: number;
  readonly entries: number;
  readonly megabytesPerSecond: number;
  readonly entriesPerSecond: number;
}

/** Writes `megabytes` of `entryBytes`-byte entries, then times their replay (reading, checking, handing over). */
export function replayRate(entryBytes: number, megabytes: number): ReplayRate {
  return inTempDir((dir) => {
    const log = CommitLog.open(options(dir, 'periodic'), { onEntry: () => {} });
    const entry = Buffer.alloc(entryBytes, 7);
    const frameBytes = entryBytes + 12 + 2 + 2 + TABLE.length;
    for (let i = Math.ceil((megabytes * 2 ** 20) / frameBytes); i > 0; i--) log.append(entry, [TABLE]);
    log.close();
    let entries = 0;
    const startMs = performance.now();
    const summary = replayCommitLog({ dir, identity: 'bench', fileSystem: NODE_FILE_SYSTEM, logger: quiet }, { onEntry: () => { entries++; } });
    const seconds = (performance.now() - startMs) / 1000;
    const mb = summary.bytesRead / 2 ** 20;
    return { megabytes: mb, entries, megabytesPerSecond: mb / seconds, entriesPerSecond: entries / seconds };
  });
}
