import { describe as suite, expect, it } from 'vitest';
import type { Schema } from '../../schema/index.js';
import { deserialize } from '../../types/index.js';
import type { DescribeStatement } from '../ast/index.js';
import { parseStatement } from '../parser/index.js';
import { schemaAfter, withKeyspace } from '../statements/ddl/test-helpers.js';
import { describe, type ClusterDescription } from './describe.js';

const cluster: ClusterDescription = {
  clusterName: 'Test Cluster',
  partitioner: 'org.apache.cassandra.dht.Murmur3Partitioner',
  snitch: 'org.apache.cassandra.locator.SimpleSnitch',
  rangeOwnership: () => new Map([['-1', ['/127.0.0.1:7000']]]),
};

/** The result of a DESCRIBE as column names and rows of text. */
function run(schema: Schema, cql: string, keyspace: string | null = null): { columns: string[]; rows: unknown[][] } {
  const result = describe(parseStatement(cql).statement as DescribeStatement, schema, keyspace, cluster);
  return {
    columns: result.columns.map(([name]) => name),
    rows: result.rows.map((row) => row.map((value, i) => deserialize(result.columns[i]![1], value))),
  };
}

function failure(schema: Schema, cql: string, keyspace: string | null = null): string {
  try {
    run(schema, cql, keyspace);
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
  throw new Error(`expected ${cql} to fail`);
}

const tableOptions = "additional_write_policy = '99p'\n" +
  '    AND bloom_filter_fp_chance = 0.01\n' +
  "    AND caching = {'keys': 'ALL', 'rows_per_partition': 'NONE'}\n" +
  '    AND cdc = false\n' +
  "    AND comment = ''\n" +
  "    AND compaction = {'class': 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy', 'max_threshold': '32', 'min_threshold': '4'}\n" +
  "    AND compression = {'chunk_length_in_kb': '16', 'class': 'org.apache.cassandra.io.compress.LZ4Compressor'}\n" +
  "    AND memtable = 'default'\n" +
  '    AND crc_check_chance = 1.0\n' +
  '    AND default_time_to_live = 0\n' +
  '    AND extensions = {}\n' +
  '    AND gc_grace_seconds = 864000\n' +
  '    AND max_index_interval = 2048\n' +
  '    AND memtable_flush_period_in_ms = 0\n' +
  '    AND min_index_interval = 128\n' +
  "    AND read_repair = 'BLOCKING'\n" +
  "    AND speculative_retry = '99p';";

const keyspaceCql = "CREATE KEYSPACE test WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'}  AND durable_writes = true;";

/** The schema of DescribeStatementTest.testDescribe, without its materialized view. */
function testSchema(): Schema {
  return schemaAfter(
    "CREATE KEYSPACE test WITH REPLICATION = {'class' : 'SimpleStrategy', 'replication_factor' : 1}",
    'CREATE TABLE test.users ( userid text PRIMARY KEY, firstname text, lastname text, age int)',
    'CREATE INDEX myindex ON test.users (age)',
    'CREATE TABLE test."Test" (id int, col int, val text, PRIMARY KEY(id, col))',
    'CREATE INDEX ON test."Test" (col)',
    'CREATE INDEX ON test."Test" (val)',
    `CREATE TABLE test.has_all_types (num int PRIMARY KEY, intcol int, bigintcol bigint, varintcol varint,
      decimalcol decimal, doublecol double, floatcol float, asciicol ascii, textcol text, varcharcol varchar,
      timestampcol timestamp, booleancol boolean, uuidcol uuid, blobcol blob, smallintcol smallint, tinyintcol tinyint,
      durationcol duration, tuplecol frozen<tuple<text, int, frozen<tuple<timestamp>>>>, listcol list<decimal>,
      frozenlistcol frozen<list<text>>, setcol set<tinyint>, frozensetcol frozen<set<bigint>>,
      mapcol map<timestamp, timeuuid>, frozenmapcol frozen<map<timestamp, timeuuid>>)`,
  );
}

const usersCql = 'CREATE TABLE test.users (\n    userid text PRIMARY KEY,\n    age int,\n    firstname text,\n    lastname text\n) WITH ' + tableOptions;
const testTableCql = 'CREATE TABLE test."Test" (\n    id int,\n    col int,\n    val text,\n    PRIMARY KEY (id, col)\n) WITH CLUSTERING ORDER BY (col ASC)\n    AND ' + tableOptions;
const allTypesCql = 'CREATE TABLE test.has_all_types (\n' +
  '    num int PRIMARY KEY,\n    asciicol ascii,\n    bigintcol bigint,\n    blobcol blob,\n    booleancol boolean,\n' +
  '    decimalcol decimal,\n    doublecol double,\n    durationcol duration,\n    floatcol float,\n' +
  '    frozenlistcol frozen<list<text>>,\n    frozenmapcol frozen<map<timestamp, timeuuid>>,\n' +
  '    frozensetcol frozen<set<bigint>>,\n    intcol int,\n    smallintcol smallint,\n    textcol text,\n' +
  '    timestampcol timestamp,\n    tinyintcol tinyint,\n    tuplecol frozen<tuple<text, int, frozen<tuple<timestamp>>>>,\n' +
  '    uuidcol uuid,\n    varcharcol text,\n    varintcol varint,\n    listcol list<decimal>,\n' +
  '    mapcol map<timestamp, timeuuid>,\n    setcol set<tinyint>\n) WITH ' + tableOptions;

suite('describe', () => {
  it('prints keyspace, tables and indexes as DescribeStatementTest expects (4.1 options)', () => {
    const expected = [
      ['test', 'keyspace', 'test', keyspaceCql],
      ['test', 'table', 'has_all_types', allTypesCql],
      ['test', 'table', '"Test"', testTableCql],
      ['test', 'index', '"Test_col_idx"', 'CREATE INDEX "Test_col_idx" ON test."Test" (col);'],
      ['test', 'index', '"Test_val_idx"', 'CREATE INDEX "Test_val_idx" ON test."Test" (val);'],
      ['test', 'table', 'users', usersCql],
      ['test', 'index', 'myindex', 'CREATE INDEX myindex ON test.users (age);'],
    ];
    const schema = testSchema();
    const result = run(schema, 'DESCRIBE KEYSPACE test');
    expect(result.columns).toEqual(['keyspace_name', 'type', 'name', 'create_statement']);
    expect(result.rows).toEqual(expected);
    expect(run(schema, 'DESC test').rows).toEqual(expected);
    expect(run(schema, 'DESCRIBE SCHEMA').rows).toEqual(expected);
    expect(run(schema, 'DESCRIBE ONLY KEYSPACE test').rows).toEqual([expected[0]]);
  });

  it('lists keyspaces and tables by name, ignoring case', () => {
    const schema = testSchema();
    const keyspaces = run(schema, 'DESCRIBE KEYSPACES');
    expect(keyspaces.columns).toEqual(['keyspace_name', 'type', 'name']);
    expect(keyspaces.rows.map((r) => r[2])).toEqual([
      'system', 'system_auth', 'system_distributed', 'system_schema', 'system_traces', 'system_views', 'system_virtual_schema', 'test',
    ]);
    expect(run(schema, 'DESCRIBE TABLES', 'test').rows).toEqual([
      ['test', 'table', 'has_all_types'], ['test', 'table', '"Test"'], ['test', 'table', 'users'],
    ]);
  });

  it('describes one table with its indexes, or one index', () => {
    const schema = testSchema();
    expect(run(schema, 'DESCRIBE TABLE test.users').rows).toEqual([
      ['test', 'table', 'users', usersCql], ['test', 'index', 'myindex', 'CREATE INDEX myindex ON test.users (age);'],
    ]);
    expect(run(schema, 'DESCRIBE users', 'test').rows[0]).toEqual(['test', 'table', 'users', usersCql]);
    expect(run(schema, 'DESCRIBE INDEX myindex', 'test').rows).toEqual([['test', 'index', 'myindex', 'CREATE INDEX myindex ON test.users (age);']]);
  });

  it('prints the id and dropped columns WITH INTERNALS', () => {
    const schema = withKeyspace(
      'CREATE TABLE ks.t (pk1 text, pk2 int, c int, s decimal static, v1 text, v2 int, v3 int, PRIMARY KEY ((pk1, pk2), c))',
      'ALTER TABLE ks.t DROP v3 USING TIMESTAMP 1589286942065000',
      'ALTER TABLE ks.t ADD v3 int',
    );
    const [row] = run(schema, 'DESCRIBE TABLE ks.t WITH INTERNALS').rows;
    const id = (row![3] as string).split('\n')[9];
    expect(row![3]).toBe('CREATE TABLE ks.t (\n    pk1 text,\n    pk2 int,\n    c int,\n    s decimal static,\n    v1 text,\n' +
      '    v2 int,\n    v3 int,\n    PRIMARY KEY ((pk1, pk2), c)\n' + id + '\n    AND CLUSTERING ORDER BY (c ASC)\n    AND ' + tableOptions +
      '\nALTER TABLE ks.t DROP v3 USING TIMESTAMP 1589286942065000;\nALTER TABLE ks.t ADD v3 int;');
    expect(id).toMatch(/^\) WITH ID = [0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // DESCRIBE [FULL] SCHEMA takes WITH INTERNALS too.
    const schemaRows = run(schema, 'DESCRIBE SCHEMA WITH INTERNALS').rows;
    expect(schemaRows.find((r) => r[2] === 't')![3]).toBe(row![3]);
    expect(run(schema, 'DESCRIBE SCHEMA').rows.find((r) => r[2] === 't')![3]).not.toContain('WITH ID');
  });

  it('prints user types in dependency order and quotes reserved field names', () => {
    const schema = withKeyspace('CREATE TYPE ks.type1 (a int)', 'CREATE TYPE ks.type2 (x text, y text)',
      'CREATE TYPE ks.type3 (a text, b frozen<type2>)', 'ALTER TYPE ks.type1 ADD b frozen<type3>', 'CREATE TYPE ks.kw ("token" text, "desc" text)');
    expect(run(schema, 'DESCRIBE TYPES', 'ks').rows.map((r) => r[2])).toEqual(['kw', 'type1', 'type2', 'type3']);
    expect(run(schema, 'DESCRIBE TYPE type1', 'ks').rows).toEqual([['ks', 'type', 'type1', 'CREATE TYPE ks.type1 (\n    a int,\n    b frozen<type3>\n);']]);
    expect(run(schema, 'DESCRIBE TYPE kw', 'ks').rows[0]![3]).toBe('CREATE TYPE ks.kw (\n    "token" text,\n    "desc" text\n);');
    expect(run(schema, 'DESCRIBE KEYSPACE ks').rows.filter((r) => r[1] === 'type').map((r) => r[2])).toEqual(['kw', 'type2', 'type3', 'type1']);
  });

  it('prints virtual keyspaces and tables as comments', () => {
    const schema = schemaAfter();
    expect(run(schema, 'DESCRIBE ONLY KEYSPACE system_virtual_schema').rows[0]![3]).toBe('/*\n' +
      'Warning: Keyspace system_virtual_schema is a virtual keyspace and cannot be recreated with CQL.\n' +
      'Structure, for reference:\nVIRTUAL KEYSPACE system_virtual_schema;\n*/');
    expect(run(schema, 'DESCRIBE TABLE system_virtual_schema.columns').rows[0]![3]).toBe('/*\n' +
      'Warning: Table system_virtual_schema.columns is a virtual table and cannot be recreated with CQL.\n' +
      'Structure, for reference:\nVIRTUAL TABLE system_virtual_schema.columns (\n    keyspace_name text,\n    table_name text,\n' +
      '    column_name text,\n    clustering_order text,\n    column_name_bytes blob,\n    kind text,\n    position int,\n    type text,\n' +
      '    PRIMARY KEY (keyspace_name, table_name, column_name)\n) WITH CLUSTERING ORDER BY (table_name ASC, column_name ASC)\n' +
      "    AND comment = 'virtual column definitions';\n*/");
  });

  it('prints custom indexes with their class and options', () => {
    const schema = withKeyspace('CREATE TABLE ks.t (id int PRIMARY KEY, value text)',
      "CREATE CUSTOM INDEX vi ON ks.t (value) USING 'sai' WITH OPTIONS = {'case_sensitive': 'false'}");
    expect(run(schema, 'DESCRIBE INDEX ks.vi').rows[0]![3])
      .toBe("CREATE CUSTOM INDEX vi ON ks.t (value) USING 'org.apache.cassandra.index.sai.StorageAttachedIndex' WITH OPTIONS = {'case_sensitive': 'false'};");
  });

  it('describes the cluster, with range ownership in a user keyspace', () => {
    expect(run(schemaAfter(), 'DESCRIBE CLUSTER')).toEqual({
      columns: ['cluster', 'partitioner', 'snitch'], rows: [['Test Cluster', 'Murmur3Partitioner', 'SimpleSnitch']],
    });
    const inKeyspace = run(withKeyspace(), 'DESCRIBE CLUSTER', 'ks');
    expect(inKeyspace.columns).toEqual(['cluster', 'partitioner', 'snitch', 'range_ownership']);
    expect(inKeyspace.rows[0]![3]).toEqual([['-1', ['/127.0.0.1:7000']]]);
  });

  it.each([
    ['DESCRIBE TABLE foop', null, "InvalidRequestError: No keyspace specified and no current keyspace"],
    ['DESCRIBE TYPE foop', null, 'InvalidRequestError: No keyspace specified and no current keyspace'],
    ['DESCRIBE test2', null, "InvalidRequestError: 'test2' not found in keyspaces"],
    ['DESCRIBE users2', 'test', "InvalidRequestError: 'users2' not found in keyspace 'test'"],
    ['DESCRIBE test.users2', null, "InvalidRequestError: 'users2' not found in keyspace 'test'"],
    ['DESCRIBE TABLE test.nope', null, "InvalidRequestError: Table 'nope' not found in keyspace 'test'"],
    ['DESCRIBE INDEX test.myindex2', null, "InvalidRequestError: Table for existing index 'myindex2' not found in 'test'"],
    ['DESCRIBE FUNCTION test.func_foo', null, "InvalidRequestError: User defined function 'func_foo' not found in 'test'"],
    ['DESCRIBE AGGREGATE test.aggr_foo', null, "InvalidRequestError: User defined aggregate 'aggr_foo' not found in 'test'"],
    ['DESCRIBE TYPE test.nope', null, "InvalidRequestError: User defined type 'nope' not found in 'test'"],
  ])('fails %s', (cql, keyspace, message) => {
    expect(failure(testSchema(), cql, keyspace)).toBe(message);
  });
});
