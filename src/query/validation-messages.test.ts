/**
 * Statements Cassandra 4.1 refuses, with its messages, and the near cases it accepts: CONTAINS on key
 * columns (SelectTest, DeleteTest, FilteringTest), SELECT DISTINCT with static columns (SelectTest),
 * counters in batches (BatchTest), null and unset values in USING TTL/TIMESTAMP and in collection, tuple
 * and user type literals, and elements of the wrong type there (CollectionsTest, TupleTypeTest,
 * UserTypesTest, TTLTest).
 */
import { describe, expect, it } from 'vitest';
import { UNSET, useCqlTester, row } from './testing/cql-tester.js';

const FILTERING = 'Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. '
  + 'If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING';
const tester = useCqlTester();
const { execute, rows, createTable, assertInvalidMessage } = tester;
const text = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
const sorted = (out: readonly (readonly unknown[])[]) => [...out].sort((a, b) => text(a).localeCompare(text(b)));

describe('CONTAINS on key columns', () => {
  it('refuses it on columns that are not collections, naming them', async () => {
    await createTable('(partitionKey int, c int, value int, PRIMARY KEY (partitionKey, c))');
    await assertInvalidMessage('Cannot use CONTAINS on non-collection column partitionkey', 'DELETE FROM %s WHERE partitionKey CONTAINS ?', 0);
    await assertInvalidMessage('Cannot use CONTAINS on non-collection column partitionkey', 'SELECT * FROM %s WHERE partitionKey CONTAINS ? ALLOW FILTERING', 0);
    await assertInvalidMessage('Cannot use CONTAINS on non-collection column c', 'SELECT * FROM %s WHERE c CONTAINS ? ALLOW FILTERING', 0);
    await assertInvalidMessage('Cannot use CONTAINS KEY on non-map column c', 'SELECT * FROM %s WHERE c CONTAINS KEY ? ALLOW FILTERING', 0);
  });

  it('filters frozen collections in clustering columns, with ALLOW FILTERING only (containsFilteringForClusteringKeys)', async () => {
    await createTable('(a int, b frozen<list<int>>, c int, PRIMARY KEY (a, b, c))');
    await execute('INSERT INTO %s (a,b,c) VALUES (?, ?, ?)', 11, [1, 3], 14);
    await execute('INSERT INTO %s (a,b,c) VALUES (?, ?, ?)', 21, [2, 3], 24);
    await execute('INSERT INTO %s (a,b,c) VALUES (?, ?, ?)', 21, [3, 3], 34);
    const message = 'Clustering columns can only be restricted with CONTAINS with a secondary index or filtering';
    expect(await rows('SELECT * FROM %s WHERE a = 21 AND b CONTAINS 2 ALLOW FILTERING')).toEqual([row(21, [2, 3], 24)]);
    await assertInvalidMessage(message, 'SELECT * FROM %s WHERE a = 21 AND b CONTAINS 2');
    expect(await rows('SELECT * FROM %s WHERE b CONTAINS 2 ALLOW FILTERING')).toEqual([row(21, [2, 3], 24)]);
    await assertInvalidMessage(message, 'SELECT * FROM %s WHERE b CONTAINS 2');
    expect(sorted(await rows('SELECT * FROM %s WHERE b CONTAINS 3 ALLOW FILTERING'))).toEqual(sorted([row(11, [1, 3], 14), row(21, [2, 3], 24), row(21, [3, 3], 34)]));

    await createTable('(a int, b int, c frozen<map<text, text>>, d int, PRIMARY KEY (a, b, c))');
    await execute('INSERT INTO %s (a,b,c,d) VALUES (?, ?, ?, ?)', 21, 22, new Map([['2', '3']]), 24);
    expect(await rows("SELECT * FROM %s WHERE b > 20 AND c CONTAINS KEY '2' ALLOW FILTERING")).toEqual([row(21, 22, [['2', '3']], 24)]);
    await assertInvalidMessage('Clustering column "c" cannot be restricted (preceding column "b" is restricted by a non-EQ relation)',
      "SELECT * FROM %s WHERE b > 20 AND c CONTAINS KEY '2'");
  });

  for (const schema of ['(pk frozen<map<int, int>>, ck int, v int, PRIMARY KEY (pk, ck))', '(pk frozen<map<int, int>>, ck int, v int, PRIMARY KEY ((pk, ck)))']) {
    it(`filters a frozen map in the partition key ${schema} (testContainsOnPartitionKey)`, async () => {
      await createTable(schema);
      await execute('INSERT INTO %s (pk, ck, v) VALUES (?, ?, ?)', new Map([[1, 2]]), 1, 1);
      await execute('INSERT INTO %s (pk, ck, v) VALUES (?, ?, ?)', new Map([[1, 2]]), 2, 2);
      await execute('INSERT INTO %s (pk, ck, v) VALUES (?, ?, ?)', new Map([[1, 2], [3, 4]]), 1, 3);
      await execute('INSERT INTO %s (pk, ck, v) VALUES (?, ?, ?)', new Map([[5, 6]]), 5, 5);
      await assertInvalidMessage(FILTERING, 'SELECT * FROM %s WHERE pk CONTAINS KEY 1');
      expect(await rows('SELECT v FROM %s WHERE pk CONTAINS KEY 1 ALLOW FILTERING')).toHaveLength(3);
      expect(await rows('SELECT v FROM %s WHERE pk CONTAINS KEY 1 AND pk CONTAINS 4 ALLOW FILTERING')).toEqual([row(3)]);
      expect(await rows('SELECT v FROM %s WHERE pk CONTAINS KEY 1 AND ck = 1 AND v = 3 ALLOW FILTERING')).toEqual([row(3)]);
    });
  }
});

