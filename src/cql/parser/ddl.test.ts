import { describe, expect, it } from 'vitest';
import { failure, int, parse } from './testing/parse-helpers.js';

describe('keyspace statements', () => {
  it('parses CREATE KEYSPACE with a replication map and constants', () => {
    expect(parse(
      "CREATE KEYSPACE IF NOT EXISTS Ks WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': '2'} "
      + 'AND durable_writes = false',
    )).toEqual({
      kind: 'createKeyspace', keyspace: 'ks', ifNotExists: true, properties: { entries: [
        ['replication', { kind: 'map', entries: [['class', 'NetworkTopologyStrategy'], ['dc1', '3'], ['dc2', '2']] }],
        ['durable_writes', { kind: 'constant', text: 'false', quoted: false }],
      ] },
    });
  });

  it('parses ALTER and DROP KEYSPACE', () => {
    expect(parse("ALTER KEYSPACE IF EXISTS \"Ks\" WITH replication = {'class': 'SimpleStrategy'}")).toMatchObject({
      kind: 'alterKeyspace', keyspace: 'Ks', ifExists: true,
    });
    expect(parse('DROP KEYSPACE IF EXISTS ks')).toEqual({ kind: 'dropKeyspace', keyspace: 'ks', ifExists: true });
    expect(parse('DROP KEYSPACE ks')).toEqual({ kind: 'dropKeyspace', keyspace: 'ks', ifExists: false });
  });

  it('parses USE and TRUNCATE', () => {
    expect(parse('USE "MyKs"')).toEqual({ kind: 'use', keyspace: 'MyKs' });
    expect(parse('TRUNCATE ks.t')).toEqual({ kind: 'truncate', table: { keyspace: 'ks', name: 't' } });
    expect(parse('TRUNCATE TABLE t')).toEqual({ kind: 'truncate', table: { keyspace: null, name: 't' } });
    expect(failure('USE ?').message).toBe('Bind variables cannot be used for keyspace names');
  });

  it('keeps property constants as text and rejects bad property maps', () => {
    expect(parse("CREATE KEYSPACE k WITH a = 1.5 AND b = 'x''y' AND c = -3 AND d = NaN AND e = ALL AND f = 0xff")).toMatchObject({
      properties: { entries: [
        ['a', { text: '1.5', quoted: false }], ['b', { text: "x'y", quoted: true }], ['c', { text: '-3' }],
        ['d', { text: 'NaN' }], ['e', { text: 'ALL', quoted: false }], ['f', { text: '0xff' }],
      ] },
    });
    expect(failure("CREATE KEYSPACE k WITH a = 1 AND a = 2").message).toBe('Multiple definition for property a');
    expect(failure("CREATE KEYSPACE k WITH r = {'a': 1, 'a': 2}").message).toBe('Multiple definition for property a');
    expect(failure("CREATE KEYSPACE k WITH r = {?: 1}").message)
      .toBe('Invalid property name: ? (bind variables are not supported in DDL queries)');
    expect(failure("CREATE KEYSPACE k WITH r = {'a': [1]}").message).toBe("Invalid property value: [1] for property: 'a'");
  });
});

