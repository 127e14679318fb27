/**
 * INSERT / UPDATE / DELETE / SELECT through the Node driver, each case run once with simple statements
 * (values sent with type hints) and once prepared. Covers USING TTL/TIMESTAMP, deletions of rows, columns,
 * clustering ranges and partitions, projections and aliases, partition/clustering restrictions, token()
 * ranges, ORDER BY, LIMIT, ALLOW FILTERING, aggregates, writetime()/ttl(), and last-write-wins
 * reconciliation by timestamp.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError, plainRows } from '../support/node-values.js';

const target = useNodeTarget('dml');
const { Long } = cassandra.types;

type Params = unknown[];

/** Type hints for simple statements: JS numbers are ints here, Longs bigints, strings text. */
function hintsFor(params: Params): string[] {
  return params.map((value) => {
    if (typeof value === 'number') return 'int';
    if (value instanceof Long) return 'bigint';
    return 'text';
  });
}

describe.each([
  { mode: 'simple', prepare: false },
  { mode: 'prepared', prepare: true },
])('DML with $mode statements', ({ mode, prepare }) => {
  const kv = `kv_${mode}`;
  const clustered = `clustered_${mode}`;
  const multi = `multi_${mode}`;
  const statics = `statics_${mode}`;

  const run = (query: string, params: Params = []) =>
    target.client.execute(query, params, prepare ? { prepare: true } : { hints: hintsFor(params) });
  const rows = async (query: string, params: Params = []) => plainRows(await run(query, params));

  beforeAll(async () => {
    await target.client.execute(`CREATE TABLE ${kv} (k int PRIMARY KEY, v text, n int)`);
    await target.client.execute(`CREATE TABLE ${clustered} (k int, c int, v text, PRIMARY KEY (k, c))`);
    await target.client.execute(`CREATE TABLE ${multi} (a int, b int, c int, d text, PRIMARY KEY (a, b, c))`);
    await target.client.execute(
      `CREATE TABLE ${statics} (k int, c int, s text static, v int, PRIMARY KEY (k, c))`,
    );
    for (let k = 0; k < 3; k++) {
      for (let c = 0; c < 10; c++) {
        await run(`INSERT INTO ${clustered} (k, c, v) VALUES (?, ?, ?)`, [k, c, `v${c % 3}`]);
      }
    }
    for (let b = 0; b < 3; b++) {
      for (let c = 0; c < 3; c++) await run(`INSERT INTO ${multi} (a, b, c, d) VALUES (?, ?, ?, ?)`, [1, b, c, `${b}${c}`]);
    }
  });

  describe('INSERT and UPDATE', () => {
    it('inserts and reads a row back; a missing key yields no rows', async () => {
      await run(`INSERT INTO ${kv} (k, v, n) VALUES (?, ?, ?)`, [1, 'one', 10]);
      expect(await rows(`SELECT k, v, n FROM ${kv} WHERE k = ?`, [1])).toEqual([{ k: 1, v: 'one', n: 10 }]);
      expect(await rows(`SELECT * FROM ${kv} WHERE k = ?`, [424242])).toEqual([]);
    });

    it('INSERT is an upsert that only touches the columns it names', async () => {
      await run(`INSERT INTO ${kv} (k, v, n) VALUES (?, ?, ?)`, [2, 'first', 1]);
      await run(`INSERT INTO ${kv} (k, v) VALUES (?, ?)`, [2, 'second']);
      expect(await rows(`SELECT v, n FROM ${kv} WHERE k = ?`, [2])).toEqual([{ v: 'second', n: 1 }]);
    });

    it('UPDATE creates a row, and a row made only by UPDATE vanishes when its cells are nulled', async () => {
      await run(`UPDATE ${kv} SET v = ?, n = ? WHERE k = ?`, ['made by update', 5, 3]);
      expect(await rows(`SELECT v, n FROM ${kv} WHERE k = ?`, [3])).toEqual([{ v: 'made by update', n: 5 }]);
      await run(`UPDATE ${kv} SET v = null, n = null WHERE k = ?`, [3]);
      expect(await rows(`SELECT * FROM ${kv} WHERE k = ?`, [3])).toEqual([]);
    });

    it('a row made by INSERT survives with null columns (row marker)', async () => {
      await run(`INSERT INTO ${kv} (k) VALUES (?)`, [4]);
      expect(await rows(`SELECT k, v, n FROM ${kv} WHERE k = ?`, [4])).toEqual([{ k: 4, v: null, n: null }]);
    });

    it('USING TIMESTAMP sets writetime() and USING TTL sets ttl()', async () => {
      await run(`INSERT INTO ${kv} (k, v) VALUES (?, ?) USING TIMESTAMP 123456789`, [5, 'stamped']);
      const stamped = (await run(`SELECT writetime(v) FROM ${kv} WHERE k = ?`, [5])).first();
      expect(stamped?.['writetime(v)']).toEqual(Long.fromNumber(123456789));

      await run(`UPDATE ${kv} USING TTL 1000 AND TIMESTAMP 987654321 SET n = ? WHERE k = ?`, [9, 5]);
      const result = await run(`SELECT ttl(n), writetime(n), ttl(v) FROM ${kv} WHERE k = ?`, [5]);
      expect(result.columns.map((c) => c.name)).toEqual(['ttl(n)', 'writetime(n)', 'ttl(v)']);
      const row = result.first();
      expect(row?.['ttl(n)']).toBeGreaterThan(990);
      expect(row?.['ttl(n)']).toBeLessThanOrEqual(1000);
      expect(row?.['writetime(n)']).toEqual(Long.fromNumber(987654321));
      expect(row?.['ttl(v)']).toBeNull();
    });

    it('binds TTL and TIMESTAMP from markers', async () => {
      await run(`INSERT INTO ${kv} (k, v) VALUES (?, ?) USING TTL ? AND TIMESTAMP ?`, [6, 'bound', 500, Long.fromNumber(42)]);
      const row = (await run(`SELECT ttl(v), writetime(v) FROM ${kv} WHERE k = ?`, [6])).first();
      expect(row?.['ttl(v)']).toBeLessThanOrEqual(500);
      expect(row?.['writetime(v)']).toEqual(Long.fromNumber(42));
    });
  });

  describe('DELETE', () => {
    it('deletes a whole row', async () => {
      await run(`INSERT INTO ${kv} (k, v) VALUES (?, ?)`, [10, 'doomed']);
      await run(`DELETE FROM ${kv} WHERE k = ?`, [10]);
      expect(await rows(`SELECT * FROM ${kv} WHERE k = ?`, [10])).toEqual([]);
    });

    it('deletes single columns and keeps the row', async () => {
      await run(`INSERT INTO ${kv} (k, v, n) VALUES (?, ?, ?)`, [11, 'gone soon', 7]);
      await run(`DELETE v FROM ${kv} WHERE k = ?`, [11]);
      expect(await rows(`SELECT k, v, n FROM ${kv} WHERE k = ?`, [11])).toEqual([{ k: 11, v: null, n: 7 }]);
    });

    it('deletes a clustering range and a single clustering row', async () => {
      for (let c = 0; c < 8; c++) await run(`INSERT INTO ${clustered} (k, c, v) VALUES (?, ?, ?)`, [20, c, 'x']);
      await run(`DELETE FROM ${clustered} WHERE k = ? AND c >= ? AND c < ?`, [20, 2, 5]);
      await run(`DELETE FROM ${clustered} WHERE k = ? AND c = ?`, [20, 6]);
      const left = await rows(`SELECT c FROM ${clustered} WHERE k = ?`, [20]);
      expect(left.map((r) => r['c'])).toEqual([0, 1, 5, 7]);
    });

    it('deletes a whole partition, and several partitions with IN', async () => {
      for (const k of [21, 22, 23]) {
        for (let c = 0; c < 3; c++) await run(`INSERT INTO ${clustered} (k, c, v) VALUES (?, ?, ?)`, [k, c, 'x']);
      }
      await run(`DELETE FROM ${clustered} WHERE k = ?`, [21]);
      await run(`DELETE FROM ${clustered} WHERE k IN (?, ?)`, [22, 23]);
      expect(await rows(`SELECT * FROM ${clustered} WHERE k IN (?, ?, ?)`, [21, 22, 23])).toEqual([]);
    });

    it('a deleted row can be written again with a newer timestamp', async () => {
      await run(`INSERT INTO ${kv} (k, v) VALUES (?, ?)`, [12, 'before']);
      await run(`DELETE FROM ${kv} WHERE k = ?`, [12]);
      await run(`INSERT INTO ${kv} (k, v) VALUES (?, ?)`, [12, 'after']);
      expect(await rows(`SELECT v FROM ${kv} WHERE k = ?`, [12])).toEqual([{ v: 'after' }]);
    });
  });

  describe('SELECT projections and restrictions', () => {
    it('selects named columns with aliases in the requested order', async () => {
      await run(`INSERT INTO ${kv} (k, v, n) VALUES (?, ?, ?)`, [30, 'thirty', 3]);
      const result = await run(`SELECT n AS number, v AS "Text", k FROM ${kv} WHERE k = ?`, [30]);
      expect(result.columns.map((c) => c.name)).toEqual(['number', 'Text', 'k']);
      expect(plainRows(result)).toEqual([{ number: 3, Text: 'thirty', k: 30 }]);
    });

    it('SELECT * returns key columns first', async () => {
      const result = await run(`SELECT * FROM ${clustered} WHERE k = ? AND c = ?`, [0, 1]);
      expect(result.columns.map((c) => c.name)).toEqual(['k', 'c', 'v']);
      expect(plainRows(result)).toEqual([{ k: 0, c: 1, v: 'v1' }]);
    });

    it('restricts the partition key with IN, reading partitions in key order without repeats', async () => {
      const result = await rows(`SELECT k, c FROM ${clustered} WHERE k IN (?, ?) AND c = ?`, [2, 0, 4]);
      expect(result.map((r) => r['k'])).toEqual([0, 2]);
      const repeated = await rows(`SELECT k FROM ${clustered} WHERE k IN (?, ?, ?, ?) AND c = ?`, [2, 1, 0, 2, 4]);
      expect(repeated.map((r) => r['k'])).toEqual([0, 1, 2]);
    });

    it('restricts clustering columns with =, IN and slices, in clustering order', async () => {
      const cs = async (where: string, params: Params) =>
        (await rows(`SELECT c FROM ${clustered} WHERE k = ? AND ${where}`, [1, ...params])).map((r) => r['c']);
      expect(await cs('c = ?', [7])).toEqual([7]);
      expect(await cs('c IN (?, ?, ?)', [8, 2, 5])).toEqual([2, 5, 8]);
      expect(await cs('c > ? AND c <= ?', [3, 6])).toEqual([4, 5, 6]);
      expect(await cs('c >= ?', [8])).toEqual([8, 9]);
      expect(await cs('c < ?', [2])).toEqual([0, 1]);
    });

    it('supports multi-column clustering restrictions', async () => {
      const result = await rows(`SELECT b, c FROM ${multi} WHERE a = ? AND (b, c) > (?, ?) AND (b, c) <= (?, ?)`, [
        1, 0, 1, 1, 1,
      ]);
      expect(result).toEqual([
        { b: 0, c: 2 },
        { b: 1, c: 0 },
        { b: 1, c: 1 },
      ]);
      const prefix = await rows(`SELECT c, d FROM ${multi} WHERE a = ? AND b = ? AND c IN (?, ?)`, [1, 2, 2, 0]);
      expect(prefix).toEqual([
        { c: 0, d: '20' },
        { c: 2, d: '22' },
      ]);
    });

    it('orders by the clustering column in reverse with ORDER BY DESC and LIMIT', async () => {
      const result = await rows(`SELECT c FROM ${clustered} WHERE k = ? ORDER BY c DESC LIMIT 3`, [2]);
      expect(result.map((r) => r['c'])).toEqual([9, 8, 7]);
      const sliced = await rows(`SELECT c FROM ${clustered} WHERE k = ? AND c < ? ORDER BY c DESC`, [2, 3]);
      expect(sliced.map((r) => r['c'])).toEqual([2, 1, 0]);
    });

    it('merges partitions named by IN in ORDER BY order only when the query is not paged, as Cassandra', async () => {
      const query = `SELECT k, c FROM ${clustered} WHERE k IN (?, ?) AND c < ? ORDER BY c DESC`;
      // The driver pages by default (5000 rows a page): Cassandra refuses, whatever the result's size.
      await expectServerError(run(query, [0, 1, 2]), ErrorCodes.invalid, 'Cannot page queries with both ORDER BY and a IN restriction on the partition key');
      const options = prepare ? { prepare: true } : { hints: hintsFor([0, 1, 2]) };
      const unpaged = await target.client.execute(query, [0, 1, 2], { ...options, fetchSize: 0 });
      expect(plainRows(unpaged)).toEqual([{ k: 0, c: 1 }, { k: 1, c: 1 }, { k: 0, c: 0 }, { k: 1, c: 0 }]);
      // A LIMIT within the page size means one page: no paging, so no refusal.
      const limited = await rows(`${query} LIMIT 3`, [0, 1, 2]);
      expect(limited).toEqual([{ k: 0, c: 1 }, { k: 1, c: 1 }, { k: 0, c: 0 }]);
    });

    it('limits rows per partition and in total', async () => {
      const result = await rows(`SELECT k, c FROM ${clustered} WHERE k IN (?, ?) PER PARTITION LIMIT 2`, [0, 1]);
      expect(result).toHaveLength(4);
      expect(result.filter((r) => r['k'] === 0).map((r) => r['c'])).toEqual([0, 1]);
      expect(await rows(`SELECT c FROM ${clustered} WHERE k = ? LIMIT 4`, [0])).toHaveLength(4);
    });

    it('scans partitions in token order and restricts by token() ranges', async () => {
      const all = await rows(`SELECT DISTINCT k, token(k) AS t FROM ${clustered}`);
      const tokens = all.map((r) => BigInt(String(r['t']).replace('long:', '')));
      expect(tokens).toEqual([...tokens].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
      const firstKey = all[0]?.['k'] as number;
      const after = await rows(`SELECT DISTINCT k FROM ${clustered} WHERE token(k) > token(?)`, [firstKey]);
      expect(after.map((r) => r['k'])).toEqual(all.slice(1).map((r) => r['k']));
      const lastKey = all[all.length - 1]?.['k'] as number;
      const upTo = await rows(`SELECT DISTINCT k FROM ${clustered} WHERE token(k) <= token(?)`, [lastKey]);
      expect(upTo.map((r) => r['k'])).toEqual(all.map((r) => r['k']));
    });

    it('filters on a regular column only with ALLOW FILTERING', async () => {
      const result = await rows(`SELECT k, c FROM ${clustered} WHERE k = ? AND v = ? ALLOW FILTERING`, [0, 'v2']);
      expect(result.map((r) => r['c'])).toEqual([2, 5, 8]);
      const everywhere = await rows(`SELECT k, c FROM ${clustered} WHERE v = ? ALLOW FILTERING`, ['v0']);
      expect(everywhere.filter((r) => (r['k'] as number) <= 2)).toHaveLength(12);
      await expectServerError(
        run(`SELECT * FROM ${clustered} WHERE v = ?`, ['v0']),
        ErrorCodes.invalid,
        'Cannot execute this query as it might involve data filtering and thus may have unpredictable performance',
      );
    });

    it('counts rows with COUNT(*) as a bigint named count', async () => {
      const result = await run(`SELECT COUNT(*) FROM ${clustered} WHERE k = ?`, [0]);
      expect(result.columns.map((c) => c.name)).toEqual(['count']);
      expect(result.first()?.['count']).toEqual(Long.fromNumber(10));
      const filtered = await run(`SELECT count(*) AS total FROM ${clustered} WHERE k = ? AND c > ?`, [0, 6]);
      expect(filtered.first()?.['total']).toEqual(Long.fromNumber(3));
    });

    it('returns the static column with every row of its partition', async () => {
      await run(`INSERT INTO ${statics} (k, c, s, v) VALUES (?, ?, ?, ?)`, [1, 1, 'shared', 10]);
      await run(`INSERT INTO ${statics} (k, c, v) VALUES (?, ?, ?)`, [1, 2, 20]);
      expect(await rows(`SELECT c, s, v FROM ${statics} WHERE k = ?`, [1])).toEqual([
        { c: 1, s: 'shared', v: 10 },
        { c: 2, s: 'shared', v: 20 },
      ]);
      await run(`UPDATE ${statics} SET s = ? WHERE k = ?`, ['changed', 1]);
      expect(await rows(`SELECT DISTINCT k, s FROM ${statics} WHERE k = ?`, [1])).toEqual([{ k: 1, s: 'changed' }]);
    });

    it('gives a partition with only static content one row when whole partitions are queried', async () => {
      await run(`INSERT INTO ${statics} (k, s) VALUES (?, ?)`, [2, 'alone']);
      // Without a clustering or regular-column restriction the row comes whether s is selected or not.
      expect(await rows(`SELECT k, c, s, v FROM ${statics} WHERE k = ?`, [2])).toEqual([{ k: 2, c: null, s: 'alone', v: null }]);
      expect(await rows(`SELECT k, c, v FROM ${statics} WHERE k = ?`, [2])).toEqual([{ k: 2, c: null, v: null }]);
      const counted = await run(`SELECT COUNT(*) FROM ${statics} WHERE k = ?`, [2]);
      expect(counted.first()?.['count']).toEqual(Long.fromNumber(1));
      // Restrictions on rows select rows, and this partition has none.
      expect(await rows(`SELECT k, s FROM ${statics} WHERE k = ? AND c >= ?`, [2, 0])).toEqual([]);
      expect(await rows(`SELECT k, s FROM ${statics} WHERE k = ? AND v = ? ALLOW FILTERING`, [2, 1])).toEqual([]);
    });
  });

  describe('reconciliation by timestamp', () => {
    it('a write with a lower timestamp loses to the one already there', async () => {
      await run(`INSERT INTO ${kv} (k, v) VALUES (?, ?) USING TIMESTAMP 2000`, [40, 'newer']);
      await run(`INSERT INTO ${kv} (k, v) VALUES (?, ?) USING TIMESTAMP 1000`, [40, 'older']);
      expect(await rows(`SELECT v FROM ${kv} WHERE k = ?`, [40])).toEqual([{ v: 'newer' }]);
    });

    it('a delete with a higher timestamp wins over later-arriving older writes', async () => {
      await run(`INSERT INTO ${kv} (k, v) VALUES (?, ?) USING TIMESTAMP 1000`, [41, 'x']);
      await run(`DELETE FROM ${kv} USING TIMESTAMP 3000 WHERE k = ?`, [41]);
      await run(`INSERT INTO ${kv} (k, v) VALUES (?, ?) USING TIMESTAMP 2500`, [41, 'too old']);
      expect(await rows(`SELECT * FROM ${kv} WHERE k = ?`, [41])).toEqual([]);
      await run(`INSERT INTO ${kv} (k, v) VALUES (?, ?) USING TIMESTAMP 3500`, [41, 'fresh']);
      expect(await rows(`SELECT v FROM ${kv} WHERE k = ?`, [41])).toEqual([{ v: 'fresh' }]);
    });

    it('on equal timestamps a deletion beats a write', async () => {
      await run(`INSERT INTO ${kv} (k, v) VALUES (?, ?) USING TIMESTAMP 5000`, [42, 'tie']);
      await run(`DELETE v FROM ${kv} USING TIMESTAMP 5000 WHERE k = ?`, [42]);
      expect(await rows(`SELECT v FROM ${kv} WHERE k = ?`, [42])).toEqual([{ v: null }]);
    });

    it('on equal timestamps the greater value wins whatever the arrival order', async () => {
      await run(`INSERT INTO ${kv} (k, v) VALUES (?, ?) USING TIMESTAMP 7000`, [43, 'b']);
      await run(`INSERT INTO ${kv} (k, v) VALUES (?, ?) USING TIMESTAMP 7000`, [43, 'a']);
      await run(`INSERT INTO ${kv} (k, v) VALUES (?, ?) USING TIMESTAMP 7000`, [44, 'a']);
      await run(`INSERT INTO ${kv} (k, v) VALUES (?, ?) USING TIMESTAMP 7000`, [44, 'b']);
      expect(await rows(`SELECT v FROM ${kv} WHERE k = ?`, [43])).toEqual([{ v: 'b' }]);
      expect(await rows(`SELECT v FROM ${kv} WHERE k = ?`, [44])).toEqual([{ v: 'b' }]);
    });

    it('a range deletion hides older rows inside the range only', async () => {
      for (let c = 0; c < 5; c++) {
        await run(`INSERT INTO ${clustered} (k, c, v) VALUES (?, ?, ?) USING TIMESTAMP 100`, [45, c, 'old']);
      }
      await run(`DELETE FROM ${clustered} USING TIMESTAMP 200 WHERE k = ? AND c > ? AND c < ?`, [45, 0, 4]);
      await run(`INSERT INTO ${clustered} (k, c, v) VALUES (?, ?, ?) USING TIMESTAMP 300`, [45, 2, 'new']);
      expect(await rows(`SELECT c, v FROM ${clustered} WHERE k = ?`, [45])).toEqual([
        { c: 0, v: 'old' },
        { c: 2, v: 'new' },
        { c: 4, v: 'old' },
      ]);
    });
  });
});
