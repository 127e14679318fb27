/**
 * Cassandra 4.1's UpdateTest (cql3/validation/operations), COMPACT STORAGE variants left out: updates by
 * EQ and IN on keys, the refusals of incomplete keys, token(), slices, non-key columns in WHERE and
 * unknown names, statics, TTLs, and empty IN restrictions.
 */
import { describe, expect, it } from 'vitest';
import { SyntaxError as CqlSyntaxError } from '../errors/index.js';
import { UNSET, useCqlTester, row } from './testing/cql-tester.js';

const { execute, rows, createTable, assertInvalidMessage, assertErrorClass } = useCqlTester();

/** The refusals testUpdate and testUpdateWithTwoClusteringColumns share, with `clustering` the full WHERE on clustering columns. */
async function commonRefusals(clustering: string, values: number[]): Promise<void> {
  await assertInvalidMessage('The token function cannot be used in WHERE clauses for UPDATE statements',
    `UPDATE %s SET value = ? WHERE token(partitionKey) = token(?) AND ${clustering}`, 7, 0, ...values);
  await assertErrorClass(CqlSyntaxError, `UPDATE %s SET value = ?, value = ? WHERE partitionKey = ? AND ${clustering}`, 7, 7, 0, ...values);
  await assertInvalidMessage('clustering_1 cannot be restricted by more than one relation if it includes an Equal',
    `UPDATE %s SET value = ? WHERE partitionKey = ? AND ${clustering} AND clustering_1 = ?`, 7, 0, ...values, 1);
  await assertInvalidMessage('Undefined column name value1', `UPDATE %s SET value1 = ? WHERE partitionKey = ? AND ${clustering}`, 7, 0, ...values);
  await assertInvalidMessage('Undefined column name partitionkey1', `UPDATE %s SET value = ? WHERE partitionKey1 = ? AND ${clustering}`, 7, 0, ...values);
  await assertInvalidMessage('Undefined column name clustering_3', 'UPDATE %s SET value = ? WHERE partitionKey = ? AND clustering_1 = ? AND clustering_3 = ?', 7, 0, 1, 1);
  await assertInvalidMessage('Only EQ and IN relation are supported on the partition key (unless you use the token() function)',
    `UPDATE %s SET value = ? WHERE partitionKey > ? AND ${clustering}`, 7, 0, ...values);
  await assertInvalidMessage('Cannot use CONTAINS on non-collection column partitionkey',
    `UPDATE %s SET value = ? WHERE partitionKey CONTAINS ? AND ${clustering}`, 7, 0, ...values);
  await assertInvalidMessage('Non PRIMARY KEY columns found in where clause: value',
    `UPDATE %s SET value = ? WHERE partitionKey = ? AND ${clustering} AND value = ?`, 7, 0, ...values, 3);
  await assertInvalidMessage('Slice restrictions are not supported on the clustering columns in UPDATE statements',
    'UPDATE %s SET value = ? WHERE partitionKey = ? AND clustering_1 > ?', 7, 0, 1);
}