describe('table statements', () => {
  it('parses CREATE TABLE with a compound primary key, statics and options', () => {
    expect(parse(
      'CREATE TABLE IF NOT EXISTS ks.t (a int, b text, c timeuuid, s set<frozen<tuple<int, text>>> STATIC, '
      + "PRIMARY KEY ((a, b), c),) WITH CLUSTERING ORDER BY (c DESC) AND COMPACT STORAGE AND comment = 'hi' "
      + "AND compaction = {'class': 'LeveledCompactionStrategy'} AND gc_grace_seconds = 0",
    )).toEqual({
      kind: 'createTable', table: { keyspace: 'ks', name: 't' }, ifNotExists: true,
      columns: [
        { name: 'a', type: 'int', isStatic: false, isPrimaryKey: false },
        { name: 'b', type: 'text', isStatic: false, isPrimaryKey: false },
        { name: 'c', type: 'timeuuid', isStatic: false, isPrimaryKey: false },
        { name: 's', type: 'set<frozen<tuple<int, text>>>', isStatic: true, isPrimaryKey: false },
      ],
      partitionKey: ['a', 'b'], clusteringColumns: ['c'], clusteringOrder: [{ column: 'c', descending: true }],
      compactStorage: true,
      properties: { entries: [
        ['comment', { kind: 'constant', text: 'hi', quoted: true }],
        ['compaction', { kind: 'map', entries: [['class', 'LeveledCompactionStrategy']] }],
        ['gc_grace_seconds', { kind: 'constant', text: '0', quoted: false }],
      ] },
    });
  });

  it('parses an inline PRIMARY KEY and normalises type text', () => {
    expect(parse(
      'create table t (k INT primary key, m FROZEN< Map<TEXT,list<"MyType">> >, v vector<float, 3>, u ks.addr, '
      + "c 'org.apache.cassandra.db.marshal.BytesType', \"Key\" key)",
    )).toMatchObject({
      columns: [
        { name: 'k', type: 'int', isPrimaryKey: true },
        { name: 'm', type: 'frozen<map<text, list<"MyType">>>' },
        { name: 'v', type: 'vector<float, 3>' },
        { name: 'u', type: 'ks.addr' },
        { name: 'c', type: "'org.apache.cassandra.db.marshal.BytesType'" },
        { name: 'Key', type: '"key"' },
      ],
      partitionKey: ['k'], clusteringColumns: [], clusteringOrder: [],
    });
  });

  it('rejects what CreateTableStatement.Raw rejects while parsing', () => {
    expect(failure('CREATE TABLE ks.t (k int PRIMARY KEY, v int, PRIMARY KEY (v))')).toEqual({
      type: 'InvalidRequestError', message: "Multiple PRIMARY KEY specified for table 'ks.t' (exactly one required)",
    });
    expect(failure('CREATE TABLE t (k int PRIMARY KEY, k text)').message).toBe("Duplicate column 'k' declaration for table 't'");
    expect(failure('CREATE TABLE t (k int, c int, PRIMARY KEY (k, c)) WITH CLUSTERING ORDER BY (c ASC, c DESC)').message)
      .toBe("Duplicate column 'c' in CLUSTERING ORDER BY clause for table 't'");
  });

  it('parses every ALTER TABLE form', () => {
    const t = { keyspace: null, name: 't' };
    expect(parse('ALTER TABLE t ADD v int')).toEqual({ kind: 'alterTable', table: t, ifExists: false, operation: {
      kind: 'add', ifNotExists: false, columns: [{ name: 'v', type: 'int', isStatic: false, isPrimaryKey: false }],
    } });
    expect(parse('ALTER TABLE IF EXISTS t ADD IF NOT EXISTS (a int static, b list<int>)')).toMatchObject({ ifExists: true, operation: {
      kind: 'add', ifNotExists: true, columns: [{ name: 'a', isStatic: true }, { name: 'b', type: 'list<int>' }],
    } });
    expect(parse('ALTER TABLE t DROP v')).toMatchObject({ operation: { kind: 'drop', columns: ['v'], ifExists: false, timestamp: null } });
    expect(parse('ALTER TABLE t DROP IF EXISTS (a, b) USING TIMESTAMP 42')).toMatchObject({
      operation: { kind: 'drop', columns: ['a', 'b'], ifExists: true, timestamp: int('42') },
    });
    expect(parse('ALTER TABLE t RENAME IF EXISTS a TO b AND c TO d')).toMatchObject({
      operation: { kind: 'rename', renames: [['a', 'b'], ['c', 'd']], ifExists: true },
    });
    expect(parse('ALTER TABLE t ALTER v TYPE blob')).toMatchObject({ operation: { kind: 'alterType', column: 'v', type: 'blob' } });
    expect(parse("ALTER TABLE t WITH comment = 'x' AND default_time_to_live = 10")).toMatchObject({
      operation: { kind: 'with', properties: { entries: [['comment', { text: 'x' }], ['default_time_to_live', { text: '10' }]] } },
    });
  });

  it('parses DROP TABLE', () => {
    expect(parse('DROP TABLE IF EXISTS ks.t')).toEqual({ kind: 'dropTable', table: { keyspace: 'ks', name: 't' }, ifExists: true });
    expect(parse('DROP COLUMNFAMILY t')).toEqual({ kind: 'dropTable', table: { keyspace: null, name: 't' }, ifExists: false });
  });
});

