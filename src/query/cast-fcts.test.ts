/**
 * CAST as Cassandra 4.1's CastFctsTest checks it: every numeric type to every other one and to text,
 * counters, temporal casts, text casts of other types, nested casts over reversed columns, and CAST
 * inside the terms of INSERT, UPDATE, DELETE and SELECT, around and inside user-defined functions
 * (floatToInt, intToFloat), and in the WHERE clause of a materialized view.
 */
import { describe, expect, it } from 'vitest';
import { minTimeUuid, parseDecimal, type DecimalValue } from '../types/index.js';
import { row, useCqlTester } from './testing/cql-tester.js';

const { execute, rows, createTable, createFunction, assertInvalidMessage } = useCqlTester();

const dec = (text: string): DecimalValue => parseDecimal(text)!;
const f32 = Math.fround;
const EVERY_NUMBER = 'CAST(a AS %t), CAST(b AS %t), CAST(c AS %t), CAST(d AS %t), CAST(e AS %t), CAST(f AS %t), CAST(g AS %t), CAST(h AS %t), CAST(i AS %t)';

function castsTo(type: string): Promise<readonly (readonly unknown[])[]> {
  return rows(`SELECT ${EVERY_NUMBER.replaceAll('%t', type)} FROM %s`);
}

describe('CastFctsTest', () => {
  it('refuses a cast that does not exist (testInvalidQueries)', async () => {
    await createTable('(a int primary key, b text, c double)');
    await assertInvalidMessage('a cannot be cast to boolean', 'SELECT CAST(a AS boolean) FROM %s');
    await assertInvalidMessage('a cannot be cast to varchar', 'SELECT CAST(a AS varchar) FROM %s');
    // Casts to ascii exist, but none from text: FunctionResolver names the function it looked for.
    await assertInvalidMessage('Invalid call to function system.castAsAscii, none of its type signatures match (known type signatures: '
      + 'system.castAsAscii : (tinyint) -> ascii, ', 'SELECT CAST(b AS ascii) FROM %s');
    expect((await execute('SELECT CAST(b AS varchar), CAST(b AS text), CAST(c AS double) FROM %s')).columns).toEqual(['b', 'b', 'c']);
  });

  it('casts between every numeric type, and to text (testNumericCastsInSelectionClause)', async () => {
    await createTable('(a tinyint primary key, b smallint, c int, d bigint, e float, f double, g decimal, h varint, i int)');
    await execute('INSERT INTO %s (a, b, c, d, e, f, g, h) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', 1, 2, 3, 4n, 5.2, 6.3, '6.3', 4n);
    expect((await execute('SELECT CAST(b AS int), CAST(c AS int), CAST(d AS double) FROM %s')).columns)
      .toEqual(['cast(b as int)', 'c', 'cast(d as double)']);
    expect(await castsTo('tinyint')).toEqual([row(1, 2, 3, 4, 5, 6, 6, 4, null)]);
    expect(await castsTo('smallint')).toEqual([row(1, 2, 3, 4, 5, 6, 6, 4, null)]);
    expect(await castsTo('int')).toEqual([row(1, 2, 3, 4, 5, 6, 6, 4, null)]);
    expect(await castsTo('bigint')).toEqual([row(1n, 2n, 3n, 4n, 5n, 6n, 6n, 4n, null)]);
    expect(await castsTo('float')).toEqual([row(1, 2, 3, 4, f32(5.2), f32(6.3), f32(6.3), 4, null)]);
    expect(await castsTo('double')).toEqual([row(1, 2, 3, 4, f32(5.2), 6.3, 6.3, 4, null)]);
    // 4.1 takes a float through doubleValue() (the exact digits of the float), integers exactly.
    expect(await castsTo('decimal'))
      .toEqual([row(dec('1'), dec('2'), dec('3'), dec('4'), dec('5.199999809265137'), dec('6.3'), dec('6.3'), dec('4'), null)]);
    for (const type of ['ascii', 'text']) {
      expect(await castsTo(type)).toEqual([row('1', '2', '3', '4', '5.2', '6.3', '6.3', '4', null)]);
    }
  });

  it('keeps every digit of bigint and varint cast to decimal (testNoLossOfPrecisionForCastToDecimal)', async () => {
    await createTable('(k int PRIMARY KEY, bigint_clmn bigint, varint_clmn varint)');
    await execute('INSERT INTO %s(k, bigint_clmn, varint_clmn) VALUES(2, 9223372036854775807, 1234567890123456789)');
    expect(await rows('SELECT CAST(bigint_clmn AS decimal), CAST(varint_clmn AS decimal) FROM %s'))
      .toEqual([row(dec('9223372036854775807'), dec('1234567890123456789'))]);
  });

  it('casts timeuuid, timestamp, date and time (testTimeCastsInSelectionClause)', async () => {
    await createTable('(a timeuuid primary key, b timestamp, c date, d time)');
    const ms = Date.UTC(2015, 4, 21, 11, 3, 2);
    const day = Date.UTC(2015, 4, 21) / 86_400_000;
    await execute("INSERT INTO %s (a, b, c, d) VALUES (?, '2015-05-21 11:03:02+00', '2015-05-21', '11:03:02')", minTimeUuid(ms));
    expect(await rows('SELECT CAST(a AS timestamp), CAST(b AS timestamp), CAST(c AS timestamp) FROM %s'))
      .toEqual([row(BigInt(ms), BigInt(ms), BigInt(day * 86_400_000))]);
    expect(await rows('SELECT CAST(a AS date), CAST(b AS date), CAST(c AS date) FROM %s')).toEqual([row(day, day, day)]);
    expect(await rows('SELECT CAST(b AS text), CAST(c AS text), CAST(d AS text) FROM %s'))
      .toEqual([row('2015-05-21T11:03:02.000Z', '2015-05-21', '11:03:02.000000000')]);
  });

  it('casts ascii, inet and boolean to text (testOtherTypeCastsInSelectionClause)', async () => {
    await createTable('(a ascii primary key, b inet, c boolean)');
    await execute("INSERT INTO %s (a, b, c) VALUES (?, '127.0.0.1', ?)", 'test', true);
    expect(await rows('SELECT CAST(a AS text), CAST(b AS text), CAST(c AS text) FROM %s')).toEqual([row('test', '127.0.0.1', 'true')]);
  });

  it('casts reversed clustering columns and nests casts (testCastsWithReverseOrder)', async () => {
    await createTable('(a int, b smallint, c double, primary key (a, b)) WITH CLUSTERING ORDER BY (b DESC)');
    await execute('INSERT INTO %s (a, b, c) VALUES (?, ?, ?)', 1, 2, 6.3);
    expect(await rows('SELECT CAST(a AS tinyint), CAST(b AS tinyint), CAST(c AS tinyint) FROM %s')).toEqual([row(1, 2, 6)]);
    expect(await rows('SELECT CAST(CAST(a AS tinyint) AS smallint), CAST(CAST(b AS tinyint) AS smallint), CAST(CAST(c AS tinyint) AS smallint) FROM %s'))
      .toEqual([row(1, 2, 6)]);
    expect(await rows('SELECT CAST(CAST(CAST(a AS tinyint) AS double) AS text), CAST(CAST(CAST(b AS tinyint) AS double) AS text), '
      + 'CAST(CAST(CAST(c AS tinyint) AS double) AS text) FROM %s')).toEqual([row('1.0', '2.0', '6.0')]);
    const f = await createFunction('CREATE FUNCTION %s(val int) RETURNS NULL ON NULL INPUT RETURNS double LANGUAGE java AS \'return (double)val;\'');
    expect(await rows(`SELECT ${f}(CAST(b AS int)) FROM %s`)).toEqual([row(2)]);
    expect(await rows(`SELECT CAST(${f}(CAST(b AS int)) AS text) FROM %s`)).toEqual([row('2.0')]);
  });

  it('casts a counter as a bigint (testCounterCastsInSelectionClause)', async () => {
    await createTable('(a int primary key, b counter)');
    await execute('UPDATE %s SET b = b + 2 WHERE a = 1');
    expect(await rows('SELECT CAST(b AS tinyint), CAST(b AS smallint), CAST(b AS int), CAST(b AS bigint), CAST(b AS float), '
      + 'CAST(b AS double), CAST(b AS decimal), CAST(b AS ascii), CAST(b AS text) FROM %s'))
      .toEqual([row(2, 2, 2, 2n, 2, 2, dec('2'), '2', '2')]);
  });
});

