/**
 * The schema an ORM such as express-cassandra sets up in one go, through the Node.js driver: a table with a
 * SASI index, a materialized view, a UDF and a UDA, each statement run twice (IF NOT EXISTS or OR REPLACE:
 * the second run changes nothing and carries the same warnings as Cassandra 4.1 sends, since
 * AlterSchemaStatement gives its client warnings whether or not the schema changed), then used together;
 * the driver's metadata (getTable, getMaterializedView, getFunctions, getAggregates) the same after a
 * schema refresh; prepared reads of a view dropped and re-created; and reset() clearing it all.
 */
import cassandra from 'cassandra-driver';
import { describe, expect, it } from 'vitest';
import { isExternalTarget, useNodeTarget } from '../support/node-client.js';

const target = useNodeTarget('combined');
const run = (cql: string, params: unknown[] = []) => target.client.execute(cql, params, { prepare: params.length > 0 });

const SASI_WARNING = 'SASI indexes are experimental and are not recommended for production use.';
const VIEW_WARNING = 'Materialized views are experimental and are not recommended for production use.';

/** The set-up, each statement with the warnings Cassandra 4.1 answers it with. */
const SET_UP: readonly (readonly [string, readonly string[]])[] = [
  ['CREATE TABLE IF NOT EXISTS users (id int, name text, email text, age int, PRIMARY KEY (id))', []],
  ["CREATE CUSTOM INDEX IF NOT EXISTS users_name_sasi ON users (name) USING 'org.apache.cassandra.index.sasi.SASIIndex' "
    + "WITH OPTIONS = {'mode': 'CONTAINS', 'analyzer_class': 'org.apache.cassandra.index.sasi.analyzer.NonTokenizingAnalyzer', 'case_sensitive': 'false'}", [SASI_WARNING]],
  ['CREATE MATERIALIZED VIEW IF NOT EXISTS users_by_email AS SELECT id, name, email, age FROM users '
    + 'WHERE id IS NOT NULL AND email IS NOT NULL PRIMARY KEY (email, id)', [VIEW_WARNING]],
  ["CREATE OR REPLACE FUNCTION decade(age int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return age / 10 * 10;'", []],
  ["CREATE FUNCTION IF NOT EXISTS older(oldest int, age int) CALLED ON NULL INPUT RETURNS int LANGUAGE java "
    + "AS 'return oldest == null || (age != null && age > oldest) ? age : oldest;'", []],
  ['CREATE OR REPLACE AGGREGATE max_age(int) SFUNC older STYPE int', []],
];

async function setUp(): Promise<(readonly string[] | undefined)[]> {
  const warnings: (readonly string[] | undefined)[] = [];
  for (const [cql] of SET_UP) warnings.push((await run(cql)).info.warnings);
  return warnings;
}

const expected = SET_UP.map(([, warnings]) => (warnings.length === 0 ? undefined : warnings));

type MaterializedView = cassandra.metadata.MaterializedView;
/** metadata.getMaterializedView's promise form (its typings ask for a callback even then). */
const getView = (name: string): Promise<MaterializedView | null> => {
  const metadata = target.client.metadata as unknown as { getMaterializedView(ks: string, n: string): Promise<MaterializedView | null> };
  return metadata.getMaterializedView(target.keyspace, name);
};

/** What the driver's metadata says of the set-up, in plain values. */
async function described(): Promise<unknown> {
  const ks = target.keyspace;
  const table = await target.client.metadata.getTable(ks, 'users');
  const view = await getView('users_by_email');
  const functions = await target.client.metadata.getFunctions(ks, 'decade');
  const aggregates = await target.client.metadata.getAggregates(ks, 'max_age');
  return {
    columns: table?.columns.map((c) => c.name),
    indexes: table?.indexes.map((i) => {
      const options = i.options as Record<string, string>;
      return [i.name, options['mode'], options['class_name'], i.target];
    }),
    tableViews: Object.keys((table as unknown as { views?: Record<string, unknown> }).views ?? {}),
    view: view && [view.tableName, view.partitionKeys.map((c) => c.name), view.clusteringKeys.map((c) => c.name), view.includeAllColumns, view.whereClause],
    functions: functions.map((f) => [f.signature, f.body, f.calledOnNullInput]),
    aggregates: aggregates.map((a) => [a.signature, a.stateFunction, a.finalFunction, a.initCondition]),
    custom: table?.indexes.map((i) => i.isCustomKind()),
  };
}

