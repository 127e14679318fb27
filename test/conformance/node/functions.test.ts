/**
 * Native functions wherever a term may stand, as Cassandra 4.1 resolves them (FunctionResolver, TimeFcts,
 * CastFcts, BytesConversionFcts; TimeuuidTest, CastFctsTest, TermSelectionTest): nested calls such as
 * toTimestamp(now()) in VALUES, SET (collection elements, UDT fields, counters), WHERE, IF, selections
 * and BATCH children, unprepared and prepared, with the values stored and the bind markers' metadata.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { statementRunner, useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError } from '../support/node-values.js';

const { types } = cassandra;
const target = useNodeTarget('functions');

const JAN_2013 = Date.UTC(2013, 0, 1);

const { run, one } = statementRunner(target);

/** The driver's cache of prepared statements (Metadata.getPreparedInfo, not in its typings). */
interface PreparedInfo {
  meta?: { columns: { name: string; type: { code: number } }[] };
}

/** The bind markers of a prepared statement as `name type-code`, from the PREPARED response the driver keeps. */
async function markers(cql: string): Promise<string[]> {
  const cache = target.client.metadata as unknown as { getPreparedInfo(keyspace: string, query: string): PreparedInfo };
  await run(cql, [], true).catch(() => undefined);
  const meta = cache.getPreparedInfo(target.keyspace, cql).meta;
  if (meta === undefined) throw new Error(`not prepared: ${cql}`);
  return meta.columns.map((c) => `${c.name} ${c.type.code}`);
}

/** Asserts a Date lies within the window of a statement's execution (the server's clock is the system's). */
function expectNow(value: unknown, before: number, after: number): void {
  expect(value).toBeInstanceOf(Date);
  const ms = (value as Date).getTime();
  expect(ms).toBeGreaterThanOrEqual(before - 1);
  expect(ms).toBeLessThanOrEqual(after + 1);
}

beforeAll(async () => {
  await run('CREATE TYPE period (start timestamp, stop timestamp)');
  await run('CREATE TABLE events (k int, c timeuuid, ts timestamp, d date, bi bigint, tx text, b blob, u uuid, PRIMARY KEY (k, c))');
  await run('CREATE TABLE docs (k int PRIMARY KEY, created timestamp, m map<text, timestamp>, l list<timestamp>, p frozen<period>, up period)');
  await run('CREATE TABLE counts (k int PRIMARY KEY, n counter)');
});

describe('toTimestamp(now()) and friends in INSERT VALUES', () => {
  it.each([false, true])('stores the time of the statement (prepared: %s)', async (prepare) => {
    const k = prepare ? 2 : 1;
    const before = Date.now();
    // Unprepared, the key is a literal: the driver would send a JavaScript number as a double.
    const cql = 'INSERT INTO events (k, c, ts, d, bi) VALUES (?, now(), toTimestamp(now()), toDate(now()), toUnixTimestamp(now()))';
    await (prepare ? run(cql, [k]) : run(cql.replace('?', String(k))));
    const after = Date.now();
    const row = await one('SELECT c, ts, d, bi FROM events WHERE k = ?', [k]);
    expectNow(row.get('ts'), before, after);
    expectNow((row.get('c') as cassandra.types.TimeUuid).getDate(), before, after);
    expect(Number(row.get('bi'))).toBeGreaterThanOrEqual(before - 1);
    expect(row.get('d').toString()).toBe(new Date(after).toISOString().slice(0, 10));
  });

  it('resolves nested conversions: toTimestamp(minTimeuuid(...)), toDate(currentTimestamp()), dateOf(maxTimeuuid(...))', async () => {
    await run(
      "INSERT INTO events (k, c, ts, d, bi) VALUES (3, minTimeuuid('2013-01-01 00:00:00+0000'), toTimestamp(minTimeuuid('2013-01-01 00:00:00+0000')), toDate(currentTimestamp()), unixTimestampOf(maxTimeuuid(1356998400000)))",
    );
    const row = await one('SELECT c, ts, d, bi FROM events WHERE k = 3');
    expect((row.get('ts') as Date).getTime()).toBe(JAN_2013);
    expect((row.get('c') as cassandra.types.TimeUuid).getDate().getTime()).toBe(JAN_2013);
    expect(Number(row.get('bi'))).toBe(JAN_2013);
    expect(row.get('d').toString()).toBe(new Date().toISOString().slice(0, 10));
  });

  it('stores uuid(), blob conversions and casts of terms', async () => {
    // 2.7 is an exact double, so castAsBigint(double) is chosen over the other numeric overloads.
    await run("INSERT INTO events (k, c, u, b, tx, bi) VALUES (4, now(), uuid(), textAsBlob('abc'), blobAsText(0x78797a), CAST(2.7 AS bigint))");
    const row = await one('SELECT u, b, tx, bi FROM events WHERE k = 4');
    expect((row.get('u') as cassandra.types.Uuid).getBuffer()[6]! >> 4).toBe(4);
    expect((row.get('b') as Buffer).toString()).toBe('abc');
    expect(row.get('tx')).toBe('xyz');
    expect(Number(row.get('bi'))).toBe(2);
  });

  it('reads fromJson() for its receiver', async () => {
    await run('INSERT INTO docs (k, created, m) VALUES (1, fromJson(\'"2013-01-01 00:00:00+0000"\'), fromJson(?))', ['{"a": 1356998400000}']);
    const row = await one('SELECT created, m FROM docs WHERE k = 1');
    expect((row.get('created') as Date).getTime()).toBe(JAN_2013);
    expect((row.get('m') as Record<string, Date>)['a']!.getTime()).toBe(JAN_2013);
  });
});

