/**
 * Materialized views, user-defined functions and aggregates, user types and SASI indexes together, as
 * Cassandra 4.1 combines them: UDFs over a view, what a view's definition refuses, DROP KEYSPACE / TYPE and
 * ALTER TYPE with functions and views present, DESCRIBE KEYSPACE's order (DescribeStatement), secondary
 * indexes on views (CreateIndexStatement), prepared statements on a dropped and re-created view, and
 * functions over a SASI-filtered read.
 */
import { describe, expect, it } from 'vitest';
import { SyntaxError, UnpreparedError } from '../errors/index.js';
import { row, useCqlTester } from './testing/cql-tester.js';

const tester = useCqlTester();
const { execute, rows, createTable, assertInvalidMessage, assertErrorClass } = tester;

const SASI = "USING 'org.apache.cassandra.index.sasi.SASIIndex'";
const DOUBLE = "CREATE FUNCTION IF NOT EXISTS ks.dbl(x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return x * 2;'";
const ADD = "CREATE FUNCTION IF NOT EXISTS ks.acc(st int, x int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return st + (x == null ? 0 : x);'";
const TOTAL = 'CREATE AGGREGATE IF NOT EXISTS ks.total(int) SFUNC acc STYPE int INITCOND 0';

/** A table (k, c, v, s) with a view of every column keyed by v, and four rows. */
async function tableWithView(view = 'mv'): Promise<void> {
  await createTable('(k int, c int, v int, s text, PRIMARY KEY (k, c))');
  await execute(`CREATE MATERIALIZED VIEW ks.${view} AS SELECT k, c, v, s FROM %s WHERE k IS NOT NULL AND c IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k, c)`);
  for (let i = 1; i <= 4; i++) await execute('INSERT INTO %s (k, c, v, s) VALUES (?, ?, ?, ?)', i, i, i * 10, `abc${i}`);
}

describe('functions and views', () => {
  it('calls UDFs and UDAs in a SELECT of a view, as of a table', async () => {
    await tableWithView();
    for (const statement of [DOUBLE, ADD, TOTAL]) await execute(statement);
    expect(await rows('SELECT v, ks.dbl(v) FROM ks.mv WHERE v = 20')).toEqual([row(20, 40)]);
    expect(await rows('SELECT ks.total(v), dbl(v) FROM ks.mv')).toEqual([row(100, expect.any(Number))]);
    expect(await rows('SELECT total(k) FROM ks.mv WHERE v IN (10, 30)')).toEqual([row(4)]);
    await execute('DROP MATERIALIZED VIEW ks.mv');
  });

  it('refuses functions, casts and aliases in the SELECT of CREATE MATERIALIZED VIEW', async () => {
    await createTable('(k int, c int, v int, PRIMARY KEY (k, c))');
    await execute(DOUBLE);
    const view = (selection: string): string => `CREATE MATERIALIZED VIEW ks.mv2 AS SELECT k, c, ${selection} FROM %s WHERE k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (k, c)`;
    await assertInvalidMessage('Can only select columns by name when defining a materialized view (got ks.dbl(v))', view('ks.dbl(v)'));
    await assertInvalidMessage('Can only select columns by name when defining a materialized view (got cast(v as text))', view('CAST(v AS text)'));
    await assertInvalidMessage('Cannot use aliases when defining a materialized view (got v AS w)', view('v AS w'));
  });

  it('evaluates function terms of a view\'s WHERE clause, refuses token relations and functions of columns', async () => {
    await createTable('(k int, c int, v int, PRIMARY KEY (k, c))');
    await execute(DOUBLE);
    await execute('CREATE MATERIALIZED VIEW ks.small AS SELECT * FROM %s WHERE k IS NOT NULL AND c < ks.dbl(2) AND c >= CAST(1.5 AS int) PRIMARY KEY (c, k)');
    for (let c = 0; c < 6; c++) await execute('INSERT INTO %s (k, c, v) VALUES (0, ?, ?)', c, c);
    // c < 4 AND c >= 1: CAST(1.5 AS int) truncates.
    expect(await rows('SELECT c FROM ks.small')).toEqual(expect.arrayContaining([row(1), row(2), row(3)]));
    expect(await rows('SELECT c FROM ks.small')).toHaveLength(3);
    const view = (where: string): string => `CREATE MATERIALIZED VIEW ks.bad AS SELECT * FROM %s WHERE ${where} PRIMARY KEY (c, k)`;
    await assertInvalidMessage('Cannot use token relation when defining a materialized view', view('token(k) > 0 AND k IS NOT NULL AND c IS NOT NULL'));
    // The grammar has no function call on the left of a relation but token().
    await assertErrorClass(SyntaxError, view('k IS NOT NULL AND ks.dbl(c) < 3'));
    await assertInvalidMessage('Type error: cannot assign result of function system.now (type timeuuid) to c (type int)', view('k IS NOT NULL AND c < now()'));
    await assertInvalidMessage("Non-primary key columns can only be restricted with 'IS NOT NULL' (got: v restricted illegally)",
      view('k IS NOT NULL AND c IS NOT NULL AND v = ks.dbl(1)'));
    await execute('DROP MATERIALIZED VIEW ks.small');
  });
});

