import { describe, expect, it } from 'vitest';
import { formatCqlType } from '../../types/index.js';
import { parseStatement } from '../parser/index.js';
import { withKeyspace } from './ddl/test-helpers.js';
import { prepareStatement } from './prepared-statement.js';

const schema = withKeyspace(
  'CREATE TYPE ks.period (start timestamp, stop timestamp)',
  'CREATE TABLE ks.t (k int, c timeuuid, ts timestamp, d date, a ascii, txt text, b blob, bi bigint, '
  + 'm map<text, timestamp>, l list<timestamp>, p period, PRIMARY KEY (k, c))',
  'CREATE TABLE ks.events (k int, c timeuuid, ts timestamp, d date, u period, PRIMARY KEY (k, c))',
  'CREATE TABLE ks.counts (k int PRIMARY KEY, n counter)',
);
const prepare = (cql: string) => prepareStatement(parseStatement(cql), schema, 'ks');
const markers = (cql: string) => prepare(cql).boundColumns.map((c) => `${c.name} ${formatCqlType(c.type)}`);
const refusal = (cql: string) => {
  try {
    prepare(cql);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`prepared: ${cql}`);
};

describe('nested function calls in every place a term stands', () => {
  it.each([
    'INSERT INTO events (k, c, ts) VALUES (1, now(), toTimestamp(now()))',
    "INSERT INTO events (k, c, ts) VALUES (1, now(), toTimestamp(minTimeuuid('2013-01-01')))",
    'INSERT INTO events (k, c, d) VALUES (1, now(), toDate(now()))',
    'INSERT INTO events (k, c, d) VALUES (1, now(), toDate(currentTimestamp()))',
    'UPDATE events SET ts = toTimestamp(now()) WHERE k = 1 AND c = now()',
    'UPDATE events SET u.start = toTimestamp(now()) WHERE k = 1 AND c = now()',
    "UPDATE t SET m['x'] = toTimestamp(now()), l = l + [toTimestamp(now())] WHERE k = 1 AND c = now()",
    'UPDATE events SET u = {start: toTimestamp(now()), stop: toTimestamp(currentDate())} WHERE k = 1 AND c = now()',
    'SELECT * FROM events WHERE k = 1 AND c < maxTimeuuid(toTimestamp(now()))',
    'SELECT * FROM events WHERE k = 1 AND ts < toTimestamp(now()) ALLOW FILTERING',
    'UPDATE events SET ts = toTimestamp(now()) WHERE k = 1 AND c = now() IF ts < toTimestamp(now())',
    'DELETE FROM events WHERE k = 1 AND c = now() IF d = toDate(now())',
    'SELECT toTimestamp(now()), toDate(toTimestamp(c)), toUnixTimestamp(toDate(c)) FROM events',
    'BEGIN BATCH INSERT INTO events (k, c, ts) VALUES (1, now(), toTimestamp(now())); UPDATE events SET d = toDate(now()) WHERE k = 1 AND c = now(); APPLY BATCH',
    'UPDATE counts SET n = n + blobAsCounter(counterAsBlob(1)) WHERE k = 1',
    'INSERT INTO events (k, c, ts) VALUES (1, now(), CAST(now() AS timestamp))',
  ])('%s', (cql) => {
    expect(() => prepare(cql)).not.toThrow();
  });
});