describe('SELECT DISTINCT with static columns', () => {
  it('selects partition keys and static columns; refuses the rest with Cassandra\'s messages', async () => {
    await createTable('(a int, b int, c int, s int static, PRIMARY KEY (a, b))');
    await execute('INSERT INTO %s (a, b, c, s) VALUES (1, 1, 1, 10)');
    await execute('INSERT INTO %s (a, b, c, s) VALUES (1, 2, 2, 10)');
    await execute('INSERT INTO %s (a, b, c, s) VALUES (2, 1, 1, 20)');
    expect(sorted(await rows('SELECT DISTINCT a, s FROM %s'))).toEqual([row(1, 10), row(2, 20)]);
    // Within named partitions the partition key need not be selected (not a key range).
    expect(await rows('SELECT DISTINCT s FROM %s WHERE a = 1')).toEqual([row(10)]);
    expect(await rows('SELECT DISTINCT a, s FROM %s WHERE s = 20 ALLOW FILTERING')).toEqual([row(2, 20)]);
    await assertInvalidMessage('SELECT DISTINCT queries must request all the partition key columns (missing a)', 'SELECT DISTINCT s FROM %s');
    await assertInvalidMessage('SELECT DISTINCT queries must only request partition key columns and/or static columns (not c)', 'SELECT DISTINCT a, c FROM %s');
    await assertInvalidMessage('SELECT DISTINCT queries must only request partition key columns and/or static columns (not b)', 'SELECT DISTINCT a, b FROM %s WHERE a = 1');
    const where = 'SELECT DISTINCT with WHERE clause only supports restriction by partition key and/or static columns.';
    await assertInvalidMessage(where, 'SELECT DISTINCT a, s FROM %s WHERE a = 1 AND b = 1');
    await assertInvalidMessage(where, 'SELECT DISTINCT a, s FROM %s WHERE c = 1 ALLOW FILTERING');
  });
});

describe('counters in batches (BatchStatement.validate)', () => {
  it('accepts counter updates in COUNTER and UNLOGGED batches; refuses LOGGED ones and mixed batches', async () => {
    await createTable('(k int PRIMARY KEY, c counter)');
    const counters = tester.cql.table;
    await createTable('(k int PRIMARY KEY, v int)');
    const regular = tester.cql.table;
    await execute(`BEGIN UNLOGGED BATCH UPDATE ${counters} SET c = c + 1 WHERE k = 1; UPDATE ${counters} SET c = c + 2 WHERE k = 2; APPLY BATCH`);
    await execute(`BEGIN COUNTER BATCH UPDATE ${counters} SET c = c + 1 WHERE k = 1; APPLY BATCH`);
    expect(sorted(await rows(`SELECT k, c FROM ${counters}`))).toEqual([row(1, 2n), row(2, 2n)]);
    await assertInvalidMessage('Cannot include a counter statement in a logged batch', `BEGIN BATCH UPDATE ${counters} SET c = c + 1 WHERE k = 1; APPLY BATCH`);
    await assertInvalidMessage('Cannot include non-counter statement in a counter batch',
      `BEGIN COUNTER BATCH UPDATE ${counters} SET c = c + 1 WHERE k = 1; INSERT INTO ${regular} (k, v) VALUES (1, 1); APPLY BATCH`);
    await assertInvalidMessage('Counter and non-counter mutations cannot exist in the same batch',
      `BEGIN UNLOGGED BATCH UPDATE ${counters} SET c = c + 1 WHERE k = 1; INSERT INTO ${regular} (k, v) VALUES (1, 1); APPLY BATCH`);
    await assertInvalidMessage('Cannot provide custom timestamp for counter BATCH',
      `BEGIN COUNTER BATCH USING TIMESTAMP 5 UPDATE ${counters} SET c = c + 1 WHERE k = 1; APPLY BATCH`);
    expect(sorted(await rows(`SELECT k, c FROM ${counters}`))).toEqual([row(1, 2n), row(2, 2n)]);
  });
});

