/**
 * GROUP BY as Cassandra 4.1 answers it, on the data set of its SelectGroupByTest: groups of rows sharing
 * the partition key and a clustering prefix, aggregates per group and other columns from a group's first
 * row, LIMIT and PER PARTITION LIMIT counted in groups, pages of whole groups, and the refusals.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError } from '../support/node-values.js';

const target = useNodeTarget('groupby');
const { Long } = cassandra.types;

/** Rows as arrays, counts (bigint) as numbers. */
async function rows(cql: string, options: cassandra.QueryOptions = {}): Promise<unknown[][]> {
  const result = await target.client.execute(cql, [], options);
  return result.rows.map((r) => result.columns.map((_c, i) => {
    const v = r.get(i) as unknown;
    return v instanceof Long ? v.toNumber() : v;
  }));
}

/** Every page of a query at `fetchSize`, concatenated. */
async function allPages(cql: string, fetchSize: number): Promise<{ rows: unknown[][]; pages: number }> {
  const out: unknown[][] = [];
  let pageState: string | undefined;
  let pages = 0;
  do {
    const result = await target.client.execute(cql, [], { fetchSize, pageState, prepare: true });
    out.push(...result.rows.map((r) => result.columns.map((_c, i) => {
      const v = r.get(i) as unknown;
      return v instanceof Long ? v.toNumber() : v;
    })));
    expect(result.rows.length).toBeLessThanOrEqual(fetchSize);
    pageState = result.pageState ?? undefined;
    pages++;
  } while (pageState !== undefined && pages < 100);
  return { rows: out, pages };
}

beforeAll(async () => {
  await target.client.execute('CREATE TABLE g (a int, b int, c int, d int, e int, PRIMARY KEY (a, b, c, d))');
  const insert = 'INSERT INTO g (a, b, c, d, e) VALUES (?, ?, ?, ?, ?)';
  for (const row of [[1, 2, 1, 3, 6], [1, 2, 2, 6, 12], [1, 3, 2, 12, 24], [1, 4, 2, 12, 24], [1, 4, 2, 6, 12],
    [2, 2, 3, 3, 6], [2, 4, 3, 6, 12], [3, 3, 2, 12, 24], [4, 8, 2, 12, 24]]) {
    await target.client.execute(insert, row, { prepare: true });
  }
  await target.client.execute('DELETE FROM g WHERE a = 1 AND b = 3 AND c = 2 AND d = 12');
  await target.client.execute('DELETE FROM g WHERE a = 3');
});

/** Range results come in token order; Cassandra's test data put partitions 1, 2, 4 in that order only by chance. */
const byA = (r: unknown[][]): unknown[][] => [...r].sort((x, y) => (x[0] as number) - (y[0] as number));

describe('GROUP BY over a range of partitions', () => {
  it('aggregates per group and takes the other columns from its first row', async () => {
    expect(byA(await rows('SELECT a, b, e, count(b), max(e) FROM g GROUP BY a')))
      .toEqual([[1, 2, 6, 4, 24], [2, 2, 6, 2, 12], [4, 8, 24, 1, 24]]);
    expect(byA(await rows('SELECT a, b, e, count(b), max(e) FROM g GROUP BY a, b')))
      .toEqual([[1, 2, 6, 2, 12], [1, 4, 12, 2, 24], [2, 2, 6, 1, 6], [2, 4, 12, 1, 12], [4, 8, 24, 1, 24]]);
    expect(byA(await rows('SELECT a, b, c, d FROM g GROUP BY a, b, c')))
      .toEqual([[1, 2, 1, 3], [1, 2, 2, 6], [1, 4, 2, 6], [2, 2, 3, 3], [2, 4, 3, 6], [4, 8, 2, 12]]);
    expect(byA(await rows('SELECT a, b, e, count(b), max(e) FROM g WHERE b = 2 GROUP BY a, b ALLOW FILTERING')))
      .toEqual([[1, 2, 6, 2, 12], [2, 2, 6, 1, 6]]);
  });

  it('counts PER PARTITION LIMIT in groups, and DISTINCT groups by partition', async () => {
    expect(byA(await rows('SELECT a, b, e, count(b), max(e) FROM g GROUP BY a, b PER PARTITION LIMIT 1')))
      .toEqual([[1, 2, 6, 2, 12], [2, 2, 6, 1, 6], [4, 8, 24, 1, 24]]);
    expect(byA(await rows('SELECT DISTINCT a, count(a) FROM g GROUP BY a'))).toEqual([[1, 1], [2, 1], [4, 1]]);
  });
});

