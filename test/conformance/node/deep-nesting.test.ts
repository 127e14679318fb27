/**
 * Deeply nested input through the Node driver (issue 13): statements with 50,000 nested parentheses,
 * brackets, calls or operators, types nested 5,000 levels deep (as CQL, as a class name, through user
 * types), JSON nested 50,000 levels, and nested values bound as bytes, simple and prepared. Each is
 * answered with a SyntaxError or InvalidRequest naming the limit (Cassanova's: 500 levels of statement
 * nesting, 500 of types, 1000 of JSON), never a ServerError, and the node keeps serving; depths under
 * the limits work. The limits are Cassanova's own, so those expectations are skipped against a real Cassandra.
 */
import { describe, expect, it } from 'vitest';
import { isExternalTarget, useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError } from '../support/node-values.js';

const target = useNodeTarget('deep_nesting');
const DEEP = 50_000;
const STATEMENT_LIMIT = 'nested more than 500 levels deep';
const TYPE_LIMIT = 'Type nested more than 500 levels deep';
const cassanovaOnly = it.skipIf(isExternalTarget);

const nested = (open: string, inner: string, close: string, n: number): string => open.repeat(n) + inner + close.repeat(n);
/** A JavaScript value nested `n` lists deep around one int, and its type as CQL. */
const nestedList = (n: number): unknown => (n === 0 ? 7 : [nestedList(n - 1)]);
const nestedListType = (n: number): string => nested('frozen<list<', 'int', '>>', n);

async function stillServing(): Promise<void> {
  const { rows } = await target.client.execute('SELECT release_version FROM system.local');
  expect(rows).toHaveLength(1);
}

describe('statements nested 50,000 levels', () => {
  cassanovaOnly.each([
    ['parentheses in a selection', `SELECT ${nested('(', 'k', ')', DEEP)} FROM plain`],
    ['parentheses in a term', `SELECT * FROM plain WHERE k = ${nested('(', '1', ')', DEEP)}`],
    ['list literals', `INSERT INTO plain (k, l) VALUES (1, ${nested('[', '', ']', DEEP)})`],
    ['function calls', `SELECT ${nested('blobAsInt(', 'k', ')', DEEP)} FROM plain`],
    ['an arithmetic chain', `SELECT * FROM plain WHERE k = 1${'+1'.repeat(DEEP)}`],
    ['parenthesised relations', `SELECT * FROM plain WHERE ${nested('(', 'k = 1', ')', DEEP)}`],
  ])('refuses %s with a SyntaxError naming the limit, simple and prepared', async (_, cql) => {
    await target.client.execute('CREATE TABLE IF NOT EXISTS plain (k int PRIMARY KEY, v int, l list<int>)');
    await expectServerError(target.client.execute(cql), ErrorCodes.syntaxError, STATEMENT_LIMIT);
    await expectServerError(target.client.execute(cql, [], { prepare: true }), ErrorCodes.syntaxError, STATEMENT_LIMIT);
    await stillServing();
  });

  it('runs statements nested 400 levels, simple and prepared', async () => {
    await target.client.execute('CREATE TABLE IF NOT EXISTS plain (k int PRIMARY KEY, v int, l list<int>)');
    const insert = `INSERT INTO plain (k, v) VALUES (${nested('(', '3', ')', 400)}, 1${'+0'.repeat(400)})`;
    await target.client.execute(insert);
    await target.client.execute(insert, [], { prepare: true });
    const select = `SELECT ${nested('intAsBlob(blobAsInt(', 'v', '))', 200)} AS v FROM plain WHERE k = ${nested('(', '?', ')', 400)}`;
    for (const prepare of [false, true]) {
      const { rows } = await target.client.execute(select, [3], { prepare, hints: ['int'] });
      expect(rows[0]?.['v']).toEqual(Buffer.from([0, 0, 0, 1]));
    }
  });
});

