/**
 * LIMIT, PER PARTITION LIMIT and DISTINCT over partition ranges as Cassandra 4.1's SelectLimitTest checks
 * them, paged at several page sizes: limits per partition on scans, partitions with only static content
 * (a row only when whole partitions are queried), aggregates that read every row.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useCqlTester, row } from './testing/cql-tester.js';

const tester = useCqlTester();
const { rows, pagedRows: paged, assertInvalidMessage } = tester;
const byKey = (out: readonly (readonly unknown[])[]) => [...out].sort((a, b) => Number(a[0]) - Number(b[0]) || Number(a[1] ?? -1) - Number(b[1] ?? -1));
const PAGE_SIZES = [1, 2, 3, 4, 7, 5000];

describe('PER PARTITION LIMIT over a partition range (testPerPartitionLimit)', () => {
  beforeAll(async () => {
    await tester.cql.createTable('(a int, b int, c int, PRIMARY KEY (a, b))');
    for (let a = 0; a < 5; a++) for (let b = 0; b < 5; b++) await tester.cql.execute('INSERT INTO %s (a, b, c) VALUES (?, ?, ?)', a, b, b);
  });

  it('limits each partition, not the scan', async () => {
    const expected = [0, 1, 2, 3, 4].flatMap((a) => [row(a, 0, 0), row(a, 1, 1)]);
    expect(byKey(await rows('SELECT * FROM %s PER PARTITION LIMIT ?', 2))).toEqual(expected);
    for (const pageSize of PAGE_SIZES) expect(byKey(await paged('SELECT * FROM %s PER PARTITION LIMIT 2', pageSize))).toEqual(expected);
  });

  it('combines with LIMIT', async () => {
    expect(await rows('SELECT * FROM %s PER PARTITION LIMIT ? LIMIT ?', 2, 6)).toHaveLength(6);
    expect(await rows('SELECT * FROM %s PER PARTITION LIMIT ? LIMIT ?', 2, 5)).toHaveLength(5);
    for (const pageSize of PAGE_SIZES) expect(await paged('SELECT * FROM %s PER PARTITION LIMIT 2 LIMIT 5', pageSize)).toHaveLength(5);
  });

  it('ignores LIMIT in an aggregate over every row, and refuses PER PARTITION LIMIT there and with DISTINCT', async () => {
    expect(await rows('SELECT count(*) FROM %s LIMIT 3')).toEqual([row(25n)]);
    await assertInvalidMessage('PER PARTITION LIMIT is not allowed with SELECT DISTINCT queries', 'SELECT DISTINCT a FROM %s PER PARTITION LIMIT ?', 3);
    await assertInvalidMessage('PER PARTITION LIMIT is not allowed with aggregate queries.', 'SELECT COUNT(*) FROM %s PER PARTITION LIMIT ?', 3);
    expect(await rows('SELECT a, count(*) FROM %s GROUP BY a PER PARTITION LIMIT 1 LIMIT 2')).toHaveLength(2);
  });
});

describe('partitions with only static content (testPerPartitionLimitWithStaticDataAndPaging, testFilteringOnClusteringColumnsWithLimitAndStaticColumns)', () => {
  beforeAll(async () => {
    await tester.cql.createTable('(a int, b int, s int static, c int, PRIMARY KEY (a, b))');
    for (let a = 0; a < 4; a++) {
      await tester.cql.execute('INSERT INTO %s (a, s) VALUES (?, ?)', a, a);
      for (let b = 0; b < 3; b++) if (!((a === 0 || a === 3) && b === 1)) await tester.cql.execute('INSERT INTO %s (a, b, c) VALUES (?, ?, ?)', a, b, a + b);
    }
    await tester.cql.execute('INSERT INTO %s (a, s) VALUES (?, ?)', 9, 9);
  });

  it.each(PAGE_SIZES)('does not count them when rows are selected (%i rows a page)', async (pageSize) => {
    const expected = [row(1, 1, 1, 2), row(2, 1, 2, 3)];
    expect(byKey(await paged('SELECT * FROM %s WHERE b = 1 LIMIT 2 ALLOW FILTERING', pageSize))).toEqual(expected);
    expect(byKey(await paged('SELECT * FROM %s WHERE b >= 1 AND b <= 1 LIMIT 2 ALLOW FILTERING', pageSize))).toEqual(expected);
    expect(byKey(await paged('SELECT * FROM %s WHERE b = 1 GROUP BY a LIMIT 2 ALLOW FILTERING', pageSize))).toEqual(expected);
    expect(byKey(await paged('SELECT * FROM %s WHERE b = 1 ALLOW FILTERING', pageSize))).toEqual(expected);
  });

  it.each(PAGE_SIZES)('counts them as one row when whole partitions are queried (%i rows a page)', async (pageSize) => {
    const all = await paged('SELECT * FROM %s PER PARTITION LIMIT 1', pageSize);
    expect(byKey(all)).toEqual([row(0, 0, 0, 0), row(1, 0, 1, 1), row(2, 0, 2, 2), row(3, 0, 3, 3), row(9, null, 9, null)]);
    expect(await paged('SELECT * FROM %s PER PARTITION LIMIT 1 LIMIT 4', pageSize)).toEqual(all.slice(0, 4));
    expect(await paged('SELECT DISTINCT a, s FROM %s LIMIT 4', pageSize)).toEqual(all.slice(0, 4).map((r) => row(r[0], r[2])));
  });
});
