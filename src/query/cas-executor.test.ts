/**
 * Conditional statements and batches as Cassandra 4.1's InsertUpdateIfConditionTest and
 * InsertUpdateIfConditionStaticsTest check them: the rows answered, what was written, and the refusals.
 * Statements are prepared and executed on one node of a virtual-clock cluster, as CQLTester does;
 * `row(...)` is a result row, `[applied]` first, and `%s` the table the test made last.
 */
import { describe, expect, it } from 'vitest';
import { InvalidRequestError, ServerError, SyntaxError as CqlSyntaxError } from '../errors/index.js';
import { useCqlTester, intList, row, UNSET } from './testing/cql-tester.js';

const tester = useCqlTester();
const { execute, rows, createTable, assertInvalidMessage, assertErrorClass } = tester;

describe('conditional statements', () => {
  it('applies only when the conditions hold, showing the condition columns otherwise (testConditionalUpdate)', async () => {
    await createTable('(k int PRIMARY KEY, v1 int, v2 text, v3 int)');
    await assertInvalidMessage("Invalid 'unset' value in condition", "UPDATE %s SET v1 = 3, v2 = 'bar' WHERE k = 0 IF v1 = ?", UNSET);
    expect(await execute("UPDATE %s SET v1 = 3, v2 = 'bar' WHERE k = 0 IF v1 = ?", 4)).toEqual({ columns: ['[applied]'], rows: [row(false)] });
    expect(await rows("UPDATE %s SET v1 = 3, v2 = 'bar' WHERE k = 0 IF v1 IN (?, ?)", 1, 2)).toEqual([row(false)]);
    expect(await rows("UPDATE %s SET v1 = 3, v2 = 'bar' WHERE k = 0 IF v1 IN ?", [1, 2])).toEqual([row(false)]);
    expect(await rows("UPDATE %s SET v1 = 3, v2 = 'bar' WHERE k = 0 IF EXISTS")).toEqual([row(false)]);
    expect(await rows("INSERT INTO %s (k, v1, v2) VALUES (0, 2, 'foo') IF NOT EXISTS")).toEqual([row(true)]);
    expect(await execute("INSERT INTO %s (k, v1, v2) VALUES (0, 5, 'bar') IF NOT EXISTS"))
      .toEqual({ columns: ['[applied]', 'k', 'v1', 'v2', 'v3'], rows: [row(false, 0, 2, 'foo', null)] });
    expect(await execute("UPDATE %s SET v1 = 3, v2 = 'bar' WHERE k = 0 IF v1 = ?", 4)).toEqual({ columns: ['[applied]', 'v1'], rows: [row(false, 2)] });
    expect(await rows("UPDATE %s SET v2 = 'bar', v1 = 3 WHERE k = 0 IF v1 = ?", 2)).toEqual([row(true)]);
    expect(await rows("UPDATE %s SET v2 = 'bar', v1 = 2 WHERE k = 0 IF v1 IN (?, ?)", 2, 3)).toEqual([row(true)]);
    expect(await rows("UPDATE %s SET v2 = 'bar', v1 = 3 WHERE k = 0 IF v1 IN ?", [2, 3])).toEqual([row(true)]);
    expect(await rows("UPDATE %s SET v2 = 'bar', v1 = 3 WHERE k = 0 IF v1 IN ?", intList(1, null, 3))).toEqual([row(true)]);
    expect(await rows("UPDATE %s SET v1 = 5, v2 = 'foobar' WHERE k = 0 IF v1 = 3 AND v2 = 'foo'")).toEqual([row(false, 3, 'bar')]);
    expect(await rows("UPDATE %s SET v1 = 5, v2 = 'foobar' WHERE k = 0 IF v1 = ? AND v2 = ?", 3, 'bar')).toEqual([row(true)]);
    expect(await rows('DELETE v2 FROM %s WHERE k = 0 IF v1 = ?', null)).toEqual([row(false, 5)]);
    expect(await rows('DELETE v2 FROM %s WHERE k = 0 IF v1 = ?', 5)).toEqual([row(true)]);
    expect(await rows('DELETE v1 FROM %s WHERE k = 0 IF v3 = ?', 4)).toEqual([row(false, null)]);
    expect(await rows('DELETE v1 FROM %s WHERE k = 0 IF v3 = ?', null)).toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s')).toEqual([row(0, null, null, null)]);
    expect(await rows('DELETE FROM %s WHERE k = 0 IF v1 = ?', null)).toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s')).toEqual([]);
    expect(await rows('DELETE FROM %s WHERE k = 0 IF v1 IN (?)', null)).toEqual([row(true)]);
  });

  it('compares with non-EQ operators, skips unset IN values and refuses unset ones (testNonEqConditionalUpdate)', async () => {
    await createTable('(k int PRIMARY KEY, v1 int, v2 text, v3 int)');
    await execute("INSERT INTO %s (k, v1, v2) VALUES (0, 2, 'foo')");
    for (const [op, value] of [['<', 3], ['<=', 3], ['>', 1], ['>=', 1], ['!=', 1]] as const) {
      expect(await rows(`UPDATE %s SET v2 = 'bar' WHERE k = 0 IF v1 ${op} ?`, value)).toEqual([row(true)]);
    }
    expect(await rows("UPDATE %s SET v2 = 'bar' WHERE k = 0 IF v1 != ?", 2)).toEqual([row(false, 2)]);
    expect(await rows("UPDATE %s SET v2 = 'bar' WHERE k = 0 IF v1 IN ()")).toEqual([row(false, 2)]);
    expect(await rows("UPDATE %s SET v2 = 'bar' WHERE k = 0 IF v1 IN (?, ?)", UNSET, 1)).toEqual([row(false, 2)]);
    for (const op of ['<', '<=', '>', '>=', '!=']) {
      await assertInvalidMessage("Invalid 'unset' value in condition", `UPDATE %s SET v1 = 3 WHERE k = 0 IF v1 ${op} ?`, UNSET);
    }
    await assertInvalidMessage('Invalid comparison with null for operator "<"', 'UPDATE %s SET v1 = 3 WHERE k = 0 IF v1 < ?', null);
  });

  it('refuses what Cassandra refuses when preparing', async () => {
    await createTable('(k int, c int, v1 text, d duration, n int, PRIMARY KEY (k, c))');
    await assertInvalidMessage('IN on the clustering key columns is not supported with conditional updates', "UPDATE %s SET v1 = 'A' WHERE k = 0 AND c IN () IF EXISTS");
    await assertInvalidMessage('IN on the clustering key columns is not supported with conditional updates', "UPDATE %s SET v1 = 'A' WHERE k = 0 AND c IN (1, 2) IF EXISTS");
    await assertInvalidMessage('IN on the partition key is not supported with conditional updates', "UPDATE %s SET v1 = 'A' WHERE k IN (1) AND c = 1 IF EXISTS");
    await assertInvalidMessage('IN on the partition key is not supported with conditional deletions', 'DELETE FROM %s WHERE k IN (1, 2) AND c = 1 IF EXISTS');
    await assertInvalidMessage('Cannot provide custom timestamp for conditional updates', "UPDATE %s USING TIMESTAMP 1 SET v1 = 'A' WHERE k = 0 AND c = 1 IF EXISTS");
    await assertInvalidMessage('Cannot provide custom timestamp for conditional updates', "INSERT INTO %s (k, c) VALUES (0, 1) IF NOT EXISTS USING TIMESTAMP 1");
    await assertInvalidMessage("PRIMARY KEY column 'c' cannot have IF conditions", "UPDATE %s SET v1 = 'A' WHERE k = 0 AND c = 1 IF c = 1");
    await assertInvalidMessage('Slice conditions ( > ) are not supported on durations', 'UPDATE %s SET n = 3 WHERE k = 0 AND c = 1 IF d > 1s');
    await assertErrorClass(CqlSyntaxError, "UPDATE %s SET v1 = 'B' WHERE k = 0 AND c = 1 IF v1 CONTAINS 'A'");
    await createTable('(k int PRIMARY KEY, n counter)');
    await assertInvalidMessage('Conditions on counters are not supported', 'UPDATE %s SET n = n + 1 WHERE k = 0 IF n = 1');
    await assertInvalidMessage('Conditional updates are not supported on counter tables', 'UPDATE %s SET n = n + 1 WHERE k = 0 IF EXISTS');
  });

  it('compares durations for equality only (testConditionalOnDurationColumns)', async () => {
    await createTable('(k int PRIMARY KEY, v int, d duration)');
    await execute('INSERT INTO %s (k, v, d) VALUES (1, 1, 2s)');
    expect((await rows('UPDATE %s SET v = 4 WHERE k = 1 IF d = 1s'))[0]![0]).toBe(false);
    expect(await rows('UPDATE %s SET v = 3 WHERE k = 1 IF d = 2s')).toEqual([row(true)]);
    expect(await rows('UPDATE %s SET v = 6 WHERE k = 1 IF d != 1s')).toEqual([row(true)]);
    expect(await rows('UPDATE %s SET d = 10s WHERE k = 1 IF d IN (1s, 2s)')).toEqual([row(true)]);
  });

  it('treats a missing static column as null (testConditionalUpdatesWithNonExistingValues, testConditionalUpdatesWithNullValues)', async () => {
    await createTable('(a int, b int, s int static, d int, PRIMARY KEY (a, b))');
    expect(await rows('UPDATE %s SET s = 1 WHERE a = 1 IF s = NULL')).toEqual([row(true)]);
    expect(await rows('UPDATE %s SET s = 2 WHERE a = 2 IF s IN (10, 20, NULL)')).toEqual([row(true)]);
    expect(await rows('UPDATE %s SET s = 4 WHERE a = 4 IF s != 4')).toEqual([row(true)]);
    expect(await rows('UPDATE %s SET s = 3 WHERE a = 3 IF s IN ?', [10, 20, 30])).toEqual([row(false)]);
    for (const op of ['>', '<', '>=', '<=', '=']) expect(await rows(`UPDATE %s SET s = 50 WHERE a = 5 IF s ${op} ?`, 3)).toEqual([row(false)]);
    for (const b of [1, 2]) await execute('INSERT INTO %s (a, b) VALUES (6, ?)', b);
    expect(await rows('UPDATE %s SET s = 30 WHERE a = 6 IF s IN ?', [10, 20, 30])).toEqual([row(false, null)]);
    expect(await rows('UPDATE %s SET s = 60 WHERE a = 6 IF s IN (10, 20, NULL)')).toEqual([row(true)]);
    expect(await rows('SELECT a, b, s, d FROM %s WHERE a = 6')).toEqual([row(6, 1, 60, null), row(6, 2, 60, null)]);
  });
});

