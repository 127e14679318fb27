import { describe, expect, it } from 'vitest';
import { failure, run, withKeyspace } from './test-helpers.js';

const base = (): ReturnType<typeof withKeyspace> => withKeyspace(
  'CREATE TABLE ks.t (k int, c int, v text, l list<int>, m map<text, int>, f frozen<list<int>>, PRIMARY KEY (k, c))',
);

const SASI = 'org.apache.cassandra.index.sasi.SASIIndex';
const SASI_WARNING = 'SASI indexes are experimental and are not recommended for production use.';

describe('CREATE INDEX', () => {
  it('records the index with a default name and reports a table update', () => {
    const result = run(base(), 'CREATE INDEX ON ks.t (v)');
    const index = result.schema.table('ks', 't')!.indexes.get('t_v_idx')!;
    expect(index.kind).toBe('COMPOSITES');
    expect(Object.fromEntries(index.options)).toEqual({ target: 'v' });
    expect(result.change).toEqual({ change: 'UPDATED', target: 'TABLE', keyspace: 'ks', name: 't', argTypes: [] });
  });

  it('indexes the values of a plain collection target, keys and entries of maps, and full frozen collections', () => {
    const schema = run(base(), 'CREATE INDEX li ON ks.t (l)').schema;
    expect(schema.table('ks', 't')!.indexes.get('li')!.options.get('target')).toBe('values(l)');
    const keys = run(schema, 'CREATE INDEX mk ON ks.t (KEYS(m))').schema;
    expect(keys.table('ks', 't')!.indexes.get('mk')!.options.get('target')).toBe('keys(m)');
    const full = run(keys, 'CREATE INDEX ff ON ks.t (FULL(f))').schema;
    expect(full.table('ks', 't')!.indexes.get('ff')!.options.get('target')).toBe('full(f)');
  });

  it('numbers default names that are taken, and records custom indexes with their class', () => {
    const schema = run(base(), 'CREATE INDEX t_v_idx ON ks.t (c)').schema;
    expect(run(schema, 'CREATE INDEX ON ks.t (v)').schema.table('ks', 't')!.indexes.has('t_v_idx_1')).toBe(true);
    const custom = run(base(), "CREATE CUSTOM INDEX sai ON ks.t (v) USING 'StorageAttachedIndex' WITH OPTIONS = {'case_sensitive': 'false'}").schema;
    expect(Object.fromEntries(custom.table('ks', 't')!.indexes.get('sai')!.options)).toEqual({
      case_sensitive: 'false', class_name: 'org.apache.cassandra.index.sai.StorageAttachedIndex', target: 'v',
    });
  });

  it('creates SASI indexes (enabled by default) with the experimental-feature warning, IF NOT EXISTS too', () => {
    const result = run(base(), "CREATE CUSTOM INDEX si ON ks.t (v) USING 'org.apache.cassandra.index.sasi.SASIIndex'");
    expect(result.schema.table('ks', 't')!.indexes.get('si')!.options.get('class_name')).toBe('org.apache.cassandra.index.sasi.SASIIndex');
    expect(result.warnings).toEqual([SASI_WARNING]);
    expect(run(base(), "CREATE CUSTOM INDEX ON ks.t (v) USING 'StorageAttachedIndex'").warnings).toEqual([]);
    const again = run(result.schema, `CREATE CUSTOM INDEX IF NOT EXISTS si ON ks.t (v) USING '${SASI}' WITH OPTIONS = {'mode': 'CONTAINS'}`);
    expect([again.change, again.warnings]).toEqual([null, [SASI_WARNING]]);
    expect(failure(base(), `CREATE CUSTOM INDEX ON ks.t (v) USING '${SASI}'`, { sasiIndexesEnabled: false }))
      .toEqual({ type: 'InvalidRequestError', message: 'SASI indexes are disabled. Enable in cassandra.yaml to use.' });
  });

  it('records SASI options as given, unknown ones included (express-cassandra sets several)', () => {
    const options = "{'mode': 'CONTAINS', 'analyzer_class': 'org.apache.cassandra.index.sasi.analyzer.NonTokenizingAnalyzer', "
      + "'case_sensitive': 'false', 'max_compaction_flush_memory_in_mb': '512', 'whatever': 'x'}";
    const schema = run(base(), `CREATE CUSTOM INDEX IF NOT EXISTS si ON ks.t (v) USING '${SASI}' WITH OPTIONS = ${options}`).schema;
    expect(Object.fromEntries(schema.table('ks', 't')!.indexes.get('si')!.options)).toEqual({
      mode: 'CONTAINS', analyzer_class: 'org.apache.cassandra.index.sasi.analyzer.NonTokenizingAnalyzer', case_sensitive: 'false',
      max_compaction_flush_memory_in_mb: '512', whatever: 'x', class_name: SASI, target: 'v',
    });
  });

  it.each([
    ['(v)', "{'mode': 'NORMAL'}", 'ConfigurationError', 'Incorrect index mode: NORMAL'],
    ['(v)', "{'mode': 'SPARSE'}", 'ConfigurationError', 'SPARSE mode is only supported on non-literal columns.'],
    ['(c)', "{'mode': 'SPARSE', 'is_literal': 'true'}", 'ConfigurationError', 'SPARSE mode is only supported on non-literal columns.'],
    ['(c)', "{'mode': 'SPARSE', 'analyzed': 'true'}", 'ConfigurationError', "SPARSE mode doesn't support analyzers."],
    ['(v)', "{'analyzer_class': 'com.example.Mine'}", 'ConfigurationError', 'Invalid analyzer class option specified [com.example.Mine]'],
    ['(c)', "{'analyzer_class': 'org.apache.cassandra.index.sasi.analyzer.StandardAnalyzer'}", 'ConfigurationError', 'StandardAnalyzer does not support type int'],
    ['(v)', "{'analyzer_class': 'org.apache.cassandra.index.sasi.analyzer.NonTokenizingAnalyzer', 'case_sensitive': 'false', 'normalize_lowercase': 'true'}",
      'ConfigurationError', 'case_sensitive option cannot be specified together with either normalize_lowercase or normalize_uppercase'],
    ['(v)', "{'analyzer_class': 'org.apache.cassandra.index.sasi.analyzer.DelimiterAnalyzer', 'delimiter': ';;'}",
      'ConfigurationError', 'Only single character delimiters supported, was ;;'],
    ['(l)', '{}', 'ConfigurationError', 'complex columns are not yet supported by SASI'],
    ['(k)', '{}', 'InvalidRequestError', 'Cannot create secondary index on the only partition key column k'],
  ])('refuses SASI on %s with %s', (target, options, type, message) => {
    expect(failure(base(), `CREATE CUSTOM INDEX ON ks.t ${target} USING '${SASI}' WITH OPTIONS = ${options}`)).toEqual({ type, message });
  });

  it('refuses SASI on a part of a composite partition key', () => {
    const schema = withKeyspace('CREATE TABLE ks.p (a int, b int, v int, PRIMARY KEY ((a, b)))');
    expect(failure(schema, `CREATE CUSTOM INDEX ON ks.p (a) USING '${SASI}'`))
      .toEqual({ type: 'ConfigurationError', message: 'partition key columns are not yet supported by SASI' });
  });

  it.each([
    ['CREATE INDEX ON ks.nope (v)', 'InvalidRequestError', "Table 'nope' doesn't exist"],
    ['CREATE INDEX ON ks.t (nope)', 'InvalidRequestError', 'Undefined column name nope in table ks.t'],
    ['CREATE INDEX ON ks.t (f)', 'InvalidRequestError', "Cannot create values() index on frozen column f. Frozen collections are immutable and must be fully indexed by using the 'full(f)' modifier"],
    ['CREATE INDEX ON ks.t (full(l))', 'InvalidRequestError', 'full() indexes can only be created on frozen collections'],
    ['CREATE INDEX ON ks.t (keys(v))', 'InvalidRequestError', 'Cannot create keys() index on v. Non-collection columns only support simple indexes'],
    ['CREATE INDEX ON ks.t (keys(l))', 'InvalidRequestError', 'Cannot create index on keys of column l with non-map type'],
  ])('rejects %s', (cql, type, message) => {
    expect(failure(base(), cql)).toEqual({ type, message });
  });

  it('refuses duplicates, existing names and the only partition key column', () => {
    const schema = run(base(), 'CREATE INDEX vi ON ks.t (v)').schema;
    expect(failure(schema, 'CREATE INDEX vi ON ks.t (c)')).toEqual({ type: 'InvalidRequestError', message: "Index 'vi' already exists" });
    expect(run(schema, 'CREATE INDEX IF NOT EXISTS vi ON ks.t (c)').change).toBeNull();
    expect(failure(schema, 'CREATE INDEX other ON ks.t (v)')).toEqual({ type: 'InvalidRequestError', message: 'Index other is a duplicate of existing index vi' });
    expect(failure(base(), 'CREATE INDEX ON ks.t (k)')).toEqual({ type: 'InvalidRequestError', message: 'Cannot create secondary index on the only partition key column k' });
  });
});

describe('DROP INDEX', () => {
  it('drops the index and reports an update of its table', () => {
    const schema = run(base(), 'CREATE INDEX vi ON ks.t (v)').schema;
    const result = run(schema, 'DROP INDEX ks.vi');
    expect(result.schema.table('ks', 't')!.indexes.size).toBe(0);
    expect(result.change).toEqual({ change: 'UPDATED', target: 'TABLE', keyspace: 'ks', name: 't', argTypes: [] });
  });

  it('fails on a missing index unless IF EXISTS', () => {
    expect(failure(base(), 'DROP INDEX ks.nope')).toEqual({ type: 'InvalidRequestError', message: "Index 'ks.nope' doesn't exist'" });
    expect(run(base(), 'DROP INDEX IF EXISTS ks.nope').change).toBeNull();
  });
});
