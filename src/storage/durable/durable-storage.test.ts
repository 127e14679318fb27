import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock, VirtualScheduler } from '../../common/index.js';
import type { Mutation, SinglePartitionReadCommand } from '../../data/index.js';
import type { Memtable } from '../memtable.js';
import { readSingleMerged } from '../merged-read.js';
import { FILTERS, live, newMemtable, randomUpdate, table } from '../testing/random-writes.js';
import { DurableStorage, type DurableStorageOptions } from './durable-storage.js';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'cassanova-durable-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const clock = new VirtualClock();
const options = (durableWrites = true): DurableStorageOptions => ({
  folder, identity: 'host-1', clock, scheduler: new VirtualScheduler(clock), logger: { warn: () => {} },
  commitLog: { sync: 'periodic', syncPeriodMs: 10_000, segmentSizeBytes: 1 << 20 },
  table: (id) => (id.equals(table.id) ? table : undefined),
  durableWrites: () => durableWrites,
});

/** A node's storage in miniature: one memtable, logged before it is written, replaced when flushed. */
class MiniNode {
  memtable = newMemtable();
  readonly durable: DurableStorage;

  constructor(durableWrites = true) {
    this.durable = DurableStorage.open(options(durableWrites), (m) => this.memtableApply(m));
  }

  apply(mutation: Mutation): void {
    this.durable.log(mutation);
    this.memtableApply(mutation);
  }

  flush(): Promise<void> {
    const old = this.memtable;
    this.memtable = newMemtable();
    return this.durable.flush(table, old);
  }

  reads(): string[] {
    return FILTERS.flatMap((filter) => Array.from({ length: 8 }, (_, k) => {
      const command: SinglePartitionReadCommand = { kind: 'single', table, key: Buffer.from([0, 0, 0, k]), token: BigInt(k), filter, nowInSec: 0, rowLimit: Infinity };
      return live(readSingleMerged(command, this.memtable, this.durable.sources(table)), 0).join('|');
    }));
  }

  private memtableApply(mutation: Mutation): void {
    for (const u of mutation.updates) this.memtable.apply(u);
  }
}

function writeSome(node: MiniNode, whole: Memtable, random: SeededRandom, count: number): void {
  for (let i = 0; i < count; i++) {
    const u = randomUpdate(random);
    node.apply({ keyspace: table.keyspace, key: u.key, token: u.token, updates: [u] });
    whole.apply(u);
  }
}

describe('DurableStorage', () => {
  it('comes back with every write: flushed ones from SSTables, the rest from the commit log', async () => {
    const random = new SeededRandom(5);
    const whole = newMemtable();
    const first = new MiniNode();
    writeSome(first, whole, random, 200);
    await first.flush();
    writeSome(first, whole, random, 200);
    await first.flush();
    writeSome(first, whole, random, 150);
    const before = first.reads();
    first.durable.close();

    const second = new MiniNode();
    expect(second.reads()).toEqual(before);
    // Only the unflushed writes were replayed into the memtable.
    expect(second.memtable.partitionCount).toBeLessThanOrEqual(8);
    expect(second.memtable.partitionCount).toBeGreaterThan(0);
    await second.flush();
    second.durable.close();
    const third = new MiniNode();
    expect(third.reads()).toEqual(before);
    expect(third.memtable.partitionCount).toBe(0);
    third.durable.close();
  });

  it('deletes commit log segments once the tables flushed past them', async () => {
    const node = new MiniNode();
    writeSome(node, newMemtable(), new SeededRandom(1), 50);
    await node.flush();
    node.durable.close();
    const reopened = new MiniNode();
    expect(reopened.memtable.partitionCount).toBe(0);
    reopened.durable.close();
    expect(readdirSync(join(folder, 'commitlog')).length).toBeLessThanOrEqual(1);
  });

  it('skips the commit log for keyspaces without durable_writes: unflushed writes are gone after a restart', () => {
    const node = new MiniNode(false);
    writeSome(node, newMemtable(), new SeededRandom(2), 50);
    node.durable.close();
    const reopened = new MiniNode(false);
    expect(reopened.memtable.partitionCount).toBe(0);
    reopened.durable.close();
  });
});
