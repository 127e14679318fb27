/**
 * User-defined types as Cassandra 4.1's UserTypesTest checks them: literals and bound values, refusals
 * and their messages, frozen and non-frozen UDTs (field updates and deletions), types altered while
 * nested in collections, tuples and other types, and circular references. Values decode as arrays of
 * field values in the type's order. Types used by user-defined functions and aggregates
 * (testTypeAlterUsedInFunction) and by a table with a materialized view
 * (testAlteringUserTypeNestedWithinSetWithView) too.
 */
import { describe, expect, it } from 'vitest';
import { SyntaxError } from '../errors/index.js';
import { int32Bytes, int64Bytes } from '../types/index.js';
import { Raw, row, UNSET, useCqlTester } from './testing/cql-tester.js';

const tester = useCqlTester();
const { execute, rows, createTable, createFunction, assertInvalidMessage } = tester;

let typeCount = 0;
/** CQLTester.createType: a new type in the test keyspace, its bare name returned. */
async function createType(definition: string): Promise<string> {
  const name = `ut${++typeCount}`;
  await execute(`CREATE TYPE ks.${name} ${definition}`);
  return name;
}

describe('UserTypesTest: literals, bound values and refusals', () => {
  it('refuses unknown fields and malformed values (testInvalidField, testInvalidInputForUserType)', async () => {
    const myType = await createType('(f int)');
    await createTable(`(k int PRIMARY KEY, v frozen<${myType}>)`);
    await assertInvalidMessage(`Unknown field 's' in value of user defined type ${myType}`, 'INSERT INTO %s (k, v) VALUES (?, {s : ?})', 0, 1);
    // `{}` is an empty set literal to the grammar (Sets.Literal), not a user type literal.
    await assertInvalidMessage('Invalid set literal for v of type frozen<', 'INSERT INTO %s (k, v) VALUES (0, {})');
    await createTable(`(pk int PRIMARY KEY, t frozen<${myType}>)`);
    await assertInvalidMessage('Not enough bytes to read 0th field f', 'INSERT INTO %s (pk, t) VALUES (?, ?)', 1, new Raw(Buffer.from('test')));
    await assertInvalidMessage('Not enough bytes to read 0th field f', 'INSERT INTO %s (pk, t) VALUES (?, ?)', 1, new Raw(int64Bytes(2n ** 63n - 1n)));
    const type = await createType('(a int, b tuple<int, text, double>)');
    await createTable(`(k int PRIMARY KEY, t frozen<${type}>)`);
    const field = (b: Buffer): Buffer => Buffer.concat([int32Bytes(b.length), b]);
    const tuple = Buffer.concat([field(int32Bytes(1)), field(Buffer.from('1')), field(Buffer.alloc(8)), field(int32Bytes(1))]);
    await assertInvalidMessage('Invalid remaining data after end of tuple value', 'INSERT INTO %s (k, t) VALUES (0, ?)',
      new Raw(Buffer.concat([field(int32Bytes(1)), field(tuple)])));
    await assertInvalidMessage('Invalid user type literal for t: field b is not of type frozen<tuple<int, text, double>>',
      "INSERT INTO %s (k, t) VALUES (0, {a: 1, b: (1, '1', 1.0, 1)})");
  });

  it('takes UDT literals inside collections (testCassandra8105) and as clustering keys (testFor7684)', async () => {
    const ut1 = await createType('(a int, b int)');
    const ut2 = await createType(`(j frozen<ks.${ut1}>, k int)`);
    await createTable(`(x int PRIMARY KEY, y set<frozen<ks.${ut2}>>)`);
    await execute('INSERT INTO %s (x, y) VALUES (1, { { k: 1 } })');
    expect(await rows('SELECT y FROM %s')).toEqual([row([[null, 1]])]);
    await createTable(`(x int PRIMARY KEY, y list<frozen<ks.${ut2}>>)`);
    await execute('INSERT INTO %s (x, y) VALUES (1, [ { k: 1 } ])');

    const myType = await createType('(x double)');
    await createTable(`(k int, v frozen<${myType}>, b boolean static, PRIMARY KEY (k, v))`);
    await execute('INSERT INTO %s(k, v) VALUES (?, {x:?})', 1, -104.99251);
    await execute('UPDATE %s SET b = ? WHERE k = ?', true, 1);
    expect(await rows('SELECT v.x FROM %s WHERE k = ? AND v = {x:?}', 1, -104.99251)).toEqual([row(-104.99251)]);
  });

  it('refuses misplaced and mistyped UDTs with Cassandra\'s messages (testInvalidUDTStatements)', async () => {
    const typename = await createType('(a int)');
    const myType = `ks.${typename}`;
    // 4.x's CreateTableStatement names the type and quotes the column (3.x said "for PRIMARY KEY component k").
    await assertInvalidMessage(`Invalid non-frozen user-defined type ${typename} for PRIMARY KEY column 'k'`, `CREATE TABLE ks.wrong (k ${myType} PRIMARY KEY , v int)`);
    await assertInvalidMessage(`Invalid non-frozen user-defined type ${typename} for PRIMARY KEY column 'k2'`, `CREATE TABLE ks.wrong (k1 int, k2 ${myType}, v int, PRIMARY KEY (k1, k2))`);
    await assertInvalidMessage(`Non-frozen UDTs are not allowed inside collections: list<${myType}>`, `CREATE TABLE ks.wrong (k int PRIMARY KEY, v list<${myType}>)`);
    await assertInvalidMessage(`Non-frozen UDTs are not allowed inside collections: map<int, ${myType}>`, `CREATE TABLE ks.wrong (k int PRIMARY KEY, v map<int, ${myType}>)`);
    await assertInvalidMessage(`Non-frozen UDTs are not allowed inside collections: list<${myType}>`, `CREATE TYPE ks.wrong (a int, b list<${myType}>)`);
    await assertInvalidMessage('A user type cannot contain non-frozen UDTs', `CREATE TYPE ks.wrong (a int, b ${myType})`);
    await assertInvalidMessage('Statement on keyspace ks cannot refer to a user type in keyspace otherkeyspace; user types can only be used in the keyspace they are defined in',
      'CREATE TABLE ks.wrong (k int PRIMARY KEY, v frozen<otherKeyspace.myType>)');
    await assertInvalidMessage('Unknown type ks.unknowntype', 'CREATE TABLE ks.wrong (k int PRIMARY KEY, v frozen<ks.unknownType>)');

    await createTable(`(a int PRIMARY KEY, b frozen<${myType}>, c int)`);
    await assertInvalidMessage('Frozen UDT column b does not support field deletion', 'DELETE b.a FROM %s WHERE a = 0');
    await assertInvalidMessage('Invalid field deletion operation for non-UDT column c', 'DELETE c.a FROM %s WHERE a = 0');
    await assertInvalidMessage('Invalid operation (b.a = 0) for frozen UDT column b', 'UPDATE %s SET b.a = 0 WHERE a = 0');
    await assertInvalidMessage('Invalid operation (c.a = 0) for non-UDT column c', 'UPDATE %s SET c.a = 0 WHERE a = 0');

    await createTable(`(a int PRIMARY KEY, b ${myType}, c int)`);
    await assertInvalidMessage('UDT column b does not have a field named foo', 'DELETE b.foo FROM %s WHERE a = 0');
    await assertInvalidMessage('UDT column b does not have a field named foo', 'UPDATE %s SET b.foo = 0 WHERE a = 0');
    await assertInvalidMessage(`Unknown field 'foo' in value of user defined type ${typename}`, 'INSERT INTO %s (a, b, c) VALUES (0, {a: 0, foo: 0}, 0)');
    await assertInvalidMessage('Invalid remaining data after end of UDT value', 'INSERT INTO %s (a, b, c) VALUES (0, ?, 0)',
      new Raw(Buffer.concat([int32Bytes(4), int32Bytes(0), int32Bytes(4), int32Bytes(0)])));
    const typename2 = await createType('(bar int, foo list<int>)');
    await assertInvalidMessage('Non-frozen UDTs with nested non-frozen collections are not supported', `CREATE TABLE ks.wrong (k int PRIMARY KEY, v ks.${typename2})`);
  });

  it('refuses unset fields of frozen UDTs (testUDTWithUnsetValues)', async () => {
    const myType = await createType('(x int, y int)');
    const myOtherType = await createType(`(a frozen<${myType}>)`);
    await createTable(`(k int PRIMARY KEY, v frozen<${myType}>, z frozen<${myOtherType}>)`);
    await assertInvalidMessage(`Invalid unset value for field 'y' of user defined type ${myType}`, 'INSERT INTO %s (k, v) VALUES (10, {x:?, y:?})', 1, UNSET);
    await assertInvalidMessage(`Invalid unset value for field 'y' of user defined type ${myType}`,
      'INSERT INTO %s (k, v, z) VALUES (10, {x:?, y:?}, {a:{x: ?, y: ?}})', 1, 1, 1, UNSET);
    // A non-frozen UDT is written field by field: 4.1 lets the unset field through and writes it empty.
    const text = await createType('(a int, b text)');
    await createTable(`(k int PRIMARY KEY, v ${text})`);
    await execute("INSERT INTO %s (k, v) VALUES (0, {a: 0, b: 'x'})");
    await execute('UPDATE %s SET v = {a: ?, b: ?} WHERE k = 0', 1, UNSET);
    expect(await rows('SELECT v FROM %s WHERE k = 0')).toEqual([row([1, ''])]);
  });

  it('refuses empty type and field names (emptyTypeNameTest, emptyFieldNameTest, renameColumnToEmpty)', async () => {
    await tester.cql.assertErrorClass(SyntaxError, 'CREATE TYPE "" (a int, b int)');
    await tester.cql.assertErrorClass(SyntaxError, 'CREATE TYPE mytype ("" int, b int)');
    const typeName = await createType('(a int, b int)');
    await tester.cql.assertErrorClass(SyntaxError, `ALTER TYPE ks.${typeName} RENAME b TO ""`);
  });

  it('refuses circular references (testCircularReferences)', async () => {
    const type1 = await createType('(foo int)');
    for (const wrap of ['%', 'list<%>', 'set<%>', 'map<text, %>', 'map<%, text>']) {
      const typeX = await createType(`(bar frozen<${wrap.replace('%', `ks.${type1}`)}>)`);
      await assertInvalidMessage('would create a circular reference', `ALTER TYPE ks.${type1} ADD needs_to_fail frozen<ks.${typeX}>`);
    }
    await assertInvalidMessage('would create a circular reference', `ALTER TYPE ks.${type1} ADD needs_to_fail frozen<list<ks.${type1}>>`);
  });
});

