import { describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock, VirtualScheduler } from '../common/index.js';
import {
  purgePartition,
  type PartitionRangeReadCommand, type PartitionUpdate, type ReadPartition, type Row, type SinglePartitionReadCommand,
  type UnfilteredPartition,
} from '../data/index.js';
import {
  ALL, bound, cell, complex, deletion, int, liveness, mutation, rangeTombstone, row, slice, testTable, tombstoneCell, update,
} from '../data/testing/fixtures.js';
import type { TableMetadata } from '../schema/index.js';
import { native, type CqlType } from '../types/index.js';
import { StorageEngine } from './storage-engine.js';

const intSet: CqlType = { kind: 'set', element: native('int'), frozen: false };

function table(gcGraceSeconds: number): TableMetadata {
  return testTable({
    clustering: [['c', native('int'), 'asc']],
    statics: [['s', native('text')]],
    regular: [['v', native('text')], ['tags', intSet]],
    options: { gcGraceSeconds },
  });
}

function single(t: TableMetadata, key: number, nowInSec: number): SinglePartitionReadCommand {
  return { kind: 'single', table: t, key: int(key), token: BigInt(key), filter: { kind: 'slices', slices: [ALL], reversed: false }, nowInSec, rowLimit: Infinity };
}

function range(t: TableMetadata, nowInSec: number): PartitionRangeReadCommand {
  return {
    kind: 'range', table: t, filter: { kind: 'slices', slices: [ALL], reversed: false }, nowInSec,
    rowLimit: Infinity, perPartitionLimit: Infinity, partitionLimit: Infinity,
    bounds: { start: null, startInclusive: false, end: null, endInclusive: true },
  };
}

const apply = (engine: StorageEngine, u: PartitionUpdate): void => {
  engine.apply(mutation(u));
};

/** What a client would see: live rows and static cells, values as text (sets as their element count). */
function live(partitions: readonly UnfilteredPartition[], nowInSec: number): string[] {
  return partitions.flatMap((p) => {
    const read: ReadPartition | null = purgePartition(p, nowInSec);
    if (read === null) return [];
    const cells = (m: ReadonlyMap<string, { value: Buffer | null }>) => [...m].map(([n, c]) => `${n}=${c.value?.toString('hex')}`).join(',');
    return [`${p.key.readInt32BE()} s{${cells(read.staticCells)}}`, ...read.rows.map((r) => `${p.key.readInt32BE()}/${r.clustering[0]!.readInt32BE()} {${cells(r.cells)}}`)];
  });
}

