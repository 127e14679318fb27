/**
 * A wide partition of 100,000 rows written through the Node.js driver and flushed: clustering slices (start,
 * middle, end, reversed, paged, limited) return exactly their rows, merged with what the memtable wrote over
 * the SSTable since; a narrow slice reads only a few blocks of Data.db, thanks to the row index, and a page or a
 * LIMIT only the blocks its rows are in (the read stops at its limit).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalCluster } from '../../src/main.js';
import { closeDurable, openDurable, type Opened } from './driver-support.js';

const ROWS = 100_000;
const BATCH = 100;
const CONCURRENCY = 16;
const value = (c: number): string => `value-${String(c).padStart(6, '0')}-of-the-wide-row`;

let root: string;
let opened: Opened;

/** Reads of Data.db so far by every SSTable of the table (one node). */
function dataReads(): number {
  const cluster = internalCluster(opened.cluster);
  const table = cluster.schema.table('ks', 'wide')!;
  return cluster.nodes[0]!.storage.sstables(table).reduce((sum, reader) => sum + reader.dataReadCount, 0);
}

/**
 * The clusterings and values a query returns, every page fetched by its paging state, the pages' sizes and the
 * Data.db reads each page took.
 */
async function slice(cql: string, params: unknown[], fetchSize = 5000): Promise<{ cs: number[]; pages: number[]; reads: number[] }> {
  const cs: number[] = [];
  const pages: number[] = [];
  const reads: number[] = [];
  let pageState: string | undefined;
  do {
    const before = dataReads();
    const result = await opened.client.execute(cql, params, { prepare: true, fetchSize, pageState });
    reads.push(dataReads() - before);
    for (const row of result.rows) {
      const c = row['c'] as number;
      expect(row['v'], `row ${c}`).toBe(c === 50_000 ? 'rewritten' : value(c));
      cs.push(c);
    }
    pages.push(result.rows.length);
    pageState = result.pageState ?? undefined;
  } while (pageState !== undefined);
  return { cs, pages, reads };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cassanova-wide-'));
  opened = await openDurable(root);
  const { client } = opened;
  await client.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
  await client.execute('CREATE TABLE ks.wide (k int, c int, v text, PRIMARY KEY (k, c))');
  const insert = 'INSERT INTO ks.wide (k, c, v) VALUES (1, ?, ?)';
  let next = 0;
  // Unlogged single-partition batches of 100 rows, 16 in flight.
  const writer = async (): Promise<void> => {
    while (next < ROWS) {
      const from = next;
      next += BATCH;
      const queries = range(from, Math.min(from + BATCH, ROWS)).map((c) => ({ query: insert, params: [c, value(c)] }));
      await client.batch(queries, { prepare: true, logged: false });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, writer));
  await opened.cluster.flush();
  // Over the SSTable, from the memtable: a range deleted and a row rewritten in the middle.
  await client.execute('DELETE FROM ks.wide WHERE k = 1 AND c >= 50003 AND c < 50006');
  await client.execute("UPDATE ks.wide SET v = 'rewritten' WHERE k = 1 AND c = 50000");
}, 120_000);

afterAll(async () => {
  await closeDurable(opened, 'close');
  rmSync(root, { recursive: true, force: true });
});

describe('a wide partition of 100,000 rows, flushed', () => {
  it('is on disk as one SSTable, the memtable holding only what came after the flush', () => {
    const cluster = internalCluster(opened.cluster);
    expect(cluster.nodes[0]!.storage.sstables(cluster.schema.table('ks', 'wide')!)).toHaveLength(1);
  });

  it('answers a narrow slice in the middle reading a few blocks of Data.db, not the partition', async () => {
    const before = dataReads();
    const { cs } = await slice('SELECT c, v FROM ks.wide WHERE k = 1 AND c >= ? AND c < ?', [49_998, 50_010]);
    expect(cs).toEqual([49_998, 49_999, 50_000, 50_001, 50_002, 50_006, 50_007, 50_008, 50_009]);
    const narrow = dataReads() - before;
    expect(narrow).toBeGreaterThan(0);
    expect(narrow).toBeLessThanOrEqual(3);
    // The whole partition, for scale.
    const all = dataReads();
    const count = await opened.client.execute('SELECT count(*) AS n FROM ks.wide WHERE k = 1');
    expect(String(count.rows[0]!['n'])).toBe(String(ROWS - 3));
    expect(dataReads() - all).toBeGreaterThan(20 * narrow);
  });

  it('slices the start and the end, forwards and reversed, paged, with LIMIT', async () => {
    const q = 'SELECT c, v FROM ks.wide WHERE k = 1';
    const before = dataReads();
    expect((await slice(`${q} AND c < ?`, [5])).cs).toEqual([0, 1, 2, 3, 4]);
    expect((await slice(`${q} AND c >= ?`, [ROWS - 5])).cs).toEqual(range(ROWS - 5, ROWS));
    expect(dataReads() - before).toBeLessThanOrEqual(6);
    expect((await slice(`${q} AND c > ? AND c <= ? ORDER BY c DESC`, [69_990, 70_010], 7)).cs).toEqual(range(69_991, 70_011).reverse());
    expect((await slice(`${q} ORDER BY c DESC LIMIT 4`, [])).cs).toEqual([99_999, 99_998, 99_997, 99_996]);
    expect((await slice(`${q} AND c >= ? LIMIT 5`, [50_001])).cs).toEqual([50_001, 50_002, 50_006, 50_007, 50_008]);
  });

  it('pages through a slice of 6,000 rows in order, both ways, across the deleted range', async () => {
    const q = 'SELECT c, v FROM ks.wide WHERE k = 1 AND c >= ? AND c < ?';
    const expected = range(47_000, 53_000).filter((c) => c < 50_003 || c >= 50_006);
    const forwards = await slice(q, [47_000, 53_000], 1000);
    expect(forwards.cs).toEqual(expected);
    expect(forwards.pages.slice(0, 5)).toEqual([1000, 1000, 1000, 1000, 1000]);
    const backwards = await slice(`${q} ORDER BY c DESC`, [47_000, 53_000], 777);
    expect(backwards.cs).toEqual([...expected].reverse());
  });

  it('pages through the whole partition at 5,000 rows a page reading the blocks of each page only, both ways', async () => {
    const expected = range(0, ROWS).filter((c) => c < 50_003 || c >= 50_006);
    for (const reversed of [false, true]) {
      const paged = await slice(`SELECT c, v FROM ks.wide WHERE k = 1${reversed ? ' ORDER BY c DESC' : ''}`, []);
      expect(paged.cs).toEqual(reversed ? [...expected].reverse() : expected);
      expect(paged.pages).toHaveLength(20);
      // 5,000 rows are about 4 blocks of 64 KiB; with the head and the block a page boundary cuts, at most 8 reads.
      // Reading each page's slice to the end of the partition took up to 70.
      for (const [page, reads] of paged.reads.entries()) expect(reads, `page ${page}`).toBeLessThanOrEqual(8);
      expect(paged.reads.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(130);
    }
    const before = dataReads();
    expect((await slice('SELECT c, v FROM ks.wide WHERE k = 1 AND c >= ? LIMIT 100', [60_000])).cs).toEqual(range(60_000, 60_100));
    expect((await slice('SELECT c, v FROM ks.wide WHERE k = 1 AND c <= ? ORDER BY c DESC LIMIT 100', [60_000])).cs).toEqual(range(59_901, 60_001).reverse());
    expect(dataReads() - before).toBeLessThanOrEqual(6);
  });
});