describe('null and unset in USING TTL and TIMESTAMP (Attributes)', () => {
  it('takes a null TTL as no TTL and an unset one as the table default', async () => {
    await createTable('(k int PRIMARY KEY, v int) WITH default_time_to_live = 1000');
    await execute('INSERT INTO %s (k, v) VALUES (1, 1) USING TTL ?', null);
    await execute('INSERT INTO %s (k, v) VALUES (2, 2) USING TTL ?', UNSET);
    expect(await rows('SELECT TTL(v) FROM %s WHERE k = 1')).toEqual([row(null)]);
    expect(await rows('SELECT TTL(v) FROM %s WHERE k = 2')).toEqual([row(1000)]);
    await assertInvalidMessage('A TTL must be greater or equal to 0, but was -5', 'INSERT INTO %s (k, v) VALUES (3, 3) USING TTL ?', -5);
    await assertInvalidMessage('ttl is too large. requested (630720001) maximum (630720000)', 'INSERT INTO %s (k, v) VALUES (3, 3) USING TTL ?', 630720001);
  });

  it('refuses a null timestamp and writes at the current time with an unset one', async () => {
    await createTable('(k int PRIMARY KEY, v int)');
    await assertInvalidMessage('Invalid null value of timestamp', 'INSERT INTO %s (k, v) VALUES (1, 1) USING TIMESTAMP ?', null);
    await execute('INSERT INTO %s (k, v) VALUES (1, 1) USING TIMESTAMP ?', UNSET);
    const [[writetime]] = await rows('SELECT WRITETIME(v) FROM %s WHERE k = 1') as [[bigint]];
    expect(writetime > 0n).toBe(true);
  });
});

describe('null and unset elements in literals (Lists/Sets/Maps/Tuples/UserTypes.DelayedValue)', () => {
  it('refuses null elements and leaves the column untouched for an unset element of a list, set or map value', async () => {
    await createTable('(k int PRIMARY KEY, l list<int>, s set<int>, m map<int, int>)');
    await execute('INSERT INTO %s (k, l, s, m) VALUES (0, [1], {1}, {1: 1})');
    for (const [column, literal] of [['l', '[1, ?]'], ['s', '{1, ?}'], ['m', '{1: ?}']]) {
      await assertInvalidMessage('null is not supported inside collections', `UPDATE %s SET ${column} = ${literal} WHERE k = 0`, null);
      await execute(`UPDATE %s SET ${column} = ${literal} WHERE k = 0`, UNSET);
      await execute(`INSERT INTO %s (k, ${column}) VALUES (0, ${literal})`, UNSET);
    }
    expect(await rows('SELECT l, s, m FROM %s WHERE k = 0')).toEqual([row([1], [1], [[1, 1]])]);
    await assertInvalidMessage('null is not supported inside collections', 'UPDATE %s SET m = {?: 1} WHERE k = 0', null);
    await assertInvalidMessage('unset value is not supported for map keys', 'UPDATE %s SET m = {?: 1} WHERE k = 0', UNSET);
    await assertInvalidMessage('null is not supported inside collections', 'INSERT INTO %s (k, l) VALUES (0, [1, null])');
  });

  it('takes null tuple and user type fields as values and refuses unset ones (testTupleWithUnsetValues, testUDTWithUnsetValues)', async () => {
    await execute('CREATE TYPE IF NOT EXISTS point (x int, y int)');
    await createTable('(k int PRIMARY KEY, t tuple<int, text, double>, p frozen<point>)');
    await assertInvalidMessage('Invalid unset value for tuple field number 1', 'INSERT INTO %s (k, t) VALUES (0, (3, ?, 2.1))', UNSET);
    await assertInvalidMessage("Invalid unset value for field 'y' of user defined type point", 'INSERT INTO %s (k, p) VALUES (0, {x: ?, y: ?})', 1, UNSET);
    await execute('INSERT INTO %s (k, t, p) VALUES (0, (3, ?, 2.1), {x: ?, y: 2})', null, null);
    expect(await rows('SELECT t, p FROM %s WHERE k = 0')).toEqual([row([3, null, 2.1], [null, 2])]);
  });
});

describe('elements of the wrong type in literals (validateAssignableTo)', () => {
  it('refuses the literal naming the element and the type it should have', async () => {
    await execute('CREATE TYPE IF NOT EXISTS point (x int, y int)');
    await createTable('(k int PRIMARY KEY, l list<int>, s set<text>, m map<text, int>, t tuple<int, text>, p frozen<point>)');
    await assertInvalidMessage("Invalid list literal for l: value 'x' is not of type int", "INSERT INTO %s (k, l) VALUES (0, [1, 'x'])");
    await assertInvalidMessage('Invalid set literal for s: value 1 is not of type text', 'INSERT INTO %s (k, s) VALUES (0, {1})');
    await assertInvalidMessage('Invalid map literal for m: key 1 is not of type text', 'INSERT INTO %s (k, m) VALUES (0, {1: 1})');
    await assertInvalidMessage("Invalid map literal for m: value 'a' is not of type int", "INSERT INTO %s (k, m) VALUES (0, {'a': 'a'})");
    await assertInvalidMessage('Invalid tuple literal for t: component 1 is not of type text', 'INSERT INTO %s (k, t) VALUES (0, (1, 2))');
    await assertInvalidMessage("Invalid user type literal for p: field y is not of type int", "INSERT INTO %s (k, p) VALUES (0, {x: 1, y: 'a'})");
  });
});