describe('StorageEngine purge of tombstones and expired cells past gc_grace_seconds', () => {
  it('keeps a partition deletion until gc_grace_seconds have passed, then drops the partition', () => {
    const t = table(100);
    const engine = new StorageEngine();
    apply(engine, update(t, int(1), { rows: [row([int(1)], { v: cell('a', 1) }, { liveness: liveness(1) })] }));
    apply(engine, update(t, int(1), { partitionDeletion: deletion(2, 1000) }));
    engine.purgeAll(1100);
    expect(engine.read(single(t, 1, 1100))[0]?.partitionDeletion).toEqual(deletion(2, 1000));
    engine.purgeAll(1101);
    expect(engine.read(single(t, 1, 1101))).toEqual([]);
    expect(engine.read(range(t, 1101))).toEqual([]);
    expect(engine.stats()).toMatchObject({ partitionCount: 0, sizeBytes: 0 });
  });

  it('with gc_grace_seconds 0, purges a tombstone a second later, on the read that touches it', () => {
    const t = table(0);
    const clock = new VirtualClock(1_000_000);
    const engine = new StorageEngine();
    engine.startPurging(clock, new VirtualScheduler(clock));
    const now = clock.nowSeconds();
    apply(engine, update(t, int(1), { rows: [row([int(1)], { v: tombstoneCell(1, now) }, { deletion: deletion(1, now) })] }));
    expect(engine.read(single(t, 1, now))).toHaveLength(1);
    // A read as of a later second (a client's now_in_seconds) does not purge: the node's clock decides.
    expect(engine.read(single(t, 1, now + 100))).toHaveLength(1);
    clock.advance(1000);
    expect(engine.read(single(t, 1, now + 1))).toEqual([]);
    expect(engine.stats().partitionCount).toBe(0);
    engine.stopPurging();
  });

  it('turns expired cells into tombstones, then drops them, and the memory they held goes', () => {
    const t = table(3600);
    const engine = new StorageEngine();
    const big = 'x'.repeat(1000);
    apply(engine, update(t, int(1), { rows: [row([int(1)], { v: cell(big, 1, 60, 100) }, { liveness: liveness(1, 60, 100) })] }));
    const written = engine.stats().sizeBytes;
    engine.purgeAll(159);
    expect(engine.stats().sizeBytes).toBe(written);
    engine.purgeAll(160);
    expect(engine.stats().sizeBytes).toBeLessThan(written - 900);
    const [p] = engine.read(single(t, 1, 160));
    expect(p?.rows[0]?.cells.get('v')).toEqual(tombstoneCell(1, 100));
    expect(live(engine.read(range(t, 160)), 160)).toEqual([]);
    // The cell's tombstone goes at its write time + gc_grace_seconds, the row's liveness at its expiry + gc_grace_seconds.
    engine.purgeAll(100 + 3600 + 1);
    expect(engine.read(single(t, 1, 3701))[0]?.rows).toEqual([row([int(1)], {}, { liveness: liveness(1, 60, 100) })]);
    engine.purgeAll(160 + 3600 + 1);
    expect(engine.stats()).toMatchObject({ partitionCount: 0, sizeBytes: 0 });
  });

  it('purges range tombstones, static rows and multi-cell column deletions alike', () => {
    const t = table(10);
    const engine = new StorageEngine();
    apply(engine, update(t, int(1), {
      rangeTombstones: [rangeTombstone(slice(bound([int(0)]), bound([int(5)])), deletion(1, 100))],
      staticRow: row([], { s: tombstoneCell(1, 100) }),
      rows: [row([int(7)], {}, { liveness: liveness(2), complex: { tags: complex(deletion(1, 100), [[int(3), cell(Buffer.alloc(0), 2)]]) } })],
    }));
    engine.purgeAll(111);
    const [p] = engine.read(single(t, 1, 111));
    expect(p?.rangeTombstones).toEqual([]);
    expect(p?.staticRow).toBeNull();
    expect(p?.rows).toEqual([row([int(7)], {}, { liveness: liveness(2), complex: { tags: complex(null, [[int(3), cell(Buffer.alloc(0), 2)]]) } })]);
  });

  it('leaves a snapshot as it was: restoring it brings the tombstones back', () => {
    const t = table(0);
    const engine = new StorageEngine();
    apply(engine, update(t, int(1), { partitionDeletion: deletion(2, 100) }));
    apply(engine, update(t, int(2), { rows: [row([int(1)], { v: cell('b', 1) })] }));
    const image = engine.image();
    engine.purgeAll(200);
    expect(engine.read(single(t, 1, 200))).toEqual([]);
    expect(engine.stats().partitionCount).toBe(1);
    engine.restore(image);
    expect(engine.read(single(t, 1, 200))[0]?.partitionDeletion).toEqual(deletion(2, 100));
    expect(engine.read(range(t, 200)).map((p) => p.key.readInt32BE())).toEqual([1, 2]);
    // Purged again after the restore: the image still holds it, the memtable does not.
    engine.purgeAll(200);
    expect(engine.read(range(t, 200)).map((p) => p.key.readInt32BE())).toEqual([2]);
    engine.restore(image);
    expect(engine.stats().partitionCount).toBe(2);
  });

  it('finds a partition purged empty and written again, once, by point and range reads', () => {
    const t = table(0);
    const engine = new StorageEngine();
    for (const key of [1, 2, 3]) apply(engine, update(t, int(key), { rows: [row([int(1)], { v: cell('a', 1) })] }));
    engine.read(range(t, 0)); // puts the partitions in ring order
    apply(engine, update(t, int(2), { partitionDeletion: deletion(5, 100) }));
    engine.purgeAll(101);
    expect(engine.read(range(t, 101)).map((p) => p.key.readInt32BE())).toEqual([1, 3]);
    apply(engine, update(t, int(2), { rows: [row([int(1)], { v: cell('b', 6) })] }));
    expect(live(engine.read(single(t, 2, 101)), 101)).toEqual(['2 s{}', '2/1 {v=62}']);
    expect(engine.read(range(t, 101)).map((p) => p.key.readInt32BE())).toEqual([1, 2, 3]);
    expect(engine.stats().partitionCount).toBe(3);
  });

  it('sweeps every partition within a bounded number of steps', () => {
    const t = table(0);
    const engine = new StorageEngine();
    for (let key = 0; key < 20_000; key++) apply(engine, update(t, int(key), { partitionDeletion: deletion(1, 100) }));
    engine.purgeStep(101);
    const afterOne = engine.stats().partitionCount;
    expect(afterOne).toBeGreaterThan(0);
    expect(afterOne).toBeLessThan(20_000);
    for (let step = 0; step < 10; step++) engine.purgeStep(101);
    expect(engine.stats()).toMatchObject({ partitionCount: 0, sizeBytes: 0 });
  });
});

