/**
 * Cassandra 4.1's InsertTest (cql3/validation/operations), COMPACT STORAGE cases left out (such tables
 * cannot be created in 4.1): unset values, missing key parts, duplicate and unknown columns, statics,
 * default TTL.
 */
import { describe, expect, it } from 'vitest';
import { UNSET, useCqlTester, row } from './testing/cql-tester.js';

const { execute, rows, createTable, assertInvalidMessage } = useCqlTester();

describe('InsertTest', () => {
  it('takes null as a deletion and unset as no change, and refuses unset keys and function arguments (testInsertWithUnset)', async () => {
    await createTable('(k int PRIMARY KEY, s text, i int)');
    await execute('INSERT INTO %s (k, s, i) VALUES (10, ?, ?)', 'text', 10);
    await execute('INSERT INTO %s (k, s, i) VALUES (10, ?, ?)', null, null);
    expect(await rows('SELECT s, i FROM %s WHERE k = 10')).toEqual([row(null, null)]);
    await execute('INSERT INTO %s (k, s, i) VALUES (11, ?, ?)', 'text', 10);
    await execute('INSERT INTO %s (k, s, i) VALUES (11, ?, ?)', UNSET, UNSET);
    expect(await rows('SELECT s, i FROM %s WHERE k=11')).toEqual([row('text', 10)]);
    await assertInvalidMessage('Invalid unset value for column k', 'UPDATE %s SET i = 0 WHERE k = ?', UNSET);
    await assertInvalidMessage('Invalid unset value for column k', 'DELETE FROM %s WHERE k = ?', UNSET);
    await assertInvalidMessage('Invalid unset value for argument in call to function blobasint', 'SELECT * FROM %s WHERE k = blobAsInt(?)', UNSET);
  });

  it('takes an unset TTL as none (testInsertTtlWithUnset)', async () => {
    await createTable('(k int PRIMARY KEY, i int)');
    await execute('INSERT INTO %s (k, i) VALUES (1, 1) USING TTL ?', UNSET);
    expect(await rows('SELECT ttl(i) FROM %s')).toEqual([row(null)]);
  });

  it('refuses missing key parts, duplicate and unknown columns (testInsert, testInsertWithTwoClusteringColumns)', async () => {
    await createTable('(partitionKey int, clustering int, value int, PRIMARY KEY (partitionKey, clustering))');
    await execute('INSERT INTO %s (partitionKey, clustering) VALUES (0, 0)');
    await execute('INSERT INTO %s (partitionKey, clustering, value) VALUES (0, 1, 1)');
    expect(await rows('SELECT * FROM %s')).toEqual([row(0, 0, null), row(0, 1, 1)]);
    await assertInvalidMessage('Some partition key parts are missing: partitionkey', 'INSERT INTO %s (clustering, value) VALUES (0, 1)');
    await assertInvalidMessage('Some clustering keys are missing: clustering', 'INSERT INTO %s (partitionKey, value) VALUES (0, 2)');
    await assertInvalidMessage('The column names contains duplicates', 'INSERT INTO %s (partitionKey, clustering, value, value) VALUES (0, 0, 2, 2)');
    await assertInvalidMessage('The column names contains duplicates', 'INSERT INTO %s (partitionKey, clustering, clustering, value) VALUES (0, 0, 0, 2)');
    await assertInvalidMessage('Undefined column name clusteringx', 'INSERT INTO %s (partitionKey, clusteringx, value) VALUES (0, 0, 2)');
    await assertInvalidMessage('Undefined column name valuex', 'INSERT INTO %s (partitionKey, clustering, valuex) VALUES (0, 0, 2)');

    await createTable('(partitionKey int, clustering_1 int, clustering_2 int, value int, PRIMARY KEY (partitionKey, clustering_1, clustering_2))');
    await execute('INSERT INTO %s (partitionKey, clustering_1, clustering_2) VALUES (0, 0, 0)');
    await execute('INSERT INTO %s (partitionKey, clustering_1, clustering_2, value) VALUES (0, 0, 1, 1)');
    expect(await rows('SELECT * FROM %s')).toEqual([row(0, 0, 0, null), row(0, 0, 1, 1)]);
    await assertInvalidMessage('Some partition key parts are missing: partitionkey', 'INSERT INTO %s (clustering_1, clustering_2, value) VALUES (0, 0, 1)');
    await assertInvalidMessage('Some clustering keys are missing: clustering_1', 'INSERT INTO %s (partitionKey, clustering_2, value) VALUES (0, 0, 2)');
    await assertInvalidMessage('The column names contains duplicates', 'INSERT INTO %s (partitionKey, clustering_1, value, clustering_2, value) VALUES (0, 0, 2, 0, 2)');
    await assertInvalidMessage('The column names contains duplicates',
      'INSERT INTO %s (partitionKey, clustering_1, clustering_1, clustering_2, value) VALUES (0, 0, 0, 0, 2)');
    await assertInvalidMessage('Undefined column name clustering_1x', 'INSERT INTO %s (partitionKey, clustering_1x, clustering_2, value) VALUES (0, 0, 0, 2)');
    await assertInvalidMessage('Undefined column name valuex', 'INSERT INTO %s (partitionKey, clustering_1, clustering_2, valuex) VALUES (0, 0, 0, 2)');
  });

  it('writes static columns alone, and refuses missing key parts (testInsertWithAStaticColumn)', async () => {
    await createTable('(partitionKey int, clustering_1 int, clustering_2 int, value int, staticValue text static, PRIMARY KEY (partitionKey, clustering_1, clustering_2))');
    await execute("INSERT INTO %s (partitionKey, clustering_1, clustering_2, staticValue) VALUES (0, 0, 0, 'A')");
    await execute("INSERT INTO %s (partitionKey, staticValue) VALUES (1, 'B')");
    expect(await rows('SELECT * FROM %s')).toEqual([row(1, null, null, 'B', null), row(0, 0, 0, 'A', null)]);
    await execute('INSERT INTO %s (partitionKey, clustering_1, clustering_2, value) VALUES (1, 0, 0, 0)');
    expect(await rows('SELECT * FROM %s')).toEqual([row(1, 0, 0, 'B', 0), row(0, 0, 0, 'A', null)]);
    await assertInvalidMessage('Some partition key parts are missing: partitionkey', "INSERT INTO %s (clustering_1, clustering_2, staticValue) VALUES (0, 0, 'A')");
    await assertInvalidMessage('Some clustering keys are missing: clustering_1', "INSERT INTO %s (partitionKey, clustering_2, staticValue) VALUES (0, 0, 'A')");
  });

  it('applies the default TTL unless a TTL is given; 0 means none (testInsertWithDefaultTtl)', async () => {
    await createTable('(a int PRIMARY KEY, b int) WITH default_time_to_live = 600');
    await execute('INSERT INTO %s (a, b) VALUES (1, 1)');
    expect(Number((await rows('SELECT ttl(b) FROM %s WHERE a = 1'))[0]![0])).toBeGreaterThanOrEqual(540);
    await execute('INSERT INTO %s (a, b) VALUES (2, 2) USING TTL ?', 300);
    expect(Number((await rows('SELECT ttl(b) FROM %s WHERE a = 2'))[0]![0])).toBeLessThanOrEqual(300);
    await execute('INSERT INTO %s (a, b) VALUES (3, 3) USING TTL ?', 0);
    expect(await rows('SELECT ttl(b) FROM %s WHERE a = 3')).toEqual([row(null)]);
    await execute('INSERT INTO %s (a, b) VALUES (4, 4) USING TTL ?', UNSET);
    expect(Number((await rows('SELECT ttl(b) FROM %s WHERE a = 4'))[0]![0])).toBeGreaterThanOrEqual(540);
    await execute('INSERT INTO %s (a, b) VALUES (?, ?) USING TTL ?', 4, 4, null);
    expect(await rows('SELECT ttl(b) FROM %s WHERE a = 4')).toEqual([row(null)]);
  });
});