describe('GROUP BY in one partition and over IN', () => {
  it('groups by clustering prefixes, skipping key columns restricted by =', async () => {
    const expected = [[1, 2, 6, 1, 6], [1, 2, 12, 1, 12], [1, 4, 12, 2, 24]];
    expect(await rows('SELECT a, b, e, count(b), max(e) FROM g WHERE a = 1 GROUP BY a, b, c')).toEqual(expected);
    expect(await rows('SELECT a, b, e, count(b), max(e) FROM g WHERE a = 1 GROUP BY b, c')).toEqual(expected);
    expect(await rows('SELECT a, b, e, count(b), max(e) FROM g WHERE a = 1 AND b = 2 GROUP BY c')).toEqual(expected.slice(0, 2));
    expect(await rows('SELECT count(b), max(e) FROM g WHERE a = 1 GROUP BY a, b, c LIMIT 1')).toEqual([[1, 6]]);
    expect(await rows('SELECT a, b, e, count(b), max(e) FROM g WHERE a = 1 GROUP BY a, b, c ORDER BY b DESC, c DESC'))
      .toEqual([[1, 4, 24, 2, 24], [1, 2, 12, 1, 12], [1, 2, 6, 1, 6]]);
  });

  it('reads IN partitions in key order and sorts groups with ORDER BY when not paged', async () => {
    expect(await rows('SELECT a, b, c, d FROM g WHERE a IN (4, 2, 1) GROUP BY a, b'))
      .toEqual([[1, 2, 1, 3], [1, 4, 2, 6], [2, 2, 3, 3], [2, 4, 3, 6], [4, 8, 2, 12]]);
    expect(await rows('SELECT a, b, c, count(b), max(e) FROM g WHERE a IN (1, 2, 4) GROUP BY a, b ORDER BY b DESC, c DESC', { fetchSize: 0 }))
      .toEqual([[4, 8, 2, 1, 24], [2, 4, 3, 1, 12], [1, 4, 2, 2, 24], [2, 2, 3, 1, 6], [1, 2, 2, 2, 12]]);
  });
});

describe('paging GROUP BY', () => {
  it.each([1, 2, 3])('gives whole groups, %i per page, the same rows as one page', async (fetchSize) => {
    for (const cql of ['SELECT a, b, e, count(b), max(e) FROM g GROUP BY a, b', 'SELECT a, b, c, d FROM g WHERE a = 1 GROUP BY a, b, c',
      'SELECT a, b, count(b) FROM g GROUP BY a, b PER PARTITION LIMIT 1', 'SELECT a, b, count(b) FROM g GROUP BY a, b LIMIT 4']) {
      const whole = await rows(cql);
      const paged = await allPages(cql, fetchSize);
      expect(paged.rows, `${cql} at ${fetchSize}`).toEqual(whole);
      expect(paged.pages).toBeGreaterThanOrEqual(Math.ceil(whole.length / fetchSize));
    }
  });
});

describe('what GROUP BY refuses', () => {
  it.each([
    ['SELECT a, count(e) FROM g GROUP BY e', 'Group by is currently only supported on the columns of the PRIMARY KEY, got e'],
    ['SELECT a, count(e) FROM g GROUP BY b', 'Group by currently only support groups of columns following their declared order in the PRIMARY KEY'],
    ['SELECT a, count(e) FROM g WHERE a = 1 GROUP BY c', 'Group by currently only support groups of columns following their declared order in the PRIMARY KEY'],
    ['SELECT a, count(e) FROM g GROUP BY a, c', 'Group by currently only support groups of columns following their declared order in the PRIMARY KEY'],
    ['SELECT DISTINCT a, count(a) FROM g GROUP BY a, b', 'Grouping on clustering columns is not allowed for SELECT DISTINCT queries'],
    ['SELECT a, count(e) FROM g GROUP BY nope', 'Undefined column name nope'],
  ])('%s', async (cql, message) => {
    await expectServerError(target.client.execute(cql), ErrorCodes.invalid, message);
  });
});
