/**
 * Keyspace and table definitions Cassandra 4.1 refuses, with its error classes (ConfigurationException
 * 0x2300 or InvalidRequest 0x2200) and messages: names (SchemaConstants.isValidName), replication
 * (ReplicationParams, AbstractReplicationStrategy.validateOptions), compaction (CompactionParams and each
 * strategy's validateOptions), compression, caching and the other table parameters (TableParams.validate),
 * from CreateTest, CreateTableValidationTest and KeyspaceParams' rules; and what they accept.
 */
import { describe, expect, it } from 'vitest';
import { ConfigurationError, InvalidRequestError, SyntaxError as CqlSyntaxError } from '../errors/index.js';
import { useCqlTester } from './testing/cql-tester.js';

const tester = useCqlTester();
const { execute, rows, assertInvalidMessage, assertErrorClass } = tester;
let count = 0;
const fresh = (prefix: string) => `${prefix}${++count}`;
const SIMPLE_1 = "{'class': 'SimpleStrategy', 'replication_factor': 1}";

/** Refused with this class and a message containing `message`. */
async function refused(type: typeof ConfigurationError | typeof InvalidRequestError | typeof CqlSyntaxError, message: string, statement: string): Promise<void> {
  await assertInvalidMessage(message, statement);
  await assertErrorClass(type, statement);
}

async function compactionOf(table: string): Promise<unknown> {
  return (await rows('SELECT compaction FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?', 'ks', table))[0]![0];
}

describe('keyspace and table names', () => {
  it('accepts names of 48 characters from [a-zA-Z0-9_], quoted ones keeping their case', async () => {
    await execute(`CREATE KEYSPACE ${'k'.repeat(48)} WITH replication = ${SIMPLE_1}`);
    await execute(`CREATE KEYSPACE "MixedCase_Ks" WITH replication = ${SIMPLE_1}`);
    expect(await rows("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = 'MixedCase_Ks'")).toHaveLength(1);
    await execute(`CREATE TABLE ks.${'t'.repeat(48)} (k int PRIMARY KEY)`);
    await execute('CREATE TABLE ks."Quoted_Table" (k int PRIMARY KEY, "Odd Column" int)');
  });

  it('refuses longer names and other characters', async () => {
    const long = 'k'.repeat(49);
    await refused(InvalidRequestError, `Keyspace name must not be empty, more than 48 characters long, or contain non-alphanumeric-underscore characters (got '${long}')`,
      `CREATE KEYSPACE ${long} WITH replication = ${SIMPLE_1}`);
    await refused(InvalidRequestError, "(got 'my-ks')", `CREATE KEYSPACE "my-ks" WITH replication = ${SIMPLE_1}`);
    await refused(ConfigurationError, `ks.${long}: Table name must not be empty, more than 48 characters long, or contain non-alphanumeric-underscore characters (got "${long}")`,
      `CREATE TABLE ks.${long} (k int PRIMARY KEY)`);
    await refused(ConfigurationError, '(got "d-3")', 'CREATE TABLE ks."d-3" (key int PRIMARY KEY, val int)');
    await assertErrorClass(CqlSyntaxError, `CREATE KEYSPACE "" WITH replication = ${SIMPLE_1}`);
  });
});

describe('replication', () => {
  it('refuses unknown strategies, a missing class, bad factors and unknown options', async () => {
    const refusals: [typeof ConfigurationError | typeof InvalidRequestError | typeof CqlSyntaxError, string, string][] = [
      [ConfigurationError, "Unable to find replication strategy class 'org.apache.cassandra.locator.FooStrategy'", "{'class': 'FooStrategy'}"],
      [ConfigurationError, 'Missing replication strategy class', "{'replication_factor': 1}"],
      [ConfigurationError, 'For input string: "abc"', "{'class': 'SimpleStrategy', 'replication_factor': 'abc'}"],
      [ConfigurationError, 'Replication factor must be non-negative, found -1', "{'class': 'SimpleStrategy', 'replication_factor': -1}"],
      [ConfigurationError, 'Unrecognized strategy option {foo} passed to SimpleStrategy for keyspace', "{'class': 'SimpleStrategy', 'replication_factor': 1, 'foo': 2}"],
      [ConfigurationError, 'Unrecognized strategy option {dc9} passed to NetworkTopologyStrategy for keyspace', "{'class': 'NetworkTopologyStrategy', 'dc9': 2}"],
      [ConfigurationError, 'For input string: "x"', "{'class': 'NetworkTopologyStrategy', 'datacenter1': 'x'}"],
      [InvalidRequestError, 'Unable to use given strategy class: LocalStrategy is reserved for internal use.', "{'class': 'LocalStrategy'}"],
    ];
    for (const [type, message, replication] of refusals) await refused(type, message, `CREATE KEYSPACE ${fresh('repl')} WITH replication = ${replication}`);
    await refused(InvalidRequestError, "Missing mandatory option 'replication'", `CREATE KEYSPACE ${fresh('repl')} WITH durable_writes = true`);
    await refused(CqlSyntaxError, "Unknown property 'foo'", `CREATE KEYSPACE ${fresh('repl')} WITH replication = ${SIMPLE_1} AND foo = 1`);
  });

  it('fills in default_keyspace_rf and expands the replication_factor shorthand of NetworkTopologyStrategy', async () => {
    const simple = fresh('repl');
    await execute(`CREATE KEYSPACE ${simple} WITH replication = {'class': 'SimpleStrategy'}`);
    const nts = fresh('repl');
    await execute(`CREATE KEYSPACE ${nts} WITH replication = {'class': 'NetworkTopologyStrategy', 'replication_factor': 1}`);
    const replication = async (ks: string) => (await rows('SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?', ks))[0]![0];
    expect(await replication(simple)).toEqual([['class', 'org.apache.cassandra.locator.SimpleStrategy'], ['replication_factor', '1']]);
    expect(await replication(nts)).toEqual([['class', 'org.apache.cassandra.locator.NetworkTopologyStrategy'], ['datacenter1', '1']]);
  });
});

