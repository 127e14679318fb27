/**
 * Limits and counters of the read path through the Node driver, on three nodes so that range scans cross
 * the ranges of several replicas: PER PARTITION LIMIT on scans (with LIMIT, token() ranges and paging),
 * partitions holding only static content (they count as a row only when whole partitions are queried,
 * Cassandra's ReadCommand.selectsFullPartition), DISTINCT with LIMIT, aggregates that ignore LIMIT, and the
 * refusals of PER PARTITION LIMIT with DISTINCT and aggregates. Expectations are SelectLimitTest's and
 * SelectTest's (Cassandra 4.1), paged at every page size they use.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError, plainRows } from '../support/node-values.js';

const target = useNodeTarget('read_limits', { nodes: 3 });
const { Long } = cassandra.types;

type Row = Record<string, unknown>;

/** Every row of a query, following paging states by hand with `fetchSize` rows a page. */
async function pagedRows(query: string, fetchSize: number, params: unknown[] = []): Promise<Row[]> {
  const rows: Row[] = [];
  let pageState: string | undefined;
  for (let page = 0; page < 500; page++) {
    const result = await target.client.execute(query, params, { prepare: true, fetchSize, pageState });
    rows.push(...plainRows(result));
    if (!result.pageState) return rows;
    pageState = result.pageState;
  }
  throw new Error(`paging of ${query} did not end`);
}

/** The same rows through eachRow's auto-paging. */
function autoPagedRows(query: string, fetchSize: number): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    const rows: Row[] = [];
    target.client.eachRow(query, [], { prepare: true, fetchSize, autoPage: true },
      (_n, row: cassandra.types.Row) => rows.push(Object.fromEntries(row.keys().map((k) => [k, row.get(k) as unknown]))),
      (error?: Error) => (error ? reject(error) : resolve(rows)));
  });
}

const all = async (query: string, params: unknown[] = []) => plainRows(await target.client.execute(query, params, { prepare: true }));
const PAGE_SIZES = [1, 2, 3, 4, 5, 6, 7, 5000];
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const sortedPairs = (rows: Row[], a: string, b: string) => rows.map((r) => [r[a], r[b]]).sort((x, y) => Number(x[0]) - Number(y[0]) || Number(x[1]) - Number(y[1]));

describe('PER PARTITION LIMIT on range scans (SelectLimitTest.testPerPartitionLimit)', () => {
  beforeAll(async () => {
    await target.client.execute('CREATE TABLE ppl (a int, b int, c int, PRIMARY KEY (a, b))');
    for (const a of range(5)) for (const b of range(5)) await target.client.execute('INSERT INTO ppl (a, b, c) VALUES (?, ?, ?)', [a, b, b], { prepare: true });
  });

  it('caps the rows of each partition, not the rows of the scan', async () => {
    const rows = await all('SELECT * FROM ppl PER PARTITION LIMIT ?', [2]);
    expect(sortedPairs(rows, 'a', 'b')).toEqual(range(5).flatMap((a) => [[a, 0], [a, 1]]));
  });

  it('combines with LIMIT, odd or even', async () => {
    for (const limit of [6, 5, 3]) {
      const rows = await all('SELECT a, b FROM ppl PER PARTITION LIMIT 2 LIMIT ?', [limit]);
      expect(rows).toHaveLength(limit);
      expect(rows.every((r) => (r['b'] as number) < 2)).toBe(true);
    }
  });

  it('applies within a token() range', async () => {
    const byToken = await all('SELECT DISTINCT a FROM ppl');
    const first = byToken[0]!['a'];
    const rows = await all('SELECT a, b FROM ppl WHERE token(a) > token(?) PER PARTITION LIMIT 3', [first]);
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => r['a'])).not.toContain(first);
    expect(new Set(rows.map((r) => r['a'])).size).toBe(4);
  });

  it.each(PAGE_SIZES)('pages the scan at %i rows a page, by hand and auto-paged', async (fetchSize) => {
    const expected = range(5).flatMap((a) => [[a, 0], [a, 1]]);
    expect(sortedPairs(await pagedRows('SELECT a, b FROM ppl PER PARTITION LIMIT 2', fetchSize), 'a', 'b')).toEqual(expected);
    expect(sortedPairs(await autoPagedRows('SELECT a, b FROM ppl PER PARTITION LIMIT 2', fetchSize), 'a', 'b')).toEqual(expected);
    expect(await pagedRows('SELECT a, b FROM ppl PER PARTITION LIMIT 2 LIMIT 7', fetchSize)).toHaveLength(7);
    expect(await pagedRows('SELECT a, b FROM ppl WHERE b > 1 PER PARTITION LIMIT 2 ALLOW FILTERING', fetchSize)).toHaveLength(10);
  });

  it('counts groups per partition with GROUP BY', async () => {
    const rows = await all('SELECT a, b, count(*) FROM ppl GROUP BY a, b PER PARTITION LIMIT 2');
    expect(sortedPairs(rows, 'a', 'b')).toEqual(range(5).flatMap((a) => [[a, 0], [a, 1]]));
  });

  it('lets an aggregate without GROUP BY count every row whatever the LIMIT (AGGREGATE_EVERYTHING reads unlimited)', async () => {
    expect((await target.client.execute('SELECT count(*) FROM ppl LIMIT 2')).first()['count']).toEqual(Long.fromNumber(25));
    expect((await target.client.execute('SELECT count(*), max(b) FROM ppl WHERE a = 1 LIMIT 1')).first()['count']).toEqual(Long.fromNumber(5));
  });

  it('refuses PER PARTITION LIMIT with DISTINCT and with aggregates', async () => {
    await expectServerError(target.client.execute('SELECT DISTINCT a FROM ppl PER PARTITION LIMIT 3'), ErrorCodes.invalid,
      'PER PARTITION LIMIT is not allowed with SELECT DISTINCT queries');
    await expectServerError(target.client.execute('SELECT DISTINCT a FROM ppl PER PARTITION LIMIT 3 LIMIT 4'), ErrorCodes.invalid,
      'PER PARTITION LIMIT is not allowed with SELECT DISTINCT queries');
    await expectServerError(target.client.execute('SELECT COUNT(*) FROM ppl PER PARTITION LIMIT 3'), ErrorCodes.invalid,
      'PER PARTITION LIMIT is not allowed with aggregate queries.');
  });
});