describe('UserTypesTest: altered types and non-frozen UDTs', () => {
  it('reads values written before a field was added (testAlterUDT, testAlterNonFrozenUDT)', async () => {
    const myType = `ks.${await createType('(a int)')}`;
    await createTable(`(a int PRIMARY KEY, b frozen<${myType}>)`);
    await execute('INSERT INTO %s (a, b) VALUES (1, ?)', { a: 1 });
    await execute(`ALTER TYPE ${myType} ADD b int`);
    await execute('INSERT INTO %s (a, b) VALUES (2, ?)', { a: 2, b: 2 });
    expect(await rows('SELECT b.a, b.b FROM %s')).toEqual([row(1, null), row(2, 2)]);

    const nonFrozen = `ks.${await createType('(a int, b text)')}`;
    await createTable(`(k int PRIMARY KEY, v ${nonFrozen})`);
    await execute('INSERT INTO %s (k, v) VALUES (0, ?)', { a: 1, b: 'abc' });
    await execute(`ALTER TYPE ${nonFrozen} RENAME b TO foo`);
    expect(await rows('SELECT v, v.a, v.foo FROM %s')).toEqual([row([1, 'abc'], 1, 'abc')]);
    await execute("UPDATE %s SET v.foo = 'def' WHERE k = 0");
    expect(await rows('SELECT v FROM %s')).toEqual([row([1, 'def'])]);
    await execute(`ALTER TYPE ${nonFrozen} ADD c int`);
    expect(await rows('SELECT v, v.c FROM %s')).toEqual([row([1, 'def', null], null)]);
    await execute('INSERT INTO %s (k, v) VALUES (0, ?)', { a: 3, foo: 'abc', c: 0 });
    expect(await rows('SELECT v, v.c FROM %s')).toEqual([row([3, 'abc', 0], 0)]);
  });

  it('reads altered types nested in collections, tuples and types (testAlteringUserTypeNestedWithin*)', async () => {
    for (const prefix of ['frozen<map<text, ', 'map<text, frozen<']) {
      const ut = await createType('(a int)');
      await createTable(`(x int PRIMARY KEY, y ${prefix}ks.${ut}>>)`);
      await execute("INSERT INTO %s (x, y) VALUES(1, {'firstValue':{a:1}})");
      await execute(`ALTER TYPE ks.${ut} ADD b int`);
      await execute("INSERT INTO %s (x, y) VALUES(2, {'secondValue':{a:2, b:2}})");
      await execute("INSERT INTO %s (x, y) VALUES(4, {'fourthValue':{b:4}})");
      expect(await rows('SELECT * FROM %s')).toEqual([
        row(1, [['firstValue', [1, null]]]), row(2, [['secondValue', [2, 2]]]), row(4, [['fourthValue', [null, 4]]]),
      ]);
    }
    const ut = await createType('(a int)');
    await createTable(`(x int PRIMARY KEY, y map<text, frozen<ks.${ut}>>)`);
    await execute("INSERT INTO %s (x, y) VALUES(1, {'firstValue': {a: 1}})");
    await execute(`ALTER TYPE ks.${ut} ADD b int`);
    await execute("UPDATE %s SET y['secondValue'] = {a: 2, b: 2} WHERE x = 1");
    expect(await rows('SELECT * FROM %s')).toEqual([row(1, [['firstValue', [1, null]], ['secondValue', [2, 2]]])]);

    const type = await createType('(a int, b int)');
    await createTable(`(a int PRIMARY KEY, b frozen<tuple<int, tuple<int, ks.${type}>>>)`);
    await execute('INSERT INTO %s (a, b) VALUES(1, (1, (1, ?)))', { a: 1, b: 1 });
    await execute(`ALTER TYPE ks.${type} ADD c int`);
    await execute('INSERT INTO %s (a, b) VALUES(2, (2, (1, {a: 2, b: 2, c: 2})))');
    await execute('INSERT INTO %s (a, b) VALUES(4, (4, (1, {b:4})))');
    expect(await rows('SELECT * FROM %s')).toEqual([
      row(1, [1, [1, [1, 1, null]]]), row(2, [2, [1, [2, 2, 2]]]), row(4, [4, [1, [null, 4, null]]]),
    ]);

    const inner = await createType('(a int, b int)');
    const outer = await createType(`(x frozen<ks.${inner}>)`);
    await createTable(`(a int PRIMARY KEY, b frozen<ks.${outer}>)`);
    await execute('INSERT INTO %s (a, b) VALUES(1, {x: {a:1, b:1}})');
    await execute(`ALTER TYPE ks.${inner} ADD c int`);
    await execute('INSERT INTO %s (a, b) VALUES(2, {x: {a: 2, b: 2, c: 2}})');
    expect(await rows('SELECT b.x.a, b.x.b, b.x.c FROM %s')).toEqual([row(1, 1, null), row(2, 2, 2)]);
  });

  it('adds to a set of an altered type (testReadAfterAlteringUserTypeNestedWithinSet)', async () => {
    const columnType = `ks.${await createType('(a int)')}`;
    await createTable(`(x int PRIMARY KEY, y set<frozen<${columnType}>>)`);
    await execute('INSERT INTO %s (x, y) VALUES(1, ?)', [[1], [2]]);
    await execute(`ALTER TYPE ${columnType} ADD b int`);
    await execute('UPDATE %s SET y = y + ? WHERE x = 1', [[1, 1], [1, 2], [2, 1]]);
    expect(await rows('SELECT * FROM %s WHERE x = 1')).toEqual([row(1, [[1, null], [1, 1], [1, 2], [2, null], [2, 1]])]);
  });

  it('adds to a set of an altered type in a table with a view (testAlteringUserTypeNestedWithinSetWithView)', async () => {
    const columnType = `ks.${await createType('(a int)')}`;
    await createTable(`(pk int, c int, v int, s set<frozen<${columnType}>>, PRIMARY KEY (pk, c))`);
    await execute('CREATE MATERIALIZED VIEW ks.view1 AS SELECT c, pk, v FROM %s WHERE pk IS NOT NULL AND c IS NOT NULL AND v IS NOT NULL PRIMARY KEY (c, pk)');
    await execute('INSERT INTO %s (pk, c, v, s) VALUES(?, ?, ?, ?)', 1, 1, 1, [[1], [2]]);
    await execute(`ALTER TYPE ${columnType} ADD b int`);
    await execute('UPDATE %s SET s = s + ?, v = ? WHERE pk = ? AND c = ?', [[1, 1], [1, 2], [2, 1]], 2, 1, 1);
    expect(await rows('SELECT * FROM %s WHERE pk = ? AND c = ?', 1, 1))
      .toEqual([row(1, 1, [[1, null], [1, 1], [1, 2], [2, null], [2, 1]], 2)]);
    expect(await rows('SELECT * FROM ks.view1')).toEqual([row(1, 1, 2)]);
    await execute('DROP MATERIALIZED VIEW ks.view1');
  });

  it('nests types with collections (testUserTypes, testNestedUserTypes, testAddFieldToUdt)', async () => {
    const addressType = await createType('(street text, city text, zip_code int, phones set<text >)');
    const nameType = await createType('(firstname text, lastname text)');
    await createTable(`(id uuid PRIMARY KEY, name frozen < ${nameType} >, addresses map < text, frozen < ${addressType} >> )`);
    const id = '550e8400-e29b-41d4-a716-446655440000';
    await execute("INSERT INTO %s (id, name) VALUES(?, { firstname: 'Paul', lastname: 'smith' } )", id);
    expect(await rows('SELECT name.firstname FROM %s WHERE id = ?', id)).toEqual([row('Paul')]);
    await execute("UPDATE %s SET addresses = addresses + { 'home': { street: '...', city:'SF', zip_code:94102, phones:{ } } } WHERE id = ?", id);
    expect(await rows('SELECT addresses FROM %s WHERE id = ?', id)).toEqual([row([['home', ['...', 'SF', 94102, []]]])]);

    const typeName = await createType('(fooint int, fooset set <text>)');
    await createTable(`(key int PRIMARY KEY, data frozen <${typeName}>)`);
    await execute('INSERT INTO %s (key, data) VALUES (1, ?)', { fooint: 1, fooset: ['2'] });
    await execute(`ALTER TYPE ks.${typeName} ADD foomap map <int,text>`);
    await execute('INSERT INTO %s (key, data) VALUES (1, ?)', { fooint: 1, fooset: ['2'], foomap: [[3, 'bar']] });
    expect(await rows('SELECT * FROM %s')).toEqual([row(1, [1, ['2'], [[3, 'bar']]])]);
  });

  it('inserts, updates and deletes non-frozen UDT fields (testInsertNonFrozenUDT, testUpdateNonFrozenUDT, testDeleteNonFrozenUDT)', async () => {
    const typeName = await createType('(a int, b text)');
    await createTable(`(k int PRIMARY KEY, v ${typeName})`);
    await execute('INSERT INTO %s (k, v) VALUES (?, {a: ?, b: ?})', 0, 0, 'abc');
    expect(await rows('SELECT * FROM %s WHERE k = ?', 0)).toEqual([row(0, [0, 'abc'])]);
    await execute('INSERT INTO %s (k, v) VALUES (?, {a: ?, b: ?})', 0, 0, null);
    expect(await rows('SELECT * FROM %s WHERE k = ?', 0)).toEqual([row(0, [0, null])]);
    await execute('UPDATE %s SET v = ? WHERE k = ?', { a: null, b: 'abc' }, 0);
    expect(await rows('SELECT * FROM %s WHERE k = ?', 0)).toEqual([row(0, [null, 'abc'])]);
    await execute('UPDATE %s SET v.a = ?, v.b = ? WHERE k = ?', 1, 'def', 0);
    expect(await rows('SELECT * FROM %s WHERE k = ?', 0)).toEqual([row(0, [1, 'def'])]);
    await execute('UPDATE %s SET v.a = ? WHERE k = ?', null, 0);
    await execute('UPDATE %s SET v.b = ? WHERE k = ?', null, 0);
    expect(await rows('SELECT * FROM %s WHERE k = ?', 0)).toEqual([row(0, null)]);

    await execute('INSERT INTO %s (k, v) VALUES (?, ?)', 0, { a: 0, b: 'abc' });
    await execute('DELETE v.b FROM %s WHERE k = ?', 0);
    expect(await rows('SELECT * FROM %s WHERE k = ?', 0)).toEqual([row(0, [0, null])]);
    await execute('INSERT INTO %s (k, v) VALUES (?, ?)', 0, { a: 0, b: 'abc' });
    await execute('DELETE v.b, v.a FROM %s WHERE k = ?', 0);
    expect(await rows('SELECT * FROM %s WHERE k = ?', 0)).toEqual([row(0, null)]);
    await assertInvalidMessage('UDT column v does not have a field named bad', 'DELETE v.bad FROM %s WHERE k = ?', 0);
  });
});