describe('bind markers as function arguments', () => {
  it('take the parameter type and are named arg<i>(system.<function>)', () => {
    expect(markers('INSERT INTO events (k, c, ts) VALUES (?, ?, dateOf(?))')).toEqual(['k int', 'c timeuuid', 'arg0(system.dateof) timeuuid']);
    expect(markers('SELECT * FROM events WHERE k = ? AND c > maxTimeuuid(?) AND c < minTimeuuid(:upto)'))
      .toEqual(['k int', 'arg0(system.maxtimeuuid) timestamp', 'upto timestamp']);
    expect(markers('UPDATE t SET b = textAsBlob(?) WHERE k = 1 AND c = now() IF txt = blobAsText(?)'))
      .toEqual(['arg0(system.textasblob) text', 'arg0(system.blobastext) blob']);
    expect(markers('SELECT * FROM events WHERE token(k) > token(?)')).toEqual(['arg0(system.token) int']);
    expect(markers('INSERT INTO events (k, c, ts) VALUES (1, now(), fromJson(?))')).toEqual(['arg0(system.fromjson) text']);
  });

  it('go through type hints to the parameter they stand for', () => {
    expect(markers('INSERT INTO events (k, c, ts) VALUES (1, now(), toTimestamp((timeuuid)?))')).toEqual(['arg0(system.totimestamp) timeuuid']);
    expect(markers('INSERT INTO events (k, c, d) VALUES (1, now(), toDate((timestamp)?))')).toEqual(['arg0(system.todate) timestamp']);
  });

  it('route by the partition key only when bound to the column itself, type hints included', () => {
    expect(prepare('SELECT * FROM events WHERE k = (int)?').partitionKeyBindIndexes).toEqual([0]);
    expect(prepare('INSERT INTO events (k, c) VALUES ((int)?, now())').partitionKeyBindIndexes).toEqual([0]);
    expect(prepare('SELECT * FROM events WHERE k = blobAsInt(?)').partitionKeyBindIndexes).toBeNull();
  });

  it('in the selection clause are named [selection]', () => {
    expect(markers('SELECT toDate((timestamp)?), textAsBlob(?) FROM events')).toEqual(['[selection] timestamp', '[selection] text']);
  });

  it('are ambiguous where several overloads would take them, as in Cassandra', () => {
    expect(refusal('INSERT INTO events (k, c, ts) VALUES (1, now(), toTimestamp(?))')).toBe(
      'Ambiguous call to function totimestamp (can be matched by following signatures: system.totimestamp : (timeuuid) -> timestamp, '
      + 'system.totimestamp : (date) -> timestamp): use type casts to disambiguate',
    );
    expect(refusal('SELECT toUnixTimestamp(?) FROM events')).toMatch(/^Ambiguous call to function tounixtimestamp \(can be matched by following signatures: system.tounixtimestamp : \(timeuuid\) -> bigint, /);
  });
});

describe('refusals with Cassandra messages', () => {
  it.each([
    ['INSERT INTO events (k, c, d) VALUES (1, now(), dateOf(now()))',
      'Type error: cannot assign result of function system.dateof (type timestamp) to d (type date)'],
    // No overload's result fits the receiver: none is considered.
    ['INSERT INTO events (k, c, ts) VALUES (1, now(), toDate(now()))',
      'Invalid call to function todate, none of its type signatures match (known type signatures: system.todate : (timeuuid) -> date, system.todate : (timestamp) -> date)'],
    ['INSERT INTO t (k, c, a) VALUES (1, now(), blobAsText(0x61))',
      'Type error: cannot assign result of function system.blobastext (type text) to a (type ascii)'],
    ['INSERT INTO events (k, c, ts) VALUES (1, now(), toTimestamp(1, 2))',
      'Invalid call to function totimestamp, none of its type signatures match (known type signatures: system.totimestamp : (timeuuid) -> timestamp, system.totimestamp : (date) -> timestamp)'],
    ["INSERT INTO events (k, c, ts) VALUES (1, now(), minTimeuuid(true))",
      'Type error: true cannot be passed as argument 0 of function system.mintimeuuid of type timestamp'],
    ['INSERT INTO events (k, c, ts) VALUES (1, now(), frobnicate(1))', 'Unknown function frobnicate called'],
    ['SELECT frobnicate(k) FROM events', "Unknown function 'frobnicate'"],
    ['SELECT * FROM events WHERE k = max(1)', 'Aggregation function are not supported in the where clause'],
    ['INSERT INTO events (k, c, ts) VALUES (1, now(), (int)?)', 'Cannot assign value (int)? to ts of type timestamp'],
    ["INSERT INTO events (k, c, ts) VALUES (1, now(), (timestamp)true)", 'Cannot cast value true to type timestamp'],
    ['INSERT INTO events (k, c, ts) VALUES (1, now(), toJson(1))', 'toJson() may only be used within the selection clause of SELECT statements'],
    ['SELECT fromJson(k) FROM events', 'fromJson() cannot be used in the selection clause of a SELECT statement'],
    ['SELECT CAST(k AS boolean) FROM events', 'k cannot be cast to boolean'],
  ])('%s', (cql, message) => {
    expect(refusal(cql)).toBe(message);
  });

  it('lists every signature of an aggregate no overload of which fits', () => {
    expect(refusal('SELECT sum(txt) FROM t')).toMatch(/^Invalid call to function sum, none of its type signatures match \(known type signatures: system.sum : \(tinyint\) -> tinyint, /);
  });

  it('aggregates collections through the blob overloads, which read any value (4.1 has no collection overloads)', () => {
    expect(prepare('SELECT count(m), max(l) FROM t').resultColumns.map((c) => `${c.name} ${formatCqlType(c.type)}`))
      .toEqual(['system.count(m) bigint', 'system.max(l) blob']);
  });
});

describe('function calls in the selection clause', () => {
  it('name columns by function and cast, keeping a cast to the same type out of the name (CastFctsTest)', () => {
    const result = prepare('SELECT CAST(k AS int), CAST(k AS text), toTimestamp(c), token(k), count(*), count(1), system.now() FROM events');
    expect(result.resultColumns.map((c) => `${c.name} ${formatCqlType(c.type)}`)).toEqual([
      'k int', 'cast(k as text) text', 'system.totimestamp(c) timestamp', 'system.token(k) bigint', 'count bigint',
      'count bigint', 'system.now() timeuuid',
    ]);
  });

  it('type literal arguments by the parameter and columns by themselves', () => {
    const result = prepare("SELECT textAsBlob(a), intAsBlob(42), blobAsText(textAsBlob('x')) FROM t");
    expect(result.resultColumns.map((c) => formatCqlType(c.type))).toEqual(['blob', 'blob', 'text']);
    expect(refusal('SELECT asciiAsBlob(txt) FROM t')).toBe('Type error: txt cannot be passed as argument 0 of function system.asciiasblob of type ascii');
  });
});