describe('partitions with only static content (SelectLimitTest.testPerPartitionLimitWithStaticDataAndPaging)', () => {
  const row = (a: number, b: number | null, s: number, c: number | null) => ({ a, b, s, c });
  const staticOnly = (a: number) => row(a, null, a, null);

  beforeAll(async () => {
    await target.client.execute('CREATE TABLE pps (a int, b int, s int static, c int, PRIMARY KEY (a, b))');
    for (const a of range(5)) await target.client.execute('INSERT INTO pps (a, s) VALUES (?, ?)', [a, a], { prepare: true });
  });

  const byKey = (rows: Row[]) => [...rows].sort((x, y) => Number(x['a']) - Number(y['a']) || Number(x['b']) - Number(y['b']));
  const scan = (query: string, fetchSize: number) => pagedRows(query.replace('*', 'a, b, s, c'), fetchSize);

  it.each(PAGE_SIZES)('counts a static-only partition as one row of a whole-partition query, at %i rows a page', async (fetchSize) => {
    expect(byKey(await scan('SELECT * FROM pps PER PARTITION LIMIT 2', fetchSize))).toEqual(range(5).map(staticOnly));
    expect(await scan('SELECT * FROM pps PER PARTITION LIMIT 2 LIMIT 4', fetchSize)).toHaveLength(4);
    expect(await scan('SELECT * FROM pps PER PARTITION LIMIT 2 LIMIT 3', fetchSize)).toHaveLength(3);
    expect(await scan('SELECT * FROM pps WHERE a IN (1, 3, 4) PER PARTITION LIMIT 2', fetchSize)).toEqual([1, 3, 4].map(staticOnly));
    expect(await scan('SELECT * FROM pps WHERE a IN (1, 3, 4) PER PARTITION LIMIT 2 LIMIT 2', fetchSize)).toEqual([1, 3].map(staticOnly));
    expect(await scan('SELECT * FROM pps WHERE a = 2 ORDER BY b DESC PER PARTITION LIMIT 3', fetchSize)).toEqual([staticOnly(2)]);
    expect(await scan('SELECT * FROM pps WHERE a = 2 AND s > 0 PER PARTITION LIMIT 2 ALLOW FILTERING', fetchSize)).toEqual([staticOnly(2)]);
    expect(byKey(await scan('SELECT DISTINCT a, s FROM pps LIMIT 4', fetchSize).then((rows) => rows.map((r) => ({ ...r, b: null, c: null })))))
      .toHaveLength(4);
  });

  it.each(PAGE_SIZES)('mixes static-only partitions and partitions with rows, at %i rows a page', async (fetchSize) => {
    for (const a of [0, 2, 3, 4]) {
      for (const b of range(5)) await target.client.execute('INSERT INTO pps (a, b, s, c) VALUES (?, ?, ?, ?)', [a, b, a, b], { prepare: true });
    }
    const full = [row(0, 0, 0, 0), row(0, 1, 0, 1), staticOnly(1), row(2, 0, 2, 0), row(2, 1, 2, 1),
      row(3, 0, 3, 0), row(3, 1, 3, 1), row(4, 0, 4, 0), row(4, 1, 4, 1)];
    const rows = await scan('SELECT * FROM pps PER PARTITION LIMIT 2', fetchSize);
    expect(byKey(rows)).toEqual(full);
    for (const limit of [4, 5]) expect(await scan(`SELECT * FROM pps PER PARTITION LIMIT 2 LIMIT ${limit}`, fetchSize)).toEqual(rows.slice(0, limit));
    expect(await scan('SELECT * FROM pps WHERE a IN (1, 2, 3) PER PARTITION LIMIT 2 LIMIT 3', fetchSize))
      .toEqual([staticOnly(1), row(2, 0, 2, 0), row(2, 1, 2, 1)]);
    expect(await scan('SELECT * FROM pps WHERE a = 2 AND b > 0 PER PARTITION LIMIT 2 ALLOW FILTERING', fetchSize))
      .toEqual([row(2, 1, 2, 1), row(2, 2, 2, 2)]);
    expect(await scan('SELECT * FROM pps WHERE a = 2 AND b > 2 ORDER BY b DESC PER PARTITION LIMIT 2 ALLOW FILTERING', fetchSize))
      .toEqual([row(2, 4, 2, 4), row(2, 3, 2, 3)]);
  });
});