/** CastFctsTest.floatToInt: a UDF taking a float to an int. */
const floatToInt = (): Promise<string> => createFunction(
  "CREATE FUNCTION IF NOT EXISTS %s (x float) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return Float.valueOf(x).intValue();'",
);
/** CastFctsTest.intToFloat: a UDF taking an int to a float. */
const intToFloat = (): Promise<string> => createFunction(
  "CREATE FUNCTION IF NOT EXISTS %s (x int) CALLED ON NULL INPUT RETURNS float LANGUAGE java AS 'return (float) x;'",
);

describe('CAST in terms (CastFctsTest)', () => {
  const ambiguous = 'Ambiguous call to function system.castAsInt (can be matched by following signatures: ';

  it('casts in INSERT values (testCastsInInsertIntoValues)', async () => {
    await createTable('(k int PRIMARY KEY, v int)');
    const cases: [string, unknown[], number][] = [
      ['CAST(1.3 AS int)', [], 1], ['CAST(CAST(CAST(2.3 AS int) AS float) AS int)', [], 2],
      ['CAST((float) ? AS int)', [3.4], 3], ['(int) CAST(4.9 AS int)', [], 4],
    ];
    for (const [term, values, expected] of cases) {
      await execute(`INSERT INTO %s (k, v) VALUES (1, ${term})`, ...values);
      expect(await rows('SELECT v FROM %s')).toEqual([row(expected)]);
    }
    await assertInvalidMessage(ambiguous, 'INSERT INTO %s (k, v) VALUES (1, CAST(? AS int))', 3.4);
  });

  it('casts in UPDATE values and WHERE clauses (testCastsInUpdateValues, testCastsInUpdateWhereClause)', async () => {
    await createTable('(k int PRIMARY KEY, v int)');
    await execute('UPDATE %s SET v = CAST(1.3 AS int) WHERE k = 1');
    expect(await rows('SELECT v FROM %s')).toEqual([row(1)]);
    await execute('UPDATE %s SET v = CAST((float) ? AS int) WHERE k = 1', 3.4);
    expect(await rows('SELECT v FROM %s')).toEqual([row(3)]);
    await assertInvalidMessage(ambiguous, 'UPDATE %s SET v = CAST(? AS int) WHERE k = 1', 3.4);
    await execute('UPDATE %s SET v = ? WHERE k = CAST(CAST(CAST(2.3 AS int) AS float) AS int)', 2);
    expect(await rows('SELECT v FROM %s WHERE k = ?', 2)).toEqual([row(2)]);
    await execute('UPDATE %s SET v = ? WHERE k = (int) CAST(4.9 AS int)', 4);
    expect(await rows('SELECT v FROM %s WHERE k = ?', 4)).toEqual([row(4)]);
    await assertInvalidMessage(ambiguous, 'UPDATE %s SET v = ? WHERE k = CAST(? AS int)', 3, 3.4);
  });

  it('casts in SELECT and DELETE WHERE clauses (testCastsInSelectWhereClause, testCastsInDeleteWhereClause)', async () => {
    await createTable('(k int PRIMARY KEY)');
    for (let i = 1; i <= 4; i++) await execute('INSERT INTO %s (k) VALUES (?)', i);
    expect(await rows('SELECT k FROM %s WHERE k = CAST(1.3 AS int)')).toEqual([row(1)]);
    expect(await rows('SELECT k FROM %s WHERE k = CAST(CAST(CAST(2.3 AS int) AS float) AS int)')).toEqual([row(2)]);
    expect(await rows('SELECT k FROM %s WHERE k = CAST((float) ? AS int)', 3.4)).toEqual([row(3)]);
    expect(await rows('SELECT k FROM %s WHERE k = (int) CAST(4.9 AS int)')).toEqual([row(4)]);
    await assertInvalidMessage(ambiguous, 'SELECT k FROM %s WHERE k = CAST(? AS int)', 3.4);
    await execute('DELETE FROM %s WHERE k = CAST(1.3 AS int)');
    await execute('DELETE FROM %s WHERE k = CAST((float) ? AS int)', 3.4);
    expect(await rows('SELECT k FROM %s')).toEqual(expect.arrayContaining([row(2), row(4)]));
    expect(await rows('SELECT k FROM %s')).toHaveLength(2);
    await assertInvalidMessage(ambiguous, 'DELETE FROM %s WHERE k = CAST(? AS int)', 3.4);
  });

  it('takes a UDF of a cast and a cast of a UDF in every statement (the floatToInt and intToFloat cases)', async () => {
    await createTable('(k int PRIMARY KEY, v int)');
    const fromFloat = await floatToInt();
    const toFloat = await intToFloat();
    await execute(`INSERT INTO %s (k, v) VALUES (1, ${fromFloat}(CAST(5 AS float)))`);
    expect(await rows('SELECT v FROM %s')).toEqual([row(5)]);
    await execute(`INSERT INTO %s (k, v) VALUES (1, CAST(${toFloat}(6) AS int))`);
    expect(await rows('SELECT v FROM %s')).toEqual([row(6)]);
    await execute(`UPDATE %s SET v = ${fromFloat}(CAST(5 AS float)) WHERE k = 1`);
    expect(await rows('SELECT v FROM %s')).toEqual([row(5)]);
    await execute(`UPDATE %s SET v = CAST(${toFloat}(6) AS int) WHERE k = 1`);
    expect(await rows('SELECT v FROM %s')).toEqual([row(6)]);
    for (let k = 5; k <= 6; k++) await execute('INSERT INTO %s (k) VALUES (?)', k);
    await execute(`UPDATE %s SET v = ? WHERE k = ${fromFloat}(CAST(5 AS float))`, 50);
    await execute(`UPDATE %s SET v = ? WHERE k = CAST(${toFloat}(6) AS int)`, 60);
    expect(await rows(`SELECT k, v FROM %s WHERE k = ${fromFloat}(CAST(5 AS float))`)).toEqual([row(5, 50)]);
    expect(await rows(`SELECT k, v FROM %s WHERE k = CAST(${toFloat}(6) AS int)`)).toEqual([row(6, 60)]);
    await execute(`DELETE FROM %s WHERE k = ${fromFloat}(CAST(5 AS float))`);
    await execute(`DELETE FROM %s WHERE k = CAST(${toFloat}(6) AS int)`);
    expect(await rows('SELECT k FROM %s WHERE k IN (5, 6)')).toEqual([]);
  });
});

describe('CAST in a view (CastFctsTest)', () => {
  it('evaluates a cast in the WHERE clause of CREATE MATERIALIZED VIEW (testCastsInCreateViewWhereClause)', async () => {
    await createTable('(k int PRIMARY KEY, v int)');
    await execute('CREATE MATERIALIZED VIEW ks.mv_with_cast AS SELECT * FROM %s WHERE k < CAST(3.14 AS int) AND v IS NOT NULL PRIMARY KEY (v, k)');
    for (const k of [1, 2, 3]) await execute('INSERT INTO %s (k, v) VALUES (?, ?)', k, k * 10);
    expect(await rows('SELECT * FROM ks.mv_with_cast')).toEqual([row(10, 1), row(20, 2)]);
    await execute('DROP MATERIALIZED VIEW ks.mv_with_cast');
  });
});