describe('type statements', () => {
  it('parses CREATE, ALTER and DROP TYPE', () => {
    expect(parse('CREATE TYPE IF NOT EXISTS ks.address (street text, "Zip" int, tags frozen<set<text>>,)')).toEqual({
      kind: 'createType', type: { keyspace: 'ks', name: 'address' }, ifNotExists: true,
      fields: [{ name: 'street', type: 'text' }, { name: 'Zip', type: 'int' }, { name: 'tags', type: 'frozen<set<text>>' }],
    });
    expect(parse('ALTER TYPE address ADD IF NOT EXISTS city text')).toEqual({
      kind: 'alterType', type: { keyspace: null, name: 'address' }, ifExists: false,
      operation: { kind: 'add', field: 'city', type: 'text', ifNotExists: true },
    });
    expect(parse('ALTER TYPE IF EXISTS a RENAME x TO y AND z TO w')).toMatchObject({
      ifExists: true, operation: { kind: 'rename', renames: [['x', 'y'], ['z', 'w']], ifExists: false },
    });
    expect(parse('DROP TYPE IF EXISTS ks.a')).toEqual({ kind: 'dropType', type: { keyspace: 'ks', name: 'a' }, ifExists: true });
    expect(failure('CREATE TYPE byte (a int)').message).toBe('Invalid (reserved) user type name byte');
    expect(failure('ALTER TYPE a ALTER f TYPE blob')).toEqual({
      type: 'InvalidRequestError', message: 'Altering field types is no longer supported',
    });
  });
});

describe('index statements', () => {
  it('parses CREATE INDEX in every target form', () => {
    expect(parse('CREATE INDEX ON t (v)')).toEqual({
      kind: 'createIndex', table: { keyspace: null, name: 't' }, name: null, ifNotExists: false,
      target: { column: 'v', type: 'simple' }, using: null, properties: { entries: [] }, custom: false,
    });
    expect(parse('CREATE INDEX IF NOT EXISTS idx ON ks.t (keys(m))')).toMatchObject({
      name: 'idx', ifNotExists: true, table: { keyspace: 'ks', name: 't' }, target: { column: 'm', type: 'keys' },
    });
    expect(parse('CREATE INDEX ON t (values(l))')).toMatchObject({ target: { column: 'l', type: 'values' } });
    expect(parse('CREATE INDEX ON t (values)')).toMatchObject({ target: { column: 'values', type: 'simple' } });
    expect(parse('CREATE INDEX ON t (entries(m))')).toMatchObject({ target: { column: 'm', type: 'entries' } });
    expect(parse('CREATE INDEX ON t (full(f))')).toMatchObject({ target: { column: 'f', type: 'full' } });
    expect(parse("CREATE CUSTOM INDEX i ON t (v) USING 'org.apache.cassandra.index.sasi.SASIIndex' WITH OPTIONS = {'mode': 'CONTAINS'}"))
      .toMatchObject({
        custom: true, using: 'org.apache.cassandra.index.sasi.SASIIndex',
        properties: { entries: [['options', { kind: 'map', entries: [['mode', 'CONTAINS']] }]] },
      });
    expect(failure('CREATE INDEX ON t (a, b)').message).toBe('Only CUSTOM indexes support multiple columns');
    expect(failure('CREATE INDEX ON t ()').message).toBe('Only CUSTOM indexes can be created without specifying a target column');
  });

  it('parses DROP INDEX', () => {
    expect(parse('DROP INDEX IF EXISTS ks.idx')).toEqual({ kind: 'dropIndex', index: { keyspace: 'ks', name: 'idx' }, ifExists: true });
  });
});

describe('statements Cassanova does not implement', () => {
  it('refuses them by name', () => {
    expect(failure("CREATE TRIGGER tr ON t USING 'org.example.Trigger'")).toEqual({
      type: 'InvalidRequestError', message: 'Cassanova does not support triggers',
    });
    expect(failure('ADD IDENTITY \'id\' TO ROLE r').message).toBe('Cassanova does not support identities');
  });
});

