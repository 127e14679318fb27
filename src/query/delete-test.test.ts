/**
 * Cassandra 4.1's DeleteTest (cql3/validation/operations), COMPACT STORAGE variants left out: deletions
 * of rows, columns, ranges and partitions, and the refusals of incomplete keys, token(), repeated
 * equalities, unknown names, non-key columns and range deletions of specific columns.
 */
import { describe, expect, it } from 'vitest';
import { useCqlTester, row } from './testing/cql-tester.js';

const { execute, rows, createTable, assertInvalidMessage } = useCqlTester();

describe('DeleteTest', () => {
  it('deletes columns and partitions of a table without clustering, and refuses the rest (testDeleteWithNoClusteringColumns)', async () => {
    await createTable('(partitionKey int PRIMARY KEY, value int)');
    for (const k of [0, 1, 2, 3]) await execute('INSERT INTO %s (partitionKey, value) VALUES (?, ?)', k, k);
    await execute('DELETE value FROM %s WHERE partitionKey = ?', 0);
    expect(await rows('SELECT * FROM %s WHERE partitionKey = ?', 0)).toEqual([row(0, null)]);
    await execute('DELETE FROM %s WHERE partitionKey IN (?, ?)', 0, 1);
    expect(await rows('SELECT * FROM %s')).toEqual([row(2, 2), row(3, 3)]);
    await assertInvalidMessage('The token function cannot be used in WHERE clauses for DELETE statements', 'DELETE FROM %s WHERE token(partitionKey) = token(?)', 0);
    await assertInvalidMessage('partitionkey cannot be restricted by more than one relation if it includes an Equal', 'DELETE FROM %s WHERE partitionKey = ? AND partitionKey = ?', 0, 1);
    await assertInvalidMessage('Undefined column name unknown', 'DELETE unknown FROM %s WHERE partitionKey = ?', 0);
    await assertInvalidMessage('Undefined column name partitionkey1', 'DELETE FROM %s WHERE partitionKey1 = ?', 0);
    await assertInvalidMessage('Only EQ and IN relation are supported on the partition key (unless you use the token() function)', 'DELETE FROM %s WHERE partitionKey > ? ', 0);
    await assertInvalidMessage('Cannot use CONTAINS on non-collection column partitionkey', 'DELETE FROM %s WHERE partitionKey CONTAINS ?', 0);
    await assertInvalidMessage('Non PRIMARY KEY columns found in where clause: value', 'DELETE FROM %s WHERE partitionKey = ? AND value = ?', 0, 1);
  });

  it('deletes by one clustering column, and refuses the rest (testDeleteWithOneClusteringColumns)', async () => {
    await createTable('(partitionKey int, clustering int, value int, PRIMARY KEY (partitionKey, clustering))');
    for (const [k, c, v] of [[0, 0, 0], [0, 1, 1], [0, 2, 2], [0, 3, 3], [0, 4, 4], [0, 5, 5], [1, 0, 6]]) {
      await execute('INSERT INTO %s (partitionKey, clustering, value) VALUES (?, ?, ?)', k, c, v);
    }
    await execute('DELETE value FROM %s WHERE partitionKey = ? AND clustering = ?', 0, 1);
    expect(await rows('SELECT * FROM %s WHERE partitionKey = ? AND clustering = ?', 0, 1)).toEqual([row(0, 1, null)]);
    await execute('DELETE FROM %s WHERE partitionKey = ? AND clustering = ?', 0, 1);
    await execute('DELETE FROM %s WHERE partitionKey IN (?, ?) AND clustering = ?', 0, 1, 0);
    await execute('DELETE FROM %s WHERE partitionKey = ? AND (clustering) IN ((?), (?))', 0, 4, 5);
    expect(await rows('SELECT * FROM %s WHERE partitionKey IN (?, ?)', 0, 1)).toEqual([row(0, 2, 2), row(0, 3, 3)]);
    await assertInvalidMessage('Some partition key parts are missing: partitionkey', 'DELETE FROM %s WHERE clustering = ?', 1);
    await assertInvalidMessage('The token function cannot be used in WHERE clauses for DELETE statements', 'DELETE FROM %s WHERE token(partitionKey) = token(?) AND clustering = ? ', 0, 1);
    await assertInvalidMessage('clustering cannot be restricted by more than one relation if it includes an Equal', 'DELETE FROM %s WHERE partitionKey = ? AND clustering = ? AND clustering = ?', 0, 1, 1);
    await assertInvalidMessage('Undefined column name value1', 'DELETE value1 FROM %s WHERE partitionKey = ? AND clustering = ?', 0, 1);
    await assertInvalidMessage('Undefined column name partitionkey1', 'DELETE FROM %s WHERE partitionKey1 = ? AND clustering = ?', 0, 1);
    await assertInvalidMessage('Undefined column name clustering_3', 'DELETE FROM %s WHERE partitionKey = ? AND clustering_3 = ?', 0, 1);
    await assertInvalidMessage('Only EQ and IN relation are supported on the partition key (unless you use the token() function)', 'DELETE FROM %s WHERE partitionKey > ? AND clustering = ?', 0, 1);
    await assertInvalidMessage('Cannot use CONTAINS on non-collection column partitionkey', 'DELETE FROM %s WHERE partitionKey CONTAINS ? AND clustering = ?', 0, 1);
    await assertInvalidMessage('Non PRIMARY KEY columns found in where clause: value', 'DELETE FROM %s WHERE partitionKey = ? AND clustering = ? AND value = ?', 0, 1, 3);
  });

  it('deletes by two clustering columns, and refuses a gap and the rest (testDeleteWithTwoClusteringColumns)', async () => {
    await createTable('(partitionKey int, clustering_1 int, clustering_2 int, value int, PRIMARY KEY (partitionKey, clustering_1, clustering_2))');
    for (const [k, c1, c2, v] of [[0, 0, 0, 0], [0, 0, 1, 1], [0, 0, 2, 2], [0, 0, 3, 3], [0, 1, 1, 4], [0, 1, 2, 5], [1, 0, 0, 6]]) {
      await execute('INSERT INTO %s (partitionKey, clustering_1, clustering_2, value) VALUES (?, ?, ?, ?)', k, c1, c2, v);
    }
    await execute('DELETE value FROM %s WHERE partitionKey = ? AND clustering_1 = ? AND clustering_2 = ?', 0, 1, 1);
    await execute('DELETE FROM %s WHERE partitionKey = ? AND (clustering_1, clustering_2) = (?, ?)', 0, 1, 1);
    await execute('DELETE FROM %s WHERE partitionKey IN (?, ?) AND clustering_1 = ? AND clustering_2 = ?', 0, 1, 0, 0);
    await execute('DELETE value FROM %s WHERE partitionKey = ? AND clustering_1 = ? AND clustering_2 IN (?, ?)', 0, 0, 2, 3);
    expect(await rows('SELECT * FROM %s WHERE partitionKey IN (?, ?)', 0, 1)).toEqual([row(0, 0, 1, 1), row(0, 0, 2, null), row(0, 0, 3, null), row(0, 1, 2, 5)]);
    await execute('DELETE FROM %s WHERE partitionKey = ? AND (clustering_1, clustering_2) IN ((?, ?), (?, ?))', 0, 0, 2, 1, 2);
    await execute('DELETE FROM %s WHERE partitionKey = ? AND (clustering_1) IN ((?), (?)) AND clustering_2 = ?', 0, 0, 2, 3);
    expect(await rows('SELECT * FROM %s WHERE partitionKey IN (?, ?)', 0, 1)).toEqual([row(0, 0, 1, 1)]);

    await assertInvalidMessage('Some partition key parts are missing: partitionkey', 'DELETE FROM %s WHERE clustering_1 = ? AND clustering_2 = ?', 1, 1);
    await assertInvalidMessage('PRIMARY KEY column "clustering_2" cannot be restricted as preceding column "clustering_1" is not restricted',
      'DELETE FROM %s WHERE partitionKey = ? AND clustering_2 = ?', 0, 1);
    await assertInvalidMessage('clustering_1 cannot be restricted by more than one relation if it includes an Equal',
      'DELETE FROM %s WHERE partitionKey = ? AND clustering_1 = ? AND clustering_2 = ? AND clustering_1 = ?', 0, 1, 1, 1);
    await assertInvalidMessage('Undefined column name clustering_3', 'DELETE FROM %s WHERE partitionKey = ? AND clustering_1 = ? AND clustering_3 = ?', 0, 1, 1);
    await assertInvalidMessage('Non PRIMARY KEY columns found in where clause: value',
      'DELETE FROM %s WHERE partitionKey = ? AND clustering_1 = ? AND clustering_2 = ? AND value = ?', 0, 1, 1, 3);
  });

  it('deletes ranges of rows, and refuses range deletions of specific columns (testDeleteWithRangeAnd*ClusteringColumn*)', async () => {
    await createTable('(partitionKey int, clustering_1 int, clustering_2 int, value int, PRIMARY KEY (partitionKey, clustering_1, clustering_2))');
    let value = 0;
    for (let k = 0; k < 2; k++) for (let c1 = 0; c1 < 5; c1++) for (let c2 = 0; c2 < 5; c2++) {
      await execute('INSERT INTO %s (partitionKey, clustering_1, clustering_2, value) VALUES (?, ?, ?, ?)', k, c1, c2, value++);
    }
    await execute('DELETE FROM %s WHERE partitionKey = ? AND clustering_1 = ? AND clustering_2 > ? AND clustering_2 < ? ', 0, 3, 1, 4);
    expect(await rows('SELECT clustering_2 FROM %s WHERE partitionKey = ? AND clustering_1 = ?', 0, 3)).toEqual([row(0), row(1), row(4)]);
    await execute('DELETE FROM %s WHERE partitionKey = ? AND (clustering_1, clustering_2) >= (?, ?) AND (clustering_1) <= (?)', 1, 3, 2, 4);
    expect(await rows('SELECT clustering_1, clustering_2 FROM %s WHERE partitionKey = ? AND clustering_1 >= ?', 1, 3)).toEqual([row(3, 0), row(3, 1)]);
    await execute('DELETE FROM %s WHERE partitionKey = ? AND clustering_1 IN (?, ?) AND (clustering_2) >= (?)', 1, 0, 1, 3);
    expect(await rows('SELECT clustering_2 FROM %s WHERE partitionKey = ? AND clustering_1 = ?', 1, 1)).toEqual([row(0), row(1), row(2)]);

    const message = 'Range deletions are not supported for specific columns';
    await assertInvalidMessage(message, 'DELETE value FROM %s WHERE partitionKey = ? AND (clustering_1, clustering_2) >= (?, ?)', 2, 3, 1);
    await assertInvalidMessage(message, 'DELETE value FROM %s WHERE partitionKey = ? AND clustering_1 >= ?', 2, 3);
    await assertInvalidMessage(message, 'DELETE value FROM %s WHERE partitionKey = ? AND clustering_1 = ?', 2, 3);
    await assertInvalidMessage(message, 'DELETE value FROM %s WHERE partitionKey = ?', 2);
  });
});