describe('UserTypesTest: types used by functions and aggregates (testTypeAlterUsedInFunction)', () => {
  /** assertComplexInvalidAlterDropStatements: a function and an aggregate over `argType` keep `type` from a rename or a drop. */
  async function assertTypeHeldByFunctions(type: string, argType: string, initcond: string): Promise<void> {
    const f = await createFunction(`CREATE FUNCTION %s(arg ${argType}, col int) RETURNS NULL ON NULL INPUT RETURNS ${argType} LANGUAGE java AS 'return arg;'`);
    await createFunction(`CREATE AGGREGATE %s(int) SFUNC ${f.slice('ks.'.length)} STYPE ${argType} INITCOND ${initcond}`);
    await assertInvalidMessage(`Cannot alter user type ks.${type}`, `ALTER TYPE ks.${type} RENAME foo TO bar;`);
    // 4.1's DropTypeStatement quotes the name ('ks.type'); its test only checks the start of the message.
    await assertInvalidMessage(`Cannot drop user type 'ks.${type}' as it is still used by functions ${f}`, `DROP TYPE ks.${type};`);
  }

  it('refuses to rename fields of, or drop, a type an aggregate\'s INITCOND or a function holds', async () => {
    const single = await createType('(foo ascii)');
    await assertTypeHeldByFunctions(single, single, "{foo: 'abc'}");
    const cases: [(t: string) => string, string][] = [
      [(t) => `list<frozen<${t}>>`, "[{foo: 'abc'}]"],
      [(t) => `set<frozen<${t}>>`, "{{foo: 'abc'}}"],
      [(t) => `map<text, frozen<${t}>>`, "{'key': {foo: 'abc'}}"],
      [(t) => `tuple<text, frozen<${t}>>`, "('key', {foo: 'abc'})"],
      [(t) => `tuple<text, frozen<tuple<tuple<${t}, int>, int>>>`, "('key', (({foo: 'abc'}, 0), 0))"],
    ];
    for (const [argType, initcond] of cases) {
      const type1 = await createType('(foo ascii)');
      await assertTypeHeldByFunctions(type1, argType(type1), initcond);
    }
    const nested: [(t: string) => string, (t: string) => string, string][] = [
      [(t) => `(foo frozen<${t}>)`, (t) => t, "{foo: {foo: 'abc'}}"],
      [(t) => `(foo frozen<${t}>)`, (t) => `list<frozen<${t}>>`, "[{foo: {foo: 'abc'}}]"],
      [(t) => `(foo frozen<set<${t}>>)`, (t) => `map<text, frozen<${t}>>`, "{'key': {foo: {{foo: 'abc'}}}}"],
      [(t) => `(foo frozen<set<${t}>>)`, (t) => `tuple<text, frozen<${t}>>`, "('key', {foo: {{foo: 'abc'}}})"],
    ];
    for (const [outer, argType, initcond] of nested) {
      const type1 = await createType('(foo ascii)');
      const type2 = await createType(outer(type1));
      await assertTypeHeldByFunctions(type1, argType(type2), initcond);
    }
  });

  it('renames fields of a type only functions use, and lists every aggregate holding it in its INITCOND', async () => {
    const type = await createType('(foo ascii)');
    const f = await createFunction(`CREATE FUNCTION %s(arg ${type}, col int) RETURNS NULL ON NULL INPUT RETURNS ${type} LANGUAGE java AS 'return arg;'`);
    await execute(`ALTER TYPE ks.${type} RENAME foo TO bar`);
    const short = f.slice('ks.'.length);
    const a1 = await createFunction(`CREATE AGGREGATE %s(int) SFUNC ${short} STYPE ${type} INITCOND {bar: 'x'}`);
    const a2 = await createFunction(`CREATE AGGREGATE %s(int) SFUNC ${short} STYPE ${type} INITCOND {bar: 'y'}`);
    await assertInvalidMessage(`Cannot alter user type ks.${type} as it is still used in INITCOND by aggregates ${a1}, ${a2}`,
      `ALTER TYPE ks.${type} RENAME bar TO baz`);
    await execute(`ALTER TYPE ks.${type} ADD other int`);
    // The function takes the altered type: the new field goes through it.
    await createTable(`(k int PRIMARY KEY, v frozen<${type}>)`);
    await execute("INSERT INTO %s (k, v) VALUES (0, {bar: 'x', other: 3})");
    expect(await rows(`SELECT ${f}(v, k) FROM %s`)).toEqual([row(['x', 3])]);
  });
});