describe('materialized views', () => {
  it('parses CREATE MATERIALIZED VIEW with its key, clustering order and options', () => {
    expect(parse("CREATE MATERIALIZED VIEW IF NOT EXISTS ks.mv AS SELECT a, b FROM ks.t WHERE a IS NOT NULL AND b > 1 PRIMARY KEY ((b, a)) WITH CLUSTERING ORDER BY (a DESC) AND comment = 'x'")).toEqual({
      kind: 'createView', view: { keyspace: 'ks', name: 'mv' }, baseTable: { keyspace: 'ks', name: 't' }, ifNotExists: true,
      selection: [{ selector: { kind: 'column', name: 'a' }, alias: null }, { selector: { kind: 'column', name: 'b' }, alias: null }],
      where: [
        { target: { kind: 'column', name: 'a' }, operator: 'IS NOT', value: { kind: 'null' } },
        { target: { kind: 'column', name: 'b' }, operator: '>', value: { kind: 'constant', value: { kind: 'integer', text: '1' } } },
      ],
      partitionKey: ['b', 'a'], clusteringColumns: [], clusteringOrder: [{ column: 'a', descending: true }],
      properties: { entries: [['comment', { kind: 'constant', quoted: true, text: 'x' }]] }, hasBindMarkers: false,
    });
  });

  it('parses ALTER and DROP MATERIALIZED VIEW, and refuses COMPACT STORAGE', () => {
    expect(parse("ALTER MATERIALIZED VIEW IF EXISTS mv WITH comment = 'y'")).toMatchObject({ kind: 'alterView', view: { keyspace: null, name: 'mv' }, ifExists: true });
    expect(parse('DROP MATERIALIZED VIEW IF EXISTS ks.mv')).toEqual({ kind: 'dropView', view: { keyspace: 'ks', name: 'mv' }, ifExists: true });
    expect(failure('CREATE MATERIALIZED VIEW mv AS SELECT * FROM t WHERE k IS NOT NULL PRIMARY KEY (k) WITH COMPACT STORAGE'))
      .toEqual({ type: 'SyntaxError', message: 'COMPACT STORAGE tables are not allowed starting with version 4.0' });
  });
});

describe('functions and aggregates', () => {
  it('parses CREATE [OR REPLACE] FUNCTION with either null-input directive and both string forms', () => {
    expect(parse("CREATE OR REPLACE FUNCTION ks.f (a int, \"B\" list<text>) CALLED ON NULL INPUT RETURNS text LANGUAGE JavaScript AS $$a + B$$"))
      .toEqual({
        kind: 'createFunction', function: { keyspace: 'ks', name: 'f' }, orReplace: true, ifNotExists: false,
        arguments: [{ name: 'a', type: 'int' }, { name: 'B', type: 'list<text>' }], calledOnNullInput: true, returnType: 'text',
        language: 'javascript', body: 'a + B',
      });
    expect(parse("CREATE FUNCTION IF NOT EXISTS f () RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return 1;'"))
      .toMatchObject({ ifNotExists: true, arguments: [], calledOnNullInput: false, body: 'return 1;' });
  });

  it('parses CREATE AGGREGATE and the DROPs, with or without argument types', () => {
    expect(parse('CREATE AGGREGATE IF NOT EXISTS ks.a (int, text) SFUNC s STYPE tuple<int, int> FINALFUNC f INITCOND (0, 0)'))
      .toMatchObject({
        kind: 'createAggregate', aggregate: { keyspace: 'ks', name: 'a' }, argTypes: ['int', 'text'], stateFunction: 's',
        stateType: 'tuple<int, int>', finalFunction: 'f', initcond: { kind: 'tuple' },
      });
    expect(parse('CREATE OR REPLACE AGGREGATE a (int) SFUNC s STYPE int')).toMatchObject({ orReplace: true, finalFunction: null, initcond: null });
    expect(parse('DROP FUNCTION IF EXISTS ks.f')).toEqual({ kind: 'dropFunction', function: { keyspace: 'ks', name: 'f' }, ifExists: true, argTypes: null });
    expect(parse('DROP AGGREGATE a ()')).toEqual({ kind: 'dropAggregate', aggregate: { keyspace: null, name: 'a' }, ifExists: false, argTypes: [] });
  });

  it('reports malformed definitions as syntax errors', () => {
    expect(failure("CREATE FUNCTION f (a int) RETURNS int LANGUAGE java AS 'x'").type).toBe('SyntaxError');
    expect(failure("CREATE OR FUNCTION f (a int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'x'").type).toBe('SyntaxError');
  });
});
