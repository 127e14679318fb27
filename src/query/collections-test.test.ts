/**
 * Several operations on one collection in the same statement, as Cassandra 4.1 runs them
 * (CollectionsTest.testMultipleOperationOn{List,Map,Set}WithinTheSameQuery): each list operation sees
 * the list with the statement's earlier operations applied, cells of one statement reconcile as stored
 * ones do (a tombstone wins, then the greater value), and a column set whole may not be changed twice.
 */
import { describe, expect, it } from 'vitest';
import { SyntaxError as CqlSyntaxError } from '../errors/index.js';
import { useCqlTester, row } from './testing/cql-tester.js';

const { execute, rows, createTable, assertInvalidMessage, assertErrorClass } = useCqlTester();

describe('several operations on one collection in one statement', () => {
  it('applies list operations in order, each seeing the earlier ones (testMultipleOperationOnListWithinTheSameQuery)', async () => {
    await createTable('(pk int PRIMARY KEY, l list<int>)');
    await execute('INSERT INTO %s (pk, l) VALUES (1, [1, 2, 3, 4])');
    const list = async () => rows('SELECT * FROM %s WHERE pk = ?', 1);

    // The same element set twice: the greater value wins.
    await execute('UPDATE %s SET l[?] = ?, l[?] = ?  WHERE pk = ?', 2, 7, 2, 8, 1);
    expect(await list()).toEqual([row(1, [1, 2, 8, 4])]);
    await execute('UPDATE %s SET l[?] = ?, l[?] = ?  WHERE pk = ?', 2, 9, 2, 6, 1);
    expect(await list()).toEqual([row(1, [1, 2, 9, 4])]);

    // Deleting the same index twice deletes the element at that index and the one after it.
    await execute('DELETE l[?], l[?] FROM %s WHERE pk = ?', 2, 2, 1);
    expect(await list()).toEqual([row(1, [1, 2])]);

    // Setting an appended element: the greater value wins.
    await execute('UPDATE %s SET l = l + ?, l[?] = ?  WHERE pk = ?', [3, 4], 3, 7, 1);
    expect(await list()).toEqual([row(1, [1, 2, 3, 7])]);
    await execute('UPDATE %s SET l = l + ?, l[?] = ?  WHERE pk = ?', [6, 8], 4, 5, 1);
    expect(await list()).toEqual([row(1, [1, 2, 3, 7, 6, 8])]);

    // The order of the operations matters.
    await assertInvalidMessage('List index 6 out of bound, list has size 6', 'UPDATE %s SET l[?] = ?, l = l + ? WHERE pk = ?', 6, 5, [9], 1);

    // The updated element is removed.
    await execute('UPDATE %s SET l[?] = ? , l = l - ? WHERE pk = ?', 2, 8, [8], 1);
    expect(await list()).toEqual([row(1, [1, 2, 7, 6])]);

    // A removed element cannot be set.
    await assertInvalidMessage('List index 3 out of bound, list has size 3', 'UPDATE %s SET l = l - ?, l[?] = ?  WHERE pk = ?', [6], 3, 4, 1);

    // The element is set before the others shift, and the others shift before an element is set.
    await execute('UPDATE %s SET l[?] = ? , l = l - ? WHERE pk = ?', 2, 8, [1], 1);
    expect(await list()).toEqual([row(1, [2, 8, 6])]);
    await execute('UPDATE %s SET l = l - ?, l[?] = ?  WHERE pk = ?', [2, 6], 0, 9, 1);
    expect(await list()).toEqual([row(1, [9])]);

    // Prepending and appending in one statement.
    await execute('UPDATE %s SET l = [1] + l, l = l + [2] WHERE pk = 1');
    expect(await list()).toEqual([row(1, [1, 9, 2])]);
    // An element set in a list that only the statement itself fills.
    await execute('INSERT INTO %s (pk) VALUES (2)');
    await execute('UPDATE %s SET l = l + [5, 6], l[1] = 7 WHERE pk = 2');
    expect(await rows('SELECT l FROM %s WHERE pk = 2')).toEqual([row([5, 7])]);
    await assertInvalidMessage('Attempted to set an element on a list which is null', 'UPDATE %s SET l = l - [5, 7], l[0] = 1 WHERE pk = 2');
  });

  it('reconciles map operations of one statement (testMultipleOperationOnMapWithinTheSameQuery)', async () => {
    await createTable('(pk int PRIMARY KEY, m map<int, int>)');
    await execute('INSERT INTO %s (pk, m) VALUES (1, {0 : 1, 1 : 2, 2 : 3, 3 : 4})');
    const map = async () => (await rows('SELECT m FROM %s WHERE pk = 1'))[0]![0];
    await execute('UPDATE %s SET m[?] = ?, m[?] = ?  WHERE pk = ?', 2, 7, 2, 8, 1);
    expect(await map()).toEqual([[0, 1], [1, 2], [2, 8], [3, 4]]);
    await execute('UPDATE %s SET m[?] = ?, m[?] = ?  WHERE pk = ?', 2, 9, 2, 6, 1);
    expect(await map()).toEqual([[0, 1], [1, 2], [2, 9], [3, 4]]);
    await execute('DELETE m[?], m[?] FROM %s WHERE pk = ?', 2, 2, 1);
    expect(await map()).toEqual([[0, 1], [1, 2], [3, 4]]);
    await execute('UPDATE %s SET m = m + ?, m[?] = ?  WHERE pk = ?', new Map([[4, 5]]), 4, 7, 1);
    expect(await map()).toEqual([[0, 1], [1, 2], [3, 4], [4, 7]]);
    await execute('UPDATE %s SET m = m + ?, m[?] = ?  WHERE pk = ?', new Map([[4, 8]]), 4, 6, 1);
    expect(await map()).toEqual([[0, 1], [1, 2], [3, 4], [4, 8]]);
    await execute('UPDATE %s SET m = m - ?, m[?] = ?  WHERE pk = ?', new Set([4]), 4, 9, 1);
    expect(await map()).toEqual([[0, 1], [1, 2], [3, 4]]);
    await execute('UPDATE %s SET m[?] = ?,  m = m - ?  WHERE pk = ?', 5, 9, new Set([5]), 1);
    expect(await map()).toEqual([[0, 1], [1, 2], [3, 4]]);
    await execute('UPDATE %s SET m[?] = ?, m = m + ?  WHERE pk = ?', 5, 9, new Map([[5, 8], [6, 9]]), 1);
    expect(await map()).toEqual([[0, 1], [1, 2], [3, 4], [5, 9], [6, 9]]);
  });

  it('lets a set\'s removal win over its addition (testMultipleOperationOnSetWithinTheSameQuery)', async () => {
    await createTable('(pk int PRIMARY KEY, s set<int>)');
    await execute('INSERT INTO %s (pk, s) VALUES (1, {0, 1, 2})');
    await execute('UPDATE %s SET s = s + ? , s = s - ?  WHERE pk = ?', new Set([3, 4]), new Set([3]), 1);
    expect(await rows('SELECT * FROM %s WHERE pk = 1')).toEqual([row(1, [0, 1, 2, 4])]);
    await execute('UPDATE %s SET s = s - ? , s = s + ?  WHERE pk = ?', new Set([3]), new Set([3, 4]), 1);
    expect(await rows('SELECT * FROM %s WHERE pk = 1')).toEqual([row(1, [0, 1, 2, 4])]);
  });

  it('refuses setting a column whole together with another operation on it (Cql.g addRawUpdate)', async () => {
    await createTable('(pk int PRIMARY KEY, l list<int>, v int)');
    for (const statement of ['UPDATE %s SET l = [5, 6], l = l + [7] WHERE pk = 1', 'UPDATE %s SET l = l + [8], l = [1] WHERE pk = 1',
      'UPDATE %s SET l[0] = 1, l = [1] WHERE pk = 1', 'UPDATE %s SET v = 1, v = 2 WHERE pk = 1']) {
      await assertErrorClass(CqlSyntaxError, statement);
    }
    await assertInvalidMessage('Multiple incompatible setting of column l', 'UPDATE %s SET l = [5, 6], l = l + [7] WHERE pk = 1');
    await assertInvalidMessage('The column names contains duplicates', 'INSERT INTO %s (pk, v, v) VALUES (1, 1, 2)');
  });
});
