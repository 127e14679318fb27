/**
 * Cassandra 4.1's validations as the Node driver meets them: keys and indexed values over 64 KiB,
 * CONTAINS on key columns, SELECT DISTINCT with static columns, counters in batches, null and unset
 * values in USING TTL/TIMESTAMP and in literals, each refusal an Invalid (0x2200) error with Cassandra's
 * message, and the near cases Cassandra accepts.
 */
import cassandra from 'cassandra-driver';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError } from '../support/node-values.js';

const target = useNodeTarget('validations');
const prepared = { prepare: true };
const TOO_BIG = 65535 + 1024;

beforeAll(async () => {
  const client = target.client;
  await client.execute('CREATE TABLE keyed (a text, b text, c blob, PRIMARY KEY (a, b))');
  await client.execute('CREATE TABLE indexed (k int PRIMARY KEY, v blob)');
  await client.execute('CREATE INDEX indexed_v ON indexed (v)');
  await client.execute('CREATE TABLE frozen_keys (a int, b frozen<list<int>>, c int, PRIMARY KEY (a, b))');
  await client.execute('CREATE TABLE statics (a int, b int, c int, s int static, PRIMARY KEY (a, b))');
  await client.execute('CREATE TABLE counts (k int PRIMARY KEY, c counter)');
  await client.execute('CREATE TABLE plain (k int PRIMARY KEY, v int, l list<int>, m map<int, int>, t tuple<int, text>)');
  await client.execute('CREATE TABLE expiring (k int PRIMARY KEY, v int) WITH default_time_to_live = 1000');
});

describe('keys and indexed values over 64 KiB', () => {
  it('refuses a partition key over 65535 bytes in writes and reads', async () => {
    const big = 'x'.repeat(TOO_BIG);
    const message = `Key length of ${TOO_BIG} is longer than maximum of 65535`;
    await expectServerError(target.client.execute("INSERT INTO keyed (a, b) VALUES (?, 'b')", [big], prepared), ErrorCodes.invalid, message);
    await expectServerError(target.client.execute('SELECT * FROM keyed WHERE a = ?', [big], prepared), ErrorCodes.invalid, message);
  });

  it('refuses a clustering value over 65535 bytes in writes, and finds nothing for it in reads', async () => {
    const big = 'x'.repeat(TOO_BIG);
    await expectServerError(
      target.client.execute("UPDATE keyed SET c = 0x00 WHERE a = 'a' AND b = ?", [big], prepared),
      ErrorCodes.invalid, `Key length of ${TOO_BIG} is longer than maximum of 65535`,
    );
    expect((await target.client.execute("SELECT * FROM keyed WHERE a = 'a' AND b = ?", [big], prepared)).rows).toEqual([]);
  });

  it('refuses a value an index would store, or look up, of 64 KiB and more', async () => {
    const big = Buffer.alloc(TOO_BIG);
    await expectServerError(
      target.client.execute('INSERT INTO indexed (k, v) VALUES (1, ?)', [big], prepared),
      ErrorCodes.invalid, `Cannot index value of size ${TOO_BIG} for index indexed_v on ${target.keyspace}.indexed(v) (maximum allowed size=65535)`,
    );
    await expectServerError(
      target.client.execute('SELECT * FROM indexed WHERE v = ?', [big], prepared),
      ErrorCodes.invalid, 'Index expression values may not be larger than 64K',
    );
  });
});

describe('CONTAINS on key columns', () => {
  it('names the column that is no collection', async () => {
    await expectServerError(target.client.execute('SELECT * FROM keyed WHERE a CONTAINS 1 ALLOW FILTERING'), ErrorCodes.invalid, 'Cannot use CONTAINS on non-collection column a');
    await expectServerError(target.client.execute('SELECT * FROM keyed WHERE b CONTAINS KEY 1 ALLOW FILTERING'), ErrorCodes.invalid, 'Cannot use CONTAINS KEY on non-map column b');
  });

  it('filters a frozen clustering collection with ALLOW FILTERING only', async () => {
    await target.client.execute('INSERT INTO frozen_keys (a, b, c) VALUES (1, [1, 2], 3)');
    await expectServerError(target.client.execute('SELECT * FROM frozen_keys WHERE b CONTAINS 2'), ErrorCodes.invalid,
      'Clustering columns can only be restricted with CONTAINS with a secondary index or filtering');
    expect((await target.client.execute('SELECT c FROM frozen_keys WHERE b CONTAINS 2 ALLOW FILTERING')).rows.map((r) => r['c'])).toEqual([3]);
  });
});

