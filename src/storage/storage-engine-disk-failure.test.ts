import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SeededRandom, VirtualClock, VirtualScheduler } from '../common/index.js';
import type { SinglePartitionReadCommand } from '../data/index.js';
import { CommitLogReplayError } from './commitlog/index.js';
import type { DurableStorageOptions } from './durable/durable-storage.js';
import { CorruptSSTableError } from './sstable/index.js';
import { StorageEngine } from './storage-engine.js';
import { FILTERS, live, randomUpdate, table } from './testing/random-writes.js';

let folder: string;
let engine: StorageEngine;
const failures: Error[] = [];
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'cassanova-engine-failure-'));
  engine = new StorageEngine();
  failures.length = 0;
  engine.onDiskFailure((e) => failures.push(e));
});
afterEach(() => {
  engine.close(false);
  rmSync(folder, { recursive: true, force: true });
});

const clock = new VirtualClock();
const options = (memtableSpaceBytes = Number.POSITIVE_INFINITY): DurableStorageOptions & { memtableSpaceBytes: number } => ({
  folder, identity: 'host-1', clock, scheduler: new VirtualScheduler(clock), logger: { warn: () => {} },
  commitLog: { sync: 'periodic', syncPeriodMs: 10_000, segmentSizeBytes: 1 << 20 },
  table: (id) => (id.equals(table.id) ? table : undefined), durableWrites: () => true, memtableSpaceBytes,
});

function write(random: SeededRandom, count: number): void {
  for (let i = 0; i < count; i++) {
    const u = randomUpdate(random);
    engine.apply({ keyspace: table.keyspace, key: u.key, token: u.token, updates: [u] });
  }
}

/** Every partition of the test table read through every filter. */
function reads(): string[] {
  return FILTERS.flatMap((filter) => Array.from({ length: 8 }, (_, k) => {
    const command: SinglePartitionReadCommand = { kind: 'single', table, key: Buffer.from([0, 0, 0, k]), token: BigInt(k), filter, nowInSec: 0, rowLimit: Infinity };
    return live(engine.read(command), 0).join('|');
  }));
}

const tableFolder = (): string => join(folder, 'data', table.keyspace, readdirSync(join(folder, 'data', table.keyspace))[0]!);
const dataFiles = (): string[] => readdirSync(tableFolder()).filter((f) => f.endsWith('Data.db')).sort().map((f) => join(tableFolder(), f));

function flipByte(file: string, offset: number): void {
  const fd = openSync(file, 'r+');
  const byte = Buffer.alloc(1);
  readSync(fd, byte, 0, 1, offset);
  byte[0] = byte[0]! ^ 0xff;
  writeSync(fd, byte, 0, 1, offset);
  closeSync(fd);
}

describe('StorageEngine and failures of its files', () => {
  it('fails a read that meets a corrupt block and reports it; closed and opened again, the data is back', async () => {
    engine.openDurable(options());
    write(new SeededRandom(3), 300);
    await engine.flush();
    write(new SeededRandom(4), 50);
    const before = reads();
    const [data] = dataFiles();
    const saved = readFileSync(data!);
    // Blocks near the start: the last block read (cached) is one of the last partitions.
    flipByte(data!, 40);
    expect(() => reads()).toThrow(CorruptSSTableError);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((e) => e instanceof CorruptSSTableError && e.file === data)).toBe(true);
    // Once failed: nothing more is flushed, the bad file is left as it is.
    await engine.flush();
    expect(dataFiles()).toEqual([data]);
    engine.closeAfterFailure();
    expect(engine.stats().partitionCount).toBe(0);
    expect(readFileSync(data!).equals(saved)).toBe(false);

    writeFileSync(data!, saved);
    engine.openDurable(options());
    expect(reads()).toEqual(before);
  });

  it('drops what a replay applied before it stopped at damage, and replays it all once the segment is put right', async () => {
    engine.openDurable(options());
    write(new SeededRandom(5), 200);
    engine.close(false);
    const commitlog = join(folder, 'commitlog');
    const segment = join(commitlog, readdirSync(commitlog).find((f) => readFileSync(join(commitlog, f)).length > 10_000)!);
    const saved = readFileSync(segment);
    flipByte(segment, Math.floor(saved.length / 2));
    expect(() => engine.openDurable(options())).toThrow(CommitLogReplayError);
    expect(engine.stats().partitionCount).toBe(0);
    expect(reads().every((r) => r === '')).toBe(true);

    writeFileSync(segment, saved);
    engine.openDurable(options());
    // Replayed whole, then flushed as after any replay.
    await engine.flush();
    expect(engine.sstables(table).reduce((n, s) => n + s.stats.partitionCount, 0)).toBe(8);
  });

  it('reports a compaction in the background that meets a corrupt SSTable, without failing the writes', async () => {
    // Every write flushes; the fourth SSTable makes a size-tiered bucket that is compacted.
    engine.openDurable(options(1));
    const random = new SeededRandom(6);
    write(random, 1);
    await engine.flush();
    flipByte(dataFiles()[0]!, 20);
    for (let i = 0; i < 2; i++) {
      write(random, 1);
      await engine.flush();
    }
    expect(failures).toEqual([]);
    expect(() => write(random, 1)).not.toThrow();
    await vi.waitFor(() => expect(failures).toHaveLength(1));
    expect(failures[0]).toBeInstanceOf(CorruptSSTableError);
    expect(dataFiles()).toHaveLength(4);
    // Failed: the next writes are logged and applied, and nothing more is flushed.
    write(random, 3);
    await engine.flush();
    expect(dataFiles()).toHaveLength(4);
  });
});
