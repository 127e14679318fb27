/**
 * Casts, time functions, token(), string concatenation, tuples and user types as the Node.js driver
 * decodes them (Cassandra 4.1's CastFctsTest, TimeFctsTest, OperationFcts' concatenations,
 * SelectOrderedPartitionerTest's token relations, TupleTypeTest, UserTypesTest), with the column names
 * and refusals a client sees.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { statementRunner, useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError } from '../support/node-values.js';

const { types } = cassandra;
const target = useNodeTarget('casts');

const { run, one } = statementRunner(target);

const columnNames = (result: cassandra.types.ResultSet): string[] => result.columns.map((c) => c.name);
const DATE_TIME = new Date(Date.UTC(2015, 4, 21, 11, 3, 2));

beforeAll(async () => {
  await run('CREATE TABLE numbers (a tinyint PRIMARY KEY, b smallint, c int, d bigint, e float, f double, g decimal, h varint, i int)');
  await run('CREATE TABLE temporals (a timeuuid PRIMARY KEY, b timestamp, c date, d time, big bigint)');
  await run('CREATE TABLE strings (k text PRIMARY KEY, t text, a ascii)');
  await run('CREATE TABLE tokens (a int, b text, c int, PRIMARY KEY ((a, b), c))');
  await run('CREATE TYPE address (street text, zip int, phones set<text>)');
  await run('CREATE TYPE office (street text, zip int)');
  await run('CREATE TABLE people (k int PRIMARY KEY, t frozen<tuple<int, text, double>>, home frozen<address>, work office)');
  await run('INSERT INTO numbers (a, b, c, d, e, f, g, h) VALUES (1, 2, 3, 4, 5.2, 6.3, 6.3, 4)');
  await run("INSERT INTO temporals (a, b, c, d, big) VALUES (?, '2015-05-21 11:03:02+00', '2015-05-21', '11:03:02', ?)",
    [types.TimeUuid.fromDate(DATE_TIME, 0, Buffer.alloc(6), Buffer.alloc(2)), types.Long.fromNumber(DATE_TIME.getTime())]);
});

describe('CAST in selections (CastFctsTest)', () => {
  it('names casts cast(x as type) and decodes each target type', async () => {
    const result = await run('SELECT CAST(b AS int), CAST(c AS int), CAST(d AS double), CAST(e AS decimal), CAST(f AS decimal), '
      + 'CAST(h AS decimal), CAST(g AS float), CAST(e AS text), CAST(d AS varint), CAST(i AS tinyint) FROM numbers WHERE a = 1');
    expect(columnNames(result)).toEqual(['cast(b as int)', 'c', 'cast(d as double)', 'cast(e as decimal)', 'cast(f as decimal)',
      'cast(h as decimal)', 'cast(g as float)', 'cast(e as text)', 'cast(d as varint)', 'cast(i as tinyint)']);
    const row = result.rows[0]!;
    expect(row.get('cast(b as int)')).toBe(2);
    expect(row.get('cast(d as double)')).toBe(4);
    // 4.1 widens a float to a double before making a decimal of it.
    expect((row.get('cast(e as decimal)') as cassandra.types.BigDecimal).toString()).toBe('5.199999809265137');
    expect((row.get('cast(f as decimal)') as cassandra.types.BigDecimal).toString()).toBe('6.3');
    expect((row.get('cast(h as decimal)') as cassandra.types.BigDecimal).toString()).toBe('4');
    expect(row.get('cast(g as float)')).toBe(Math.fround(6.3));
    expect(row.get('cast(e as text)')).toBe('5.2');
    expect((row.get('cast(d as varint)') as cassandra.types.Integer).toString()).toBe('4');
    expect(row.get('cast(i as tinyint)')).toBeNull();
  });

  it('casts temporal values to each other and to text', async () => {
    const row = await one('SELECT CAST(a AS timestamp), CAST(c AS timestamp), CAST(a AS date), CAST(b AS date), '
      + 'CAST(b AS text), CAST(c AS text), CAST(d AS text) FROM temporals');
    expect((row.get('cast(a as timestamp)') as Date).getTime()).toBe(DATE_TIME.getTime());
    expect((row.get('cast(c as timestamp)') as Date).getTime()).toBe(Date.UTC(2015, 4, 21));
    expect(String(row.get('cast(a as date)'))).toBe('2015-05-21');
    expect(String(row.get('cast(b as date)'))).toBe('2015-05-21');
    expect(row.get('cast(b as text)')).toBe('2015-05-21T11:03:02.000Z');
    expect(row.get('cast(c as text)')).toBe('2015-05-21');
    expect(row.get('cast(d as text)')).toBe('11:03:02.000000000');
  });

  it('casts terms in INSERT and WHERE, and refuses missing casts and unhinted markers', async () => {
    await run('INSERT INTO numbers (a, c) VALUES (CAST(2.7 AS tinyint), CAST((float) ? AS int))', [3.9], true);
    expect((await one('SELECT c FROM numbers WHERE a = CAST(2.2 AS tinyint)')).get('c')).toBe(3);
    await run('UPDATE numbers SET c = CAST(9.9 AS int) WHERE a = 2');
    expect((await one('SELECT c FROM numbers WHERE a = 2')).get('c')).toBe(9);
    await expectServerError(run('SELECT CAST(c AS boolean) FROM numbers'), ErrorCodes.invalid, 'c cannot be cast to boolean');
    await expectServerError(run('SELECT a FROM numbers WHERE a = CAST(? AS tinyint)', [1], true), ErrorCodes.invalid,
      'Ambiguous call to function system.castAsTinyint (can be matched by following signatures: ');
  });
});

describe('time functions (TimeFctsTest)', () => {
  it('converts timeuuids, timestamps, dates and bigints', async () => {
    const result = await run('SELECT toTimestamp(a), toUnixTimestamp(b), toDate(b), toDate(big), dateOf(a), unixTimestampOf(a), '
      + 'minTimeuuid(b), maxTimeuuid(big) FROM temporals');
    expect(columnNames(result)).toEqual(['system.totimestamp(a)', 'system.tounixtimestamp(b)', 'system.todate(b)', 'system.todate(big)',
      'system.dateof(a)', 'system.unixtimestampof(a)', 'system.mintimeuuid(b)', 'system.maxtimeuuid(big)']);
    const row = result.rows[0]!;
    expect((row.get('system.totimestamp(a)') as Date).getTime()).toBe(DATE_TIME.getTime());
    expect(Number(row.get('system.tounixtimestamp(b)'))).toBe(DATE_TIME.getTime());
    expect(String(row.get('system.todate(b)'))).toBe('2015-05-21');
    expect(String(row.get('system.todate(big)'))).toBe('2015-05-21');
    expect((row.get('system.dateof(a)') as Date).getTime()).toBe(DATE_TIME.getTime());
    expect(Number(row.get('system.unixtimestampof(a)'))).toBe(DATE_TIME.getTime());
    const min = row.get('system.mintimeuuid(b)') as cassandra.types.TimeUuid;
    const max = row.get('system.maxtimeuuid(big)') as cassandra.types.TimeUuid;
    expect(min.getDate().getTime()).toBe(DATE_TIME.getTime());
    expect(max.getDate().getTime()).toBe(DATE_TIME.getTime());
    // TimeUUID.minAtUnixMillis / maxAtUnixMillis: the first and last 100ns tick of the millisecond.
    expect(min.toString()).toBe('f2bcb700-ffa8-11e4-8080-808080808080');
    expect(max.toString()).toBe('f2bcde0f-ffa8-11e4-7f7f-7f7f7f7f7f7f');
  });

  it('selects timeuuids between minTimeuuid and maxTimeuuid of literal bounds', async () => {
    const result = await run("SELECT a FROM temporals WHERE a > maxTimeuuid('2015-05-21 11:03:01+0000') AND a < minTimeuuid(?) ALLOW FILTERING",
      [new Date(DATE_TIME.getTime() + 1)], true);
    expect(result.rows).toHaveLength(1);
    await expectServerError(run('SELECT toDate(d) FROM temporals'), ErrorCodes.invalid,
      'Invalid call to function todate, none of its type signatures match (known type signatures: system.todate : (timeuuid) -> date, system.todate : (timestamp) -> date)');
  });
});

describe('token()', () => {
  it('selects the Murmur3 token and restricts by it, with markers and nested token() calls', async () => {
    for (const [a, b] of [[1, 'x'], [2, 'y'], [3, 'z']] as const) await run('INSERT INTO tokens (a, b, c) VALUES (?, ?, 0)', [a, b], true);
    const all = await run('SELECT token(a, b), a FROM tokens');
    expect(columnNames(all)).toEqual(['system.token(a, b)', 'a']);
    const tokens = all.rows.map((r) => r.get('system.token(a, b)') as cassandra.types.Long);
    const sorted = [...tokens].sort((x, y) => x.compare(y));
    expect(tokens.map(String)).toEqual(sorted.map(String));
    const first = tokens[0]!;
    const after = await run('SELECT a FROM tokens WHERE token(a, b) > ?', [first], true);
    expect(after.rows.map((r) => r.get('a'))).toEqual(all.rows.slice(1).map((r) => r.get('a')));
    const firstRow = all.rows[0]!;
    const same = await run('SELECT a FROM tokens WHERE token(a, b) <= token(?, ?)', [firstRow.get('a'), firstRow.get('a') === 1 ? 'x' : firstRow.get('a') === 2 ? 'y' : 'z'], true);
    expect(same.rows.map((r) => r.get('a'))).toEqual([firstRow.get('a')]);
    await expectServerError(run("SELECT * FROM tokens WHERE token(b, a) > token(0, 'c')"), ErrorCodes.invalid,
      'The token function arguments must be in the partition key order: a, b');
    await expectServerError(run('SELECT * FROM tokens WHERE token(a) > token(0)'), ErrorCodes.invalid,
      'The token() function must be applied to all partition key components or none of them');
  });
});

describe('string concatenation (CASSANDRA-17190, 4.1)', () => {
  it('concatenates text and ascii, and refuses strings with numbers', async () => {
    await run("INSERT INTO strings (k, t, a) VALUES ('k' + '1', 'été' + ' !', 'a' + 'b')");
    const result = await run("SELECT t + a, a + a, k + '-' FROM strings WHERE k = 'k1'");
    expect(columnNames(result)).toEqual(['t + a', 'a + a', "k + '-'"]);
    expect(result.rows[0]!.values()).toEqual(['été !ab', 'abab', 'k1-']);
    const concat = result.columns.map((c) => c.type.code);
    expect(concat).toEqual([types.dataTypes.varchar, types.dataTypes.ascii, types.dataTypes.varchar]);
    await expectServerError(run('SELECT t + 1 FROM strings'), ErrorCodes.invalid, "the '+' operation is not supported between t and 1");
  });
});

describe('tuples and user types as the driver decodes them (TupleTypeTest, UserTypesTest)', () => {
  it('writes tuples from literals, bound Tuples and strings, short and with nulls', async () => {
    await run("INSERT INTO people (k, t) VALUES (0, (3, 'foo', 3.4))");
    await run('INSERT INTO people (k, t) VALUES (1, ?)', [new types.Tuple(8, null, 0.2)], true);
    await run("INSERT INTO people (k, t) VALUES (2, '5:bar')");
    const byKey = new Map((await run('SELECT k, t FROM people')).rows.map((r) => [r.get('k'), (r.get('t') as cassandra.types.Tuple).values()]));
    expect(byKey.get(0)).toEqual([3, 'foo', 3.4]);
    expect(byKey.get(1)).toEqual([8, null, 0.2]);
    // A tuple read from a string with fewer fields is stored short, and read short.
    expect(byKey.get(2)).toEqual([5, 'bar', undefined]);
    await expectServerError(run("INSERT INTO people (k, t) VALUES (3, (2, 'foo', 3.1, 'bar'))"), ErrorCodes.invalid,
      'Invalid tuple literal for t: too many elements. Type frozen<tuple<int, text, double>> expects 3 but got 4');
    await expectServerError(run('INSERT INTO people (k, t) VALUES (3, (3, ?, 2.1))', [undefined], true), ErrorCodes.invalid,
      'Invalid unset value for tuple field number 1');
  });

  it('writes frozen and non-frozen user types, field by field, and reads fields', async () => {
    await run("INSERT INTO people (k, home, work) VALUES (5, {street: 'Main', zip: 1, phones: {'a'}}, {street: 'Side'})");
    await run('UPDATE people SET work.zip = ? WHERE k = 5', [75], true);
    const row = await one('SELECT home, work, home.zip, work.street FROM people WHERE k = 5');
    expect(row.get('home')).toEqual({ street: 'Main', zip: 1, phones: ['a'] });
    expect(row.get('work')).toEqual({ street: 'Side', zip: 75 });
    expect(row.get('home.zip')).toBe(1);
    expect(row.get('work.street')).toBe('Side');
    await expectServerError(run('UPDATE people SET home.zip = 2 WHERE k = 5'), ErrorCodes.invalid,
      'Invalid operation (home.zip = 2) for frozen UDT column home');
    await expectServerError(run("INSERT INTO people (k, home) VALUES (6, {street: 'x', floor: 2})"), ErrorCodes.invalid,
      "Unknown field 'floor' in value of user defined type address");
    await expectServerError(run('INSERT INTO people (k, home) VALUES (6, {street: ?, zip: ?})', ['x', undefined], true), ErrorCodes.invalid,
      "Invalid unset value for field 'zip' of user defined type address");
  });
});
