import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../common/index.js';
import { clusteringComparatorFor, deletionPurger, type PartitionUpdate } from '../data/index.js';
import {
  cell, complex, deletion, int, liveness, rangeTombstone, row, slice, bound, testTable, text, tombstoneCell, update,
} from '../data/testing/fixtures.js';
import type { TableMetadata } from '../schema/index.js';
import { native } from '../types/index.js';
import { Memtable } from './memtable.js';
import { COMPACT_MAX_BYTES, COMPACT_MAX_ROWS, MemtablePartition } from './memtable-partition.js';
import { readPartition } from './partition-reader.js';
import { plain } from './testing/plain-data.js';
import { FILTERS, randomUpdate, table as randomTable } from './testing/random-writes.js';
import { counterPartition, counterTable, richPartition, richTable } from './testing/rich-partition.js';

/** The same partition in both forms, written alike. */
function pair(table: TableMetadata, key = int(7), token = -42n): { compact: MemtablePartition; tree: MemtablePartition } {
  const comparator = clusteringComparatorFor(table);
  return {
    compact: MemtablePartition.compact(key, token, comparator, {}),
    tree: new MemtablePartition(key, token, comparator, {}),
  };
}

/** Everything a partition holds or tells about itself. */
function contentOf(p: MemtablePartition): unknown {
  return plain({
    key: p.key, token: p.token, partitionDeletion: p.partitionDeletion, rangeTombstones: p.rangeTombstones.map((rt) => rt.tombstone),
    staticRow: p.staticRow, rows: [...p.rows.all()], sizeBytes: p.sizeBytes, firstExpiry: p.firstExpiry,
    firstDeletionTime: p.firstDeletionTime, rowCount: p.rowCount, hasStaticRow: p.hasStaticRow, isEmpty: p.isEmpty,
  });
}

/** What every kind of read returns of a partition, at a second when some TTLs have run out. */
function readsOf(p: MemtablePartition, table: TableMetadata, nowInSec: number): unknown {
  return plain(FILTERS.map((filter) => readPartition(p, table, filter, nowInSec, 3).partition));
}

function applyBoth(both: { compact: MemtablePartition; tree: MemtablePartition }, u: PartitionUpdate): void {
  expect(both.compact.apply(u)).toBe(both.tree.apply(u));
}

