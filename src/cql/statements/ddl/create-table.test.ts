import { describe, expect, it } from 'vitest';
import { formatCqlType } from '../../../types/index.js';
import { failure, run, withKeyspace } from './test-helpers.js';

describe('CREATE TABLE', () => {
  it('builds the columns, their kinds, positions and clustering order', () => {
    const result = run(withKeyspace(), `CREATE TABLE ks.t (a int, b text, c timestamp, s set<int> static, v text, l list<int>,
      PRIMARY KEY ((a, b), c)) WITH CLUSTERING ORDER BY (c DESC)`);
    const t = result.schema.table('ks', 't')!;
    expect(t.partitionKey.map((c) => [c.name, c.kind, c.position, c.clusteringOrder])).toEqual([
      ['a', 'partition_key', 0, 'none'], ['b', 'partition_key', 1, 'none'],
    ]);
    expect(t.clustering.map((c) => [c.name, c.position, c.clusteringOrder])).toEqual([['c', 0, 'desc']]);
    expect(t.staticColumns.map((c) => [c.name, c.kind, c.position])).toEqual([['s', 'static', -1]]);
    expect(t.regularColumns.map((c) => c.name)).toEqual(['l', 'v']);
    expect(formatCqlType(t.columns.get('l')!.type)).toBe('list<int>');
    expect(result.change).toEqual({ change: 'CREATED', target: 'TABLE', keyspace: 'ks', name: 't', argTypes: [] });
  });

  it('resolves an unqualified name in the session keyspace and gives a time-based id from the clock', () => {
    const t = run(withKeyspace(), 'CREATE TABLE t (k int PRIMARY KEY)', { keyspace: 'ks' }).schema.table('ks', 't')!;
    expect(t.id[6]! >> 4).toBe(1);
    expect(t.id.equals(run(withKeyspace(), 'CREATE TABLE t (k int PRIMARY KEY)', { keyspace: 'ks' }).schema.table('ks', 't')!.id)).toBe(true);
  });

  it('takes Cassandra 4.1 defaults and the given options', () => {
    const options = run(withKeyspace(), `CREATE TABLE ks.t (k int PRIMARY KEY) WITH comment = 'hi' AND gc_grace_seconds = 10
      AND compaction = {'class': 'LeveledCompactionStrategy', 'sstable_size_in_mb': 160}
      AND caching = {'rows_per_partition': 'ALL'} AND speculative_retry = '99.5PERCENTILE'
      AND additional_write_policy = '20ms' AND compression = {'enabled': false} AND cdc = true`).schema.table('ks', 't')!.options;
    expect(options.comment).toBe('hi');
    expect(options.gcGraceSeconds).toBe(10);
    expect(Object.fromEntries(options.compaction)).toEqual({
      class: 'org.apache.cassandra.db.compaction.LeveledCompactionStrategy', max_threshold: '32', min_threshold: '4', sstable_size_in_mb: '160',
    });
    expect(options.bloomFilterFpChance).toBe(0.1);
    expect(Object.fromEntries(options.caching)).toEqual({ keys: 'NONE', rows_per_partition: 'ALL' });
    expect(options.speculativeRetry).toBe('99.5p');
    expect(options.additionalWritePolicy).toBe('20ms');
    expect(Object.fromEntries(options.compression)).toEqual({ enabled: 'false' });
    expect(options.cdc).toBe(true);
    expect(options.readRepair).toBe('BLOCKING');
  });

  it('marks counter tables', () => {
    expect(run(withKeyspace(), 'CREATE TABLE ks.c (k int PRIMARY KEY, n counter)').schema.table('ks', 'c')!.isCounterTable).toBe(true);
  });

  it('is a no-op with IF NOT EXISTS', () => {
    const schema = withKeyspace('CREATE TABLE ks.t (k int PRIMARY KEY)');
    expect(run(schema, 'CREATE TABLE IF NOT EXISTS ks.t (k int PRIMARY KEY, v int)').change).toBeNull();
    expect(failure(schema, 'CREATE TABLE ks.t (k int PRIMARY KEY)')).toEqual({ type: 'AlreadyExistsError', message: 'Cannot add already existing table "t" to keyspace "ks"' });
  });

  it.each([
    ['CREATE TABLE t (k int PRIMARY KEY)', 'InvalidRequestError', 'No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename'],
    ['CREATE TABLE nope.t (k int PRIMARY KEY)', 'InvalidRequestError', "Keyspace 'nope' doesn't exist"],
    ['CREATE TABLE ks.t (k int, v int)', 'InvalidRequestError', "No PRIMARY KEY specifed for table 'ks.t' (exactly one required)"],
    ['CREATE TABLE ks.t (k int PRIMARY KEY, v int, PRIMARY KEY (v))', 'InvalidRequestError', "Multiple PRIMARY KEY specified for table 'ks.t' (exactly one required)"],
    ['CREATE TABLE ks.t (k int, k text, PRIMARY KEY (k))', 'InvalidRequestError', "Duplicate column 'k' declaration for table 'ks.t'"],
    ['CREATE TABLE ks.t (k int, PRIMARY KEY (x))', 'InvalidRequestError', "Unknown column 'x' referenced in PRIMARY KEY for table 't'"],
    ['CREATE TABLE ks.t (k int, PRIMARY KEY (k, k))', 'InvalidRequestError', "Duplicate column 'k' in PRIMARY KEY clause for table 't'"],
    ['CREATE TABLE ks.t (k list<int> PRIMARY KEY)', 'InvalidRequestError', "Invalid non-frozen collection type list<int> for PRIMARY KEY column 'k'"],
    ['CREATE TABLE ks.t (k counter PRIMARY KEY)', 'InvalidRequestError', "counter type is not supported for PRIMARY KEY column 'k'"],
    ['CREATE TABLE ks.t (k duration PRIMARY KEY)', 'InvalidRequestError', "duration type is not supported for PRIMARY KEY column 'k'"],
    ['CREATE TABLE ks.t (k int, c int static, PRIMARY KEY (k, c))', 'InvalidRequestError', "Static column 'c' cannot be part of the PRIMARY KEY"],
    ['CREATE TABLE ks.t (k int PRIMARY KEY, s int static)', 'InvalidRequestError', 'Static columns are only useful (and thus allowed) if the table has at least one clustering column'],
    ['CREATE TABLE ks.t (k int PRIMARY KEY, n counter, v int)', 'InvalidRequestError', 'Cannot mix counter and non counter columns in the same table'],
    ['CREATE TABLE ks.t (k int PRIMARY KEY, n counter) WITH default_time_to_live = 5', 'InvalidRequestError', 'Cannot set default_time_to_live on a table with counters'],
    ['CREATE TABLE ks.t (k int, a int, b int, PRIMARY KEY (k, a, b)) WITH CLUSTERING ORDER BY (b DESC, a ASC)', 'InvalidRequestError', 'The order of columns in the CLUSTERING ORDER directive must match that of the clustering columns (a must appear before b)'],
    ['CREATE TABLE ks.t (k int, a int, b int, PRIMARY KEY (k, a, b)) WITH CLUSTERING ORDER BY (b DESC)', 'InvalidRequestError', 'Missing CLUSTERING ORDER for column a'],
    ['CREATE TABLE ks.t (k int, a int, PRIMARY KEY (k, a)) WITH CLUSTERING ORDER BY (a DESC, k ASC)', 'InvalidRequestError', 'Only clustering columns can be defined in CLUSTERING ORDER directive'],
    ['CREATE TABLE ks.t (k int PRIMARY KEY, v mytype)', 'InvalidRequestError', 'Unknown type ks.mytype'],
    ['CREATE TABLE ks.t (k int PRIMARY KEY, v other.mytype)', 'InvalidRequestError', 'Statement on keyspace ks cannot refer to a user type in keyspace other; user types can only be used in the keyspace they are defined in'],
    ['CREATE TABLE ks.t (k int PRIMARY KEY) WITH foo = 1', 'SyntaxError', "Unknown property 'foo'"],
    ['CREATE TABLE ks.t (k int PRIMARY KEY) WITH read_repair_chance = 0.1', 'SyntaxError', "Unknown property 'read_repair_chance'"],
    ['CREATE TABLE ks.t (k int PRIMARY KEY) WITH gc_grace_seconds = 1.5', 'SyntaxError', "Invalid integer value 1.5 for 'gc_grace_seconds'"],
    ['CREATE TABLE ks.t (k int PRIMARY KEY) WITH bloom_filter_fp_chance = 1.5', 'ConfigurationError', 'bloom_filter_fp_chance must be larger than 6.71E-5 and less than or equal to 1.0 (got 1.5)'],
    ['CREATE TABLE ks.t (k int PRIMARY KEY) WITH gc_grace_seconds = -1', 'ConfigurationError', 'gc_grace_seconds must be greater than or equal to 0 (got -1)'],
    ['CREATE TABLE ks.t (k int PRIMARY KEY) WITH min_index_interval = 512 AND max_index_interval = 256', 'ConfigurationError', 'max_index_interval must be greater than or equal to min_index_interval (512) (got 256)'],
    ["CREATE TABLE ks.t (k int PRIMARY KEY) WITH compaction = {'class': 'Nope'}", 'ConfigurationError', "Unable to find compaction strategy class 'org.apache.cassandra.db.compaction.Nope'"],
    ["CREATE TABLE ks.t (k int PRIMARY KEY) WITH compaction = {'class': 'SizeTieredCompactionStrategy', 'foo': 1}", 'ConfigurationError', 'Properties specified [foo] are not understood by SizeTieredCompactionStrategy'],
    ["CREATE TABLE ks.t (k int PRIMARY KEY) WITH compaction = {'min_threshold': 2}", 'ConfigurationError', "Missing sub-option 'class' for the 'compaction' option"],
    ["CREATE TABLE ks.t (k int PRIMARY KEY) WITH compression = {'class': 'LZ4Compressor', 'chunk_length_in_kb': 3}", 'ConfigurationError', 'chunk_length_in_kb must be a power of 2'],
    ["CREATE TABLE ks.t (k int PRIMARY KEY) WITH caching = {'keys': 'SOME'}", 'ConfigurationError', "Invalid value 'SOME' for caching sub-option 'keys': only 'ALL' and 'NONE' are allowed"],
    ["CREATE TABLE ks.t (k int PRIMARY KEY) WITH speculative_retry = 'often'", 'ConfigurationError', "Invalid value often for option 'speculative_retry'"],
    ["CREATE TABLE ks.t (k int PRIMARY KEY) WITH memtable = 'trie'", 'ConfigurationError', 'Memtable configuration "trie" not found.'],
    ['CREATE TABLE ks."bad-name" (k int PRIMARY KEY)', 'ConfigurationError', 'ks.bad-name: Table name must not be empty, more than 48 characters long, or contain non-alphanumeric-underscore characters (got "bad-name")'],
    ['CREATE TABLE system.t (k int PRIMARY KEY)', 'UnauthorizedError', 'system keyspace is not user-modifiable.'],
    ['CREATE TABLE system_auth.t (k int PRIMARY KEY)', 'UnauthorizedError', 'Cannot CREATE <keyspace system_auth>'],
    ['CREATE TABLE system_views.t (k int PRIMARY KEY)', 'InvalidRequestError', "Virtual keyspace 'system_views' is not user-modifiable"],
  ])('rejects %s', (cql, type, message) => {
    expect(failure(withKeyspace(), cql)).toEqual({ type, message });
  });
});
