import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock, VirtualScheduler } from '../common/index.js';
import type { SinglePartitionReadCommand } from '../data/index.js';
import { FILTERS, randomUpdate, table } from './testing/random-writes.js';
import { StorageEngine } from './storage-engine.js';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'cassanova-engine-sstables-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function durableEngine(): StorageEngine {
  const clock = new VirtualClock();
  const engine = new StorageEngine();
  engine.openDurable({
    folder, identity: 'host-1', clock, scheduler: new VirtualScheduler(clock), logger: { warn: () => {} },
    commitLog: { sync: 'periodic', syncPeriodMs: 10_000, segmentSizeBytes: 1 << 20 },
    table: (id) => (id.equals(table.id) ? table : undefined), durableWrites: () => true,
    memtableSpaceBytes: Number.POSITIVE_INFINITY,
  });
  return engine;
}

function writeSome(engine: StorageEngine, random: SeededRandom, count: number): void {
  for (let i = 0; i < count; i++) {
    const u = randomUpdate(random);
    engine.apply({ keyspace: table.keyspace, key: u.key, token: u.token, updates: [u] });
  }
}

const read = (engine: StorageEngine, k: number): void => {
  const command: SinglePartitionReadCommand = { kind: 'single', table, key: Buffer.from([0, 0, 0, k]), token: BigInt(k), filter: FILTERS[0]!, nowInSec: 0, rowLimit: Infinity };
  engine.read(command);
};

describe('StorageEngine.sstables', () => {
  it('is empty in memory', () => {
    const engine = new StorageEngine();
    writeSome(engine, new SeededRandom(1), 20);
    expect(engine.sstables(table)).toEqual([]);
  });

  it('lists the table SSTables of a durable engine, oldest first, with the read counters of each', async () => {
    const engine = durableEngine();
    const random = new SeededRandom(3);
    writeSome(engine, random, 100);
    expect(engine.sstables(table)).toEqual([]);
    await engine.flush();
    writeSome(engine, random, 100);
    await engine.flush();
    const [first, second] = engine.sstables(table);
    expect(engine.sstables(table)).toHaveLength(2);
    expect(first!.descriptor.generation).toBeLessThan(second!.descriptor.generation);
    const before = engine.sstables(table).map((s) => s.dataReadCount + s.bloomRejectCount);
    for (let k = 0; k < 8; k++) read(engine, k);
    const after = engine.sstables(table).map((s) => s.dataReadCount + s.bloomRejectCount);
    // Every point read asks each SSTable: its bloom filter rejects the key, or its Data.db is read.
    after.forEach((n, i) => expect(n - before[i]!).toBeGreaterThanOrEqual(8));
    engine.close(false);
  });
});
