/**
 * token() wherever Cassandra 4.1 takes it: in the selection, in WHERE token(...) relations with literals,
 * bind markers and nested token() calls, mixed with partition-key restrictions, with its validations
 * (SelectOrderedPartitionerTest's messages; rows come in Murmur3 token order here, not byte order).
 */
import { describe, expect, it } from 'vitest';
import { murmur3Token } from '../cluster/ring/murmur3.js';
import { int32Bytes } from '../types/index.js';
import { FILTERING_MESSAGE } from '../cql/statements/restrictions/statement-restrictions.js';
import { row, useCqlTester } from './testing/cql-tester.js';

const { execute, rows, createTable, assertInvalidMessage } = useCqlTester();

const tokenOf = (k: number): bigint => murmur3Token(int32Bytes(k));
const ALL_OR_NONE = 'The token() function must be applied to all partition key components or none of them';

describe('token() in the selection', () => {
  it('gives the Murmur3 token of the partition key, named system.token(...)', async () => {
    await createTable('(a int PRIMARY KEY, b text)');
    await execute("INSERT INTO %s (a, b) VALUES (0, 'a')");
    const result = await execute('SELECT token(a), system.token(a), a FROM %s');
    expect(result.columns).toEqual(['system.token(a)', 'system.token(a)', 'a']);
    expect(result.rows).toEqual([row(tokenOf(0), tokenOf(0), 0)]);
    expect(await rows('SELECT token(0), token(?) FROM %s', 0)).toEqual([row(tokenOf(0), tokenOf(0))]);
    await assertInvalidMessage('Invalid number of arguments in call to function system.token: 1 required but 2 provided',
      'SELECT token(a, b) FROM %s');
    await assertInvalidMessage('Type error: b cannot be passed as argument 0 of function system.token of type int', 'SELECT token(b) FROM %s');
  });
});

