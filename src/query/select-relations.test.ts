/**
 * Relations that merge or are refused, as Cassandra 4.1's SelectMultiColumnRelationTest, SelectTest and
 * SelectSingleColumnRelationTest check them: single-column relations beside multi-column ones on the same
 * clustering columns (MultiColumnRestriction.mergeWith), the order checks of ClusteringColumnRestrictions,
 * token() relations merged and combined with key relations (TokenFilter), `!=`, slices on durations, and
 * `USING TTL ?` bound to null.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useCqlTester, row, UNSET } from './testing/cql-tester.js';

const tester = useCqlTester();
const { execute, rows, assertInvalidMessage } = tester;

describe('multi-column relations beside single-column ones (SelectMultiColumnRelationTest)', () => {
  beforeAll(async () => {
    await tester.cql.createTable('(a int, b int, c int, d int, PRIMARY KEY (a, b, c, d))');
    for (const [b, c, d] of [[0, 0, 0], [0, 1, 0], [0, 1, 1], [1, 0, 0], [1, 1, 0], [1, 1, 1]]) {
      await execute('INSERT INTO %s (a, b, c, d) VALUES (?, ?, ?, ?)', 0, b, c, d);
    }
  });

  it('merges a single-column slice into a multi-column one on the same first column, either way round', async () => {
    expect(await rows('SELECT * FROM %s WHERE a = ? AND b = ? AND (c, d) > (?, ?) AND c <= ?', 0, 1, 0, 0, 1)).toEqual([row(0, 1, 1, 0), row(0, 1, 1, 1)]);
    expect(await rows('SELECT * FROM %s WHERE a = 0 AND (b, c, d) > (0, 1, 0) AND b < 1')).toEqual([row(0, 0, 1, 1)]);
    expect(await rows('SELECT * FROM %s WHERE a = 0 AND b < 1 AND (b, c, d) > (0, 1, 0)')).toEqual([row(0, 0, 1, 1)]);
    expect(await rows('SELECT * FROM %s WHERE a = 0 AND (b, c) >= (0, 1) AND (b) < (1)')).toEqual([row(0, 0, 1, 0), row(0, 0, 1, 1)]);
    expect(await rows('SELECT * FROM %s WHERE a = 0 AND (b) > (0) AND b <= 1')).toHaveLength(3);
  });

  it('refuses what Cassandra refuses, with its messages', async () => {
    await assertInvalidMessage('b cannot be restricted by more than one relation if it includes an Equal', 'SELECT * FROM %s WHERE a = 0 AND (b) = (?) AND (b) > (?)', 0, 0);
    await assertInvalidMessage('More than one restriction was found for the start bound on b', 'SELECT * FROM %s WHERE a = 0 AND (b) > (?) AND (b) > (?)', 0, 1);
    await assertInvalidMessage('More than one restriction was found for the start bound on b', 'SELECT * FROM %s WHERE a = 0 AND (b) > (?) AND b > ?', 0, 1);
    await assertInvalidMessage('Column "c" cannot be restricted by two inequalities not starting with the same column',
      'SELECT * FROM %s WHERE a = 0 AND (b, c, d) > (?, ?, ?) AND c < ?', 0, 1, 0, 1);
    await assertInvalidMessage('Column "c" cannot be restricted by two inequalities not starting with the same column',
      'SELECT * FROM %s WHERE a = 0 AND c > ? AND (b, c, d) < (?, ?, ?)', 1, 1, 1, 0);
    await assertInvalidMessage('Clustering column "c" cannot be restricted (preceding column "b" is restricted by a non-EQ relation)',
      'SELECT * FROM %s WHERE a = ? AND b > ?  AND (c, d) IN ((?, ?))', 0, 0, 0, 0);
    await assertInvalidMessage('PRIMARY KEY column "c" cannot be restricted (preceding column "b" is restricted by a non-EQ relation)',
      'SELECT * FROM %s WHERE a = ? AND (c, d) > (?, ?) AND b > ?  ', 0, 0, 0, 0);
    await assertInvalidMessage('Column "c" cannot be restricted by two inequalities not starting with the same column',
      'SELECT * FROM %s WHERE a = ? AND (b, c) > (?, ?) AND (b) < (?) AND (c) < (?)', 0, 0, 0, 0, 0);
    await assertInvalidMessage('Column "c" cannot be restricted by two inequalities not starting with the same column',
      'SELECT * FROM %s WHERE a = ? AND (c) < (?) AND (b, c) > (?, ?) AND (b) < (?)', 0, 0, 0, 0, 0);
    await assertInvalidMessage('Clustering column "c" cannot be restricted (preceding column "b" is restricted by a non-EQ relation)',
      'SELECT * FROM %s WHERE a = ? AND (b) < (?) AND c < ? AND (b, c) > (?, ?)', 0, 0, 0, 0, 0);
    await assertInvalidMessage('Clustering columns must appear in the PRIMARY KEY order in multi-column relations: (d, c, b) = (?, ?, ?)',
      'SELECT * FROM %s WHERE a = 0 AND (d, c, b) = (?, ?, ?)', 0, 0, 0);
    await assertInvalidMessage('PRIMARY KEY column "c" cannot be restricted as preceding column "b" is not restricted', 'SELECT * FROM %s WHERE a = 0 AND (c, d) = (?, ?)', 0, 0);
  });

  it('refuses an equality beside another relation on its column, in either order', async () => {
    await assertInvalidMessage('b cannot be restricted by more than one relation if it includes an Equal', 'SELECT * FROM %s WHERE a = 0 AND b = 1 AND (b, c) > (0, 0)');
    await assertInvalidMessage('Column "b" cannot be restricted by both an equality and an inequality relation', 'SELECT * FROM %s WHERE a = 0 AND (b, c) > (0, 0) AND b = 1');
    await assertInvalidMessage('b cannot be restricted by more than one relation if it includes a IN', 'SELECT * FROM %s WHERE a = 0 AND b IN (1, 2) AND (b, c) > (0, 0)');
    await assertInvalidMessage('b ,c cannot be restricted by more than one relation if it includes an Equal', 'SELECT * FROM %s WHERE a = 0 AND (b, c) = (0, 0) AND (b, c) > (0, 0)');
    await assertInvalidMessage('Column "c" cannot be restricted by both an equality and an inequality relation', 'SELECT * FROM %s WHERE a = 0 AND b = 0 AND c > 0 AND c = 1');
  });

  it('filters a tuple equality after a slice with ALLOW FILTERING, and refuses a tuple slice there', async () => {
    expect(await rows('SELECT * FROM %s WHERE a = 0 AND b >= 0 AND (c, d) = (1, 0) ALLOW FILTERING')).toEqual([row(0, 0, 1, 0), row(0, 1, 1, 0)]);
    await assertInvalidMessage('Slice restrictions are not supported on indexed columns', 'SELECT * FROM %s WHERE a = 0 AND b >= 0 AND (c, d) > (1, 0) ALLOW FILTERING');
  });

  it('deletes only the rows of the merged slice', async () => {
    await tester.cql.createTable('(pk int, a int, b int, v int, PRIMARY KEY (pk, a, b))');
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) await execute('INSERT INTO %s (pk, a, b, v) VALUES (1, ?, ?, 0)', a, b);
    expect(await rows('SELECT a, b FROM %s WHERE pk = 1 AND (a, b) > (1, 1) AND a < 2')).toEqual([row(1, 2)]);
    await execute('DELETE FROM %s WHERE pk = 1 AND (a, b) > (1, 1) AND a < 2');
    expect(await rows('SELECT a, b FROM %s WHERE pk = 1 AND a >= 1')).toEqual([row(1, 0), row(1, 1), row(2, 0), row(2, 1), row(2, 2)]);
    await assertInvalidMessage('a cannot be restricted by more than one relation if it includes an Equal', 'DELETE FROM %s WHERE pk = 1 AND a = 1 AND (a, b) > (0, 0)');
  });
});

describe('token() relations (SelectTest)', () => {
  let byToken: number[] = [];

  beforeAll(async () => {
    await tester.cql.createTable('(a int PRIMARY KEY, b int)');
    for (let a = 0; a < 5; a++) await execute('INSERT INTO %s (a, b) VALUES (?, ?)', a, a);
    byToken = (await rows('SELECT a FROM %s')).map((r) => r[0] as number);
  });

  it('refuses a second bound on the same end, and an equality beside a slice', async () => {
    await assertInvalidMessage('More than one restriction was found for the start bound on a', 'SELECT * FROM %s WHERE token(a) >= token(?) and token(a) >= token(?)', 0, 1);
    await assertInvalidMessage('More than one restriction was found for the end bound on a', 'SELECT * FROM %s WHERE token(a) <= token(?) AND token(a) < token(?)', 1, 2);
    await assertInvalidMessage('Columns "a" cannot be restricted by both an equality and an inequality relation', 'SELECT * FROM %s WHERE token(a) > token(?) AND token(a) = token(?)', 1, 2);
    await assertInvalidMessage('a cannot be restricted by more than one relation if it includes an Equal', 'SELECT * FROM %s WHERE  token(a) = token(?) AND token(a) > token(?)', 1, 2);
    await assertInvalidMessage('The token() function must contains only partition key components', 'SELECT * FROM %s WHERE token(a, b) >= token(?, ?)', 'b', 0);
  });

  it('keeps the keys of EQ and IN relations that fall within the token range (TokenFilter)', async () => {
    const [first, second, third] = byToken as [number, number, number];
    expect(await rows('SELECT * FROM %s WHERE token(a) > token(?) AND a IN (?, ?)', first, first, third)).toEqual([row(third, third)]);
    expect(await rows('SELECT * FROM %s WHERE a IN (?, ?) AND token(a) > token(?) AND token(a) < token(?)', first, second, first, third)).toEqual([row(second, second)]);
    expect(await rows('SELECT * FROM %s WHERE token(a) <= token(?) AND a = ?', second, second)).toEqual([row(second, second)]);
    expect(await rows('SELECT * FROM %s WHERE token(a) < token(?) AND a = ?', second, second)).toEqual([]);
    await assertInvalidMessage('ALLOW FILTERING', 'SELECT * FROM %s WHERE token(a) > token(?) AND token(a) <= token(?) AND a > ?', 1, 3, 1);
    expect(await rows('SELECT a FROM %s WHERE token(a) > token(?) AND a > ? ALLOW FILTERING', first, 2)).toEqual(byToken.slice(1).filter((a) => a > 2).map((a) => row(a)));
  });

  it('checks the arguments of token() on a compound key', async () => {
    await tester.cql.createTable('(a int, b text, PRIMARY KEY ((a, b)))');
    await assertInvalidMessage('The token() function must be applied to all partition key components or none of them', 'SELECT * FROM %s WHERE token(a) > token(?) and token(b) > token(?)', 0, 'a');
    await assertInvalidMessage('The token function arguments must be in the partition key order: a, b', "SELECT * FROM %s WHERE token(b, a) > token(0, 'c')");
    await assertInvalidMessage('ALLOW FILTERING', 'SELECT * FROM %s WHERE token(a, b) > token(?, ?) AND a = ?', 0, 'a', 1);
  });
});

describe('relations and attributes Cassandra 4.1 refuses or reads otherwise', () => {
  beforeAll(() => tester.cql.createTable('(k int, c int, v int, d duration, l frozen<list<duration>>, PRIMARY KEY (k, c)) WITH default_time_to_live = 1000'));

  it('refuses != on every kind of column, quoting the relation', async () => {
    await assertInvalidMessage('Unsupported "!=" relation: v != 1', 'SELECT * FROM %s WHERE v != 1 ALLOW FILTERING');
    await assertInvalidMessage('Unsupported "!=" relation: c != ?', 'SELECT * FROM %s WHERE k = 0 AND c != ?', 1);
    await assertInvalidMessage('Unsupported "!=" relation: k != 0', 'SELECT * FROM %s WHERE k != 0 ALLOW FILTERING');
  });

  it('refuses slices on durations in WHERE and IF', async () => {
    await assertInvalidMessage('Slice restrictions are not supported on duration columns', 'SELECT * FROM %s WHERE d > 1s ALLOW FILTERING');
    await assertInvalidMessage('Slice restrictions are not supported on duration columns', 'SELECT * FROM %s WHERE k = 0 AND d <= ? ALLOW FILTERING', null);
    await assertInvalidMessage('Slice restrictions are not supported on collections containing durations', 'SELECT * FROM %s WHERE l > [1s] ALLOW FILTERING');
    await assertInvalidMessage('Slice conditions ( > ) are not supported on durations', 'UPDATE %s SET v = 3 WHERE k = 0 AND c = 0 IF d > 1s');
    await execute('INSERT INTO %s (k, c, d) VALUES (0, 0, 1s)');
    expect(await rows('SELECT c FROM %s WHERE d = 1s ALLOW FILTERING')).toEqual([row(0)]);
  });

  it('writes without a TTL when USING TTL is bound to null, with the default one when unset (Attributes.getTimeToLive)', async () => {
    await execute('INSERT INTO %s (k, c, v) VALUES (1, 1, 1) USING TTL ?', null);
    expect(await rows('SELECT ttl(v) FROM %s WHERE k = 1 AND c = 1')).toEqual([row(null)]);
    await execute('UPDATE %s USING TTL ? SET v = 2 WHERE k = 1 AND c = 2', null);
    expect(await rows('SELECT ttl(v) FROM %s WHERE k = 1 AND c = 2')).toEqual([row(null)]);
    await execute('INSERT INTO %s (k, c, v) VALUES (1, 3, 1) USING TTL ?', UNSET);
    expect(await rows('SELECT ttl(v) FROM %s WHERE k = 1 AND c = 3')).toEqual([row(1000)]);
    await assertInvalidMessage('Invalid null value of timestamp', 'INSERT INTO %s (k, c, v) VALUES (1, 4, 1) USING TIMESTAMP ?', null);
  });
});
