/**
 * Multi-column slices on clustering columns of mixed order, as Cassandra 4.1 answers them
 * (SelectMultiColumnRelationTest.testMixedOrderColumns1-4): the tuple compares column by column in each
 * type's own order, rows come back in clustering order, reversed with ORDER BY, and page alike.
 */
import { describe, expect, it } from 'vitest';
import { useCqlTester, row } from './testing/cql-tester.js';

const { execute, rows, pagedRows, createTable } = useCqlTester();

type Tuple = readonly number[];

/** Lexicographic comparison in natural order, as the tuple relation means it. */
function lexicographic(a: Tuple, b: Tuple): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

const OPS: Record<string, (order: number) => boolean> = {
  '<': (o) => o < 0, '<=': (o) => o <= 0, '>': (o) => o > 0, '>=': (o) => o >= 0,
};

/** What Cassandra returns for `a = 0 AND (cols) op (values) [AND ...]`: matching rows in clustering order. */
function expected(data: readonly Tuple[], orders: readonly ('ASC' | 'DESC')[], relations: readonly [number, string, Tuple][]): unknown[][] {
  const clusteringOrder = (x: Tuple, y: Tuple) => {
    for (let i = 0; i < orders.length; i++) if (x[i] !== y[i]) return (orders[i] === 'DESC' ? -1 : 1) * (x[i]! - y[i]!);
    return 0;
  };
  const unique = data.filter((t, i) => data.findIndex((u) => clusteringOrder(t, u) === 0) === i);
  return unique
    .filter((t) => relations.every(([width, op, values]) => OPS[op]!(lexicographic(t.slice(0, width), values))))
    .sort(clusteringOrder)
    .map((t) => row(0, ...t));
}

const DATA_1: Tuple[] = [
  [2, 0, -1, 0], [2, 0, -1, 1], [2, 0, 1, 1], [1, -1, 0, 0], [1, -1, 1, 1], [1, -1, 1, 0], [1, 0, 1, -1], [1, 0, 1, 1],
  [1, 0, 0, -1], [1, 0, 0, 0], [1, 0, 0, 1], [1, 0, -1, -1], [1, 1, 0, -1], [1, 1, 0, 0], [1, 1, 0, -1], [1, 1, 0, 0],
  [1, 1, 0, 1], [1, 1, -1, 0], [0, 0, 0, 0], [-1, 0, -1, 0], [-1, 0, 0, 0],
];
const DATA_4: Tuple[] = [[2, -1, 1, 1], [2, -3, 1, 1], ...DATA_1];

/** Relations of testMixedOrderColumns1 and 4: (width, operator, values) pairs ANDed. */
const RELATIONS: [number, string, Tuple][][] = [
  [[4, '<=', [2, 0, 1, 1]], [1, '>', [-1]]],
  [[4, '<=', [2, 0, 1, 1]], [1, '>=', [-1]]],
  [[3, '>=', [1, 1, 0]], [4, '<', [1, 1, 0, 1]]],
  [[4, '>', [-1, 0, -1, -1]], [3, '<=', [2, 0, -1]]],
  [[4, '<', [1, 0, 0, 0]], [4, '>', [1, 0, -1, -1]]],
  [[4, '<=', [1, 0, 0, 0]], [4, '>', [1, 0, -1, -1]]],
  [[1, '<', [2]], [4, '>', [-1, 0, -1, -1]]],
  [[1, '<', [2]], [1, '>', [-1]]],
  [[4, '<=', [2, 0, 1, 1]], [4, '>', [-1, 0, -1, -1]]],
  [[2, '<=', [2, 0]], [4, '>', [-1, 0, -1, -1]]],
  [[2, '<', [2, 0]], [4, '>', [-1, 0, -1, -1]]],
  [[3, '<=', [2, 0, -1]], [4, '>', [-1, 0, -1, -1]]],
  [[4, '<=', [1, 0, 0, 0]]],
  [[4, '>', [1, 0, 0, 0]]],
  [[4, '>=', [1, 0, 0, 0]]],
  [[3, '>=', [1, 0, 0]]],
  [[3, '>', [1, 0, 0]]],
];

const COLUMNS = ['b', 'c', 'd', 'e'];
const whereOf = (relations: readonly [number, string, Tuple][]) =>
  relations.map(([width, op, values]) => `(${COLUMNS.slice(0, width).join(',')}) ${op} (${values.join(',')})`).join(' AND ');

async function load(data: readonly Tuple[]): Promise<void> {
  for (const t of data) await execute('INSERT INTO %s (a, b, c, d, e) VALUES (0, ?, ?, ?, ?)', ...t);
}