describe('an ORM schema set up twice', () => {
  it('is created with IF NOT EXISTS / OR REPLACE, and the second run changes nothing but warns as the first', async () => {
    expect(await setUp()).toEqual(expected);
    expect(await setUp()).toEqual(expected);
    expect((await run('SELECT index_name FROM system_schema.indexes WHERE keyspace_name = ?', [target.keyspace])).rowLength).toBe(1);
    expect((await run('SELECT view_name FROM system_schema.views WHERE keyspace_name = ?', [target.keyspace])).rowLength).toBe(1);
  });

  it('serves SASI searches, the view and the functions together', async () => {
    const people: [number, string, string, number][] = [[1, 'Ann Lee', 'ann@x.org', 34], [2, 'Bob Stone', 'bob@x.org', 47], [3, 'Annie Bell', 'annie@x.org', 29]];
    for (const person of people) await run('INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?)', person);
    const found = await run('SELECT id, decade(age) AS d FROM users WHERE name LIKE ?', ['%ANN%']);
    expect(found.rows.map((r) => [r['id'], r['d']]).sort()).toEqual([[1, 30], [3, 20]]);
    const oldest = await run('SELECT max_age(age) AS m FROM users WHERE name LIKE ?', ['%ann%']);
    expect(oldest.rows[0]!['m']).toBe(34);
    const byEmail = await run('SELECT id, name, decade(age) AS d FROM users_by_email WHERE email = ?', ['bob@x.org']);
    expect(byEmail.rows.map((r) => [r['id'], r['name'], r['d']])).toEqual([[2, 'Bob Stone', 40]]);
    expect((await run('SELECT max_age(age) AS m FROM users_by_email')).rows[0]!['m']).toBe(47);
  });

  it('reads the same in the driver metadata before and after a schema refresh', async () => {
    const before = await described();
    expect(before).toEqual({
      columns: ['age', 'email', 'id', 'name'],
      indexes: [['users_name_sasi', 'CONTAINS', 'org.apache.cassandra.index.sasi.SASIIndex', 'name']],
      tableViews: [],
      view: ['users', ['email'], ['id'], false, 'id IS NOT NULL AND email IS NOT NULL'],
      functions: [[['int'], 'return age / 10 * 10;', false]],
      aggregates: [[['int'], 'older', null, null]],
      custom: [true],
    });
    await target.client.metadata.refreshKeyspaces();
    expect(await described()).toEqual(before);
  });

  it('prepares reads of the view again when it is dropped and re-created', async () => {
    const read = (): Promise<cassandra.types.ResultSet> => run('SELECT id FROM users_by_email WHERE email = ?', ['ann@x.org']);
    expect((await read()).rows.map((r) => r['id'])).toEqual([1]);
    await run('DROP MATERIALIZED VIEW users_by_email');
    await run(SET_UP[2]![0]);
    // The server dropped the statement with the view: the driver prepares it again on UNPREPARED.
    expect((await read()).rows.map((r) => r['id'])).toEqual([1]);
  });
});

describe.skipIf(isExternalTarget)('reset()', () => {
  it('drops the functions, views and view build records of user keyspaces; the set-up runs again from nothing', async () => {
    const cluster = target.cluster!;
    await cluster.reset();
    const count = async (table: string): Promise<number> => (await cluster.execute(`SELECT * FROM ${table}`)).rows.length;
    for (const table of ['system_schema.functions', 'system_schema.aggregates', 'system_schema.views', 'system.built_views', 'system_distributed.view_build_status']) {
      expect(await count(table), table).toBe(0);
    }
    await run(`CREATE KEYSPACE ${target.keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    expect(await setUp()).toEqual(expected);
    expect(await count('system.built_views')).toBe(1);
  });
});
