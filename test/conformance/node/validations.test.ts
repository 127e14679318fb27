/**
 * Cassandra 4.1's validations as the Node driver meets them: keys and indexed values over 64 KiB,
 * CONTAINS on key columns, SELECT DISTINCT with static columns, counters in batches, null and unset
 * values in USING TTL/TIMESTAMP and in literals, filtering on durations, multi-column slices on
 * clustering columns of mixed order, several operations on one list, schema names and options
 * (ConfigurationException 0x2300 where Cassandra throws it) and ALTER TABLE, each refusal with
 * Cassandra's code and message, and the near cases Cassandra accepts.
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
  await client.execute('CREATE TABLE durations (k int PRIMARY KEY, d duration, l frozen<list<duration>>, t frozen<tuple<int, duration>>)');
  await client.execute('CREATE TABLE mixed (a int, b int, c int, PRIMARY KEY (a, b, c)) WITH CLUSTERING ORDER BY (b DESC, c ASC)');
  await client.execute('CREATE TABLE lists (k int PRIMARY KEY, l list<int>)');
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

describe('filtering on durations', () => {
  it('filters by equality and refuses slices, naming what holds the duration', async () => {
    await target.client.execute('INSERT INTO durations (k, d, l, t) VALUES (1, 1s, [1s, 2s], (1, 1s))');
    expect((await target.client.execute('SELECT k FROM durations WHERE d = 1s ALLOW FILTERING')).rows.map((r) => r['k'])).toEqual([1]);
    expect((await target.client.execute('SELECT k FROM durations WHERE l CONTAINS 2s ALLOW FILTERING')).rows.map((r) => r['k'])).toEqual([1]);
    await expectServerError(target.client.execute('SELECT * FROM durations WHERE d > 1s ALLOW FILTERING'), ErrorCodes.invalid, 'Slice restrictions are not supported on duration columns');
    await expectServerError(target.client.execute('SELECT * FROM durations WHERE l < [1s] ALLOW FILTERING'), ErrorCodes.invalid,
      'Slice restrictions are not supported on collections containing durations');
    await expectServerError(target.client.execute('SELECT * FROM durations WHERE t >= (1, 1s) ALLOW FILTERING'), ErrorCodes.invalid,
      'Slice restrictions are not supported on tuples containing durations');
  });
});

describe('multi-column slices on clustering columns of mixed order', () => {
  it('selects the rows in clustering order, reversed and paged', async () => {
    for (const [b, c] of [[2, 3], [2, 4], [4, 4], [3, 4], [4, 5], [4, 6]]) await target.client.execute('INSERT INTO mixed (a, b, c) VALUES (0, ?, ?)', [b, c], prepared);
    const query = 'SELECT b, c FROM mixed WHERE a = 0 AND (b, c) >= (?, ?) AND (b, c) < (?, ?)';
    const pairs = (rows: cassandra.types.Row[]) => rows.map((r) => [r['b'], r['c']]);
    const expected = [[4, 4], [3, 4], [2, 3], [2, 4]];
    expect(pairs((await target.client.execute(query, [2, 3, 4, 5], prepared)).rows)).toEqual(expected);
    expect(pairs((await target.client.execute(`${query} ORDER BY b ASC, c DESC`, [2, 3, 4, 5], prepared)).rows)).toEqual([...expected].reverse());
    const paged: cassandra.types.Row[] = [];
    let pageState: string | undefined;
    do {
      const page = await target.client.execute(query, [2, 3, 4, 5], { prepare: true, fetchSize: 1, pageState });
      paged.push(...page.rows);
      pageState = page.pageState ?? undefined;
    } while (pageState !== undefined);
    expect(pairs(paged)).toEqual(expected);
  });
});

describe('several operations on one list in one UPDATE', () => {
  it('applies them in order, each seeing the ones before, and refuses setting the list whole beside another', async () => {
    await target.client.execute('INSERT INTO lists (k, l) VALUES (1, [1, 2, 3, 4])');
    await target.client.execute('DELETE l[2], l[2] FROM lists WHERE k = 1');
    await target.client.execute('UPDATE lists SET l = l + [3, 4], l[3] = 7 WHERE k = 1');
    expect((await target.client.execute('SELECT l FROM lists WHERE k = 1')).rows[0]?.['l']).toEqual([1, 2, 3, 7]);
    await expectServerError(target.client.execute('UPDATE lists SET l[?] = ?, l = l + ? WHERE k = 1', [4, 5, [9]], prepared), ErrorCodes.invalid,
      'List index 4 out of bound, list has size 4');
    await expectServerError(target.client.execute('UPDATE lists SET l = [1], l = l + [2] WHERE k = 1'), ErrorCodes.syntaxError, 'Multiple incompatible setting of column l');
  });
});

describe('schema names and options', () => {
  it('refuses bad names and replication, with ConfigurationException where Cassandra throws it', async () => {
    const replication = "{'class': 'SimpleStrategy', 'replication_factor': 1}";
    await expectServerError(target.client.execute(`CREATE KEYSPACE "bad-name" WITH replication = ${replication}`), ErrorCodes.invalid,
      "Keyspace name must not be empty, more than 48 characters long, or contain non-alphanumeric-underscore characters (got 'bad-name')");
    await expectServerError(target.client.execute(`CREATE TABLE ${'t'.repeat(49)} (k int PRIMARY KEY)`), ErrorCodes.configError, 'Table name must not be empty, more than 48 characters long');
    await expectServerError(target.client.execute("CREATE KEYSPACE vks1 WITH replication = {'class': 'FooStrategy'}"), ErrorCodes.configError,
      "Unable to find replication strategy class 'org.apache.cassandra.locator.FooStrategy'");
    await expectServerError(target.client.execute("CREATE KEYSPACE vks1 WITH replication = {'class': 'NetworkTopologyStrategy', 'dc9': 1}"), ErrorCodes.configError,
      'Unrecognized strategy option {dc9} passed to NetworkTopologyStrategy for keyspace vks1');
    await expectServerError(target.client.execute("CREATE KEYSPACE vks1 WITH replication = {'class': 'LocalStrategy'}"), ErrorCodes.invalid,
      'Unable to use given strategy class: LocalStrategy is reserved for internal use.');
  });

  it('refuses bad compaction and compression options with ConfigurationException', async () => {
    await expectServerError(target.client.execute("CREATE TABLE opts1 (k int PRIMARY KEY) WITH compaction = {'class': 'SizeTieredCompactionStrategy', 'min_threshold': 1}"),
      ErrorCodes.configError, 'Min compaction threshold cannot be less than 2 (got 1)');
    await expectServerError(target.client.execute("CREATE TABLE opts1 (k int PRIMARY KEY) WITH compaction = {'class': 'TimeWindowCompactionStrategy', 'compaction_window_unit': 'WEEKS'}"),
      ErrorCodes.configError, 'WEEKS is not valid for compaction_window_unit');
    await expectServerError(target.client.execute("CREATE TABLE opts1 (k int PRIMARY KEY) WITH compression = {'class': ''}"),
      ErrorCodes.configError, "The 'class' option must not be empty. To disable compression use 'enabled' : false");
  });
});

describe('ALTER TABLE', () => {
  it('refuses what 4.1 refuses, and does not bring back the data of a dropped column', async () => {
    await target.client.execute('CREATE TABLE altered (k int, c int, v text, PRIMARY KEY (k, c))');
    await target.client.execute("INSERT INTO altered (k, c, v) VALUES (1, 1, 'old')");
    await expectServerError(target.client.execute('ALTER TABLE altered DROP COMPACT STORAGE'), ErrorCodes.invalid, 'DROP COMPACT STORAGE is disabled. Enable in cassandra.yaml to use.');
    await expectServerError(target.client.execute('ALTER TABLE altered ALTER v TYPE blob'), ErrorCodes.invalid, 'Altering column types is no longer supported');
    await expectServerError(target.client.execute('ALTER TABLE altered DROP c'), ErrorCodes.invalid, 'Cannot drop PRIMARY KEY column c');
    await expectServerError(target.client.execute('ALTER TABLE altered RENAME v TO w'), ErrorCodes.invalid, 'Cannot rename non PRIMARY KEY column v');
    await target.client.execute('ALTER TABLE altered DROP v');
    await expectServerError(target.client.execute('ALTER TABLE altered ADD v int'), ErrorCodes.invalid,
      "Cannot re-add previously dropped column 'v' of type int, incompatible with previous type text");
    await target.client.execute('ALTER TABLE altered ADD v blob');
    expect((await target.client.execute('SELECT v FROM altered WHERE k = 1')).rows.map((r) => r['v'])).toEqual([null]);
  });
});