describe('functions in UPDATE SET', () => {
  it.each([false, true])('sets plain, collection element, list, UDT field and frozen UDT values (prepared: %s)', async (prepare) => {
    const k = prepare ? 11 : 10;
    const before = Date.now();
    const cql = "UPDATE docs SET created = toTimestamp(now()), m['at'] = toTimestamp(now()), l = l + [toTimestamp(now()), dateOf(minTimeuuid(0))], "
      + 'up.start = toTimestamp(now()), p = {start: toTimestamp(now()), stop: toTimestamp(currentDate())} WHERE k = ?';
    await (prepare ? run(cql, [k]) : run(cql.replace('?', String(k))));
    const after = Date.now();
    const row = await one('SELECT created, m, l, up, p FROM docs WHERE k = ?', [k]);
    expectNow(row.get('created'), before, after);
    expectNow(row.get('m').at, before, after);
    expectNow(row.get('l')[0], before, after);
    expect((row.get('l')[1] as Date).getTime()).toBe(0);
    expectNow(row.get('up').start, before, after);
    expectNow(row.get('p').start, before, after);
    expect((row.get('p').stop as Date).getTime() % 86_400_000).toBe(0);
  });

  it('adds to a counter through counter functions', async () => {
    await run('UPDATE counts SET n = n + blobAsCounter(counterAsBlob(5)) WHERE k = 1');
    await run('UPDATE counts SET n = n - blobAsCounter(?) WHERE k = 1', [Buffer.from('0000000000000002', 'hex')]);
    expect(Number((await one('SELECT n FROM counts WHERE k = 1')).get('n'))).toBe(3);
  });
});

describe('functions in WHERE', () => {
  beforeAll(async () => {
    for (const [i, ms] of [JAN_2013, JAN_2013 + 1000, JAN_2013 + 2000].entries()) {
      await run(`INSERT INTO events (k, c, ts, bi) VALUES (20, minTimeuuid(${ms}), toTimestamp(minTimeuuid(${ms})), ${i})`);
    }
  });

  it.each([false, true])('selects a timeuuid range by minTimeuuid/maxTimeuuid of timestamps (prepared: %s)', async (prepare) => {
    const result = await target.client.execute(
      'SELECT bi FROM events WHERE k = 20 AND c > maxTimeuuid(?) AND c < minTimeuuid(?)', [new Date(JAN_2013), new Date(JAN_2013 + 2000)], { prepare },
    );
    expect(result.rows.map((r) => Number(r.get('bi')))).toEqual([1]);
    const literal = await run("SELECT bi FROM events WHERE k = 20 AND c >= minTimeuuid('2013-01-01 00:00:01+0000') AND c <= maxTimeuuid(toTimestamp(now()))");
    expect(literal.rows.map((r) => Number(r.get('bi')))).toEqual([1, 2]);
  });

  it('restricts partition keys through functions and token() through a function of a bind marker', async () => {
    const row = await one('SELECT bi FROM events WHERE k = blobAsInt(intAsBlob(?)) AND c = minTimeuuid(?)', [20, new Date(JAN_2013)]);
    expect(Number(row.get('bi'))).toBe(0);
    const tokens = await run('SELECT k FROM events WHERE token(k) = token(?)', [20]);
    expect(new Set(tokens.rows.map((r) => r.get('k')))).toEqual(new Set([20]));
  });

  it('filters on a function of now()', async () => {
    const result = await run('SELECT bi FROM events WHERE k = 20 AND ts < toTimestamp(now()) ALLOW FILTERING');
    expect(result.rows).toHaveLength(3);
    const none = await run("SELECT bi FROM events WHERE k = 20 AND ts < dateOf(minTimeuuid('2012-01-01 00:00:00+0000')) ALLOW FILTERING");
    expect(none.rows).toHaveLength(0);
  });
});