describe('compaction (CompactionParams and the strategies\' validateOptions)', () => {
  const create = (compaction: string) => `CREATE TABLE ks.${fresh('cmp')} (k int PRIMARY KEY) WITH compaction = ${compaction}`;

  it('refuses bad options with each strategy\'s message', async () => {
    const refusals: [string, string][] = [
      ["Unable to find compaction strategy class 'org.apache.cassandra.db.compaction.FooCompaction'", "{'class': 'FooCompaction'}"],
      ["Missing sub-option 'class' for the 'compaction' option", "{'min_threshold': 2}"],
      ['Properties specified [foo] are not understood by SizeTieredCompactionStrategy', "{'class': 'SizeTieredCompactionStrategy', 'foo': 2}"],
      ['Min compaction threshold cannot be less than 2 (got 1)', "{'class': 'SizeTieredCompactionStrategy', 'min_threshold': 1}"],
      ['Min compaction threshold (got 8) cannot be greater than max compaction threshold (got 6)', "{'class': 'SizeTieredCompactionStrategy', 'min_threshold': 8, 'max_threshold': 6}"],
      ["Invalid value -1 for 'max_threshold' compaction sub-option - must be an integer", "{'class': 'SizeTieredCompactionStrategy', 'max_threshold': -1}"],
      ["Disabling compaction by setting compaction thresholds to 0 has been removed, set the compaction option 'enabled' to false instead.",
        "{'class': 'SizeTieredCompactionStrategy', 'min_threshold': 0}"],
      ['tombstone_threshold must be greater than 0, but was -1.000000', "{'class': 'SizeTieredCompactionStrategy', 'tombstone_threshold': -1}"],
      ['abc is not a parsable int (base10) for tombstone_compaction_interval', "{'class': 'SizeTieredCompactionStrategy', 'tombstone_compaction_interval': 'abc'}"],
      ["'unchecked_tombstone_compaction' should be either 'true' or 'false', not 'maybe'", "{'class': 'SizeTieredCompactionStrategy', 'unchecked_tombstone_compaction': 'maybe'}"],
      ["enabled should either be 'true' or 'false', not yes", "{'class': 'SizeTieredCompactionStrategy', 'enabled': 'yes'}"],
      ['bucket_high value (0.5) is less than or equal to the bucket_low value (0.5)', "{'class': 'SizeTieredCompactionStrategy', 'bucket_high': 0.5}"],
      ['x is not a parsable float for bucket_low', "{'class': 'SizeTieredCompactionStrategy', 'bucket_low': 'x'}"],
      ['min_sstable_size must be non negative: -5', "{'class': 'SizeTieredCompactionStrategy', 'min_sstable_size': -5}"],
      ['sstable_size_in_mb must be larger than 0, but was -1', "{'class': 'LeveledCompactionStrategy', 'sstable_size_in_mb': -1}"],
      ['big is not a parsable int (base10) for sstable_size_in_mb', "{'class': 'LeveledCompactionStrategy', 'sstable_size_in_mb': 'big'}"],
      ['fanout_size must be larger than 0, but was 0', "{'class': 'LeveledCompactionStrategy', 'fanout_size': 0}"],
      ['WEEKS is not valid for compaction_window_unit', "{'class': 'TimeWindowCompactionStrategy', 'compaction_window_unit': 'WEEKS'}"],
      ['days is not valid for compaction_window_unit', "{'class': 'TimeWindowCompactionStrategy', 'compaction_window_unit': 'days'}"],
      ['0 must be greater than 1 for compaction_window_size', "{'class': 'TimeWindowCompactionStrategy', 'compaction_window_size': 0}"],
      ['HOURS is not valid for timestamp_resolution', "{'class': 'TimeWindowCompactionStrategy', 'timestamp_resolution': 'HOURS'}"],
      ['unsafe_aggressive_sstable_expiration is requested but not allowed', "{'class': 'TimeWindowCompactionStrategy', 'unsafe_aggressive_sstable_expiration': 'true'}"],
    ];
    for (const [message, compaction] of refusals) await refused(ConfigurationError, message, create(compaction));
  });

  it('accepts valid options and reports them as given, thresholds added', async () => {
    await execute("CREATE TABLE ks.cmp_ok (k int PRIMARY KEY) WITH compaction = {'class': 'TimeWindowCompactionStrategy', 'compaction_window_unit': 'DAYS', 'compaction_window_size': 7}");
    expect(await compactionOf('cmp_ok')).toEqual([
      ['class', 'org.apache.cassandra.db.compaction.TimeWindowCompactionStrategy'], ['compaction_window_size', '7'], ['compaction_window_unit', 'DAYS'],
      ['max_threshold', '32'], ['min_threshold', '4'],
    ]);
    await execute("ALTER TABLE ks.cmp_ok WITH compaction = {'class': 'LeveledCompactionStrategy', 'sstable_size_in_mb': 160, 'fanout_size': 10, 'tombstone_threshold': 0.3, 'enabled': 'false'}");
    await execute("ALTER TABLE ks.cmp_ok WITH compaction = {'class': 'SizeTieredCompactionStrategy', 'bucket_low': 0.3, 'bucket_high': 2, 'min_sstable_size': 10}");
  });
});