describe('conditions on static columns', () => {
  it('answers a batch with the primary key of every row read (testStaticColumnsCas)', async () => {
    await createTable('(id int, k text, version int static, v text, PRIMARY KEY (id, k))');
    await execute("INSERT INTO %s (id, k, v) VALUES (1, 'foo', 'foo')");
    // IF NOT EXISTS is on the row the clustering names, or on the static row when there is none.
    expect(await rows("INSERT INTO %s (id, k, version) VALUES (1, 'foo', 1) IF NOT EXISTS")).toEqual([row(false, 1, 'foo', null, 'foo')]);
    expect(await rows('INSERT INTO %s (id, version) VALUES (1, 1) IF NOT EXISTS')).toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s')).toEqual([row(1, 'foo', 1, 'foo')]);
    await execute('DELETE FROM %s WHERE id = 1');

    await execute('INSERT INTO %s (id, version) VALUES (0, 0)');
    expect(await rows("UPDATE %s SET v = 'foo', version = 1 WHERE id = 0 AND k = 'k1' IF version = ?", 0)).toEqual([row(true)]);
    expect(await rows("UPDATE %s SET v = 'bar', version = 1 WHERE id = 0 AND k = 'k2' IF version = ?", 0)).toEqual([row(false, 1)]);
    expect(await rows("UPDATE %s SET v = 'bar', version = 2 WHERE id = 0 AND k = 'k2' IF version = ?", 1)).toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s')).toEqual([row(0, 'k1', 2, 'foo'), row(0, 'k2', 2, 'bar')]);
    expect(await rows('UPDATE %s SET version = 3 WHERE id = 0 IF version = 1')).toEqual([row(false, 2)]);

    // A batch shows the primary key: with the static row alone read, that of the partition's first row.
    expect(await execute("BEGIN BATCH UPDATE %s SET v = 'foobar' WHERE id = 0 AND k = 'k1'; UPDATE %s SET v = 'barfoo' WHERE id = 0 AND k = 'k2'; "
      + 'UPDATE %s SET version = 3 WHERE id = 0 IF version = 1; APPLY BATCH'))
      .toEqual({ columns: ['[applied]', 'id', 'k', 'version'], rows: [row(false, 0, 'k1', 2)] });
    expect(await rows("BEGIN BATCH UPDATE %s SET v = 'foobar' WHERE id = 0 AND k = 'k1'; UPDATE %s SET v = 'barfoo' WHERE id = 0 AND k = 'k2'; "
      + 'UPDATE %s SET version = 3 WHERE id = 0 IF version = 2; APPLY BATCH')).toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s')).toEqual([row(0, 'k1', 3, 'foobar'), row(0, 'k2', 3, 'barfoo')]);

    expect(await execute("BEGIN BATCH UPDATE %s SET version = 4 WHERE id = 0 IF version = 3; UPDATE %s SET v = 'row1' WHERE id = 0 AND k = 'k1' IF v = 'foo'; "
      + "UPDATE %s SET v = 'row2' WHERE id = 0 AND k = 'k2' IF v = 'bar'; APPLY BATCH"))
      .toEqual({ columns: ['[applied]', 'id', 'k', 'version', 'v'], rows: [row(false, 0, 'k1', 3, 'foobar'), row(false, 0, 'k2', 3, 'barfoo')] });
    expect(await rows("BEGIN BATCH UPDATE %s SET version = 4 WHERE id = 0 IF version = 3; UPDATE %s SET v = 'row1' WHERE id = 0 AND k = 'k1' IF v = 'foobar'; "
      + "UPDATE %s SET v = 'row2' WHERE id = 0 AND k = 'k2' IF v = 'barfoo'; APPLY BATCH")).toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s')).toEqual([row(0, 'k1', 4, 'row1'), row(0, 'k2', 4, 'row2')]);

    await assertInvalidMessage('Batch with conditions cannot span multiple partitions', "BEGIN BATCH UPDATE %s SET version = 5 WHERE id = 0 IF version = 4; "
      + "UPDATE %s SET v = 'row1' WHERE id = 0 AND k = 'k1'; UPDATE %s SET v = 'row2' WHERE id = 1 AND k = 'k2'; APPLY BATCH");

    expect(await rows("BEGIN BATCH INSERT INTO %s (id, k, v) VALUES (1, 'k1', 'val1') IF NOT EXISTS; "
      + "INSERT INTO %s (id, k, v) VALUES (1, 'k2', 'val2') IF NOT EXISTS; APPLY BATCH")).toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s WHERE id = 1')).toEqual([row(1, 'k1', null, 'val1'), row(1, 'k2', null, 'val2')]);
    expect(await rows("INSERT INTO %s (id, k, v) VALUES (1, 'k2', 'val2') IF NOT EXISTS")).toEqual([row(false, 1, 'k2', null, 'val2')]);
    // Only the rows that exist come back, with every column once an IF NOT EXISTS is among the conditions.
    expect(await rows("BEGIN BATCH INSERT INTO %s (id, k, v) VALUES (1, 'k2', 'val2') IF NOT EXISTS; "
      + "INSERT INTO %s (id, k, v) VALUES (1, 'k3', 'val3') IF NOT EXISTS; APPLY BATCH")).toEqual([row(false, 1, 'k2', null, 'val2')]);
    expect(await rows("BEGIN BATCH UPDATE %s SET v = 'newVal' WHERE id = 1 AND k = 'k2' IF v = 'val0'; "
      + "INSERT INTO %s (id, k, v) VALUES (1, 'k3', 'val3') IF NOT EXISTS; APPLY BATCH")).toEqual([row(false, 1, 'k2', null, 'val2')]);
    expect(await rows("BEGIN BATCH UPDATE %s SET v = 'newVal' WHERE id = 1 AND k = 'k2' IF v = 'val2'; "
      + "INSERT INTO %s (id, k, v, version) VALUES (1, 'k3', 'val3', 1) IF NOT EXISTS; APPLY BATCH")).toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s WHERE id = 1')).toEqual([row(1, 'k1', 1, 'val1'), row(1, 'k2', 1, 'newVal'), row(1, 'k3', 1, 'val3')]);
    expect(await execute("BEGIN BATCH UPDATE %s SET v = 'newVal1' WHERE id = 1 AND k = 'k2' IF v = 'val2'; "
      + "UPDATE %s SET v = 'newVal2' WHERE id = 1 AND k = 'k2' IF v = 'val3'; APPLY BATCH"))
      .toEqual({ columns: ['[applied]', 'id', 'k', 'v'], rows: [row(false, 1, 'k2', 'newVal')] });
  });

  it('deletes and updates static columns conditionally, with Cassandra refusals (testStaticColumnsCasDelete, testStaticColumnsCasUpdate)', async () => {
    await createTable('(pk int, ck int, static_col int static, value int, PRIMARY KEY (pk, ck))');
    for (const [ck, value] of [[1, 2], [3, 4], [5, 6], [7, 8]]) await execute('INSERT INTO %s (pk, ck, value) VALUES (1, ?, ?)', ck, value);
    await execute('INSERT INTO %s (pk, static_col) VALUES (1, 1)');
    expect(await rows('DELETE static_col FROM %s WHERE pk = ? IF static_col = ?', 1, 2)).toEqual([row(false, 1)]);
    expect(await rows('DELETE static_col FROM %s WHERE pk = ? IF static_col = ?', 1, 1)).toEqual([row(true)]);
    expect(await rows('SELECT pk, ck, static_col, value FROM %s WHERE pk = 1')).toEqual([row(1, 1, null, 2), row(1, 3, null, 4), row(1, 5, null, 6), row(1, 7, null, 8)]);
    await execute('INSERT INTO %s (pk, static_col) VALUES (1, 1)');
    await assertInvalidMessage('Some partition key parts are missing: pk', 'DELETE static_col FROM %s WHERE ck = ? IF static_col = ?', 1, 1);
    await assertInvalidMessage('Invalid restrictions on clustering columns since the DELETE statement modifies only static columns',
      'DELETE static_col FROM %s WHERE pk = ? AND ck = ? IF static_col = ?', 1, 1, 1);
    await assertInvalidMessage('DELETE statements must restrict all PRIMARY KEY columns with equality relations in order to delete non static columns',
      'DELETE static_col, value FROM %s WHERE pk = ? IF static_col = ?', 1, 1);
    await assertInvalidMessage('DELETE statements must restrict all PRIMARY KEY columns with equality relations in order to use IF condition on non static columns',
      'DELETE static_col FROM %s WHERE pk = ? IF value = ? AND static_col = ?', 1, 2, 1);
    expect(await rows('DELETE value FROM %s WHERE pk = ? AND ck = ? IF value = ? AND static_col = ?', 1, 1, 2, 2)).toEqual([row(false, 2, 1)]);
    expect(await rows('DELETE value FROM %s WHERE pk = ? AND ck = ? IF value = ? AND static_col = ?', 1, 1, 2, 1)).toEqual([row(true)]);
    expect(await rows('DELETE static_col FROM %s WHERE pk = ? AND ck = ? IF value = ?', 1, 5, 10)).toEqual([row(false, 6)]);
    expect(await rows('DELETE static_col FROM %s WHERE pk = ? AND ck = ? IF value = ?', 1, 5, 6)).toEqual([row(true)]);
    expect(await rows('SELECT pk, ck, static_col, value FROM %s WHERE pk = 1')).toEqual([row(1, 1, null, null), row(1, 3, null, 4), row(1, 5, null, 6), row(1, 7, null, 8)]);

    await assertInvalidMessage('Invalid restrictions on clustering columns since the UPDATE statement modifies only static columns',
      'UPDATE %s SET static_col = ? WHERE pk = ? AND ck = ? IF static_col = ?', 3, 1, 1, 1);
    await assertInvalidMessage('Some clustering keys are missing: ck', 'UPDATE %s SET static_col = ?, value = ? WHERE pk = ? IF static_col = ?', 3, 1, 1, 2);
    await assertInvalidMessage('Some clustering keys are missing: ck', 'UPDATE %s SET static_col = ? WHERE pk = ? IF value = ? AND static_col = ?', 3, 1, 4, 2);
    // Regular conditions are listed before static ones, whatever their order in the statement.
    expect(await execute('UPDATE %s SET value = ? WHERE pk = ? AND ck = ? IF static_col = ? AND value = ?', 3, 1, 3, 2, 3))
      .toEqual({ columns: ['[applied]', 'value', 'static_col'], rows: [row(false, 4, null)] });
    expect(await rows('UPDATE %s SET static_col = ? WHERE pk = ? AND ck = ? IF value = ?', 1, 1, 3, 4)).toEqual([row(true)]);
    expect(await rows('SELECT static_col FROM %s WHERE pk = 1 AND ck = 1')).toEqual([row(1)]);
  });

  it('shows the static row only when the statements read it (testConditionalDelete)', async () => {
    await createTable('(k text, s text static, i int, v text, PRIMARY KEY (k, i))');
    await execute("INSERT INTO %s (k, s, i, v) VALUES ('k', 's', 0, 'v')");
    expect(await rows("DELETE v FROM %s WHERE k = 'k' AND i = 0 IF EXISTS")).toEqual([row(true)]);
    expect(await rows("DELETE FROM %s WHERE k = 'k' AND i = 0 IF EXISTS")).toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s')).toEqual([row('k', null, 's', null)]);
    expect(await rows("DELETE v FROM %s WHERE k = 'k' AND i = 0 IF s = 'z'")).toEqual([row(false, 's')]);
    expect(await rows("DELETE v FROM %s WHERE k = 'k' AND i = 0 IF v = 'z'")).toEqual([row(false)]);
    expect(await rows("DELETE v FROM %s WHERE k = 'k' AND i = 0 IF v = 'z' AND s = 'z'")).toEqual([row(false, null, 's')]);
    expect(await rows("DELETE v FROM %s WHERE k = 'k' AND i = 0 IF EXISTS")).toEqual([row(false)]);
    await assertInvalidMessage('DELETE statements must restrict all PRIMARY KEY columns with equality relations in order to delete non static columns',
      "DELETE FROM %s WHERE k = 'k' IF EXISTS");
    await assertInvalidMessage('DELETE statements must restrict all PRIMARY KEY columns with equality relations in order to delete non static columns',
      "DELETE FROM %s WHERE k = 'k' AND i > 0 IF v = 'foo'");
    await assertInvalidMessage('IN on the clustering key columns is not supported with conditional deletions', "DELETE FROM %s WHERE k = 'k' AND i IN (0, 1) IF v = 'foo'");
    await assertInvalidMessage('IN on the clustering key columns is not supported with conditional deletions', "DELETE FROM %s WHERE k = 'k' AND i IN () IF EXISTS");
    await assertInvalidMessage("Invalid 'unset' value in condition", "DELETE FROM %s WHERE k = 'k' AND i = 0 IF v = ?", UNSET);
  });

  it('checks IF EXISTS of a static-only statement on the static row (testStaticColumnsCasUpdateWithNullStaticColumn)', async () => {
    await createTable('(pk int, ck int, s1 int static, s2 int static, value int, PRIMARY KEY (pk, ck))');
    for (const pk of [1, 2]) {
      await execute(`INSERT INTO %s (pk, s1, s2) VALUES (${pk}, 1, 1) USING TIMESTAMP 1000`);
      await execute(`INSERT INTO %s (pk, s1) VALUES (${pk}, 2) USING TIMESTAMP 2000`);
      await execute(`DELETE s1 FROM %s USING TIMESTAMP 3000 WHERE pk = ${pk}`);
    }
    expect(await rows('UPDATE %s SET s1 = ? WHERE pk = ? IF s1 = NULL', 2, 1)).toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s WHERE pk = ?', 1)).toEqual([row(1, null, 2, 1, null)]);
    expect(await rows('UPDATE %s SET s1 = ? WHERE pk = ? IF EXISTS', 2, 2)).toEqual([row(true)]);
    expect(await rows('DELETE s2 FROM %s WHERE pk = ? IF EXISTS', 2)).toEqual([row(true)]);
    // A partition with rows but no static content has no static row to exist. The first row is read
    // (with no regular column, as the statement writes none) and shown.
    await execute('INSERT INTO %s (pk, ck, value) VALUES (3, 1, 1)');
    expect(await rows('UPDATE %s SET s1 = ? WHERE pk = ? IF EXISTS', 1, 3)).toEqual([row(false, 3, 1, null, null, null)]);
    expect(await rows('INSERT INTO %s (pk, s1) VALUES (3, 1) IF NOT EXISTS')).toEqual([row(true)]);
    expect(await rows('INSERT INTO %s (pk, s1) VALUES (3, 2) IF NOT EXISTS')).toEqual([row(false, 3, 1, 1, null, null)]);
  });

  it('checks several static conditions and row conditions in one batch (testStaticsWithMultipleConditions)', async () => {
    await createTable('(a int, b int, s1 int static, s2 int static, d int, PRIMARY KEY (a, b))');
    for (const a of [1, 2]) for (const [b, d] of [[1, 5], [2, 6]]) await execute('INSERT INTO %s (a, b, d) VALUES (?, ?, ?)', a, b, d);
    expect(await rows('BEGIN BATCH UPDATE %s SET s2 = 102 WHERE a = 1 IF s1 = null; UPDATE %s SET s1 = 101 WHERE a = 1 IF s2 = null; APPLY BATCH')).toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s WHERE a = 1')).toEqual([row(1, 1, 101, 102, 5), row(1, 2, 101, 102, 6)]);
    const batchOn = (a: number) => `BEGIN BATCH UPDATE %s SET s2 = 202 WHERE a = ${a} IF s1 = null; UPDATE %s SET s1 = 201 WHERE a = ${a} IF s2 = null; `
      + `UPDATE %s SET d = 203 WHERE a = ${a} AND b = 1 IF d = 5; UPDATE %s SET d = 204 WHERE a = ${a} AND b = 2 IF d = 6; APPLY BATCH`;
    expect(await rows(batchOn(2))).toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s WHERE a = 2')).toEqual([row(2, 1, 201, 202, 203), row(2, 2, 201, 202, 204)]);
    expect(await rows(batchOn(20))).toEqual([row(false)]);
  });
});