describe('MemtablePartition in the compact form', () => {
  it('holds every kind of stored thing exactly as the tree form does', () => {
    const table = richTable();
    const both = pair(table);
    applyBoth(both, richPartition(table));
    expect(both.compact.isCompact).toBe(true);
    expect(contentOf(both.compact)).toEqual(contentOf(both.tree));
    const comparator = clusteringComparatorFor(table);
    const everything = { start: { prefix: [], inclusive: true }, end: { prefix: [], inclusive: true } };
    expect(plain(readPartition(both.compact, table, { kind: 'slices', slices: [everything], reversed: true }, 1_700_000_030, 100)))
      .toEqual(plain(readPartition(both.tree, table, { kind: 'slices', slices: [everything], reversed: true }, 1_700_000_030, 100)));
    expect(both.compact.outerDeletion([int(15)])).toEqual(both.tree.outerDeletion([int(15)]));
    expect(comparator.size).toBe(1);
  });

  it('holds counters, and rows of tables without clustering columns', () => {
    const table = counterTable();
    const both = pair(table, int(1), 1n);
    applyBoth(both, counterPartition(table));
    expect(both.compact.isCompact).toBe(true);
    expect(contentOf(both.compact)).toEqual(contentOf(both.tree));
  });

  it('holds keys and values of any length, and timestamps of any distance from each other', () => {
    const table = testTable({ regular: [['v', native('blob')], ['w', native('blob')]] });
    for (const keyLength of [0, 1, 127, 128, 300]) {
      const key = Buffer.alloc(keyLength, 0xe9);
      const both = pair(table, key, 5n);
      applyBoth(both, update(table, key, {
        token: 5n,
        rows: [row([], {
          v: cell(Buffer.alloc(700, 0xff), -(2n ** 63n)),
          w: { value: Buffer.alloc(3), timestamp: 2n ** 63n - 1n, ttlSeconds: 2 ** 31 - 2, localDeletionTime: -5 },
        }, { liveness: liveness(2n ** 52n, 1, 2 ** 31 - 3), deletion: deletion(-(2n ** 62n), -1) })],
      }));
      expect(both.compact.isCompact).toBe(true);
      expect(both.compact.hasKey(key)).toBe(true);
      expect(both.compact.hasKey(Buffer.concat([key, Buffer.alloc(1)]))).toBe(false);
      expect(contentOf(both.compact)).toEqual(contentOf(both.tree));
    }
  });

  it(`takes the tree form for good past ${COMPACT_MAX_ROWS} rows`, () => {
    const table = testTable({ clustering: [['c', native('int'), 'desc']] });
    const both = pair(table, int(1), 1n);
    for (let c = 0; c < COMPACT_MAX_ROWS; c++) applyBoth(both, update(table, int(1), { rows: [row([int(c)], { v: cell(`v${c}`, c) })] }));
    expect(both.compact.isCompact).toBe(true);
    applyBoth(both, update(table, int(1), { rows: [row([int(100)], { v: cell('one too many', 100) })] }));
    expect(both.compact.isCompact).toBe(false);
    expect(contentOf(both.compact)).toEqual(contentOf(both.tree));
    // Deleting rows does not bring the compact form back; later writes land in the tree.
    applyBoth(both, update(table, int(1), { rangeTombstones: [rangeTombstone(slice(bound([int(6)]), bound([int(1)])), deletion(200))] }));
    applyBoth(both, update(table, int(1), { rows: [row([int(3)], { v: cell('again', 300) })] }));
    expect(both.compact.isCompact).toBe(false);
    expect(contentOf(both.compact)).toEqual(contentOf(both.tree));
    expect(readsOf(both.compact, table, 0)).toEqual(readsOf(both.tree, table, 0));
  });

  it('takes the tree form at once for a key too long for the compact form, keeping a copy of it', () => {
    const table = testTable({ regular: [['v', native('blob')]] });
    const frame = Buffer.alloc(64 * 1024, 3);
    const key = frame.subarray(100, 100 + COMPACT_MAX_BYTES + 1);
    const partition = MemtablePartition.compact(key, 1n, clusteringComparatorFor(table), {});
    expect(partition.isCompact).toBe(false);
    expect(partition.key.equals(key)).toBe(true);
    expect(partition.key.buffer).not.toBe(frame.buffer);
    partition.apply(update(table, key, { token: 1n, rows: [row([], { v: cell(Buffer.alloc(1), 1) })] }));
    expect(partition.isCompact).toBe(false);
    expect(partition.rowCount).toBe(1);
  });

  it(`takes the tree form past ${COMPACT_MAX_BYTES} bytes`, () => {
    const table = testTable({ regular: [['v', native('blob')]] });
    const both = pair(table, int(1), 1n);
    applyBoth(both, update(table, int(1), { rows: [row([], { v: cell(Buffer.alloc(COMPACT_MAX_BYTES / 2), 1) })] }));
    expect(both.compact.isCompact).toBe(true);
    applyBoth(both, update(table, int(1), { rows: [row([], { v: cell(Buffer.alloc(COMPACT_MAX_BYTES, 1), 2) })] }));
    expect(both.compact.isCompact).toBe(false);
    expect(contentOf(both.compact)).toEqual(contentOf(both.tree));
  });

  it('purges tombstones and expired cells as the tree form does, down to nothing', () => {
    const table = richTable();
    const both = pair(table);
    applyBoth(both, richPartition(table));
    for (const nowInSec of [0, 1_700_000_005, 1_700_000_100, 1_800_000_000]) {
      const purger = deletionPurger(table, nowInSec);
      expect(both.compact.purge(purger)).toBe(both.tree.purge(purger));
      expect(both.compact.isCompact).toBe(true);
      expect(contentOf(both.compact)).toEqual(contentOf(both.tree));
    }
    const expiring = pair(table);
    applyBoth(expiring, update(table, int(7), { rows: [row([int(1)], { v: cell('short', 10, 5, 100) }, { liveness: liveness(10, 5, 100) })] }));
    const purger = deletionPurger(testTable({ options: { gcGraceSeconds: 0 } }), 200);
    expiring.compact.purge(purger);
    expiring.tree.purge(purger);
    expect(expiring.compact.isEmpty).toBe(true);
    expect(contentOf(expiring.compact)).toEqual(contentOf(expiring.tree));
  });

  it('shares its content with a copy until either is written (copy-on-write)', () => {
    const table = randomTable;
    const both = pair(table, int(1), 1n);
    applyBoth(both, update(table, int(1), { rows: [row([int(1), int(1)], { v: cell('first', 1) })], staticRow: row([], { s: cell('s', 1) }) }));
    const original = contentOf(both.compact);
    const copy = both.compact.copyFor({});
    expect(copy.isCompact).toBe(true);
    expect(contentOf(copy)).toEqual(original);
    const tree = both.tree.copyFor({});
    const second = update(table, int(1), { rows: [row([int(1), int(1)], { v: cell('second', 2) }), row([int(2), int(0)], { v: cell('new', 2) })] });
    expect(copy.apply(second)).toBe(tree.apply(second));
    expect(contentOf(copy)).toEqual(contentOf(tree));
    expect(contentOf(both.compact)).toEqual(original);
    // The copy growing into the tree form leaves the original as it was too.
    for (let c = 0; c < COMPACT_MAX_ROWS; c++) {
      const u = update(table, int(1), { rows: [row([int(3), int(c)], { v: cell('more', 3) })] });
      copy.apply(u);
      tree.apply(u);
    }
    expect(copy.isCompact).toBe(false);
    expect(contentOf(copy)).toEqual(contentOf(tree));
    expect(contentOf(both.compact)).toEqual(original);
  });

  it('answers reads of partitions taken in turn each with its own content', () => {
    const table = randomTable;
    const comparator = clusteringComparatorFor(table);
    const partitions = [1, 2, 3].map((k) => {
      const p = MemtablePartition.compact(int(k), BigInt(k), comparator, {});
      p.apply(update(table, int(k), { rows: [row([int(k), int(k)], { v: cell(`v${k}`, k) })] }));
      return p;
    });
    for (const p of [...partitions, ...partitions.reverse()]) {
      const k = p.key.readInt32BE();
      const read = readPartition(p, table, FILTERS[0]!, 0, 10).partition!;
      expect(read.key.readInt32BE()).toBe(k);
      expect(read.rows.map((r) => r.cells.get('v')!.value!.toString())).toEqual([`v${k}`]);
    }
  });

  it('is the form a memtable gives the partitions it creates', () => {
    const memtable = new Memtable(clusteringComparatorFor(randomTable));
    memtable.apply(update(randomTable, int(3), { rows: [row([int(1), int(1)], { v: cell('v', 1) })] }));
    expect(memtable.partition(3n, int(3))?.isCompact).toBe(true);
    expect(memtable.partition(3n, int(4))).toBeUndefined();
    expect(memtable.rowCount()).toBe(1);
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`matches the tree form under random writes, purges and reads (seed ${seed})`, () => {
      const random = new SeededRandom(seed);
      const comparator = clusteringComparatorFor(randomTable);
      const compact = new Map<number, MemtablePartition>();
      const tree = new Map<number, MemtablePartition>();
      let copies = 0;
      const forms = new Set<boolean>();
      for (let step = 0; step < 600; step++) {
        const u = randomUpdate(random);
        const k = u.key.readInt32BE();
        if (!compact.has(k)) {
          compact.set(k, MemtablePartition.compact(u.key, u.token, comparator, {}));
          tree.set(k, new MemtablePartition(u.key, u.token, comparator, {}));
        }
        const roll = random.next();
        if (roll < 0.05) {
          // A snapshot took them: both sides go on with copies.
          compact.set(k, compact.get(k)!.copyFor({}));
          tree.set(k, tree.get(k)!.copyFor({}));
          copies++;
        }
        expect(compact.get(k)!.apply(u)).toBe(tree.get(k)!.apply(u));
        if (roll > 0.95) {
          const purger = deletionPurger(randomTable, Math.floor(random.next() * 2000));
          expect(compact.get(k)!.purge(purger)).toBe(tree.get(k)!.purge(purger));
        }
        forms.add(compact.get(k)!.isCompact);
        expect(contentOf(compact.get(k)!)).toEqual(contentOf(tree.get(k)!));
        if (step % 10 === 0) expect(readsOf(compact.get(k)!, randomTable, step)).toEqual(readsOf(tree.get(k)!, randomTable, step));
      }
      expect(copies).toBeGreaterThan(0);
      expect(forms).toEqual(new Set([true, false]));
      // Writes of the complex kinds, on the partitions as they are by now.
      const table = richTable();
      const rich = pair(table);
      for (let i = 0; i < 20; i++) {
        const ts = 1 + Math.floor(random.next() * 100);
        const c = int(Math.floor(random.next() * 4));
        const elements: [Buffer, ReturnType<typeof cell>][] = [[text(`e${ts % 3}`), random.next() < 0.3 ? tombstoneCell(ts) : cell(Buffer.alloc(0), ts)]];
        applyBoth(rich, update(table, int(7), { rows: [row([c], {}, { complex: { st: complex(random.next() < 0.2 ? deletion(ts - 1) : null, elements) } })] }));
        expect(contentOf(rich.compact)).toEqual(contentOf(rich.tree));
      }
    });
  }
});
