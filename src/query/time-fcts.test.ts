/**
 * The time functions as Cassandra 4.1's TimeFctsTest checks them, here through CQL: minTimeuuid and
 * maxTimeuuid of a timestamp (and of what a timestamp parameter accepts: integer literals and bigint
 * values), dateOf / unixTimestampOf, toDate / toTimestamp / toUnixTimestamp of every temporal type,
 * empty values giving null, the current-time functions and the names results carry.
 */
import { describe, expect, it } from 'vitest';
import { maxTimeUuid, minTimeUuid, timeUuidTimestampMs, uuidFromString } from '../types/index.js';
import { row, useCqlTester } from './testing/cql-tester.js';

const tester = useCqlTester();
const { execute, rows, createTable, assertInvalidMessage } = tester;

const DATE_TIME_MS = Date.UTC(2019, 7, 3, 11, 3, 2);
const DATE_MS = Date.UTC(2019, 7, 3);
const DAY = DATE_MS / 86_400_000;
const uuid = (b: Buffer): string => `${b.toString('hex', 0, 4)}-${b.toString('hex', 4, 6)}-${b.toString('hex', 6, 8)}-${b.toString('hex', 8, 10)}-${b.toString('hex', 10)}`;

describe('TimeFctsTest', () => {
  it('makes the smallest and greatest timeuuid of a timestamp (testMinTimeUuid, testMaxTimeUuid)', async () => {
    await createTable('(k int PRIMARY KEY, ts timestamp, big bigint)');
    await execute("INSERT INTO %s (k, ts, big) VALUES (0, '2019-08-03 11:03:02+00', ?)", BigInt(DATE_TIME_MS));
    const result = await execute('SELECT minTimeuuid(ts), maxTimeuuid(ts) FROM %s');
    expect(result.columns).toEqual(['system.mintimeuuid(ts)', 'system.maxtimeuuid(ts)']);
    expect(result.rows).toEqual([row(uuid(minTimeUuid(DATE_TIME_MS)), uuid(maxTimeUuid(DATE_TIME_MS)))]);
    // A timestamp parameter takes a bigint value (TimestampType reads LongType's bytes) and an integer literal.
    expect(await rows('SELECT minTimeuuid(big), maxTimeuuid(big) FROM %s'))
      .toEqual([row(uuid(minTimeUuid(DATE_TIME_MS)), uuid(maxTimeUuid(DATE_TIME_MS)))]);
    expect(await rows(`SELECT minTimeuuid(${DATE_TIME_MS}), maxTimeuuid('2019-08-03 11:03:02+00') FROM %s`))
      .toEqual([row(uuid(minTimeUuid(DATE_TIME_MS)), uuid(maxTimeUuid(DATE_TIME_MS)))]);
    await assertInvalidMessage('Type error: k cannot be passed as argument 0 of function system.mintimeuuid of type timestamp',
      'SELECT minTimeuuid(k) FROM %s');
  });

  it('reads the time of a timeuuid (testDateOf, testUnixTimestampOfFct, testTimeUuidToTimestamp, testTimeUuidToUnixTimestamp, testTimeUuidToDate)', async () => {
    await createTable('(k int PRIMARY KEY, t timeuuid)');
    await execute('INSERT INTO %s (k, t) VALUES (0, ?)', minTimeUuid(DATE_TIME_MS));
    const result = await execute('SELECT dateOf(t), unixTimestampOf(t), toTimestamp(t), toUnixTimestamp(t), toDate(t) FROM %s');
    expect(result.columns).toEqual([
      'system.dateof(t)', 'system.unixtimestampof(t)', 'system.totimestamp(t)', 'system.tounixtimestamp(t)', 'system.todate(t)',
    ]);
    const ms = BigInt(DATE_TIME_MS);
    expect(result.rows).toEqual([row(ms, ms, ms, ms, DAY)]);
  });

  it('converts dates and timestamps (testDateToTimestamp, testDateToUnixTimestamp, testTimestampToDate, testTimestampToUnixTimestamp)', async () => {
    await createTable('(k int PRIMARY KEY, d date, ts timestamp, big bigint)');
    await execute("INSERT INTO %s (k, d, ts, big) VALUES (0, '2019-08-03', '2019-08-03 11:03:02+00', ?)", BigInt(DATE_MS));
    expect(await rows('SELECT toTimestamp(d), toUnixTimestamp(d), toDate(ts), toUnixTimestamp(ts) FROM %s'))
      .toEqual([row(BigInt(DATE_MS), BigInt(DATE_MS), DAY, BigInt(DATE_TIME_MS))]);
    // A bigint is read as a timestamp (testBigIntegerToDate).
    expect(await rows('SELECT toDate(big), toUnixTimestamp(big) FROM %s')).toEqual([row(DAY, BigInt(DATE_MS))]);
    await assertInvalidMessage('Ambiguous call to function totimestamp', 'SELECT toTimestamp(?) FROM %s', BigInt(DATE_MS));
  });

  it('gives null for empty and null values (testTimestampToDateWithEmptyInput, testTimestampToUnixTimestampWithEmptyInput)', async () => {
    await createTable('(k int PRIMARY KEY, ts timestamp, t timeuuid)');
    await execute('INSERT INTO %s (k, ts) VALUES (0, blobAsTimestamp(0x))');
    expect(await rows('SELECT toDate(ts), toUnixTimestamp(ts), toTimestamp(t), minTimeuuid(ts), dateOf(t) FROM %s'))
      .toEqual([row(null, null, null, null, null)]);
  });

  it('reads the clock once per statement for now() and the current* functions', async () => {
    await createTable('(k int PRIMARY KEY, t timeuuid, ts timestamp, d date, tm time)');
    await execute('INSERT INTO %s (k, t, ts, d, tm) VALUES (0, now(), currentTimestamp(), currentDate(), currentTime())');
    const [[t, ts, d, tm]] = (await rows('SELECT t, ts, d, tm FROM %s')) as [[string, bigint, number, bigint]];
    expect(BigInt(timeUuidTimestampMs(uuidFromString(t)))).toBe(ts);
    expect(d).toBe(Math.floor(Number(ts) / 86_400_000));
    expect(tm / 1_000_000n).toBe(ts % 86_400_000n);
    const current = await execute('SELECT currentTimeUUID(), currentTimestamp(), currentDate(), currentTime(), now() FROM %s');
    expect(current.columns).toEqual([
      'system.currenttimeuuid()', 'system.currenttimestamp()', 'system.currentdate()', 'system.currenttime()', 'system.now()',
    ]);
    const [[uuidValue, , , , nowValue]] = current.rows as [[string, bigint, number, bigint, string]];
    expect(uuidValue).not.toBe(nowValue);
    expect(await rows('SELECT k FROM %s WHERE k = 0 AND t < now() ALLOW FILTERING')).toEqual([row(0)]);
  });

  it('refuses wrong arguments with Cassandra\'s messages', async () => {
    await createTable('(k int PRIMARY KEY, v text)');
    await assertInvalidMessage('Invalid number of arguments in call to function system.now: 0 required but 1 provided', 'SELECT now(k) FROM %s');
    await assertInvalidMessage(
      'Invalid call to function todate, none of its type signatures match (known type signatures: system.todate : (timeuuid) -> date, '
      + 'system.todate : (timestamp) -> date)', 'SELECT toDate(v) FROM %s');
    await assertInvalidMessage('Type error: v cannot be passed as argument 0 of function system.dateof of type timeuuid', 'SELECT dateOf(v) FROM %s');
  });
});