describe('conditional batches', () => {
  it('checks conditions before the batch writes, reconciling same-timestamp cells (testConditionalUpdatesWithNullValuesWithBatch)', async () => {
    await createTable('(a int, b int, s int static, d text, PRIMARY KEY (a, b))');
    for (const i of [2, 3, 4, 6]) await execute('INSERT INTO %s (a, b) VALUES (?, ?)', i, i);
    expect(await rows("BEGIN BATCH INSERT INTO %s (a, b, d) VALUES (2, 2, 'a'); UPDATE %s SET s = 2 WHERE a = 2 IF s = null; APPLY BATCH")).toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s WHERE a = 2')).toEqual([row(2, 2, 2, 'a')]);
    for (const op of ['>', '<', '>=', '<=', '=']) {
      expect(await execute(`BEGIN BATCH INSERT INTO %s (a, b, s, d) VALUES (3, 3, 40, 'a'); UPDATE %s SET s = 30 WHERE a = 3 IF s ${op} 5; APPLY BATCH`))
        .toEqual({ columns: ['[applied]', 'a', 'b', 's'], rows: [row(false, 3, 3, null)] });
    }
    expect(await rows('SELECT * FROM %s WHERE a = 3')).toEqual([row(3, 3, null, null)]);
    // Both statements write s at the batch's timestamp: the greater value wins the tie.
    expect(await rows("BEGIN BATCH INSERT INTO %s (a, b, s, d) VALUES (4, 4, 4, 'a'); UPDATE %s SET s = 5 WHERE a = 4 IF s = null; APPLY BATCH")).toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s WHERE a = 4')).toEqual([row(4, 4, 5, 'a')]);
    expect(await rows("BEGIN BATCH INSERT INTO %s (a, b, s, d) VALUES (6, 6, 70, 'a'); UPDATE %s SET s = 60 WHERE a = 6 IF s IN (1, 2, 3); APPLY BATCH"))
      .toEqual([row(false, 6, 6, null)]);
    expect(await rows("BEGIN BATCH INSERT INTO %s (a, b, s, d) VALUES (7, 7, 7, 'x'); DELETE s FROM %s WHERE a = 7 IF s = null; APPLY BATCH")).toEqual([row(true)]);
    // On a timestamp tie the tombstone wins.
    expect(await rows('SELECT * FROM %s WHERE a = 7')).toEqual([row(7, 7, null, 'x')]);
  });

  it('checks one IF NOT EXISTS per row, refusing mixed conditions on a row (CASSANDRA-12060)', async () => {
    await createTable('(k int, t int, v1 text, v2 text, PRIMARY KEY (k, t))');
    expect(await rows("BEGIN BATCH INSERT INTO %s (k, t, v1) VALUES (0, 0, 'foo') IF NOT EXISTS; INSERT INTO %s (k, t, v2) VALUES (0, 0, 'bar') IF NOT EXISTS; APPLY BATCH"))
      .toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s WHERE k = 0')).toEqual([row(0, 0, 'foo', 'bar')]);
    expect(await rows("BEGIN BATCH INSERT INTO %s (k, t, v1) VALUES (1, 0, 'foo') IF NOT EXISTS; INSERT INTO %s (k, t, v1) VALUES (1, 0, 'bar') IF NOT EXISTS; APPLY BATCH"))
      .toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s WHERE k = 1')).toEqual([row(1, 0, 'foo', null)]);
    expect(await rows('BEGIN BATCH DELETE FROM %s WHERE k = 0 AND t = 0 IF EXISTS; DELETE FROM %s WHERE k = 0 AND t = 0 IF EXISTS; APPLY BATCH')).toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s WHERE k = 0')).toEqual([]);
    await assertInvalidMessage('Cannot mix IF EXISTS and IF NOT EXISTS conditions for the same row',
      "BEGIN BATCH INSERT INTO %s (k, t, v1) VALUES (1, 0, 'foo') IF NOT EXISTS; DELETE FROM %s WHERE k = 1 AND t = 0 IF EXISTS; APPLY BATCH");
    await assertInvalidMessage('Cannot mix IF conditions and IF NOT EXISTS for the same row',
      "BEGIN BATCH INSERT INTO %s (k, t, v1) VALUES (1, 0, 'foo') IF NOT EXISTS; UPDATE %s SET v2 = 'bar' WHERE k = 1 AND t = 0 IF v1 = 'foo'; APPLY BATCH");
    await assertInvalidMessage('Cannot mix IF conditions and IF EXISTS for the same row',
      "BEGIN BATCH UPDATE %s SET v2 = 'bar' WHERE k = 1 AND t = 0 IF v1 = 'foo'; DELETE FROM %s WHERE k = 1 AND t = 0 IF EXISTS; APPLY BATCH");
  });

  it('refuses batches Cassandra refuses', async () => {
    await createTable('(k int, t int, v text, PRIMARY KEY (k, t))');
    const other = tester.cql.table;
    await createTable('(k int PRIMARY KEY, v text)');
    await assertInvalidMessage('Batch with conditions cannot span multiple tables',
      `BEGIN BATCH INSERT INTO %s (k, v) VALUES (1, 'a') IF NOT EXISTS; INSERT INTO ${other} (k, t, v) VALUES (1, 1, 'a'); APPLY BATCH`);
    await assertInvalidMessage('Cannot provide custom timestamp for conditional BATCH',
      "BEGIN BATCH USING TIMESTAMP 10 INSERT INTO %s (k, v) VALUES (1, 'a') IF NOT EXISTS; APPLY BATCH");
    // Cassandra throws an IllegalArgumentException there: a server error.
    const inOnKey = "BEGIN BATCH INSERT INTO %s (k, v) VALUES (1, 'a') IF NOT EXISTS; UPDATE %s SET v = 'b' WHERE k IN (1, 2); APPLY BATCH";
    await assertErrorClass(ServerError, inOnKey);
    await assertInvalidMessage('java.lang.IllegalArgumentException: Batch with conditions cannot span multiple partitions (you cannot use IN on the partition key)', inOnKey);
    await assertInvalidMessage('Cannot include non-counter statement in a counter batch', "BEGIN COUNTER BATCH INSERT INTO %s (k, v) VALUES (1, 'a') IF NOT EXISTS; APPLY BATCH");
    // 4.x checks the mix of counters and other statements before the batch type; an unlogged batch of counters is fine.
    const table = tester.cql.table;
    await createTable('(k int PRIMARY KEY, n counter)');
    await assertInvalidMessage('Counter and non-counter mutations cannot exist in the same batch',
      `BEGIN BATCH INSERT INTO ${table} (k, v) VALUES (1, 'a'); UPDATE %s SET n = n + 1 WHERE k = 1; APPLY BATCH`);
    await assertInvalidMessage('Cannot include a counter statement in a logged batch', 'BEGIN BATCH UPDATE %s SET n = n + 1 WHERE k = 1; APPLY BATCH');
    await execute('BEGIN UNLOGGED BATCH UPDATE %s SET n = n + 1 WHERE k = 1; UPDATE %s SET n = n + 2 WHERE k = 1; APPLY BATCH');
    expect(await rows('SELECT n FROM %s WHERE k = 1')).toEqual([row(3n)]);
  });

  it('writes every statement at the Paxos ballot, whatever timestamp a statement without condition gives', async () => {
    await createTable('(k int, t int, v text, PRIMARY KEY (k, t))');
    expect(await rows("BEGIN UNLOGGED BATCH INSERT INTO %s (k, t, v) VALUES (1, 1, 'a') IF NOT EXISTS; "
      + "INSERT INTO %s (k, t, v) VALUES (1, 2, 'b') USING TIMESTAMP 5 AND TTL 1000; APPLY BATCH")).toEqual([row(true)]);
    const written = await rows('SELECT t, writetime(v), ttl(v) FROM %s WHERE k = 1');
    expect(written[0]![1]).toBe(written[1]![1]);
    expect(written[1]![1]).not.toBe(5n);
    expect(written[1]![2]).toBe(1000);
  });

  it('runs a protocol BATCH of prepared conditional statements like the CQL one', async () => {
    const batch = (...children: (readonly [string, ...unknown[]])[]) => tester.cql.batch(...children);
    await createTable('(k int, t int, v text, PRIMARY KEY (k, t))');
    expect(await batch(['INSERT INTO %s (k, t, v) VALUES (?, ?, ?) IF NOT EXISTS', 1, 1, 'a'], ['INSERT INTO %s (k, t, v) VALUES (?, ?, ?)', 1, 2, 'b']))
      .toEqual({ columns: ['[applied]'], rows: [row(true)] });
    expect(await batch(['UPDATE %s SET v = ? WHERE k = ? AND t = ? IF v = ?', 'x', 1, 1, 'z'], ['UPDATE %s SET v = ? WHERE k = ? AND t = ? IF v = ?', 'y', 1, 2, 'b']))
      .toEqual({ columns: ['[applied]', 'k', 't', 'v'], rows: [row(false, 1, 1, 'a'), row(false, 1, 2, 'b')] });
    expect(await batch(['UPDATE %s SET v = ? WHERE k = ? AND t = ? IF v = ?', 'x', 1, 1, 'a'], ['DELETE FROM %s WHERE k = ? AND t = ?', 1, 2]))
      .toEqual({ columns: ['[applied]'], rows: [row(true)] });
    expect(await rows('SELECT * FROM %s WHERE k = 1')).toEqual([row(1, 1, 'x')]);
    await expect(batch(['INSERT INTO %s (k, t, v) VALUES (?, ?, ?) IF NOT EXISTS', 1, 1, 'a'], ['INSERT INTO %s (k, t, v) VALUES (?, ?, ?)', 2, 1, 'a']))
      .rejects.toThrow('Batch with conditions cannot span multiple partitions');
  });

  it('reads lists for element updates from the Paxos read (testCasAndListIndex)', async () => {
    await createTable('(k int PRIMARY KEY, v text, l list<text>)');
    await execute("INSERT INTO %s (k, v, l) VALUES (0, 'foobar', ['foi', 'bar'])");
    expect(await rows("UPDATE %s SET l[0] = 'foo' WHERE k = 0 IF v = 'barfoo'")).toEqual([row(false, 'foobar')]);
    expect(await rows("UPDATE %s SET l[0] = 'foo' WHERE k = 0 IF v = 'foobar'")).toEqual([row(true)]);
    expect(await rows('SELECT * FROM %s')).toEqual([row(0, ['foo', 'bar'], 'foobar')]);
    expect(await rows("BEGIN BATCH UPDATE %s SET l = l + ['x'] WHERE k = 0 IF v = 'foobar'; UPDATE %s SET l = l + ['y'] WHERE k = 0; APPLY BATCH")).toEqual([row(true)]);
    expect(await rows('SELECT l FROM %s')).toEqual([row(['foo', 'bar', 'x', 'y'])]);
  });
});