describe('table parameters (TableParams.validate, CompressionParams, CachingParams)', () => {
  const create = (option: string) => `CREATE TABLE ks.${fresh('opt')} (k int PRIMARY KEY) WITH ${option}`;

  it('refuses values out of range with ConfigurationException', async () => {
    const refusals: [string, string][] = [
      ['bloom_filter_fp_chance must be larger than 6.71E-5 and less than or equal to 1.0 (got 1.1)', 'bloom_filter_fp_chance = 1.1'],
      ['gc_grace_seconds must be greater than or equal to 0 (got -1)', 'gc_grace_seconds = -1'],
      ['default_time_to_live must be less than or equal to 630720000 (got 630720001)', 'default_time_to_live = 630720001'],
      ['min_index_interval must be greater than or equal to 1 (got 0)', 'min_index_interval = 0'],
      ['max_index_interval must be greater than or equal to min_index_interval (128) (got 10)', 'max_index_interval = 10'],
      ['memtable_flush_period_in_ms must be greater than or equal to 0 (got -5)', 'memtable_flush_period_in_ms = -5'],
      ['crc_check_chance must be larger than or equal to 0 and smaller than or equal to 1.0 (got 2.0)', 'crc_check_chance = 2'],
      ["Invalid value foo for option 'speculative_retry'", "speculative_retry = 'foo'"],
      ["Invalid value 'SOME' for caching sub-option 'keys': only 'ALL' and 'NONE' are allowed", "caching = {'keys': 'SOME'}"],
      ["Invalid caching sub-options [foo]: only 'keys' and 'rows_per_partition' are allowed", "caching = {'foo': 'bar'}"],
      ['Could not create Compression for type org.apache.cassandra.io.compress.FooCompressor', "compression = {'class': 'FooCompressor'}"],
      ['chunk_length_in_kb must be a power of 2', "compression = {'class': 'LZ4Compressor', 'chunk_length_in_kb': 3}"],
      ['Unknown compression options foo', "compression = {'class': 'LZ4Compressor', 'foo': 3}"],
      ['Memtable configuration "foo" not found.', "memtable = 'foo'"],
    ];
    for (const [message, option] of refusals) await refused(ConfigurationError, message, create(option));
    await refused(CqlSyntaxError, "Unknown property 'foo'", create("foo = 'bar'"));
    await refused(CqlSyntaxError, 'Multiple definition for property compaction',
      create("compaction = {'class': 'SizeTieredCompactionStrategy'} AND compaction = {'class': 'SizeTieredCompactionStrategy'}"));
  });

  it('accepts the deprecated compression option names', async () => {
    await execute("CREATE TABLE ks.cmp_old (k int PRIMARY KEY) WITH compression = {'sstable_compression': 'SnappyCompressor', 'chunk_length_kb': 32}");
    expect((await rows("SELECT compression FROM system_schema.tables WHERE keyspace_name = 'ks' AND table_name = 'cmp_old'"))[0]![0])
      .toEqual([['chunk_length_in_kb', '32'], ['class', 'org.apache.cassandra.io.compress.SnappyCompressor']]);
  });
});
