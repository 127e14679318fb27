import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SeededRandom } from '../common/index.js';
import {
  clusteringComparatorFor, filterAfter,
  type ClusteringFilter, type PartitionUpdate, type Row, type SinglePartitionReadCommand, type UnfilteredPartition,
} from '../data/index.js';
import {
  ALL, bound, cell, deletion, int, liveness, rangeTombstone, row, slice, testTable, tombstoneCell, update,
} from '../data/testing/fixtures.js';
import { native } from '../types/index.js';
import { flushedPartitions } from './durable/memtable-contents.js';
import { Memtable } from './memtable.js';
import { memtableSource, readSingleMerged, type PartitionSource } from './merged-read.js';
import { Descriptor, SSTableReader, writeSSTable } from './sstable/index.js';
import { live, newMemtable, table } from './testing/random-writes.js';
import { plain } from './testing/plain-data.js';
import { tempDir } from './testing/temp-dir.js';

let dir: ReturnType<typeof tempDir>;
let readers: SSTableReader[];
beforeEach(() => {
  dir = tempDir('limited-read');
  readers = [];
});
afterEach(() => {
  for (const r of readers) r.close();
  dir.remove();
});

function sstableSource(reader: SSTableReader): PartitionSource {
  return {
    readPartition: (t, token, key, filter) => reader.readPartition(t, key, token, filter),
    openPartition: (t, token, key, filter) => reader.openPartition(t, key, token, filter),
    scan: (t, range, filter) => reader.scan(t, range, filter),
  };
}

function flush(memtable: Memtable, generation: number, blockSizeBytes: number): SSTableReader {
  const d = new Descriptor(dir.path, generation);
  writeSSTable(d, table, flushedPartitions(table, memtable), { blockSizeBytes });
  const reader = SSTableReader.open(d);
  readers.push(reader);
  return reader;
}

const KEY = int(1);

/** A write to partition 1 of random-writes' table (a int, b int DESC): rows, cells, deletions of every kind, statics, TTLs. */
function randomWideUpdate(random: SeededRandom): PartitionUpdate {
  const pick = (n: number): number => Math.floor(random.next() * n);
  const ts = 1 + pick(1000);
  const a = pick(60);
  const clustering = [int(a), int(pick(5))];
  const ttl = pick(5) === 0 ? 10 + pick(60) : 0;
  const choice = pick(100);
  if (choice < 45) return update(table, KEY, { rows: [row(clustering, { v: cell(`v${ts}`, ts, ttl) }, { liveness: liveness(ts, ttl) })] });
  if (choice < 55) return update(table, KEY, { rows: [row(clustering, { v: cell(`u${ts}`, ts, ttl) })] });
  if (choice < 63) return update(table, KEY, { rows: [row(clustering, {}, { deletion: deletion(ts) })] });
  if (choice < 70) return update(table, KEY, { rows: [row(clustering, { v: tombstoneCell(ts) })] });
  if (choice < 80) {
    return update(table, KEY, { rangeTombstones: [rangeTombstone(slice(bound([int(a)]), bound([int(a + pick(6))], pick(2) === 0)), deletion(ts))] });
  }
  if (choice < 85) {
    const b = pick(5);
    return update(table, KEY, { rangeTombstones: [rangeTombstone(slice(bound([int(a), int(b)]), bound([int(a + 1), int(b)], false)), deletion(ts))] });
  }
  if (choice < 93) return update(table, KEY, { staticRow: row([], { s: cell(`s${ts}`, ts, ttl) }) });
  // Partition deletions early in time, so that most writes outlive them.
  return update(table, KEY, { partitionDeletion: deletion(pick(300)) });
}