describe('types nested 5,000 levels', () => {
  cassanovaOnly('refuses a CQL type nested 5,000 levels with a SyntaxError naming the limit', async () => {
    const cql = `CREATE TABLE deep_type (k int PRIMARY KEY, v ${nested('tuple<', 'int', '>', 5_000)})`;
    await expectServerError(target.client.execute(cql), ErrorCodes.syntaxError, STATEMENT_LIMIT);
    await stillServing();
  });

  cassanovaOnly('refuses a class name nested 5,000 levels with a SyntaxError naming the limit', async () => {
    const className = nested('org.apache.cassandra.db.marshal.ListType(', 'org.apache.cassandra.db.marshal.Int32Type', ')', 5_000);
    await expectServerError(
      target.client.execute(`CREATE TABLE deep_class (k int PRIMARY KEY, v '${className}')`), ErrorCodes.syntaxError, TYPE_LIMIT,
    );
    await stillServing();
  });

  cassanovaOnly('refuses a type that user types take past the limit with an InvalidRequest naming it', async () => {
    await target.client.execute(`CREATE TYPE deep_udt (f ${nested('tuple<', 'int', '>', 490)})`);
    await target.client.execute('CREATE TYPE deeper_udt (f frozen<deep_udt>)');
    await expectServerError(
      target.client.execute(`CREATE TYPE deepest_udt (f ${nested('frozen<list<', 'frozen<deeper_udt>', '>>', 10)})`),
      ErrorCodes.invalid, TYPE_LIMIT,
    );
    await expectServerError(
      target.client.execute(`CREATE TABLE deep_udt_table (k int PRIMARY KEY, v ${nested('frozen<list<', 'frozen<deeper_udt>', '>>', 10)})`),
      ErrorCodes.invalid, TYPE_LIMIT,
    );
    await stillServing();
  });
});

describe('deeply nested JSON', () => {
  it('refuses JSON nested 50,000 levels in INSERT JSON and fromJson()', async () => {
    await target.client.execute('CREATE TABLE IF NOT EXISTS json_target (k int PRIMARY KEY, l list<int>)');
    const deep = nested('[', '', ']', DEEP);
    const insertJson = `INSERT INTO json_target JSON '{"k": 1, "l": ${deep}}'`;
    await expectServerError(target.client.execute(insertJson), ErrorCodes.invalid, isExternalTarget ? undefined : 'JSON nested deeper than 1000 levels');
    await expectServerError(target.client.execute('INSERT INTO json_target JSON ?', [`{"k": 1, "l": ${deep}}`], { prepare: true }), ErrorCodes.invalid);
    await expectServerError(
      target.client.execute('INSERT INTO json_target (k, l) VALUES (1, fromJson(?))', [deep], { prepare: true }), 0x1400,
      isExternalTarget ? undefined : 'JSON nested deeper than 1000 levels',
    );
    await stillServing();
  });
});

describe('deeply nested values bound as bytes', () => {
  it('stores and reads back a list nested 200 levels, simple and prepared', async () => {
    await target.client.execute(`CREATE TABLE IF NOT EXISTS deep_values (k int PRIMARY KEY, v ${nestedListType(200)})`);
    const value = nestedList(200);
    await target.client.execute('INSERT INTO deep_values (k, v) VALUES (?, ?)', [1, value], { prepare: true });
    await target.client.execute('INSERT INTO deep_values (k, v) VALUES (?, ?)', [2, value], { prepare: false, hints: ['int', `list<${'list<'.repeat(199)}int${'>'.repeat(200)}`] });
    for (const prepare of [false, true]) {
      const { rows } = await target.client.execute('SELECT k, v FROM deep_values WHERE k IN (1, 2)', [], { prepare });
      expect(rows.map((r) => r['v'])).toEqual([value, value]);
    }
    const json = await target.client.execute('SELECT JSON v FROM deep_values WHERE k = 1');
    expect(JSON.parse(String(json.rows[0]?.['[json]']))).toEqual({ v: value });
  });

  it('refuses bytes that do not fit the nested type with an InvalidRequest', async () => {
    await target.client.execute(`CREATE TABLE IF NOT EXISTS deep_values (k int PRIMARY KEY, v ${nestedListType(200)})`);
    // One list of one element claiming more bytes than follow, inside 199 well-formed levels.
    let bytes = Buffer.from([0, 0, 0, 1, 0, 0, 0, 9, 0, 0, 0, 4, 0, 0]);
    for (let i = 1; i < 200; i++) bytes = Buffer.concat([Buffer.from([0, 0, 0, 1]), int32(bytes.length), bytes]);
    await expectServerError(
      target.client.execute('INSERT INTO deep_values (k, v) VALUES (3, ?)', [bytes], { prepare: true, hints: ['blob'] }),
      ErrorCodes.invalid,
    );
    await stillServing();
  });
});

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}