/** A seeded stream of writes and deletes of every kind, at increasing timestamps, on keys 0..9 and clusterings 0..7. */
function randomUpdate(t: TableMetadata, random: SeededRandom, nowInSec: number, timestamp: bigint): PartitionUpdate {
  const pick = (n: number) => Math.floor(random.next() * n);
  const key = int(pick(10));
  const c = [int(pick(8))];
  const ttl = random.next() < 0.4 ? 1 + pick(4 * 3600) : 0;
  const value = () => cell(`v${pick(1000)}`, timestamp, ttl, nowInSec);
  const now = nowInSec;
  switch (pick(9)) {
    case 0: return update(t, key, { rows: [row(c, { v: value() }, { liveness: liveness(timestamp, ttl, now) })] });
    case 1: return update(t, key, { rows: [row(c, { v: value() })] });
    case 2: return update(t, key, { rows: [row(c, { v: tombstoneCell(timestamp, now) })] });
    case 3: return update(t, key, { rows: [row(c, {}, { deletion: deletion(timestamp, now) })] });
    case 4: {
      const from = pick(8);
      return update(t, key, { rangeTombstones: [rangeTombstone(slice(bound([int(from)]), bound([int(from + pick(3))])), deletion(timestamp, now))] });
    }
    case 5: return update(t, key, { partitionDeletion: deletion(timestamp, now) });
    case 6: return update(t, key, { staticRow: row([], { s: random.next() < 0.5 ? value() : tombstoneCell(timestamp, now) }) });
    case 7: return update(t, key, { rows: [row(c, {}, { complex: { tags: complex(deletion(timestamp - 1n, now), [[int(pick(5)), cell(Buffer.alloc(0), timestamp, ttl, now)]]) } })] });
    default: return update(t, key, { rows: [row(c, {}, { complex: { tags: complex(null, [[int(pick(5)), random.next() < 0.5 ? tombstoneCell(timestamp, now) : cell(Buffer.alloc(0), timestamp, ttl, now)]]) } })] });
  }
}

describe('purging changes no read (seeded random workload against an engine that never purges)', () => {
  for (const [seed, gcGrace] of [[1, 0], [2, 3600], [3, 7200], [4, 0]] as const) {
    it(`seed ${seed}, gc_grace_seconds ${gcGrace}`, () => {
      const t = table(gcGrace);
      const random = new SeededRandom(seed);
      const clock = new VirtualClock(Date.UTC(2026, 0, 1));
      const scheduler = new VirtualScheduler(clock);
      const purging = new StorageEngine();
      purging.startPurging(clock, scheduler, 60_000);
      const reference = new StorageEngine();
      for (let i = 0; i < 3000; i++) {
        clock.advance(Math.floor(random.next() * 600_000));
        scheduler.advance(0);
        const now = clock.nowSeconds();
        const u = randomUpdate(t, random, now, clock.nowMicros());
        apply(purging, u);
        apply(reference, u);
        if (i % 7 === 0) {
          const key = Math.floor(random.next() * 10);
          expect(live(purging.read(single(t, key, now)), now)).toEqual(live(reference.read(single(t, key, now)), now));
        }
        if (i % 50 === 0) expect(live(purging.read(range(t, now)), now)).toEqual(live(reference.read(range(t, now)), now));
      }
      const end = clock.nowSeconds() + 5 * 3600 + gcGrace;
      purging.purgeAll(end);
      expect(live(purging.read(range(t, end)), end)).toEqual(live(reference.read(range(t, end)), end));
      expect(purging.stats().sizeBytes).toBeLessThan(reference.stats().sizeBytes);
      purging.stopPurging();
    });
  }
});

describe('memory over a long run with deletes and TTLs', () => {
  it('stays flat over 30 virtual days (new keys every hour, TTL 1 day, deletes, gc_grace_seconds 1 day)', () => {
    const t = table(86_400);
    const random = new SeededRandom(7);
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const scheduler = new VirtualScheduler(clock);
    const engine = new StorageEngine();
    engine.startPurging(clock, scheduler, 3_600_000);
    let nextKey = 0;
    const dailyBytes: number[] = [];
    for (let hour = 0; hour < 30 * 24; hour++) {
      const now = clock.nowSeconds();
      for (let i = 0; i < 20; i++) {
        const key = nextKey++;
        const rows: Row[] = [];
        for (let c = 0; c < 4; c++) rows.push(row([int(c)], { v: cell(`value ${key} ${c}`, clock.nowMicros(), 86_400, now) }, { liveness: liveness(clock.nowMicros(), 86_400, now) }));
        apply(engine, update(t, int(key), { token: BigInt(key * 7919 % 100_003), rows }));
        // Deletes of recent keys, whole partitions and rows.
        const old = Math.max(0, key - Math.floor(random.next() * 200));
        if (random.next() < 0.3) apply(engine, update(t, int(old), { token: BigInt(old * 7919 % 100_003), partitionDeletion: deletion(clock.nowMicros(), now) }));
        else if (random.next() < 0.3) apply(engine, update(t, int(old), { token: BigInt(old * 7919 % 100_003), rows: [row([int(1)], {}, { deletion: deletion(clock.nowMicros(), now) })] }));
      }
      clock.advance(3_600_000);
      scheduler.advance(0);
      if (hour % 24 === 23) dailyBytes.push(engine.stats().sizeBytes);
    }
    engine.stopPurging();
    // Data lives a day and its tombstones another day; the sweep passes every hour.
    const settled = dailyBytes.slice(5);
    const max = Math.max(...settled);
    const min = Math.min(...settled);
    expect(max / min).toBeLessThan(1.2);
    expect(engine.stats().partitionCount).toBeLessThan(20 * 24 * 3);
  });
});