describe('UpdateTest', () => {
  it('updates by EQ and IN and refuses the rest (testUpdate)', async () => {
    await createTable('(partitionKey int, clustering_1 int, value int, PRIMARY KEY (partitionKey, clustering_1))');
    for (const [k, c, v] of [[0, 0, 0], [0, 1, 1], [0, 2, 2], [0, 3, 3], [1, 0, 4]]) await execute('INSERT INTO %s (partitionKey, clustering_1, value) VALUES (?, ?, ?)', k, c, v);
    await execute('UPDATE %s SET value = ? WHERE partitionKey = ? AND clustering_1 = ?', 7, 0, 1);
    expect(await rows('SELECT value FROM %s WHERE partitionKey = ? AND clustering_1 = ?', 0, 1)).toEqual([row(7)]);
    await execute('UPDATE %s SET value = ? WHERE partitionKey = ? AND (clustering_1) = (?)', 8, 0, 2);
    expect(await rows('SELECT value FROM %s WHERE partitionKey = ? AND clustering_1 = ?', 0, 2)).toEqual([row(8)]);
    await execute('UPDATE %s SET value = ? WHERE partitionKey IN (?, ?) AND clustering_1 = ?', 9, 0, 1, 0);
    expect(await rows('SELECT * FROM %s WHERE partitionKey IN (?, ?) AND clustering_1 = ?', 0, 1, 0)).toEqual([row(0, 0, 9), row(1, 0, 9)]);
    await execute('UPDATE %s SET value = ? WHERE partitionKey IN ? AND clustering_1 = ?', 19, [0, 1], 0);
    expect(await rows('SELECT * FROM %s WHERE partitionKey IN ? AND clustering_1 = ?', [0, 1], 0)).toEqual([row(0, 0, 19), row(1, 0, 19)]);
    await execute('UPDATE %s SET value = ? WHERE partitionKey = ? AND clustering_1 IN (?, ?)', 10, 0, 1, 0);
    expect(await rows('SELECT * FROM %s WHERE partitionKey = ? AND clustering_1 IN (?, ?)', 0, 1, 0)).toEqual([row(0, 0, 10), row(0, 1, 10)]);
    await execute('UPDATE %s SET value = ? WHERE partitionKey = ? AND (clustering_1) IN ((?), (?))', 20, 0, 0, 1);
    expect(await rows('SELECT * FROM %s WHERE partitionKey = ? AND (clustering_1) IN ((?), (?))', 0, 0, 1)).toEqual([row(0, 0, 20), row(0, 1, 20)]);
    await execute('UPDATE %s SET value = ? WHERE partitionKey = ? AND clustering_1 = ?', null, 0, 0);
    expect(await rows('SELECT * FROM %s WHERE partitionKey = ? AND (clustering_1) IN ((?), (?))', 0, 0, 1)).toEqual([row(0, 0, null), row(0, 1, 20)]);

    await assertInvalidMessage('Some partition key parts are missing: partitionkey', 'UPDATE %s SET value = ? WHERE clustering_1 = ? ', 7, 1);
    await assertInvalidMessage('Some clustering keys are missing: clustering_1', 'UPDATE %s SET value = ? WHERE partitionKey = ?', 7, 0);
    await commonRefusals('clustering_1 = ?', [1]);
  });

  it('refuses indexed non-key columns in WHERE (testUpdateWithSecondaryIndices)', async () => {
    await createTable('(partitionKey int, clustering_1 int, value int, values set<int>, PRIMARY KEY (partitionKey, clustering_1))');
    await execute('CREATE INDEX ON %s (value)');
    await execute('CREATE INDEX ON %s (clustering_1)');
    await execute('CREATE INDEX ON %s (values)');
    await execute('INSERT INTO %s (partitionKey, clustering_1, value, values) VALUES (0, 0, 0, {0})');
    await assertInvalidMessage('Non PRIMARY KEY columns found in where clause: value', 'UPDATE %s SET values= {6} WHERE partitionKey = ? AND clustering_1 = ? AND value = ?', 3, 3, 3);
    await assertInvalidMessage('Non PRIMARY KEY columns found in where clause: values',
      'UPDATE %s SET value= ? WHERE partitionKey = ? AND clustering_1 = ? AND values CONTAINS ?', 6, 3, 3, 3);
    await assertInvalidMessage('Some clustering keys are missing: clustering_1', 'UPDATE %s SET values= {6} WHERE partitionKey = ? AND value = ?', 3, 3);
    await assertInvalidMessage('Some clustering keys are missing: clustering_1', 'UPDATE %s SET value= ? WHERE partitionKey = ? AND values CONTAINS ?', 6, 3, 3);
    await assertInvalidMessage('Some partition key parts are missing: partitionkey', 'UPDATE %s SET values= {6} WHERE clustering_1 = ?', 3);
    await assertInvalidMessage('Some partition key parts are missing: partitionkey', 'UPDATE %s SET values= {6} WHERE value = ?', 3);
    await assertInvalidMessage('Some partition key parts are missing: partitionkey', 'UPDATE %s SET value= ? WHERE values CONTAINS ?', 6, 3);
  });

  it('updates rows of two clustering columns and refuses the rest (testUpdateWithTwoClusteringColumns)', async () => {
    await createTable('(partitionKey int, clustering_1 int, clustering_2 int, value int, PRIMARY KEY (partitionKey, clustering_1, clustering_2))');
    for (const [k, c1, c2, v] of [[0, 0, 0, 0], [0, 0, 1, 1], [0, 0, 2, 2], [0, 0, 3, 3], [0, 1, 1, 4], [0, 1, 2, 5], [1, 0, 0, 6]]) {
      await execute('INSERT INTO %s (partitionKey, clustering_1, clustering_2, value) VALUES (?, ?, ?, ?)', k, c1, c2, v);
    }
    await execute('UPDATE %s SET value = ? WHERE partitionKey = ? AND clustering_1 IN (?, ?) AND clustering_2 IN (?, ?)', 10, 0, 1, 0, 1, 2);
    expect(await rows('SELECT * FROM %s WHERE partitionKey = ? AND clustering_1 IN (?, ?) AND clustering_2 IN (?, ?)', 0, 1, 0, 1, 2))
      .toEqual([row(0, 0, 1, 10), row(0, 0, 2, 10), row(0, 1, 1, 10), row(0, 1, 2, 10)]);
    await execute('UPDATE %s SET value = ? WHERE partitionKey = ? AND (clustering_1, clustering_2) IN ((?, ?), (?, ?))', 20, 0, 0, 2, 1, 2);
    expect(await rows('SELECT * FROM %s WHERE partitionKey = ? AND (clustering_1, clustering_2) IN ((?, ?), (?, ?))', 0, 0, 2, 1, 2))
      .toEqual([row(0, 0, 2, 20), row(0, 1, 2, 20)]);
    await assertInvalidMessage('Some partition key parts are missing: partitionkey', 'UPDATE %s SET value = ? WHERE clustering_1 = ? AND clustering_2 = ?', 7, 1, 1);
    await assertInvalidMessage('Some clustering keys are missing: clustering_1', 'UPDATE %s SET value = ? WHERE partitionKey = ? AND clustering_2 = ?', 7, 0, 1);
    await assertInvalidMessage('Some clustering keys are missing: clustering_1, clustering_2', 'UPDATE %s SET value = ? WHERE partitionKey = ?', 7, 0);
    await commonRefusals('clustering_1 = ? AND clustering_2 = ?', [1, 1]);
    await assertInvalidMessage('Slice restrictions are not supported on the clustering columns in UPDATE statements',
      'UPDATE %s SET value = ? WHERE partitionKey = ? AND (clustering_1, clustering_2) > (?, ?)', 7, 0, 1, 1);
  });

  it('needs every partition key component (testUpdateWithMultiplePartitionKeyComponents)', async () => {
    await createTable('(partitionKey_1 int, partitionKey_2 int, clustering_1 int, clustering_2 int, value int, PRIMARY KEY ((partitionKey_1, partitionKey_2), clustering_1, clustering_2))');
    await execute('UPDATE %s SET value = ? WHERE partitionKey_1 IN (?, ?) AND partitionKey_2 IN (?, ?) AND clustering_1 = ? AND clustering_2 = ?', 10, 0, 1, 0, 1, 0, 1);
    expect(await rows('SELECT * FROM %s')).toHaveLength(4);
    await assertInvalidMessage('Some partition key parts are missing: partitionkey_2',
      'UPDATE %s SET value = ? WHERE partitionKey_1 = ? AND clustering_1 = ? AND clustering_2 = ?', 7, 1, 1);
  });

  it('updates static columns by partition, and refuses clustering restrictions then (testUpdateWithAStaticColumn, testUpdateWithStaticList)', async () => {
    await createTable('(partitionKey int, clustering_1 int, clustering_2 int, value int, staticValue text static, PRIMARY KEY (partitionKey, clustering_1, clustering_2))');
    await execute("INSERT INTO %s (partitionKey, clustering_1, clustering_2, value, staticValue) VALUES (0, 0, 0, 0, 'A')");
    await execute('UPDATE %s SET staticValue = ? WHERE partitionKey = ?', 'A2', 0);
    expect(await rows('SELECT DISTINCT staticValue FROM %s WHERE partitionKey = ?', 0)).toEqual([row('A2')]);
    await assertInvalidMessage('Some clustering keys are missing: clustering_1, clustering_2', 'UPDATE %s SET staticValue = ?, value = ? WHERE partitionKey = ?', 'A2', 7, 0);
    await execute('UPDATE %s SET staticValue = ?, value = ?  WHERE partitionKey = ? AND clustering_1 = ? AND clustering_2 = ?', 'A3', 7, 0, 0, 1);
    expect(await rows('SELECT * FROM %s WHERE partitionKey = ? AND clustering_1 = ? AND clustering_2 = ?', 0, 0, 1)).toEqual([row(0, 0, 1, 'A3', 7)]);
    await assertInvalidMessage('Invalid restrictions on clustering columns since the UPDATE statement modifies only static columns',
      'UPDATE %s SET staticValue = ? WHERE partitionKey = ? AND clustering_1 = ? AND clustering_2 = ?', 'A3', 0, 0, 1);

    await createTable('(k int, clustering int, value int, l list<text> static, PRIMARY KEY (k, clustering))');
    await execute('INSERT INTO %s(k, clustering, value, l) VALUES (?, ?, ?, ?)', 0, 0, 0, ['v1', 'v2', 'v3']);
    await execute('UPDATE %s SET l[?] = ? WHERE k = ?', 1, 'v4', 0);
    expect(await rows('SELECT l FROM %s WHERE k = 0')).toEqual([row(['v1', 'v4', 'v3'])]);
  });

  it('applies TTLs: default, 0, unset, null, and refuses negative and too large ones (testUpdateWithDefaultTtl, testUpdateWithTtl)', async () => {
    await createTable('(a int PRIMARY KEY, b int) WITH default_time_to_live = 600');
    await execute('UPDATE %s USING TTL ? SET b = 3 WHERE a = 1', 0);
    expect(await rows('SELECT ttl(b) FROM %s WHERE a = 1')).toEqual([row(null)]);
    await execute('UPDATE %s USING TTL ? SET b = 2 WHERE a = 2', UNSET);
    expect(Number((await rows('SELECT ttl(b) FROM %s WHERE a = 2'))[0]![0])).toBeGreaterThanOrEqual(540);
    await execute('UPDATE %s USING TTL ? SET b = ? WHERE a = ?', null, 3, 3);
    expect(await rows('SELECT ttl(b) FROM %s WHERE a = 3')).toEqual([row(null)]);

    await createTable('(k int PRIMARY KEY, v int)');
    await execute('INSERT INTO %s (k, v) VALUES (1, 1) USING TTL ?', 3600);
    await execute('UPDATE %s USING TTL ? SET v = ? WHERE k = ?', UNSET, 1, 1);
    expect(await rows('SELECT ttl(v) FROM %s WHERE k = 1')).toEqual([row(null)]);
    await assertInvalidMessage('A TTL must be greater or equal to 0, but was -5', 'UPDATE %s USING TTL ? SET v = ? WHERE k = ?', -5, 1, 1);
    await assertInvalidMessage('ttl is too large.', 'UPDATE %s USING TTL ? SET v = ? WHERE k = ?', 630720001, 1, 1);
  });

  it('writes nothing for an empty IN, and refuses it without the clustering columns (testUpdateWithEmptyInRestriction)', async () => {
    await createTable('(a int, b int, c int, PRIMARY KEY (a,b))');
    for (const b of [1, 2, 3]) await execute('INSERT INTO %s (a,b,c) VALUES (?,?,?)', 1, b, b);
    await assertInvalidMessage('Some clustering keys are missing: b', 'UPDATE %s SET c = 100 WHERE a IN ();');
    for (const where of ['a IN () AND b IN ()', 'a IN () AND b = 1', 'a = 1 AND b IN ()']) await execute(`UPDATE %s SET c = 100 WHERE ${where};`);
    expect(await rows('SELECT * FROM %s')).toEqual([row(1, 1, 1), row(1, 2, 2), row(1, 3, 3)]);

    await createTable('(a int, b int, c int, d int, s int static, PRIMARY KEY ((a,b), c))');
    for (const c of [1, 2, 3]) await execute('INSERT INTO %s (a,b,c,d,s) VALUES (?,?,?,?,?)', 1, 1, c, c, 1);
    for (const where of ['a = 1 AND b = 1 AND c IN ()', 'a = 1 AND b IN () AND c IN ()', 'a IN () AND b IN () AND c IN ()', 'a IN () AND b IN () AND c = 1']) {
      await execute(`UPDATE %s SET d = 100 WHERE ${where};`);
    }
    expect(await rows('SELECT * FROM %s')).toEqual([row(1, 1, 1, 1, 1), row(1, 1, 2, 1, 2), row(1, 1, 3, 1, 3)]);
    await execute('UPDATE %s set s = 100 where a = 1 AND b = 1;');
    await execute('UPDATE %s set s = 200 where a = 1 AND b IN ();');
    expect(await rows('SELECT * FROM %s')).toEqual([row(1, 1, 1, 100, 1), row(1, 1, 2, 100, 2), row(1, 1, 3, 100, 3)]);
  });
});