const FILTERS: readonly ClusteringFilter[] = [
  { kind: 'slices', slices: [ALL], reversed: false },
  { kind: 'slices', slices: [ALL], reversed: true },
  { kind: 'slices', slices: [slice(bound([int(10)]), bound([int(40)], false))], reversed: false },
  { kind: 'slices', slices: [slice(bound([int(10), int(3)], false), bound([int(40), int(1)]))], reversed: true },
  {
    kind: 'slices', reversed: true,
    slices: [slice(bound([int(2)]), bound([int(8)])), slice(bound([int(20), int(2)]), bound([int(31)], false)), slice(bound([int(50)]), bound([]))],
  },
  { kind: 'names', clusterings: [[int(3), int(1)], [int(30), int(0)], [int(7), int(4)], [int(55), int(2)], [int(3), int(1)]], reversed: false },
  { kind: 'names', clusterings: [[int(3), int(1)], [int(30), int(0)], [int(7), int(4)], [int(55), int(2)]], reversed: true },
];

/** What a client sees (live()), with at most `limit` rows: a partition left with neither row nor static value goes. */
function cut(seen: readonly string[], limit: number): string[] {
  return seen.flatMap((p) => {
    const [k, s, ...rows] = p.split(' ');
    const kept = rows.filter((r) => r !== '').slice(0, limit);
    return kept.length === 0 && s === 's=-' ? [] : [[k, s, ...kept].join(' ')];
  });
}

describe('single-partition reads with a row limit, merged lazily over SSTables and memtables', () => {
  for (const seed of [11, 12, 13, 14, 15, 16]) {
    it(`answer the unlimited read cut to the limit, forwards and reversed (seed ${seed})`, () => {
      const random = new SeededRandom(seed);
      const whole = newMemtable();
      // Two SSTables with blocks cut small (many blocks per partition), a memtable being flushed, the live memtable.
      const parts = [newMemtable(), newMemtable(), newMemtable(), newMemtable()];
      for (let i = 0; i < 1500; i++) {
        const u = randomWideUpdate(random);
        whole.apply(u);
        parts[Math.floor(random.next() * parts.length)]!.apply(u);
      }
      const sources = [sstableSource(flush(parts[0]!, 1, 256)), sstableSource(flush(parts[1]!, 2, 512)), memtableSource(parts[2]!)];
      const own = parts[3]!;
      for (const nowInSec of [0, 40]) {
        for (const filter of FILTERS) {
          const command = (rowLimit: number): SinglePartitionReadCommand => ({ kind: 'single', table, key: KEY, token: 1n, filter, nowInSec, rowLimit });
          const whole0 = readSingleMerged(command(Infinity), own, sources)[0];
          const unlimited = live(whole0 === undefined ? [] : [whole0], nowInSec);
          expect(unlimited, `filter ${JSON.stringify(filter)}`).toEqual(live(whole.readSingle(command(Infinity)), nowInSec));
          for (const limit of [0, 1, 2, 3, 7, 20, 100]) {
            const answer = readSingleMerged(command(limit), own, sources)[0];
            const limited = live(answer === undefined ? [] : [answer], nowInSec);
            // Reconciled as the unlimited read: the same head, and its first rows, tombstones and dead rows included.
            if (answer !== undefined && whole0 !== undefined) {
              expect(plain({ ...answer, rows: [] })).toEqual(plain({ ...whole0, rows: [] }));
              expect(plain(answer.rows)).toEqual(plain(whole0.rows.slice(0, answer.rows.length)));
            }
            expect(cut(limited, limit), `limit ${limit} now ${nowInSec} filter ${JSON.stringify(filter)}`).toEqual(cut(unlimited, limit));
            expect(limited).toEqual(live(whole.readSingle(command(limit)), nowInSec));
          }
        }
      }
    });
  }
});