describe('functions in IF conditions', () => {
  it('compares with nested calls and applies', async () => {
    await run('INSERT INTO docs (k, created) VALUES (30, dateOf(minTimeuuid(0)))');
    const applied = await run('UPDATE docs SET created = toTimestamp(now()) WHERE k = 30 IF created < toTimestamp(now())');
    expect(applied.rows[0]!.get('[applied]')).toBe(true);
    const refused = await run('UPDATE docs SET created = dateOf(minTimeuuid(0)) WHERE k = 30 IF created = toTimestamp(minTimeuuid(0))', [], false);
    expect(refused.rows[0]!.get('[applied]')).toBe(false);
    const prepared = await run('DELETE FROM docs WHERE k = 30 IF created > dateOf(maxTimeuuid(?))', [new Date(0)]);
    expect(prepared.rows[0]!.get('[applied]')).toBe(true);
  });
});

describe('functions in the selection clause', () => {
  it('converts a stored timeuuid, timestamp and date, nested and cast, with Cassandra column names', async () => {
    await run("INSERT INTO events (k, c, ts, d, tx) VALUES (40, minTimeuuid('2015-05-21 11:03:02+0000'), '2015-05-21 11:03:02+0000', '2015-05-21', 'x')");
    const result = await run(
      'SELECT toTimestamp(c), toDate(c), toUnixTimestamp(c), dateOf(c), unixTimestampOf(c), toDate(ts), toTimestamp(d), '
      + 'toUnixTimestamp(toDate(c)), CAST(c AS timestamp), CAST(ts AS text), CAST(d AS timestamp), CAST(k AS int), toJson(toDate(ts)) FROM events WHERE k = 40',
    );
    const expected = Date.UTC(2015, 4, 21, 11, 3, 2);
    const day = Date.UTC(2015, 4, 21);
    expect(result.columns.map((c) => c.name)).toEqual([
      'system.totimestamp(c)', 'system.todate(c)', 'system.tounixtimestamp(c)', 'system.dateof(c)', 'system.unixtimestampof(c)',
      'system.todate(ts)', 'system.totimestamp(d)', 'system.tounixtimestamp(system.todate(c))', 'cast(c as timestamp)',
      'cast(ts as text)', 'cast(d as timestamp)', 'k', 'system.tojson(system.todate(ts))',
    ]);
    const row = result.rows[0]!;
    expect((row.get(0) as Date).getTime()).toBe(expected);
    expect(row.get(1).toString()).toBe('2015-05-21');
    expect(Number(row.get(2))).toBe(expected);
    expect((row.get(3) as Date).getTime()).toBe(expected);
    expect(Number(row.get(4))).toBe(expected);
    expect(row.get(5).toString()).toBe('2015-05-21');
    expect((row.get(6) as Date).getTime()).toBe(day);
    expect(Number(row.get(7))).toBe(day);
    expect((row.get(8) as Date).getTime()).toBe(expected);
    expect(row.get(9)).toBe('2015-05-21T11:03:02.000Z');
    expect((row.get(10) as Date).getTime()).toBe(day);
    expect(row.get(11)).toBe(40);
    expect(row.get(12)).toBe('"2015-05-21"');
  });

  it('evaluates now() per execution and calls with bind markers typed by the parameter', async () => {
    const before = Date.now();
    const row = await one('SELECT toTimestamp(now()), blobAsText(textAsBlob(?)), system.currenttimestamp() FROM events WHERE k = 40', ['bound']);
    expectNow(row.get(0), before, Date.now());
    expect(row.get(1)).toBe('bound');
    expectNow(row.get(2), before, Date.now());
  });

  it('answers every current-time function with its own type', async () => {
    const before = Date.now();
    const result = await run('SELECT currentTimestamp(), currentDate(), currentTime(), currentTimeUUID(), now() FROM events WHERE k = 40');
    const after = Date.now();
    const { dataTypes } = types;
    expect(result.columns.map((c) => c.type.code)).toEqual([dataTypes.timestamp, dataTypes.date, dataTypes.time, dataTypes.timeuuid, dataTypes.timeuuid]);
    const row = result.rows[0]!;
    expectNow(row.get(0), before, after);
    expect(row.get(1).toString()).toBe(new Date(after).toISOString().slice(0, 10));
    const nanos = Number((row.get(2) as cassandra.types.LocalTime).getTotalNanoseconds());
    expect(nanos / 1e6).toBeGreaterThanOrEqual((before % 86_400_000) - 1);
    expectNow((row.get(3) as cassandra.types.TimeUuid).getDate(), before, after);
  });

  it('takes writetime() and ttl() as arguments, and names them inside the call', async () => {
    await run('INSERT INTO events (k, c, tx) VALUES (41, minTimeuuid(0), \'w\') USING TIMESTAMP 1356998400000000 AND TTL 1000');
    const result = await run('SELECT CAST(writetime(tx) AS text), toTimestamp(minTimeuuid(writetime(tx))), blobAsInt(intAsBlob(ttl(tx))) FROM events WHERE k = 41');
    expect(result.columns.map((c) => c.name)).toEqual([
      'cast(writetime(tx) as text)', 'system.totimestamp(system.mintimeuuid(writetime(tx)))', 'system.blobasint(system.intasblob(ttl(tx)))',
    ]);
    const row = result.rows[0]!;
    expect(row.get(0)).toBe('1356998400000000');
    expect(row.get(2)).toBeGreaterThan(990);
  });

  it('names JSON keys after the calls (SELECT JSON)', async () => {
    const row = await one('SELECT JSON toDate(ts), CAST(k AS text) FROM events WHERE k = 40');
    expect(JSON.parse(row.get('[json]') as string)).toEqual({ 'system.todate(ts)': '2015-05-21', 'cast(k as text)': '40' });
  });

  it('aggregates through the resolved overload', async () => {
    const row = await one('SELECT count(c), max(ts), min(toUnixTimestamp(c)), count(1) FROM events WHERE k = 20');
    expect(Number(row.get(0))).toBe(3);
    expect((row.get(1) as Date).getTime()).toBe(JAN_2013 + 2000);
    expect(Number(row.get(2))).toBe(JAN_2013);
    expect(Number(row.get(3))).toBe(3);
  });

  it('applies functions to aggregates, once per group', async () => {
    const result = await run('SELECT CAST(count(*) AS text), toUnixTimestamp(max(ts)), toJson(min(bi)), k FROM events WHERE k = 20');
    expect(result.columns.map((c) => c.name)).toEqual(['cast(count as text)', 'system.tounixtimestamp(system.max(ts))', 'system.tojson(system.min(bi))', 'k']);
    const row = result.rows[0]!;
    expect([row.get(0), Number(row.get(1)), row.get(2), row.get(3)]).toEqual(['3', JAN_2013 + 2000, '0', 20]);
    const empty = await one('SELECT CAST(count(*) AS text), toJson(max(bi)) FROM events WHERE k = 99');
    expect([empty.get(0), empty.get(1)]).toEqual(['0', 'null']);
  });
});