describe('WHERE token(...) relations (SelectOrderedPartitionerTest)', () => {
  it('restricts a single-column partition key by token (testTokenFunctionWithSingleColumnPartitionKey)', async () => {
    await createTable('(a int PRIMARY KEY, b text)');
    await execute("INSERT INTO %s (a, b) VALUES (0, 'a')");
    expect(await rows('SELECT * FROM %s WHERE token(a) >= token(?)', 0)).toEqual([row(0, 'a')]);
    expect(await rows('SELECT * FROM %s WHERE token(a) = ?', tokenOf(0))).toEqual([row(0, 'a')]);
    expect(await rows(`SELECT * FROM %s WHERE token(a) > ${tokenOf(0) - 1n} AND token(a) <= ${tokenOf(0)}`)).toEqual([row(0, 'a')]);
    await assertInvalidMessage('The token() function must contains only partition key components',
      'SELECT * FROM %s WHERE token(a, b) >= token(?, ?)', 'b', 0);
    await assertInvalidMessage('More than one restriction was found for the start bound on a',
      'SELECT * FROM %s WHERE token(a) >= token(?) and token(a) >= token(?)', 0, 1);
    await assertInvalidMessage('Columns "a" cannot be restricted by both an equality and an inequality relation',
      'SELECT * FROM %s WHERE token(a) >= token(?) and token(a) = token(?)', 0, 1);
    await assertInvalidMessage('More than one restriction was found for the end bound on a',
      'SELECT * FROM %s WHERE token(a) <= token(?) AND token(a) < token(?)', 1, 2);
    await assertInvalidMessage('a cannot be restricted by more than one relation if it includes an Equal',
      'SELECT * FROM %s WHERE  token(a) = token(?) AND token(a) > token(?)', 1, 2);
    await assertInvalidMessage("no viable alternative", 'SELECT * FROM %s WHERE token(a) = token(?) and token(a) IN (token(?))', 0, 1);
  });

  it('refuses clustering columns, partial keys and keys out of order (testTokenFunctionWithMultiColumnPartitionKey)', async () => {
    await createTable('(a int, b text, PRIMARY KEY (a, b))');
    await assertInvalidMessage('The token() function must contains only partition key components',
      "SELECT * FROM %s WHERE token(a, b) > token(0, 'c')");
    await createTable('(a int, b text, PRIMARY KEY ((a, b)))');
    for (const b of ['a', 'b', 'c']) await execute('INSERT INTO %s (a, b) VALUES (0, ?)', b);
    const all = await rows('SELECT * FROM %s WHERE token(a, b) > ?', -(2n ** 63n));
    expect(all).toHaveLength(3);
    const byToken = await rows('SELECT token(a, b), b FROM %s');
    const [first] = byToken[0] as [bigint, string];
    expect(await rows('SELECT * FROM %s WHERE token(a, b) > token(?, ?)', 0, (byToken[0] as unknown[])[1]))
      .toEqual(byToken.slice(1).map((r) => row(0, r[1])));
    expect(first).toBeLessThan((byToken[1] as [bigint])[0]);
    await assertInvalidMessage(ALL_OR_NONE, 'SELECT * FROM %s WHERE token(a) > token(?) and token(b) > token(?)', 0, 'a');
    await assertInvalidMessage('The token function arguments must be in the partition key order: a, b',
      "SELECT * FROM %s WHERE token(b, a) > token(0, 'c')");
    await assertInvalidMessage(ALL_OR_NONE, 'SELECT * FROM %s WHERE token(a, b) > token(?, ?) and token(b) < token(?, ?)', 0, 'a', 0, 'a');
  });

  it('mixes token and key restrictions (testSingleColumnPartitionKeyWithTokenNonTokenRestrictionsMix)', async () => {
    await createTable('(a int primary key, b int)');
    for (let i = 0; i < 5; i++) await execute('INSERT INTO %s (a, b) VALUES (?, ?)', i, i);
    expect(await rows('SELECT * FROM %s WHERE token(a) = token(2)')).toEqual([row(2, 2)]);
    expect(await rows('SELECT * FROM %s WHERE token(a) >= token(?) AND token(a) <= token(?) AND a = ?', 2, 2, 2)).toEqual([row(2, 2)]);
    expect(await rows('SELECT * FROM %s WHERE token(a) > token(?) AND token(a) <= token(?) AND a = ?', 2, 2, 2)).toEqual([]);
    expect(await rows('SELECT * FROM %s WHERE a = ? AND token(a) >= token(?)', 3, 3)).toEqual([row(3, 3)]);
    expect(await rows('SELECT * FROM %s WHERE token(a) = token(?) AND a = ?', 2, 3)).toEqual([]);
    const [low, high] = [1, 3].sort((x, y) => (tokenOf(x) < tokenOf(y) ? -1 : 1)) as [number, number];
    expect(await rows('SELECT * FROM %s WHERE token(a) >= token(?) AND token(a) <= token(?) AND a IN (?, ?)', low, high, 1, 3))
      .toEqual([row(low, low), row(high, high)]);
    await assertInvalidMessage(FILTERING_MESSAGE, 'SELECT * FROM %s WHERE token(a) > token(?) AND token(a) <= token(?) AND a > ?', 1, 3, 1);
  });

  it('names undefined columns in token() (testTokenFunctionWithInvalidColumnNames)', async () => {
    await createTable('(a int, b int, c int, d int, PRIMARY KEY ((a, b), c))');
    await assertInvalidMessage('Undefined column name e', 'SELECT * FROM %s WHERE token(a, e) = token(0, 0)');
    await assertInvalidMessage('Undefined column name e', 'SELECT b AS e FROM %s WHERE token(a, e) > token(0, 1)');
    await execute('SELECT * FROM %s WHERE token(a, b) > token(0, 0) AND c > 10 ALLOW FILTERING');
  });

  it('takes token() in DELETE and UPDATE only where Cassandra does', async () => {
    await createTable('(a int PRIMARY KEY, b int)');
    await assertInvalidMessage('The token function cannot be used in WHERE clauses for UPDATE statements',
      'UPDATE %s SET b = 1 WHERE token(a) = token(0)');
    await assertInvalidMessage('The token function cannot be used in WHERE clauses for DELETE statements',
      'DELETE FROM %s WHERE token(a) = token(0)');
  });
});
