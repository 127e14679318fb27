import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock, VirtualScheduler } from '../common/index.js';
import type { SinglePartitionReadCommand } from '../data/index.js';
import type { CommitLogSettings, DurableStorageOptions } from './durable/durable-storage.js';
import { CountingFileSystem } from './commitlog/testing/commitlog-fixture.js';
import { StorageEngine } from './storage-engine.js';
import { FILTERS, live, randomUpdate, table } from './testing/random-writes.js';

let folder: string;
let engine: StorageEngine;
let fileSystem: CountingFileSystem;
const failures: Error[] = [];
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'cassanova-engine-batch-'));
  engine = new StorageEngine();
  fileSystem = new CountingFileSystem();
  failures.length = 0;
  engine.onDiskFailure((e) => failures.push(e));
});
afterEach(() => {
  engine.close(false);
  rmSync(folder, { recursive: true, force: true });
});

const clock = new VirtualClock();
function options(commitLog: Partial<CommitLogSettings>, memtableSpaceBytes = Number.POSITIVE_INFINITY): DurableStorageOptions & { memtableSpaceBytes: number } {
  return {
    folder, identity: 'host-1', clock, scheduler: new VirtualScheduler(clock), logger: { warn: () => {} },
    commitLog: { sync: 'batch', syncPeriodMs: 10_000, segmentSizeBytes: 1 << 20, fileSystem, ...commitLog },
    table: (id) => (id.equals(table.id) ? table : undefined), durableWrites: () => true, memtableSpaceBytes,
  };
}

function write(random: SeededRandom, count: number): (Promise<void> | undefined)[] {
  return Array.from({ length: count }, () => {
    const u = randomUpdate(random);
    return engine.apply({ keyspace: table.keyspace, key: u.key, token: u.token, updates: [u] });
  });
}

function reads(): string[] {
  return FILTERS.flatMap((filter) => Array.from({ length: 8 }, (_, k) => {
    const command: SinglePartitionReadCommand = { kind: 'single', table, key: Buffer.from([0, 0, 0, k]), token: BigInt(k), filter, nowInSec: 0, rowLimit: Infinity };
    return live(engine.read(command), 0).join('|');
  }));
}

describe('StorageEngine with the commit log in batch mode', () => {
  it('applies at once, and gives the writes of a turn one promise, resolved once one fsync covers them', async () => {
    engine.openDurable(options({}));
    const afterOpen = fileSystem.fsyncCount;
    const synced = write(new SeededRandom(1), 50);
    expect(new Set(synced).size).toBe(1);
    expect(synced[0]).toBeInstanceOf(Promise);
    // Applied before the sync: the memtables hold the writes now (the acknowledgement is what waits).
    expect(reads().some((r) => r !== '')).toBe(true);
    expect(fileSystem.fsyncCount).toBe(afterOpen);
    await synced[0];
    expect(fileSystem.syncDataDoneCount).toBe(1);
    expect(fileSystem.fsyncCount).toBe(afterOpen + 1);
  });

  it('fails the waiting writes when the fsync fails, and reports it as a failure of the node\'s files', async () => {
    engine.openDurable(options({}));
    const eio = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO', syscall: 'fdatasync' });
    fileSystem.failNextSyncData = eio;
    const synced = write(new SeededRandom(2), 10);
    await expect(synced[0]).rejects.toBe(eio);
    expect(failures).toEqual([eio]);
  });

  it('returns nothing in periodic mode and in memory: the write is as durable as it gets when apply returns', () => {
    expect(write(new SeededRandom(3), 5)).toEqual(Array(5).fill(undefined));
    engine.openDurable(options({ sync: 'periodic' }));
    expect(write(new SeededRandom(3), 5)).toEqual(Array(5).fill(undefined));
  });
});

describe('StorageEngine past commitlog_total_space', () => {
  const segmentSizeBytes = 16 * 1024;

  /** Writes in rounds, a turn of the event loop between them; the most segments the commit log kept meanwhile. */
  async function mostSegments(totalSpaceBytes: number | undefined): Promise<number> {
    engine.openDurable(options({ sync: 'periodic', segmentSizeBytes, totalSpaceBytes }));
    const random = new SeededRandom(4);
    let most = 0;
    for (let round = 0; round < 30; round++) {
      write(random, 100);
      // A turn for the flush asked for, then until the flushes end: their fsyncs run on the thread pool, which a
      // loaded machine makes slow (a wait bounded in time, not in turns).
      const deadline = Date.now() + 10_000;
      for (let turn = 0; turn === 0 || (engine.memtableBytes().flushing > 0 && Date.now() < deadline); turn++) await new Promise((resolve) => setImmediate(resolve));
      most = Math.max(most, readdirSync(join(folder, 'commitlog')).filter((f) => f.endsWith('.log')).length);
    }
    return most;
  }

  it('flushes the tables holding the oldest segments back, so that the commit log stays near its limit', async () => {
    const most = await mostSegments(4 * segmentSizeBytes);
    expect(engine.sstables(table).length).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(6);
  });

  it('keeps every segment until a flush without it', async () => {
    expect(await mostSegments(undefined)).toBeGreaterThan(12);
    expect(engine.sstables(table)).toEqual([]);
  });
});
