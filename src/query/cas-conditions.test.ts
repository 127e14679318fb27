/**
 * Conditions on collections, their elements, user types and their fields, as Cassandra 4.1's
 * InsertUpdateIfConditionCollectionsTest checks them (without CONTAINS, which 5.0 added): which hold,
 * which do not (the current value shown beside `[applied]`), which are refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidRequestError, SyntaxError as CqlSyntaxError } from '../errors/index.js';
import { useCqlTester, row, UNSET } from './testing/cql-tester.js';

const tester = useCqlTester();
const { execute, rows, createTable, assertInvalidMessage, assertErrorClass } = tester;

describe('conditions on collections and user types (InsertUpdateIfConditionCollectionsTest)', () => {
  /** UPDATE … SET <column> = <value> IF <condition>: applies, or not (showing the value), leaving the value as it was. */
  async function check(column: string, value: unknown, stored: unknown, applies: readonly string[], doesNotApply: readonly string[]) {
    for (const condition of applies) {
      expect(await rows(`UPDATE %s SET ${column} = ? WHERE k = 0 IF ${condition}`, value), condition).toEqual([row(true)]);
    }
    for (const condition of doesNotApply) {
      expect(await rows(`UPDATE %s SET ${column} = ? WHERE k = 0 IF ${condition}`, value), condition).toEqual([row(false, stored)]);
    }
    expect(await rows('SELECT * FROM %s')).toEqual([row(0, stored)]);
  }

  async function checkInvalid(column: string, value: unknown, conditions: readonly string[], type: abstract new (...args: never[]) => Error = InvalidRequestError) {
    for (const condition of conditions) await assertErrorClass(type, `UPDATE %s SET ${column} = ? WHERE k = 0 IF ${condition}`, value);
  }

  const UDT_CASES = [
    {
      value: { a: 0, b: 'abc' }, stored: [0, 'abc'],
      applies: ["v = {a: 0, b: 'abc'}", 'v != null', "v != {a: 1, b: 'abc'}", "v != {a: 0, b: 'def'}", "v > {a: -1, b: 'abc'}",
        "v > {a: 0, b: 'aaa'}", 'v > {a: 0}', "v >= {a: 0, b: 'aaa'}", "v >= {a: 0, b: 'abc'}", "v < {a: 0, b: 'zzz'}", "v < {a: 1, b: 'abc'}",
        'v < {a: 1}', "v <= {a: 0, b: 'zzz'}", "v <= {a: 0, b: 'abc'}", "v IN (null, {a: 0, b: 'abc'}, {a: 1})",
        "v > {a: -1, b: 'abc'} AND v > {a: 0}", "v != null AND v IN ({a: 0, b: 'abc'})"],
      doesNotApply: ["v = {a: 0, b: 'def'}", "v = {a: 1, b: 'abc'}", 'v = null', "v != {a: 0, b: 'abc'}", "v > {a: 1, b: 'abc'}",
        "v > {a: 0, b: 'zzz'}", "v >= {a: 1, b: 'abc'}", "v >= {a: 0, b: 'zzz'}", "v < {a: -1, b: 'abc'}", "v < {a: 0, b: 'aaa'}",
        "v <= {a: -1, b: 'abc'}", "v <= {a: 0, b: 'aaa'}", "v IN ({a: 0}, {b: 'abc'}, {a: 0, b: 'def'}, null)", 'v IN ()',
        "v IN () AND v IN ({a: 0, b: 'abc'})", "v > {a: 0, b: 'aaa'} AND v < {a: 0, b: 'aaa'}"],
    },
    {
      value: { a: 0, b: null }, stored: [0, null],
      applies: ['v = {a: 0}', 'v = {a: 0, b: null}', 'v != null', 'v != {a: 1, b: null}', 'v != {a: 1}', "v != {a: 0, b: 'def'}",
        "v > {a: -1, b: 'abc'}", 'v > {a: -1}', 'v >= {a: 0}', "v >= {a: -1, b: 'abc'}", "v < {a: 0, b: 'zzz'}", "v < {a: 1, b: 'abc'}",
        'v < {a: 1}', "v <= {a: 0, b: 'zzz'}", 'v <= {a: 0}', "v IN (null, {a: 0, b: 'abc'}, {a: 0})",
        "v > {a: -1, b: 'abc'} AND v >= {a: 0}", 'v != null AND v IN ({a: 0}, {a: 0, b: null})'],
      doesNotApply: ["v = {a: 0, b: 'def'}", 'v = {a: 1}', "v = {b: 'abc'}", 'v = null', 'v != {a: 0}', 'v != {a: 0, b: null}',
        "v > {a: 1, b: 'abc'}", 'v > {a: 0}', "v >= {a: 1, b: 'abc'}", 'v >= {a: 1}', "v < {a: -1, b: 'abc'}", 'v < {a: -1}', 'v < {a: 0}',
        "v <= {a: -1, b: 'abc'}", 'v <= {a: -1}', "v IN ({a: 1}, {b: 'abc'}, {a: 0, b: 'def'}, null)", 'v IN ()', 'v IN () AND v IN ({a: 0})',
        'v > {a: -1} AND v < {a: 0}'],
    },
    {
      value: { a: null, b: 'abc' }, stored: [null, 'abc'],
      applies: ["v = {a: null, b: 'abc'}", "v = {b: 'abc'}", 'v != null', "v != {a: 0, b: 'abc'}", 'v != {a: 0}', "v != {b: 'def'}",
        "v > {a: null, b: 'aaa'}", "v > {b: 'aaa'}", "v >= {a: null, b: 'aaa'}", "v >= {b: 'abc'}", "v < {a: null, b: 'zzz'}",
        "v < {a: 0, b: 'abc'}", 'v < {a: 0}', "v < {b: 'zzz'}", "v <= {a: null, b: 'zzz'}", 'v <= {a: 0}', "v <= {b: 'abc'}",
        "v IN (null, {a: null, b: 'abc'}, {a: 0})", "v IN (null, {a: 0, b: 'abc'}, {b: 'abc'})", "v > {b: 'aaa'} AND v >= {b: 'abc'}",
        "v != null AND v IN ({a: 0}, {a: null, b: 'abc'})"],
      doesNotApply: ["v = {a: 0, b: 'def'}", 'v = {a: 1}', "v = {b: 'def'}", 'v = null', "v != {b: 'abc'}", "v != {a: null, b: 'abc'}",
        "v > {a: 1, b: 'abc'}", "v > {a: null, b: 'zzz'}", "v > {b: 'zzz'}", "v >= {a: null, b: 'zzz'}", 'v >= {a: 1}', "v >= {b: 'zzz'}",
        "v < {a: null, b: 'aaa'}", "v < {b: 'aaa'}", "v <= {a: null, b: 'aaa'}", "v <= {b: 'aaa'}",
        "v IN ({a: 1}, {a: 1, b: 'abc'}, {a: null, b: 'def'}, null)", 'v IN ()', "v IN () AND v IN ({b: 'abc'})",
        "v IN () AND v IN ({a: null, b: 'abc'})", 'v > {a: -1} AND v < {a: 0}'],
    },
    {
      value: null, stored: null,
      applies: ['v = null', "v IN (null, {a: null, b: 'abc'}, {a: 0})", "v IN (null, {a: 0, b: 'abc'}, {b: 'abc'})",
        "v = null AND v IN (null, {a: 0}, {a: null, b: 'abc'})"],
      doesNotApply: ["v = {a: 0, b: 'def'}", 'v = {a: 1}', "v = {b: 'def'}", 'v != null', "v > {a: 1, b: 'abc'}", "v > {a: null, b: 'zzz'}",
        "v > {b: 'zzz'}", "v >= {a: null, b: 'zzz'}", 'v >= {a: 1}', "v >= {b: 'zzz'}", "v < {a: null, b: 'aaa'}", "v < {b: 'aaa'}",
        "v <= {a: null, b: 'aaa'}", "v <= {b: 'aaa'}", "v IN ({a: 1}, {a: 1, b: 'abc'}, {a: null, b: 'def'})", 'v IN ()',
        "v IN () AND v IN ({b: 'abc'})", 'v > {a: -1} AND v < {a: 0}'],
    },
  ];

  const UDT_FIELD_CASES = [
    {
      value: { a: 0, b: 'abc' }, stored: [0, 'abc'],
      applies: ['v.a = 0', "v.b = 'abc'", 'v.a < 1', "v.b < 'zzz'", "v.b <= 'bar'", "v.b > 'aaa'", "v.b >= 'abc'", 'v.a != -1', "v.b != 'xxx'",
        'v.a != null', 'v.b != null', 'v.a IN (null, 0, 1)', "v.b IN (null, 'xxx', 'abc')", "v.b > 'aaa' AND v.b < 'zzz'", "v.a = 0 AND v.b > 'aaa'"],
      doesNotApply: ['v.a = -1', "v.b = 'xxx'", 'v.a < -1', "v.b < 'aaa'", "v.b <= 'aaa'", "v.b > 'zzz'", "v.b >= 'zzz'", 'v.a != 0', "v.b != 'abc'",
        'v.a IN (null, -1)', "v.b IN (null, 'xxx')", 'v.a IN ()', 'v.b IN ()', 'v.b != null AND v.b IN ()'],
    },
    {
      value: { a: 0, b: null }, stored: [0, null],
      applies: ['v.a = 0', 'v.b = null', "v.b != 'xxx'", 'v.a != null', 'v.a IN (null, 0, 1)', "v.b IN (null, 'xxx', 'abc')", 'v.a = 0 AND v.b = null'],
      doesNotApply: ["v.b = 'abc'", 'v.a < -1', "v.b < 'aaa'", "v.b <= 'aaa'", "v.b > 'zzz'", "v.b >= 'zzz'", 'v.a != 0', 'v.b != null',
        'v.a IN (null, -1)', "v.b IN ('xxx', 'abc')", 'v.a IN ()', 'v.b IN ()', 'v.b != null AND v.b IN ()'],
    },
    {
      value: null, stored: null,
      applies: ['v.a = null', 'v.b = null', 'v.a != 0', "v.b != 'abc'", 'v.a IN (null, 0, 1)', "v.b IN (null, 'xxx', 'abc')", 'v.a = null AND v.b = null'],
      doesNotApply: ['v.a = 0', 'v.a < -1', "v.b >= 'zzz'", 'v.a != null', 'v.b != null', 'v.a IN (-1, 0)', "v.b IN ('xxx', 'abc')", 'v.a IN ()',
        'v.b IN ()', 'v.b != null AND v.b IN ()'],
    },
  ];

  describe.each([{ frozen: false }, { frozen: true }])('user types (frozen: $frozen)', ({ frozen }) => {
    beforeAll(async () => {
      await execute('CREATE TYPE IF NOT EXISTS mytype (a int, b text)');
    });

    it('compares whole values (testWholeUDT)', async () => {
      await createTable(`(k int PRIMARY KEY, v ${frozen ? 'frozen<mytype>' : 'mytype'})`);
      for (const { value, stored, applies, doesNotApply } of UDT_CASES) {
        await execute('INSERT INTO %s (k, v) VALUES (0, ?)', value);
        await check('v', value, stored, applies, doesNotApply);
      }
      await checkInvalid('v', { a: 0, b: 'abc' }, ["v = {a: 1, b: 'abc', c: 'foo'}", "v = {foo: 'foo'}", "v < {a: 1, b: 'abc', c: 'foo'}",
        'v < null', 'v <= null', 'v > null', 'v >= null']);
      await checkInvalid('v', { a: 0, b: 'abc' }, ['v IN null', 'v IN 367', 'v CONTAINS KEY 123'], CqlSyntaxError);
    });

    it('compares fields (testUDTField)', async () => {
      await createTable(`(k int PRIMARY KEY, v ${frozen ? 'frozen<mytype>' : 'mytype'})`);
      for (const { value, stored, applies, doesNotApply } of UDT_FIELD_CASES) {
        await execute('INSERT INTO %s (k, v) VALUES (0, ?)', value);
        await check('v', value, stored, applies, doesNotApply);
      }
      await checkInvalid('v', null, ['v.c = null', 'v.a < null', 'v.a <= null', 'v.a > null', 'v.a >= null', 'v.b IN (1, 2, 3)']);
      await checkInvalid('v', null, ['v.a IN null', 'v.a IN 367', 'v.a CONTAINS 367'], CqlSyntaxError);
    });

    it('takes IN values from markers, skipping unset ones (testInMarkerWithUDTs)', async () => {
      await createTable(`(k int PRIMARY KEY, v ${frozen ? 'frozen<mytype>' : 'mytype'})`);
      const v = { a: 0, b: 'abc' };
      await execute('INSERT INTO %s (k, v) VALUES (0, ?)', v);
      const update = "UPDATE %s SET v = {a: 0, b: 'bc'} WHERE k = 0 IF ";
      for (const values of [[{ a: 1, b: 'abc' }, { a: 0, b: 'ac' }], [{ a: 1, b: 'abc' }, null], [null, null], [{ a: 1, b: 'abc' }, UNSET], [UNSET, UNSET]]) {
        expect(await rows(`${update}v IN (?, ?)`, ...values)).toEqual([row(false, [0, 'abc'])]);
      }
      expect(await rows(`${update}v IN ?`, [{ a: 1, b: 'abc' }, { a: 0, b: 'ac' }])).toEqual([row(false, [0, 'abc'])]);
      expect(await rows(`${update}v.a IN (?, ?)`, 1, null)).toEqual([row(false, [0, 'abc'])]);
      expect(await rows(`${update}v.a IN (?, ?)`, 1, UNSET)).toEqual([row(false, [0, 'abc'])]);
      expect(await rows(`${update}v IN (?, ?)`, { a: 0, b: 'abc' }, { a: 0, b: 'ac' })).toEqual([row(true)]);
      expect(await rows("UPDATE %s SET v = {a: 1, b: 'bc'} WHERE k = 0 IF v IN (?, ?, ?)", { a: 1, b: 'bc' }, UNSET, { a: 0, b: 'bc' })).toEqual([row(true)]);
      expect(await rows("UPDATE %s SET v = {a: 0, b: 'abc'} WHERE k = 0 IF v.a IN (?, ?, ?)", 2, UNSET, 1)).toEqual([row(true)]);
      expect(await rows("UPDATE %s SET v = {a: 0, b: 'bc'} WHERE k = 0 IF v.a IN ?", [0, 1])).toEqual([row(true)]);
      await assertInvalidMessage('Invalid null list in IN condition', `${update}v IN ?`, null);
      await assertInvalidMessage("Invalid 'unset' value in condition", `${update}v IN ?`, UNSET);
      await assertInvalidMessage("Invalid 'unset' value in condition", `${update}v.a IN ?`, UNSET);
    });
  });

  describe.each([{ frozen: false }, { frozen: true }])('collections (frozen: $frozen)', ({ frozen }) => {
    const typed = (t: string) => (frozen ? `frozen<${t}>` : t);

    it('compares whole lists and their elements (testWholeList, testListItem, testExpandedListItem)', async () => {
      await createTable(`(k int PRIMARY KEY, l ${typed('list<text>')})`);
      const list = ['foo', 'bar', 'foobar'];
      await execute('INSERT INTO %s (k, l) VALUES (0, ?)', list);
      await check('l', list, list, ["l = ['foo', 'bar', 'foobar']", "l != ['baz']", "l > ['a']", "l >= ['a']", "l < ['z']", "l <= ['z']",
        "l IN (null, ['foo', 'bar', 'foobar'], ['a'])", "l > ['aaa', 'bbb'] AND l > ['aaa']", "l != null AND l IN (['foo', 'bar', 'foobar'])",
        "l[1] < 'zzz'", "l[1] <= 'bar'", "l[1] > 'aaa'", "l[1] >= 'bar'", "l[1] != 'xxx'", 'l[1] != null', "l[1] IN (null, 'xxx', 'bar')",
        "l[1] > 'aaa' AND l[1] < 'zzz'", 'l[3] = null', "l[3] IN (null, 'xxx', 'bar')"],
      ["l = ['baz']", "l != ['foo', 'bar', 'foobar']", "l > ['z']", "l >= ['z']", "l < ['a']", "l <= ['a']", "l IN (['a'], null)", 'l IN ()',
        "l IN () AND l IN (['foo', 'bar', 'foobar'])", "l > ['zzz'] AND l < ['zzz']", "l[1] < 'aaa'", "l[1] <= 'aaa'", "l[1] > 'zzz'",
        "l[1] >= 'zzz'", "l[1] != 'bar'", "l[1] IN (null, 'xxx')", 'l[1] IN ()', 'l[1] != null AND l[1] IN ()', 'l[3] != null', "l[3] = 'xxx'"]);
      await checkInvalid('l', list, ['l = [null]', 'l < null', 'l <= null', 'l > null', 'l >= null', 'l[1] < null', 'l[1] IN (1, 2, 3)', 'l[null] = null']);
      await checkInvalid('l', list, ['l IN null', 'l IN 367', "l CONTAINS 'bar'", 'l[1] CONTAINS 367'], CqlSyntaxError);
      await assertInvalidMessage('Invalid null value for list element access', 'DELETE FROM %s WHERE k = 0 IF l[?] = ?', null, 'foobar');
      await assertInvalidMessage('Invalid negative list index -2', 'DELETE FROM %s WHERE k = 0 IF l[?] = ?', -2, 'foobar');
      expect(await rows('DELETE FROM %s WHERE k = 0 IF l[?] = ?', 1, null)).toEqual([row(false, list)]);
      expect(await rows('DELETE FROM %s WHERE k = 0 IF l[?] = ?', 1, 'bar')).toEqual([row(true)]);
      expect(await rows('SELECT * FROM %s')).toEqual([]);
    });

    it('compares whole sets (testWholeSet)', async () => {
      await createTable(`(k int PRIMARY KEY, s ${typed('set<text>')})`);
      await execute("INSERT INTO %s (k, s) VALUES (0, {'bar', 'foo'})");
      await check('s', ['foo', 'bar'], ['bar', 'foo'], ["s = {'bar', 'foo'}", "s = {'foo', 'bar'}", "s != {'baz'}", "s > {'a'}", "s >= {'a'}",
        "s < {'z'}", "s <= {'z'}", "s IN (null, {'bar', 'foo'}, {'a'})", "s > {'a'} AND s < {'z'}",
        "s IN (null, {'bar', 'foo'}, {'a'}) AND s IN ({'a'}, {'bar', 'foo'}, null)"],
      ["s = {'baz'}", "s != {'bar', 'foo'}", "s > {'z'}", "s >= {'z'}", "s < {'a'}", "s <= {'a'}", "s IN ({'a'}, null)", 's IN ()', 's != null AND s IN ()']);
      await checkInvalid('s', ['foo'], ['s = {null}', 's < null', "s['foo'] = 'foobar'"]);
    });

    it('compares whole maps and their entries (testWholeMap, testMapItem, testExpandedMapItem)', async () => {
      await createTable(`(k int PRIMARY KEY, m ${typed('map<text, text>')})`);
      const map = [['foo', 'bar']];
      await execute("INSERT INTO %s (k, m) VALUES (0, {'foo': 'bar'})");
      await check('m', map, map, ["m = {'foo': 'bar'}", "m > {'a': 'a'}", "m >= {'a': 'a'}", "m < {'z': 'z'}", "m <= {'z': 'z'}", "m != {'a': 'a'}",
        "m IN (null, {'a': 'a'}, {'foo': 'bar'})", "m > {'a': 'a'} AND m < {'z': 'z'}", "m != null AND m IN (null, {'a': 'a'}, {'foo': 'bar'})",
        "m['xxx'] = null", "m['foo'] < 'zzz'", "m['foo'] <= 'bar'", "m['foo'] > 'aaa'", "m['foo'] >= 'bar'", "m['foo'] != 'xxx'", "m['foo'] != null",
        "m['foo'] IN (null, 'xxx', 'bar')", "m['xxx'] IN (null, 'xxx', 'bar')", "m['foo'] < 'zzz' AND m['foo'] > 'aaa'"],
      ["m = {'a': 'a'}", "m > {'z': 'z'}", "m >= {'z': 'z'}", "m < {'a': 'a'}", "m <= {'a': 'a'}", "m != {'foo': 'bar'}", "m IN ({'a': 'a'}, null)",
        'm IN ()', 'm = null AND m != null', "m['foo'] < 'aaa'", "m['foo'] <= 'aaa'", "m['foo'] > 'zzz'", "m['foo'] >= 'zzz'", "m['foo'] != 'bar'",
        "m['xxx'] != null", "m['foo'] IN (null, 'xxx')", "m['foo'] IN ()", "m['foo'] != null AND m['foo'] = null"]);
      await checkInvalid('m', map, ['m = {null: null}', "m = {'a': null}", "m = {null: 'a'}", 'm < null', "m['foo'] < null", "m['foo'] IN (1, 2, 3)", 'm[null] = null']);
      await assertInvalidMessage('Invalid null value for map element access', 'DELETE FROM %s WHERE k = 0 IF m[?] = ?', null, 'foo');
      expect(await rows('DELETE FROM %s WHERE k = 0 IF m[?] = ?', 'foo', 'foo')).toEqual([row(false, map)]);
      expect(await rows('DELETE FROM %s WHERE k = 0 IF m[?] = ?', 'foo', 'bar')).toEqual([row(true)]);
      await execute('INSERT INTO %s (k, m) VALUES (1, null)');
      const update = "UPDATE %s SET m['foo'] = 'bar', m['bar'] = 'foo' WHERE k = 1 IF m[?] IN (?, ?)";
      if (frozen) await assertInvalidMessage("Invalid operation (m['foo'] = 'bar') for frozen collection column m", update, 'foo', 'blah', null);
      else expect(await rows(update, 'foo', 'blah', null)).toEqual([row(true)]);
    });
  });

  it('compares a null frozen collection with nothing but null (testFrozenWithNullValues)', async () => {
    for (const [type, value, other] of [['list<text>', ['test'], ['comparison']], ['map<text, int>', { test: 3 }, { comparison: 2 }], ['set<text>', ['test'], ['comparison']]]) {
      await createTable(`(k int PRIMARY KEY, m frozen<${type as string}>)`);
      await execute('INSERT INTO %s (k, m) VALUES (0, null)');
      expect(await rows('UPDATE %s SET m = ? WHERE k = 0 IF m = ?', value, other)).toEqual([row(false, null)]);
    }
  });

  it('takes an empty non-frozen collection for null and for empty at once (testNonFrozenEmptyCollection)', async () => {
    for (const [type, column, empty, some, a] of [['list<text>', 'l', [], ['bar'], ['a']], ['set<text>', 's', [], ['bar'], ['a']],
      ['map<text, text>', 'm', {}, { foo: 'bar' }, { a: 'a' }]] as const) {
      await createTable(`(k int PRIMARY KEY, ${column} ${type})`);
      await execute(`INSERT INTO %s (k, ${column}) VALUES (0, null)`);
      const update = `UPDATE %s SET ${column} = null WHERE k = 0 IF ${column}`;
      for (const [op, value] of [['=', null], ['=', empty], ['!=', some], ['<', a], ['<=', a]] as const) {
        expect(await rows(`${update} ${op} ?`, value), `${column} ${op} ${JSON.stringify(value)}`).toEqual([row(true)]);
      }
      expect(await rows(`${update} IN (?, ?)`, null, some)).toEqual([row(true)]);
      for (const [op, value] of [['=', some], ['>', a], ['>=', a]] as const) {
        expect(await rows(`${update} ${op} ?`, value), `${column} ${op} ${JSON.stringify(value)}`).toEqual([row(false, null)]);
      }
    }
  });
});