describe('SELECT DISTINCT with static columns', () => {
  it('selects partition keys and statics, and refuses the rest', async () => {
    await target.client.execute('INSERT INTO statics (a, b, c, s) VALUES (1, 1, 1, 10)');
    expect((await target.client.execute('SELECT DISTINCT a, s FROM statics')).rows.map((r) => [r['a'], r['s']])).toEqual([[1, 10]]);
    expect((await target.client.execute('SELECT DISTINCT s FROM statics WHERE a = 1')).rows.map((r) => r['s'])).toEqual([10]);
    await expectServerError(target.client.execute('SELECT DISTINCT s FROM statics'), ErrorCodes.invalid, 'SELECT DISTINCT queries must request all the partition key columns (missing a)');
    await expectServerError(target.client.execute('SELECT DISTINCT a, c FROM statics'), ErrorCodes.invalid,
      'SELECT DISTINCT queries must only request partition key columns and/or static columns (not c)');
    await expectServerError(target.client.execute('SELECT DISTINCT a FROM statics WHERE a = 1 AND b = 1'), ErrorCodes.invalid,
      'SELECT DISTINCT with WHERE clause only supports restriction by partition key and/or static columns.');
  });
});

describe('counters in batches', () => {
  const increment = { query: 'UPDATE counts SET c = c + ? WHERE k = ?', params: [cassandra.types.Long.fromInt(1), 1] };
  const insert = { query: 'INSERT INTO plain (k, v) VALUES (?, ?)', params: [1, 1] };

  it('applies counter updates in COUNTER and UNLOGGED batches', async () => {
    await target.client.batch([increment], { prepare: true, counter: true });
    await target.client.batch([increment], { prepare: true, logged: false });
    const rows = (await target.client.execute('SELECT c FROM counts WHERE k = 1')).rows;
    expect(String(rows[0]?.['c'])).toBe('2');
  });

  it('refuses counters in a LOGGED batch and mixed batches, each with its message', async () => {
    await expectServerError(target.client.batch([increment], { prepare: true, logged: true }), ErrorCodes.invalid, 'Cannot include a counter statement in a logged batch');
    await expectServerError(target.client.batch([increment, insert], { prepare: true, counter: true }), ErrorCodes.invalid, 'Cannot include non-counter statement in a counter batch');
    await expectServerError(target.client.batch([increment, insert], { prepare: true, logged: false }), ErrorCodes.invalid, 'Counter and non-counter mutations cannot exist in the same batch');
  });
});

describe('null and unset values', () => {
  it('takes a null TTL as none and an unset one as the default; refuses a null timestamp', async () => {
    await target.client.execute('INSERT INTO expiring (k, v) VALUES (1, 1) USING TTL ?', [null], prepared);
    await target.client.execute('INSERT INTO expiring (k, v) VALUES (2, 2) USING TTL ?', [cassandra.types.unset], prepared);
    expect((await target.client.execute('SELECT TTL(v) AS t FROM expiring WHERE k = 1')).rows[0]?.['t']).toBeNull();
    expect((await target.client.execute('SELECT TTL(v) AS t FROM expiring WHERE k = 2')).rows[0]?.['t']).toBe(1000);
    await expectServerError(target.client.execute('INSERT INTO plain (k, v) VALUES (1, 1) USING TIMESTAMP ?', [null], prepared), ErrorCodes.invalid, 'Invalid null value of timestamp');
  });

  it('refuses null collection elements, leaves a column with an unset element as it is, refuses unset map keys and tuple fields', async () => {
    await target.client.execute('INSERT INTO plain (k, l, m) VALUES (2, [1], {1: 1})');
    await expectServerError(target.client.execute('UPDATE plain SET l = [1, ?] WHERE k = 2', [null], prepared), ErrorCodes.invalid, 'null is not supported inside collections');
    await target.client.execute('UPDATE plain SET l = [1, ?] WHERE k = 2', [cassandra.types.unset], prepared);
    expect((await target.client.execute('SELECT l FROM plain WHERE k = 2')).rows[0]?.['l']).toEqual([1]);
    await expectServerError(target.client.execute('UPDATE plain SET m = {?: 1} WHERE k = 2', [cassandra.types.unset], prepared), ErrorCodes.invalid, 'unset value is not supported for map keys');
    await expectServerError(target.client.execute('UPDATE plain SET t = (1, ?) WHERE k = 2', [cassandra.types.unset], prepared), ErrorCodes.invalid, 'Invalid unset value for tuple field number 1');
  });

  it('refuses literal elements of the wrong type, naming them', async () => {
    await expectServerError(target.client.execute("INSERT INTO plain (k, l) VALUES (3, [1, 'x'])"), ErrorCodes.invalid, "Invalid list literal for l: value 'x' is not of type int");
    await expectServerError(target.client.execute("INSERT INTO plain (k, m) VALUES (3, {1: 'x'})"), ErrorCodes.invalid, "Invalid map literal for m: value 'x' is not of type int");
  });
});