describe('user types with functions and views', () => {
  it('refuses DROP TYPE while a function or a table with a view uses it; the view is not named', async () => {
    await execute('CREATE TYPE ks.addr (street text)');
    await createTable('(k int, c int, v int, a frozen<addr>, PRIMARY KEY (k, c))');
    await execute('CREATE MATERIALIZED VIEW ks.by_v AS SELECT k, c, v, a FROM %s WHERE k IS NOT NULL AND c IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k, c)');
    await assertInvalidMessage(`Cannot drop user type 'ks.addr' as it is still used by tables ${tester.cql.table}`, 'DROP TYPE ks.addr');
    await execute("CREATE FUNCTION ks.street(x addr) RETURNS NULL ON NULL INPUT RETURNS text LANGUAGE javascript AS 'x.getString(\"street\")'");
    await assertInvalidMessage("Cannot drop user type 'ks.addr' as it is still used by functions ks.street", 'DROP TYPE ks.addr');
  });

  it('follows ALTER TYPE in a view\'s column and a function\'s argument', async () => {
    const table = tester.cql.table;
    await execute(`INSERT INTO ${table} (k, c, v, a) VALUES (1, 1, 10, {street: 'x'})`);
    await execute('ALTER TYPE ks.addr ADD zip int');
    await execute(`INSERT INTO ${table} (k, c, v, a) VALUES (2, 2, 20, {street: 'y', zip: 5})`);
    expect(await rows('SELECT v, a FROM ks.by_v WHERE v IN (10, 20)')).toEqual([row(10, ['x', null]), row(20, ['y', 5])]);
    expect(await rows('SELECT v, ks.street(a) FROM ks.by_v WHERE v = 20')).toEqual([row(20, 'y')]);
    await execute('ALTER TYPE ks.addr RENAME zip TO postcode');
    expect(await rows('SELECT a.postcode FROM ks.by_v WHERE v = 20')).toEqual([row(5)]);
    await execute('CREATE FUNCTION ks.keep(st addr, x int) CALLED ON NULL INPUT RETURNS addr LANGUAGE java AS \'return st;\'');
    await execute("CREATE AGGREGATE ks.first_addr(int) SFUNC keep STYPE addr INITCOND {street: 'none'}");
    await assertInvalidMessage('Cannot alter user type ks.addr as it is still used in INITCOND by aggregates ks.first_addr',
      'ALTER TYPE ks.addr RENAME street TO road');
    expect(await rows('SELECT ks.first_addr(v) FROM ks.by_v')).toEqual([row(['none', null])]);
    await execute('DROP MATERIALIZED VIEW ks.by_v');
  });
});

describe('DROP KEYSPACE with functions, aggregates, types, views and SASI indexes', () => {
  it('removes their schema rows and the view build records, and the names can be used again', async () => {
    await execute("CREATE KEYSPACE dropped WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    const schema = [
      'CREATE TYPE dropped.pt (x int)',
      "CREATE FUNCTION dropped.inc(x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return x + 1;'",
      "CREATE FUNCTION dropped.acc(st int, x int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return st + x;'",
      'CREATE AGGREGATE dropped.total(int) SFUNC acc STYPE int INITCOND 0',
      'CREATE TABLE dropped.t (k int PRIMARY KEY, v int, s text, p frozen<pt>)',
      `CREATE CUSTOM INDEX s_idx ON dropped.t (s) ${SASI}`,
      'CREATE MATERIALIZED VIEW dropped.mv AS SELECT k, v FROM dropped.t WHERE k IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k)',
    ];
    for (const statement of schema) await execute(statement);
    await execute("INSERT INTO dropped.t (k, v, s) VALUES (1, 1, 'a')");
    const where = "WHERE keyspace_name = 'dropped'";
    const counts = async (): Promise<number[]> => Promise.all([
      'system_schema.functions', 'system_schema.aggregates', 'system_schema.types', 'system_schema.views', 'system_schema.indexes',
      'system.built_views', 'system_distributed.view_build_status',
    ].map(async (table) => (await rows(`SELECT * FROM ${table} ${where} ALLOW FILTERING`)).length));
    expect(await counts()).toEqual([2, 1, 1, 1, 1, 1, 1]);
    await execute('DROP KEYSPACE dropped');
    expect(await counts()).toEqual([0, 0, 0, 0, 0, 0, 0]);
    await execute("CREATE KEYSPACE dropped WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    for (const statement of schema) await execute(statement);
    expect(await rows('SELECT * FROM dropped.mv')).toEqual([]);
    expect(await rows("SELECT dropped.inc(k) FROM dropped.t WHERE s LIKE 'a'")).toEqual([]);
    await execute('DROP KEYSPACE dropped');
  });
});

describe('DESCRIBE KEYSPACE with every kind of element', () => {
  it('lists the keyspace, types, functions, aggregates, then each table with its indexes and views (DescribeStatement)', async () => {
    await execute("CREATE KEYSPACE described WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    for (const statement of [
      'CREATE TABLE described.b_table (k int PRIMARY KEY, v int, s text)',
      'CREATE TYPE described.z_type (x int)',
      'CREATE TYPE described.a_type (y frozen<z_type>)',
      "CREATE FUNCTION described.z_fn(x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return x;'",
      "CREATE FUNCTION described.a_fn(st int, x int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return st;'",
      'CREATE AGGREGATE described.agg(int) SFUNC a_fn STYPE int',
      'CREATE TABLE described.a_table (k int PRIMARY KEY, v int)',
      'CREATE MATERIALIZED VIEW described.z_view AS SELECT k, v FROM described.b_table WHERE k IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k)',
      'CREATE MATERIALIZED VIEW described.a_view AS SELECT k, v FROM described.b_table WHERE k IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k)',
      `CREATE CUSTOM INDEX z_sasi ON described.b_table (s) ${SASI}`,
      'CREATE INDEX a_idx ON described.b_table (v)',
      'CREATE MATERIALIZED VIEW described.a_table_view AS SELECT k, v FROM described.a_table WHERE k IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k)',
    ]) await execute(statement);
    const listed = (await rows('DESCRIBE KEYSPACE described')).map((r) => `${String(r[1])} ${String(r[2])}`);
    expect(listed).toEqual([
      'keyspace described', 'type z_type', 'type a_type', 'function a_fn(int, int)', 'function z_fn(int)', 'aggregate agg(int)',
      'table a_table', 'materialized_view a_table_view',
      'table b_table', 'index a_idx', 'index z_sasi', 'materialized_view a_view', 'materialized_view z_view',
    ]);
    const sasi = (await rows('DESCRIBE KEYSPACE described')).find((r) => r[2] === 'z_sasi')!;
    expect(sasi[3]).toBe("CREATE CUSTOM INDEX z_sasi ON described.b_table (s) USING 'org.apache.cassandra.index.sasi.SASIIndex';");
    await execute('DROP KEYSPACE described');
  });
});