describe('multi-column slices on clustering columns of mixed order', () => {
  const cases: [string, ('ASC' | 'DESC')[], Tuple[]][] = [
    ['testMixedOrderColumns1', ['DESC', 'ASC', 'DESC', 'ASC'], DATA_1],
    ['testMixedOrderColumns2', ['DESC', 'ASC', 'ASC', 'ASC'], DATA_1],
    ['testMixedOrderColumns4', ['ASC', 'DESC', 'DESC', 'ASC'], DATA_4],
  ];
  for (const [name, orders, data] of cases) {
    it(`selects the rows of each slice in clustering order, reversed and paged (${name}, ${orders.join(' ')})`, async () => {
      const clusteringOrder = orders.map((o, i) => `${COLUMNS[i]} ${o}`).join(', ');
      const reversedOrder = orders.map((o, i) => `${COLUMNS[i]} ${o === 'ASC' ? 'DESC' : 'ASC'}`).join(', ');
      await createTable(`(a int, b int, c int, d int, e int, PRIMARY KEY (a, b, c, d, e)) WITH CLUSTERING ORDER BY (${clusteringOrder})`);
      await load(data);
      for (const relations of RELATIONS) {
        const want = expected(data, orders, relations);
        const query = `SELECT * FROM %s WHERE a = 0 AND ${whereOf(relations)}`;
        expect(await rows(query), query).toEqual(want);
        expect(await rows(`${query} ORDER BY ${reversedOrder}`), `${query} reversed`).toEqual([...want].reverse());
        expect(await pagedRows(query, 3), `${query} paged`).toEqual(want);
        expect(await pagedRows(`${query} ORDER BY ${reversedOrder}`, 2), `${query} reversed and paged`).toEqual([...want].reverse());
      }
    });
  }

  it('matches Cassandra\'s own expectations (testMixedOrderColumns1, first query)', async () => {
    await createTable('(a int, b int, c int, d int, e int, PRIMARY KEY (a, b, c, d, e)) WITH CLUSTERING ORDER BY (b DESC, c ASC, d DESC, e ASC)');
    await load(DATA_1);
    expect(await rows('SELECT * FROM %s WHERE a = ? AND (b,c,d,e) > (?,?,?,?)', 0, 1, 0, 0, 0)).toEqual([
      row(0, 2, 0, 1, 1), row(0, 2, 0, -1, 0), row(0, 2, 0, -1, 1), row(0, 1, 0, 1, -1), row(0, 1, 0, 1, 1),
      row(0, 1, 0, 0, 1), row(0, 1, 1, 0, -1), row(0, 1, 1, 0, 0), row(0, 1, 1, 0, 1), row(0, 1, 1, -1, 0),
    ]);
    expect(await rows('SELECT * FROM %s WHERE a = ? AND (b,c,d,e) < (?,?,?,?) AND (b,c,d,e) > (?,?,?,?)', 0, 1, 0, 0, 0, 1, 0, -1, -1))
      .toEqual([row(0, 1, 0, 0, -1)]);
  });

  it('answers testMixedOrderColumns3 (b DESC, c ASC), with ALLOW FILTERING or without', async () => {
    await createTable('(a int, b int, c int, PRIMARY KEY (a, b, c)) WITH CLUSTERING ORDER BY (b DESC, c ASC)');
    for (const [b, c] of [[2, 3], [2, 4], [4, 4], [3, 4], [4, 5], [4, 6]]) await execute('INSERT INTO %s (a, b, c) VALUES (?,?,?)', 0, b, c);
    expect(await rows('SELECT * FROM %s WHERE a = ? AND (b,c)>=(?,?) AND (b,c)<(?,?) ALLOW FILTERING', 0, 2, 3, 4, 5))
      .toEqual([row(0, 4, 4), row(0, 3, 4), row(0, 2, 3), row(0, 2, 4)]);
    expect(await rows('SELECT * FROM %s WHERE a = ? AND (b,c)>=(?,?) AND (b,c)<=(?,?)', 0, 2, 3, 4, 5))
      .toEqual([row(0, 4, 4), row(0, 4, 5), row(0, 3, 4), row(0, 2, 3), row(0, 2, 4)]);
    expect(await rows('SELECT * FROM %s WHERE a = ? AND (b,c)<(?,?)', 0, 4, 5)).toEqual([row(0, 4, 4), row(0, 3, 4), row(0, 2, 3), row(0, 2, 4)]);
    expect(await rows('SELECT * FROM %s WHERE a = ? AND (b,c)>(?,?)', 0, 4, 5)).toEqual([row(0, 4, 6)]);
    expect(await rows('SELECT * FROM %s WHERE a = ? AND (b)<(?) and (b)>(?)', 0, 4, 2)).toEqual([row(0, 3, 4)]);
    // Over every partition, and an empty slice.
    expect(await rows('SELECT * FROM %s WHERE (b,c) > (?,?) ALLOW FILTERING', 4, 5)).toEqual([row(0, 4, 6)]);
    expect(await rows('SELECT * FROM %s WHERE a = 0 AND (b,c) > (4,5) AND (b,c) < (4,6)')).toEqual([]);
  });

  it('deletes the rows of a mixed-order slice', async () => {
    await createTable('(a int, b int, c int, v int, PRIMARY KEY (a, b, c)) WITH CLUSTERING ORDER BY (b DESC, c ASC)');
    for (const [b, c] of [[2, 3], [2, 4], [4, 4], [3, 4], [4, 5], [4, 6]]) await execute('INSERT INTO %s (a, b, c, v) VALUES (0, ?, ?, 0)', b, c);
    await execute('DELETE FROM %s WHERE a = 0 AND (b, c) >= (2, 4) AND (b, c) < (4, 5)');
    expect(await rows('SELECT b, c FROM %s WHERE a = 0')).toEqual([row(4, 5), row(4, 6), row(2, 3)]);
  });
});
