/**
 * Updates inside non-frozen collections and UDTs: appends, prepends, element assignment and deletion,
 * removal by value, field updates, and CONTAINS filtering — each as a literal statement and prepared.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError, plainRows } from '../support/node-values.js';

const target = useNodeTarget('collections');

beforeAll(async () => {
  await target.client.execute('CREATE TYPE pair (a int, b text)');
  await target.client.execute(
    'CREATE TABLE bag (k int PRIMARY KEY, l list<int>, s set<text>, m map<text, int>, u pair, f frozen<list<int>>)',
  );
});

const read = async (k: number, columns: string) =>
  plainRows(await target.client.execute(`SELECT ${columns} FROM bag WHERE k = ${k}`))[0];

describe('lists', () => {
  it('appends, prepends, sets and deletes by index, and removes values', async () => {
    await target.client.execute('INSERT INTO bag (k, l) VALUES (1, [2, 3])');
    await target.client.execute('UPDATE bag SET l = l + [4, 5] WHERE k = 1');
    await target.client.execute('UPDATE bag SET l = [0, 1] + l WHERE k = 1');
    expect(await read(1, 'l')).toEqual({ l: [0, 1, 2, 3, 4, 5] });
    await target.client.execute('UPDATE bag SET l[2] = 20 WHERE k = 1');
    await target.client.execute('DELETE l[0] FROM bag WHERE k = 1');
    expect(await read(1, 'l')).toEqual({ l: [1, 20, 3, 4, 5] });
    await target.client.execute('UPDATE bag SET l = l - [3, 5] WHERE k = 1');
    expect(await read(1, 'l')).toEqual({ l: [1, 20, 4] });
  });

  it('binds list elements and indexes from markers', async () => {
    await target.client.execute('UPDATE bag SET l = l + ? WHERE k = ?', [[7, 8], 2], { prepare: true });
    await target.client.execute('UPDATE bag SET l[?] = ? WHERE k = ?', [1, 80, 2], { prepare: true });
    expect(await read(2, 'l')).toEqual({ l: [7, 80] });
  });

  it('rejects an index past the end of the list', async () => {
    await target.client.execute('INSERT INTO bag (k, l) VALUES (3, [1])');
    await expectServerError(
      target.client.execute('UPDATE bag SET l[5] = 1 WHERE k = 3'),
      ErrorCodes.invalid,
      'List index 5 out of bound, list has size 1',
    );
  });
});

describe('sets and maps', () => {
  it('adds and removes set elements', async () => {
    await target.client.execute("INSERT INTO bag (k, s) VALUES (10, {'b', 'a'})");
    await target.client.execute("UPDATE bag SET s = s + {'c'}, s = s - {'a'} WHERE k = 10");
    expect(await read(10, 's')).toEqual({ s: ['b', 'c'] });
    await target.client.execute('UPDATE bag SET s = s - ? WHERE k = ?', [['b', 'c'], 10], { prepare: true });
    expect(await read(10, 's')).toEqual({ s: null });
  });

  it('puts, overwrites and deletes map entries', async () => {
    await target.client.execute("UPDATE bag SET m = m + {'a': 1, 'b': 2} WHERE k = 11");
    await target.client.execute("UPDATE bag SET m['b'] = 20 WHERE k = 11");
    await target.client.execute('UPDATE bag SET m[?] = ? WHERE k = ?', ['c', 30, 11], { prepare: true });
    expect(await read(11, 'm')).toEqual({ m: { a: 1, b: 20, c: 30 } });
    await target.client.execute("DELETE m['a'] FROM bag WHERE k = 11");
    await target.client.execute("UPDATE bag SET m = m - {'c'} WHERE k = 11");
    expect(await read(11, 'm')).toEqual({ m: { b: 20 } });
  });

  it('selects single map elements and set membership with CONTAINS filtering', async () => {
    await target.client.execute("INSERT INTO bag (k, s, m) VALUES (12, {'needle'}, {'key': 7})");
    expect(await read(12, "m['key'] AS v")).toEqual({ v: 7 });
    const found = await target.client.execute("SELECT k FROM bag WHERE s CONTAINS 'needle' ALLOW FILTERING");
    expect(found.rows.map((r) => r['k'])).toEqual([12]);
    const byKey = await target.client.execute("SELECT k FROM bag WHERE m CONTAINS KEY 'key' ALLOW FILTERING");
    expect(byKey.rows.map((r) => r['k'])).toEqual([12]);
  });
});

describe('user types and frozen values', () => {
  it('updates one field of a non-frozen UDT and keeps the others', async () => {
    await target.client.execute("INSERT INTO bag (k, u) VALUES (20, {a: 1, b: 'one'})");
    await target.client.execute('UPDATE bag SET u.a = 2 WHERE k = 20');
    expect(await read(20, 'u')).toEqual({ u: { a: 2, b: 'one' } });
    await target.client.execute('DELETE u.b FROM bag WHERE k = 20');
    expect(await read(20, 'u.a, u.b')).toEqual({ 'u.a': 2, 'u.b': null });
  });

  it('replaces a frozen collection as a whole and refuses element updates', async () => {
    await target.client.execute('INSERT INTO bag (k, f) VALUES (21, [1, 2])');
    await target.client.execute('UPDATE bag SET f = [3] WHERE k = 21');
    expect(await read(21, 'f')).toEqual({ f: [3] });
    await expectServerError(
      target.client.execute('UPDATE bag SET f = f + [4] WHERE k = 21'),
      ErrorCodes.invalid,
      /^Invalid operation \(.*\) for frozen collection column f$/,
    );
  });
});