describe('SASI indexes with views and functions', () => {
  it('refuses a SASI or secondary index on a view, with CreateIndexStatement\'s message', async () => {
    await tableWithView('indexed_view');
    const message = "Secondary indexes on materialized views aren't supported";
    await assertInvalidMessage(message, `CREATE CUSTOM INDEX ON ks.indexed_view (k) ${SASI}`);
    await assertInvalidMessage(message, `CREATE CUSTOM INDEX IF NOT EXISTS ON ks.indexed_view (k) ${SASI} WITH OPTIONS = {'mode': 'SPARSE'}`);
    await assertInvalidMessage(message, 'CREATE INDEX ON ks.indexed_view (k)');
  });

  it('answers LIKE on the base table of a view, and calls UDFs and UDAs over the rows SASI selects', async () => {
    await execute(`CREATE CUSTOM INDEX ON %s (s) ${SASI} WITH OPTIONS = {'mode': 'CONTAINS'}`);
    for (const statement of [DOUBLE, ADD, TOTAL]) await execute(statement);
    expect(await rows("SELECT k, ks.dbl(v) FROM %s WHERE s LIKE '%c2'")).toEqual([row(2, 40)]);
    expect(await rows("SELECT ks.total(v), count(*) FROM %s WHERE s LIKE '%bc%'")).toEqual([row(100, 4n)]);
    expect(await rows("SELECT ks.total(ks.dbl(v)) FROM %s WHERE s LIKE 'abc%' AND k = 3")).toEqual([row(60)]);
    // The view has no index: LIKE on it is refused as on any unindexed column.
    await assertInvalidMessage("LIKE restriction is only supported on properly indexed columns. s LIKE 'abc%' is not valid.",
      "SELECT * FROM ks.indexed_view WHERE s LIKE 'abc%' ALLOW FILTERING");
    await execute('DROP MATERIALIZED VIEW ks.indexed_view');
  });
});

describe('prepared statements on views', () => {
  it('are dropped with the view (UNPREPARED), and prepared again read the re-created view once built', async () => {
    await tableWithView('recreated');
    const read = tester.cql.prepared('SELECT * FROM ks.recreated WHERE v = ?');
    expect((await read(20)).rows).toEqual([row(20, 2, 2, 'abc2')]);
    await execute('DROP MATERIALIZED VIEW ks.recreated');
    await expect(read(20)).rejects.toBeInstanceOf(UnpreparedError);
    await execute('CREATE MATERIALIZED VIEW ks.recreated AS SELECT k, c, v FROM %s WHERE k IS NOT NULL AND c IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k, c)');
    await expect(read(20)).rejects.toBeInstanceOf(UnpreparedError);
    const again = tester.cql.prepared('SELECT * FROM ks.recreated WHERE v = ?');
    expect((await again(20)).rows).toEqual([row(20, 2, 2)]);
    await execute('DROP MATERIALIZED VIEW ks.recreated');
  });
});