describe('a limited read of a wide partition on disk reads only the blocks its rows are in', () => {
  const ROWS = 100_000;
  const wide = testTable({ clustering: [['c', native('int'), 'asc']], regular: [['v', native('text')]] });
  const wideComparator = clusteringComparatorFor(wide);
  const rowOf = (c: number): Row => row([int(c)], { v: cell(`value-${String(c).padStart(6, '0')}-of-the-wide-row`, 1000 + c) }, { liveness: liveness(1000 + c) });
  const ck = (r: Row): number => r.clustering[0]!.readInt32BE();

  const from = (c: number): ClusteringFilter => ({ kind: 'slices', slices: [slice(bound([int(c)]), bound([]))], reversed: false });
  const upTo = (c: number): ClusteringFilter => ({ kind: 'slices', slices: [slice(bound([]), bound([int(c)]))], reversed: true });
  let wideDir: ReturnType<typeof tempDir>;
  let reader: SSTableReader;
  /** Blocks of rows the partition takes in Data.db. */
  let blocks: number;
  const own = new Memtable(wideComparator);

  function read(filter: ClusteringFilter, rowLimit: number): { rows: readonly Row[]; reads: number } {
    const before = reader.dataReadCount;
    const answer = readSingleMerged({ kind: 'single', table: wide, key: KEY, token: 1n, filter, nowInSec: 0, rowLimit }, own, [sstableSource(reader)]);
    return { rows: answer[0]?.rows ?? [], reads: reader.dataReadCount - before };
  }

  beforeAll(() => {
    wideDir = tempDir('limited-read-wide');
    const partition: UnfilteredPartition = {
      table: wide, key: KEY, token: 1n, partitionDeletion: null, rangeTombstones: [], staticRow: null, reversed: false,
      rows: Array.from({ length: ROWS }, (_, c) => rowOf(c)),
    };
    const d = new Descriptor(wideDir.path, 1);
    writeSSTable(d, wide, [partition]);
    reader = SSTableReader.open(d);
    // An unlimited slice reads the head, then every block of rows it covers.
    const all = read(from(0), Infinity);
    expect(all.rows).toHaveLength(ROWS);
    blocks = all.reads - 1;
    expect(blocks).toBeGreaterThan(40);
  });
  afterAll(() => {
    reader.close();
    wideDir.remove();
  });


  it('LIMIT 10 reads one or two blocks, where the whole slice reads every block', () => {
    const first = read({ kind: 'slices', slices: [ALL], reversed: false }, 10);
    expect(first.rows.map(ck)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(first.reads).toBe(1); // the head and the first block follow each other: one read
    const last = read({ kind: 'slices', slices: [ALL], reversed: true }, 10);
    expect(last.rows.map(ck)).toEqual(Array.from({ length: 10 }, (_, i) => ROWS - 1 - i));
    expect(last.reads).toBeLessThanOrEqual(2);
    const middle = read(from(50_000), 10);
    expect(middle.rows.map(ck)).toEqual(Array.from({ length: 10 }, (_, i) => 50_000 + i));
    expect(middle.reads).toBeLessThanOrEqual(3);
    const middleBackwards = read(upTo(50_000), 10);
    expect(middleBackwards.rows.map(ck)).toEqual(Array.from({ length: 10 }, (_, i) => 50_000 - i));
    expect(middleBackwards.reads).toBeLessThanOrEqual(3);
  });

  for (const reversed of [false, true]) {
    it(`pages of 5,000 rows ${reversed ? 'in reverse' : 'forwards'} each read the blocks of their rows, not the rest of the partition`, () => {
      const perPage = Math.ceil((blocks * 5000) / ROWS) + 3;
      const base: ClusteringFilter = { kind: 'slices', slices: [ALL], reversed };
      const seen: number[] = [];
      let filter: ClusteringFilter = base;
      let total = 0;
      let pages = 0;
      for (;;) {
        const page = read(filter, 5000);
        pages++;
        total += page.reads;
        expect(page.reads, `page ${pages}`).toBeLessThanOrEqual(perPage);
        seen.push(...page.rows.map(ck));
        if (page.rows.length < 5000) break;
        filter = filterAfter(base, page.rows[page.rows.length - 1]!.clustering, wideComparator);
      }
      const expected = Array.from({ length: ROWS }, (_, i) => (reversed ? ROWS - 1 - i : i));
      expect(seen).toEqual(expected);
      expect(pages).toBe(21);
      // Every block read about once, plus the head and the block a page boundary cuts, per page.
      expect(total).toBeLessThanOrEqual(blocks + 3 * pages);
    });
  }
});