describe('prepared metadata of bind markers in function arguments', () => {
  it('names them arg<i>(system.<function>) with the parameter type, and [selection] in selections', async () => {
    const { dataTypes } = types;
    expect(await markers('INSERT INTO events (k, c, ts) VALUES (?, now(), dateOf(?))'))
      .toEqual([`k ${dataTypes.int}`, `arg0(system.dateof) ${dataTypes.timeuuid}`]);
    expect(await markers('SELECT * FROM events WHERE k = ? AND c > maxTimeuuid(?) AND c < minTimeuuid(:upto)'))
      .toEqual([`k ${dataTypes.int}`, `arg0(system.maxtimeuuid) ${dataTypes.timestamp}`, `upto ${dataTypes.timestamp}`]);
    expect(await markers('SELECT k FROM events WHERE token(k) > token(?)')).toEqual([`arg0(system.token) ${dataTypes.int}`]);
    expect(await markers('SELECT textAsBlob(?), toDate((timestamp)?) FROM events'))
      .toEqual([`[selection] ${dataTypes.varchar}`, `[selection] ${dataTypes.timestamp}`]);
    expect(await markers('INSERT INTO events (k, c, ts) VALUES (1, now(), toTimestamp((timeuuid)?))'))
      .toEqual([`arg0(system.totimestamp) ${dataTypes.timeuuid}`]);
  });

  it('binds a type-hinted marker where the bare one is ambiguous', async () => {
    await expectServerError(run('INSERT INTO events (k, c, ts) VALUES (1, now(), toTimestamp(?))', [types.TimeUuid.now()]), ErrorCodes.invalid,
      'Ambiguous call to function totimestamp (can be matched by following signatures: system.totimestamp : (timeuuid) -> timestamp, '
      + 'system.totimestamp : (date) -> timestamp): use type casts to disambiguate');
    const uuid = types.TimeUuid.fromDate(new Date(JAN_2013));
    await run('INSERT INTO events (k, c, ts) VALUES (50, now(), toTimestamp((timeuuid)?))', [uuid]);
    expect(((await one('SELECT ts FROM events WHERE k = 50')).get('ts') as Date).getTime()).toBe(JAN_2013);
  });

  it('passes null arguments on and refuses unset ones', async () => {
    await run('INSERT INTO events (k, c, ts) VALUES (51, now(), dateOf(?))', [null]);
    expect((await one('SELECT ts FROM events WHERE k = 51')).get('ts')).toBeNull();
    await expectServerError(run('INSERT INTO events (k, c, ts) VALUES (51, now(), dateOf(?))', [types.unset]), ErrorCodes.invalid,
      'Invalid unset value for argument in call to function dateof');
  });
});

