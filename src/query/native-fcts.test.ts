/**
 * The other native functions of Cassandra 4.1 through CQL: `+` between text and ascii values
 * (OperationFcts' string concatenations), uuid(), typeAsBlob / blobAsType for every native type, and
 * writetime() / ttl() with their refusals.
 */
import { describe, expect, it } from 'vitest';
import { FunctionFailureError } from '../errors/index.js';
import { row, useCqlTester } from './testing/cql-tester.js';

const tester = useCqlTester();
const { execute, rows, createTable, assertInvalidMessage } = tester;

describe('string concatenation', () => {
  it('concatenates text and ascii values, typed as OperationFcts types them', async () => {
    await createTable('(k text PRIMARY KEY, t text, a ascii, b ascii)');
    await execute("INSERT INTO %s (k, t, a, b) VALUES ('k', 'été', 'x', 'y')");
    const result = await execute("SELECT t + t, a + b, a + t, t + a, t + ' !', 'é' + a, k + 'ey' FROM %s");
    expect(result.columns).toEqual(['t + t', 'a + b', 'a + t', 't + a', "t + ' !'", "'é' + a", "k + 'ey'"]);
    expect(result.rows).toEqual([row('étéété', 'xy', 'xété', 'étéx', 'été !', 'éx', 'key')]);
    // An empty operand makes the concatenation null (OperationFunction.execute), so no key.
    await assertInvalidMessage('Invalid null value for column k', "SELECT k FROM %s WHERE k = 'k' + ''");
    expect(await rows("SELECT k FROM %s WHERE k = 'k' + 'ey'")).toEqual([]);
    await execute("INSERT INTO %s (k, t) VALUES ('a' + 'b', 'c' + 'd')");
    expect(await rows("SELECT t FROM %s WHERE k = 'a' + 'b'")).toEqual([row('cd')]);
    await execute("UPDATE %s SET a = 'z' + ? WHERE k = ?", 'y', 'k');
    expect(await rows("SELECT a FROM %s WHERE k = 'k'")).toEqual([row('zy')]);
    await assertInvalidMessage('Only expressions of the form X = <value> + X are supported.', "UPDATE %s SET a = 'z' + b WHERE k = 'k'");
  });

  it('gives null when an operand is null or empty, as 4.1 does', async () => {
    await createTable('(k int PRIMARY KEY, t text, u text)');
    await execute("INSERT INTO %s (k, t, u) VALUES (0, '', 'a')");
    await execute("INSERT INTO %s (k, u) VALUES (1, 'a')");
    expect(await rows('SELECT t + u, u + t FROM %s WHERE k IN (0, 1)')).toEqual([row(null, null), row(null, null)]);
  });

  it('refuses + between a string and a number, and - between strings', async () => {
    await createTable('(k int PRIMARY KEY, t text, a ascii)');
    await assertInvalidMessage("the '+' operation is not supported between t and k", 'SELECT t + k FROM %s');
    await assertInvalidMessage("the '-' operation is not supported between t and a", 'SELECT t - a FROM %s');
    await assertInvalidMessage("the '+' operation is not supported between t and 1", 'SELECT t + 1 FROM %s');
  });
});

describe('uuid() and the blob conversions', () => {
  it('makes a random version 4 uuid per call', async () => {
    await createTable('(k uuid PRIMARY KEY, v int)');
    await execute('INSERT INTO %s (k, v) VALUES (uuid(), 1)');
    await execute('INSERT INTO %s (k, v) VALUES (uuid(), 2)');
    const keys = (await rows('SELECT k FROM %s')).map((r) => r[0] as string);
    expect(new Set(keys).size).toBe(2);
    for (const key of keys) expect(key[14]).toBe('4');
    const result = await execute('SELECT uuid() FROM %s LIMIT 1');
    expect(result.columns).toEqual(['system.uuid()']);
  });

  it('converts every native type to a blob and back', async () => {
    await createTable('(k int PRIMARY KEY, i int, t text, b blob)');
    await execute("INSERT INTO %s (k, i, t, b) VALUES (0, blobAsInt(0x0000002a), blobAsVarchar(textAsBlob('héllo')), intAsBlob(7))");
    const result = await execute('SELECT intAsBlob(i), varcharAsBlob(t), blobAsInt(b), bigintAsBlob(123), blobAsText(b) FROM %s');
    expect(result.columns).toEqual(['system.intasblob(i)', 'system.varcharasblob(t)', 'system.blobasint(b)', 'system.bigintasblob(123)', 'system.blobastext(b)']);
    expect(result.rows).toEqual([row(
      Buffer.from('0000002a', 'hex'), Buffer.from('héllo'), 7, Buffer.from('000000000000007b', 'hex'), '\u0000\u0000\u0000\u0007',
    )]);
    const types = ['ascii', 'bigint', 'boolean', 'date', 'decimal', 'double', 'duration', 'float', 'inet', 'int', 'smallint', 'text',
      'time', 'timestamp', 'timeuuid', 'tinyint', 'uuid', 'varchar', 'varint'];
    for (const type of types) {
      const names = await execute(`SELECT ${type}AsBlob(null), blobAs${type}(null) FROM %s`);
      expect(names.rows).toEqual([row(null, null)]);
    }
    await assertInvalidMessage('Unknown function \'blobasblob\'', 'SELECT blobAsBlob(b) FROM %s');
  });

  it('fails a blob that is no value of the type, naming it as Cassandra does', async () => {
    await createTable('(k int PRIMARY KEY, b blob)');
    await execute('INSERT INTO %s (k, b) VALUES (0, 0x0102)');
    const e = await tester.cql.error('SELECT blobAsInt(b) FROM %s');
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message).toBe('In call to function system.blobasint, value 0x0102 is not a valid binary representation for type int');
    expect(e).not.toBeInstanceOf(FunctionFailureError);
  });
});

describe('writetime() and ttl()', () => {
  it('reads the timestamp and remaining time of a cell, null without TTL', async () => {
    await createTable('(k int PRIMARY KEY, v int, f frozen<list<int>>)');
    await execute('INSERT INTO %s (k, v, f) VALUES (0, 1, [1]) USING TIMESTAMP 1234 AND TTL 100');
    await execute('INSERT INTO %s (k, v) VALUES (1, 1) USING TIMESTAMP 99');
    const result = await execute('SELECT writetime(v), ttl(v), WRITETIME(f), TTL(f) FROM %s WHERE k = 0');
    expect(result.columns).toEqual(['writetime(v)', 'ttl(v)', 'writetime(f)', 'ttl(f)']);
    expect(result.rows).toEqual([row(1234n, 100, 1234n, 100)]);
    expect(await rows('SELECT writetime(v), ttl(v) FROM %s WHERE k = 1')).toEqual([row(99n, null)]);
  });

  it('refuses primary key columns and non-frozen collections and UDTs (4.1)', async () => {
    await execute('CREATE TYPE IF NOT EXISTS wt_udt (a int)');
    await createTable('(k int, c int, l list<int>, u wt_udt, PRIMARY KEY (k, c))');
    await assertInvalidMessage('Cannot use selection function writeTime on PRIMARY KEY part k', 'SELECT writetime(k) FROM %s');
    await assertInvalidMessage('Cannot use selection function ttl on PRIMARY KEY part c', 'SELECT ttl(c) FROM %s');
    await assertInvalidMessage('Cannot use selection function writeTime on non-frozen collection l', 'SELECT writetime(l) FROM %s');
    await assertInvalidMessage('Cannot use selection function ttl on non-frozen UDT u', 'SELECT ttl(u) FROM %s');
  });
});
