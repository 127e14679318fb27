/**
 * Arithmetic operators through the Node.js driver, as Cassandra 4.1 runs them (OperationFcts,
 * OperationFctsTest): typed results in the driver's own classes (Long, BigDecimal, Integer, float),
 * column names as Cassandra prints them, operations in VALUES, SET and WHERE with bind markers typed by
 * their receiver, timestamp ± duration, and failures (FUNCTION_FAILURE, InvalidRequest) with Cassandra's
 * messages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError } from '../support/node-values.js';

const { types } = cassandra;
const target = useNodeTarget('arithmetic');
const FUNCTION_FAILURE = 0x1400;

async function run(cql: string, params: unknown[] = [], prepare = params.length > 0): Promise<cassandra.types.ResultSet> {
  return target.client.execute(cql, params, { prepare });
}

beforeAll(async () => {
  await run('CREATE TABLE nums (a tinyint, b smallint, c int, d bigint, e float, f double, g varint, h decimal, PRIMARY KEY (a, b))');
  await run('INSERT INTO nums (a, b, c, d, e, f, g, h) VALUES (1, 2, 3, 4, 5.5, 6.5, 7, 8.5)');
  await run('CREATE TABLE events (k int, t timestamp, v int, PRIMARY KEY (k, t))');
  await run('CREATE TABLE counts (k int PRIMARY KEY, n counter)');
});

describe('results typed by the wider operand', () => {
  it.each([false, true])('decodes each result type through the driver (prepared: %s)', async (prepare) => {
    const result = await run('SELECT a + a, b * a, c - d, e / b, f % c, g + d, h * a, -g FROM nums WHERE a = 1 AND b = 2', [], prepare);
    expect(result.columns.map((c) => c.name)).toEqual(['a + a', 'b * a', 'c - d', 'e / b', 'f % c', 'g + d', 'h * a', '-g']);
    expect(result.columns.map((c) => c.type.code)).toEqual([
      types.dataTypes.tinyint, types.dataTypes.smallint, types.dataTypes.bigint, types.dataTypes.float,
      types.dataTypes.double, types.dataTypes.varint, types.dataTypes.decimal, types.dataTypes.varint,
    ]);
    const row = result.rows[0]!;
    expect(row.get('a + a')).toBe(2);
    expect(row.get('b * a')).toBe(2);
    expect((row.get('c - d') as cassandra.types.Long).toString()).toBe('-1');
    expect(row.get('e / b')).toBe(2.75);
    expect(row.get('f % c')).toBe(0.5);
    expect((row.get('g + d') as cassandra.types.Integer).toString()).toBe('11');
    expect((row.get('h * a') as cassandra.types.BigDecimal).toString()).toBe('8.50');
    expect((row.get('-g') as cassandra.types.Integer).toString()).toBe('-7');
  });

  it('divides decimals to 34 digits and integers by truncation', async () => {
    const row = (await run('SELECT h / c, c / b, (c - b) / a + d FROM nums WHERE a = 1 AND b = 2')).rows[0]!;
    expect((row.get('h / c') as cassandra.types.BigDecimal).toString()).toBe('2.833333333333333333333333333333333');
    expect(row.get('c / b')).toBe(1);
    expect((row.get('(c - b) / a + d') as cassandra.types.Long).toString()).toBe('5');
  });
});

describe('operations in terms', () => {
  it('computes VALUES, SET and WHERE terms with bind markers typed by their receiver', async () => {
    // A marker leaves the overload open (several return smallint); a type hint settles it by the receiver.
    await expectServerError(run('INSERT INTO nums (a, b) VALUES (?, ? * 2)', [2, 3]), ErrorCodes.invalid, "Ambiguous '*' operation");
    await run('INSERT INTO nums (a, b, c, d) VALUES (?, (smallint) ? * 2, (int) ? + 1, (bigint) ? - 1)', [2, 3, 10, types.Long.fromNumber(7)]);
    await run('UPDATE nums SET c = (int) ? * 3 WHERE a = 1 + 1 AND b = 3 + 3', [7], true);
    const row = (await run('SELECT c, d FROM nums WHERE a = ? AND b = (smallint) ? * 2', [2, 3])).rows[0]!;
    expect(row.get('c')).toBe(21);
    expect((row.get('d') as cassandra.types.Long).toString()).toBe('6');
  });

  it('moves timestamps by durations', async () => {
    for (const [minute, v] of [[10, 1], [15, 2], [21, 3]] as const) {
      await run('INSERT INTO events (k, t, v) VALUES (1, ?, ?)', [new Date(Date.UTC(2016, 8, 27, 16, minute)), v]);
    }
    const after = await run('SELECT v FROM events WHERE k = 1 AND t > ? - 5m', [new Date(Date.UTC(2016, 8, 27, 16, 20))]);
    expect(after.rows.map((r) => r.get('v'))).toEqual([3]);
    const shifted = await run("SELECT t + 1mo FROM events WHERE k = 1 AND t = '2016-09-27 16:10:00+0000'");
    expect(shifted.columns[0]!.name).toBe('t + 1mo');
    expect(shifted.rows[0]!.get('t + 1mo')).toEqual(new Date(Date.UTC(2016, 9, 27, 16, 10)));
  });

  it('reads a counter as a bigint operand', async () => {
    await run('UPDATE counts SET n = n + 2 WHERE k = 1');
    const row = (await run('SELECT n * 3, n + 0.5 FROM counts WHERE k = 1')).rows[0]!;
    expect((row.get('n * 3') as cassandra.types.Long).toString()).toBe('6');
    expect(row.get('n + 0.5')).toBe(2.5);
  });
});

describe('failures', () => {
  it('reports a division by zero as a function failure', async () => {
    await expectServerError(run('SELECT c / (int) 0 FROM nums WHERE a = 1 AND b = 2'), FUNCTION_FAILURE, "the operation 'int / int' failed: / by zero");
    await expectServerError(run('SELECT h / (decimal) 0 FROM nums WHERE a = 1 AND b = 2'), FUNCTION_FAILURE,
      "the operation 'decimal / decimal' failed: Division by zero");
    const floating = (await run('SELECT f / (int) 0 FROM nums WHERE a = 1 AND b = 2')).rows[0]!;
    expect(floating.get('f / (int)0')).toBe(Infinity);
  });

  it('refuses operations without an overload, and ambiguous ones', async () => {
    await expectServerError(run("SELECT a + 'x' FROM nums"), ErrorCodes.invalid, "the '+' operation is not supported between a and 'x'");
    await expectServerError(run('SELECT 1 + ? FROM nums', [1], true), ErrorCodes.invalid, "Ambiguous '+' operation: use type casts to disambiguate");
    await expectServerError(run('SELECT * FROM events WHERE k = 1 AND t > ? - 10us', [new Date()]), FUNCTION_FAILURE,
      "the operation 'timestamp - duration' failed: The duration must have a millisecond precision. Was: 10us");
  });
});
