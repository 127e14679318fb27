/**
 * Selectors beyond plain columns, as Cassandra 4.1 answers them (SelectTest, CollectionsTest): type-hinted
 * literals and bind markers, literal and bind-marker function arguments, and element and slice selection
 * on sets and maps, frozen and not, through the Node driver, unprepared and prepared.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { useNodeTarget } from '../support/node-client.js';
import { comparable, ErrorCodes, expectServerError } from '../support/node-values.js';

const target = useNodeTarget('selectors');

/** The single row a statement returns, as comparable values by position, and its column names. */
async function only(cql: string, params: unknown[] = []): Promise<{ names: string[]; values: unknown[] }> {
  const result = await target.client.execute(cql, params, { prepare: params.length > 0 });
  expect(result.rows).toHaveLength(1);
  const row = result.rows[0]!;
  return { names: result.columns.map((c) => c.name), values: result.columns.map((_c, i) => comparable(row.get(i))) };
}

beforeAll(async () => {
  await target.client.execute(
    'CREATE TABLE coll (k int PRIMARY KEY, m map<text, text>, fm frozen<map<text, text>>, s set<text>, fs frozen<set<text>>, l list<int>, mi map<int, int>)',
  );
  await target.client.execute(
    "INSERT INTO coll (k, m, fm, s, fs, l) VALUES (0, {'1': 'one', '2': 'two'}, {'1': 'one', '2': 'two'}, {'1', '2', '3'}, {'1', '2', '3'}, [1, 2, 3])",
  );
  await target.client.execute('INSERT INTO coll (k, mi) VALUES (1, {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5})');
  await target.client.execute('INSERT INTO coll (k, fm, fs) VALUES (2, {}, {})');
});

describe('terms in the selection clause', () => {
  it('selects type-hinted literals on every row, named by their text', async () => {
    const { names, values } = await only("SELECT k, (text)'a const', (int)42, (int) 43, (list<int>)[1, 2, 3], (map<int, text>){1: 'foo'} FROM coll WHERE k = 0");
    expect(names).toEqual(['k', "(text)'a const'", '(int)42', '(int)43', '(list<int>)[1, 2, 3]', "(map<int, text>){1: 'foo'}"]);
    expect(values).toEqual([0, 'a const', 42, 43, [1, 2, 3], { 1: 'foo' }]);
  });

  it('selects type-hinted bind markers', async () => {
    const { names, values } = await only('SELECT (int)?, (text)?, k FROM coll WHERE k = ?', [88, 'foo', 0]);
    expect(names).toEqual(['(int)?', '(text)?', 'k']);
    expect(values).toEqual([88, 'foo', 0]);
  });

  it.each(["'a const'", '42', 'null', '[1, 2, 3]'])('cannot infer the type of %s without a hint', async (term) => {
    await expectServerError(
      target.client.execute(`SELECT k, ${term} FROM coll`), ErrorCodes.invalid,
      `Cannot infer type for term ${term === 'null' ? 'NULL' : term} in selection clause (try using a cast to force a type)`,
    );
  });

  it('types literal and bind-marker arguments of functions by the function', async () => {
    const literal = await only("SELECT blobAsText(textAsBlob('hi')), intAsBlob(3) FROM coll WHERE k = 0");
    expect(literal.names).toEqual(["system.blobastext(system.textasblob('hi'))", 'system.intasblob(3)']);
    expect(literal.values).toEqual(['hi', 'blob:00000003']);
    const bound = await only('SELECT blobAsText(textAsBlob(?)) FROM coll WHERE k = ?', ['bound', 0]);
    expect(bound.values).toEqual(['bound']);
  });
});

describe('element and slice selection', () => {
  it('selects elements and inclusive slices of maps and sets, frozen or not (CollectionsTest)', async () => {
    const { values } = await only(
      "SELECT m, m['2'], m['2'..'3'], m[..'2'], m['3'..], fm, fm['2'], fm['2'..'3'], fm[..'2'], fm['3'..], " +
      "s, s['2'], s['2'..'3'], s[..'2'], s['3'..], fs, fs['2'], fs['2'..'3'], fs[..'2'], fs['3'..] FROM coll WHERE k = 0",
    );
    const map = { 1: 'one', 2: 'two' };
    expect(values).toEqual([
      map, 'two', { 2: 'two' }, map, null,
      map, 'two', { 2: 'two' }, map, {},
      ['1', '2', '3'], '2', ['2', '3'], ['1', '2'], ['3'],
      ['1', '2', '3'], '2', ['2', '3'], ['1', '2'], ['3'],
    ]);
  });

  it('keeps the collection type for slices and the element type for elements', async () => {
    const result = await target.client.execute("SELECT m, m['2'], m['2'..'3'], s['2'], s[..'2'] FROM coll WHERE k = 0");
    const types = result.columns.map((c) => c.type.code);
    const { dataTypes } = cassandra.types;
    expect(types).toEqual([dataTypes.map, dataTypes.varchar, dataTypes.map, dataTypes.varchar, dataTypes.set]);
  });

  it('slices overlapping ranges of a map of ints (CollectionsTest.testMapOverlappingSlices)', async () => {
    expect((await only('SELECT mi[7..8] FROM coll WHERE k = ?', [1])).values).toEqual([null]);
    expect((await only('SELECT mi[0..3], mi[2..4] FROM coll WHERE k = ?', [1])).values)
      .toEqual([{ 0: 0, 1: 1, 2: 2, 3: 3 }, { 2: 2, 3: 3, 4: 4 }]);
    expect((await only('SELECT mi[..3], mi[3..4], mi[2] FROM coll WHERE k = ?', [1])).values)
      .toEqual([{ 0: 0, 1: 1, 2: 2, 3: 3 }, { 3: 3, 4: 4 }, 2]);
  });

  it('binds keys and bounds, and an unset bound leaves the slice open', async () => {
    const { values } = await only('SELECT m[?], s[?..?] FROM coll WHERE k = ?', ['1', '2', '3', 0]);
    expect(values).toEqual(['one', ['2', '3']]);
    const open = await target.client.execute('SELECT s[?..?] FROM coll WHERE k = ?', ['2', cassandra.types.unset, 0], { prepare: true });
    expect(comparable(open.rows[0]!.get(0))).toEqual(['2', '3']);
  });

  it('gives empty frozen collections empty slices and no elements', async () => {
    const { values } = await only("SELECT fm['0'], fs['0'], fm['0'..'1'], fs['0'..'1'], fm['0'..'1']['3'..'5'] FROM coll WHERE k = 2");
    expect(values).toEqual([null, null, {}, [], {}]);
  });

  it('refuses element and slice selection on lists, and null keys', async () => {
    await expectServerError(target.client.execute('SELECT l[0] FROM coll'), ErrorCodes.invalid,
      'Element selection is only allowed on sets and maps, but l is a list');
    await expectServerError(target.client.execute('SELECT l[0..1] FROM coll'), ErrorCodes.invalid,
      'Slice selection is only allowed on sets and maps, but l is a list');
    await expectServerError(target.client.execute('SELECT m[null] FROM coll WHERE k = 0'), ErrorCodes.invalid,
      'Invalid null value for element selection on m');
    await expectServerError(target.client.execute('SELECT m[?] FROM coll WHERE k = 0', [null], { prepare: true }), ErrorCodes.invalid,
      'Invalid null value for element selection on m');
  });
});