describe('static-only partitions do not count when rows are selected (ReadCommand.selectsFullPartition)', () => {
  beforeAll(async () => {
    await target.client.execute('CREATE TABLE so (pk int, ck int, s int static, v int, PRIMARY KEY (pk, ck))');
    for (const pk of range(20)) {
      await target.client.execute('INSERT INTO so (pk, s) VALUES (?, ?)', [pk, pk], { prepare: true });
      if (pk % 4 === 0) await target.client.execute('INSERT INTO so (pk, ck, v) VALUES (?, 1, ?)', [pk, pk], { prepare: true });
    }
  });

  it.each(PAGE_SIZES)('returns every selected row whatever the page size (%i)', async (fetchSize) => {
    const rows = await pagedRows('SELECT pk, ck FROM so WHERE ck = 1 ALLOW FILTERING', fetchSize);
    expect(rows.map((r) => r['pk']).sort((a, b) => Number(a) - Number(b))).toEqual([0, 4, 8, 12, 16]);
    expect(await pagedRows('SELECT pk, ck FROM so WHERE ck > 0 LIMIT 3 ALLOW FILTERING', fetchSize)).toHaveLength(3);
    expect(await pagedRows('SELECT pk, ck FROM so WHERE ck >= 1 AND ck <= 1 LIMIT 4 ALLOW FILTERING', fetchSize)).toHaveLength(4);
    expect(await pagedRows('SELECT pk, v FROM so WHERE v > 3 LIMIT 2 ALLOW FILTERING', fetchSize)).toHaveLength(2);
  });

  it.each(PAGE_SIZES)('counts them in whole-partition scans and DISTINCT, at %i rows a page', async (fetchSize) => {
    expect(await pagedRows('SELECT pk, ck, s FROM so', fetchSize)).toHaveLength(20);
    expect(await pagedRows('SELECT pk, ck, s FROM so LIMIT 7', fetchSize)).toHaveLength(7);
    expect(await pagedRows('SELECT DISTINCT pk, s FROM so LIMIT 13', fetchSize)).toHaveLength(13);
    expect(await pagedRows('SELECT DISTINCT pk FROM so', fetchSize)).toHaveLength(20);
  });

  it('counts only the selected rows in COUNT(*)', async () => {
    expect((await target.client.execute('SELECT count(*) FROM so WHERE ck = 1 ALLOW FILTERING')).first()['count']).toEqual(Long.fromNumber(5));
    expect((await target.client.execute('SELECT count(*) FROM so')).first()['count']).toEqual(Long.fromNumber(20));
  });
});

describe('filtering on clustering columns with LIMIT and static columns (SelectLimitTest)', () => {
  beforeAll(async () => {
    await target.client.execute('CREATE TABLE fcs (a int, b int, s int static, c int, PRIMARY KEY (a, b))');
    for (const a of range(4)) {
      await target.client.execute('INSERT INTO fcs (a, s) VALUES (?, ?)', [a, a], { prepare: true });
      for (const b of range(3)) {
        if ((a === 0 || a === 3) && b === 1) continue;
        await target.client.execute('INSERT INTO fcs (a, b, c) VALUES (?, ?, ?)', [a, b, a + b], { prepare: true });
      }
    }
  });

  it.each([1, 2, 3, 5000])('returns the two rows at b = 1 at %i rows a page, grouped or not', async (fetchSize) => {
    const expected = [{ a: 1, b: 1, s: 1, c: 2 }, { a: 2, b: 1, s: 2, c: 3 }];
    const sorted = (rows: Row[]) => [...rows].sort((x, y) => Number(x['a']) - Number(y['a']));
    for (const where of ['b = 1', 'b >= 1 AND b <= 1']) {
      expect(sorted(await pagedRows(`SELECT a, b, s, c FROM fcs WHERE ${where} LIMIT 2 ALLOW FILTERING`, fetchSize))).toEqual(expected);
      expect(sorted(await pagedRows(`SELECT a, b, s, c FROM fcs WHERE ${where} GROUP BY a LIMIT 2 ALLOW FILTERING`, fetchSize))).toEqual(expected);
      expect(await pagedRows(`SELECT a, b, s, c FROM fcs WHERE a IN (0, 1, 2, 3) AND ${where} LIMIT 2 ALLOW FILTERING`, fetchSize)).toEqual(expected);
    }
  });
});
