import { describe, expect, it } from 'vitest';
import { failure, run, withKeyspace } from './test-helpers.js';

const base = (): ReturnType<typeof withKeyspace> => withKeyspace(
  'CREATE TABLE ks.t (k int, c int, v text, l list<int>, m map<text, int>, f frozen<list<int>>, PRIMARY KEY (k, c))',
);

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

  it('creates SASI indexes once sasi_indexes_enabled, with the experimental-feature warning', () => {
    const result = run(base(), "CREATE CUSTOM INDEX si ON ks.t (v) USING 'org.apache.cassandra.index.sasi.SASIIndex'", { sasiIndexesEnabled: true });
    expect(result.schema.table('ks', 't')!.indexes.get('si')!.options.get('class_name')).toBe('org.apache.cassandra.index.sasi.SASIIndex');
    expect(result.warnings).toEqual(['SASI indexes are experimental and are not recommended for production use.']);
    expect(run(base(), "CREATE CUSTOM INDEX ON ks.t (v) USING 'StorageAttachedIndex'").warnings).toEqual([]);
  });

  it.each([
    ['CREATE INDEX ON ks.nope (v)', 'InvalidRequestError', "Table 'nope' doesn't exist"],
    ['CREATE INDEX ON ks.t (nope)', 'InvalidRequestError', 'Undefined column name nope in table ks.t'],
    ['CREATE INDEX ON ks.t (f)', 'InvalidRequestError', "Cannot create values() index on frozen column f. Frozen collections are immutable and must be fully indexed by using the 'full(f)' modifier"],
    ['CREATE INDEX ON ks.t (full(l))', 'InvalidRequestError', 'full() indexes can only be created on frozen collections'],
    ['CREATE INDEX ON ks.t (keys(v))', 'InvalidRequestError', 'Cannot create keys() index on v. Non-collection columns only support simple indexes'],
    ['CREATE INDEX ON ks.t (keys(l))', 'InvalidRequestError', 'Cannot create index on keys of column l with non-map type'],
    ["CREATE CUSTOM INDEX ON ks.t (v) USING 'org.apache.cassandra.index.sasi.SASIIndex'", 'InvalidRequestError', 'SASI indexes are disabled. Enable in cassandra.yaml to use.'],
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