describe('BATCH children', () => {
  it('resolve functions in every child, prepared and not', async () => {
    const before = Date.now();
    await target.client.batch([
      { query: 'INSERT INTO events (k, c, ts) VALUES (60, now(), toTimestamp(now()))' },
      { query: 'INSERT INTO events (k, c, ts) VALUES (?, now(), dateOf(?))', params: [60, types.TimeUuid.fromDate(new Date(JAN_2013))] },
      { query: 'UPDATE docs SET created = toTimestamp(now()) WHERE k = ?', params: [60] },
    ], { prepare: true });
    await run('BEGIN BATCH INSERT INTO events (k, c, ts) VALUES (61, now(), toTimestamp(now())); UPDATE docs SET m[\'b\'] = toTimestamp(now()) WHERE k = 60; APPLY BATCH');
    const after = Date.now();
    const stamps = (await run('SELECT ts FROM events WHERE k = 60')).rows.map((r) => (r.get('ts') as Date).getTime()).sort();
    expect(stamps[0]).toBe(JAN_2013);
    expectNow(new Date(stamps[1]!), before, after);
    expectNow((await one('SELECT ts FROM events WHERE k = 61')).get('ts'), before, after);
    const doc = await one('SELECT created, m FROM docs WHERE k = 60');
    expectNow(doc.get('created'), before, after);
    expectNow(doc.get('m').b, before, after);
  });
});

describe('refusals, as Cassandra words them', () => {
  it.each([
    ['INSERT INTO events (k, c, d) VALUES (1, now(), dateOf(now()))', 'Type error: cannot assign result of function system.dateof (type timestamp) to d (type date)'],
    ['INSERT INTO events (k, c, ts) VALUES (1, now(), toTimestamp(1, 2))', 'Invalid call to function totimestamp, none of its type signatures match'],
    ['INSERT INTO events (k, c, ts) VALUES (1, now(), minTimeuuid(true))', 'Type error: true cannot be passed as argument 0 of function system.mintimeuuid of type timestamp'],
    ['INSERT INTO events (k, c, ts) VALUES (1, now(), nosuchfunction(1))', 'Unknown function nosuchfunction called'],
    ['SELECT nosuchfunction(k) FROM events', "Unknown function 'nosuchfunction'"],
    ['SELECT CAST(k AS boolean) FROM events', 'k cannot be cast to boolean'],
    ['INSERT INTO events (k, c, tx) VALUES (1, now(), toJson(1))', 'toJson() may only be used within the selection clause of SELECT statements'],
    ['SELECT fromJson(tx) FROM events', 'fromJson() cannot be used in the selection clause of a SELECT statement'],
    ['SELECT * FROM events WHERE k = max(1)', 'Aggregation function are not supported in the where clause'],
    ['INSERT INTO events (k, c, bi) VALUES (1, now(), CAST(? AS bigint))', 'Ambiguous call to function system.castAsBigint (can be matched by following signatures: system.castAsBigint : (tinyint) -> bigint, '],
  ])('%s', async (cql, message) => {
    await expectServerError(run(cql), ErrorCodes.invalid, message);
  });

  it('refuses bytes that are not a value of the type when the statement runs', async () => {
    await expectServerError(run('INSERT INTO events (k, c, bi) VALUES (1, now(), blobAsBigint(0x01))'), ErrorCodes.invalid,
      'In call to function system.blobasbigint, value 0x01 is not a valid binary representation for type bigint');
  });

  it('has no functions in USING TIMESTAMP, whose grammar takes only integers and markers', async () => {
    await expectServerError(run('INSERT INTO events (k, c) VALUES (1, now()) USING TIMESTAMP toUnixTimestamp(now())'), ErrorCodes.syntaxError);
  });
});
