/**
 * Cassandra 4.1's AlterTest (cql3/validation/operations), run through the query layer: adding, dropping
 * and re-adding columns (data of a dropped column never comes back), renames, table options, keyspace
 * options on one data center, IF [NOT] EXISTS forms and the refusals with Cassandra's messages.
 * Left out: flush/compaction variants (no SSTable boundary changes what a read returns here), memtable
 * classes of Cassandra's test jar, two-data-center NTS defaults (keyspace-statements.test.ts), COMPACT
 * STORAGE tables (refused at creation in 4.1) and strict_mv_consistency (not an Apache option).
 */
import { describe, expect, it } from 'vitest';
import { ConfigurationError, InvalidRequestError, SyntaxError as CqlSyntaxError } from '../errors/index.js';
import { useCqlTester, row } from './testing/cql-tester.js';

const tester = useCqlTester();
const { execute, rows, createTable, assertInvalidMessage, assertErrorClass } = tester;
const table = () => `ks.${tester.cql.table}`;
let keyspaceCount = 0;

async function createKeyspace(definition: string): Promise<string> {
  const name = `alter_ks${++keyspaceCount}`;
  await execute(definition.replace('%s', name));
  return name;
}

async function keyspaceRow(name: string): Promise<unknown[]> {
  const found = await rows('SELECT durable_writes, replication FROM system_schema.keyspaces WHERE keyspace_name = ?', name);
  return [...found[0]!];
}

async function tableOption(option: string): Promise<unknown> {
  const found = await rows(`SELECT ${option} FROM system_schema.tables WHERE keyspace_name = 'ks' AND table_name = ?`, tester.cql.table);
  return found[0]![0];
}

const SIMPLE = 'org.apache.cassandra.locator.SimpleStrategy';
const NTS = 'org.apache.cassandra.locator.NetworkTopologyStrategy';

describe('AlterTest: adding and dropping columns', () => {
  it('refuses re-adding a dropped non-frozen collection as a blob and the other way round (testNonFrozenCollectionsAreIncompatibleWithBlob)', async () => {
    for (const type of ['map<int, int>', 'set<int>', 'list<int>']) {
      await createTable(`(a int, b ${type}, PRIMARY KEY (a))`);
      await execute('ALTER TABLE %s DROP b');
      await assertInvalidMessage(`Cannot re-add previously dropped column 'b' of type blob, incompatible with previous type ${type}`, 'ALTER TABLE %s ADD b blob');
    }
    for (const type of ['map<int, int>', 'set<int>', 'list<int>']) {
      await createTable('(a int, b blob, PRIMARY KEY (a))');
      await execute('ALTER TABLE %s DROP b');
      await assertInvalidMessage(`Cannot re-add previously dropped column 'b' of type ${type}, incompatible with previous type blob`, `ALTER TABLE %s ADD b ${type}`);
    }
  });

  it('re-adds a dropped frozen collection as a blob (testFrozenCollectionsAreCompatibleWithBlob)', async () => {
    for (const type of ['frozen<map<int, int>>', 'frozen<set<int>>', 'frozen<list<int>>']) {
      await createTable(`(a int, b ${type}, PRIMARY KEY (a))`);
      await execute('ALTER TABLE %s DROP b');
      await execute('ALTER TABLE %s ADD b blob');
    }
  });

  it('adds and drops collections (testAddList, testDropList, testAddMap, testDropMap, testDropListAndAdd*WithSameName)', async () => {
    await createTable('(id text PRIMARY KEY, content text)');
    await execute('ALTER TABLE %s ADD myCollection list<text>');
    await execute("INSERT INTO %s (id, content , myCollection) VALUES ('test', 'first test', ['first element'])");
    expect(await rows('SELECT * FROM %s')).toEqual([row('test', 'first test', ['first element'])]);

    await createTable('(id text PRIMARY KEY, content text, myCollection map<text, text>)');
    await execute("INSERT INTO %s (id, content , myCollection) VALUES ('test', 'first test', { '1' : 'first element'})");
    await execute('ALTER TABLE %s DROP myCollection');
    expect(await rows('SELECT * FROM %s')).toEqual([row('test', 'first test')]);

    await createTable('(id text PRIMARY KEY, content text, myCollection list<text>)');
    await execute("INSERT INTO %s (id, content , myCollection) VALUES ('test', 'first test', ['first element'])");
    await execute('ALTER TABLE %s DROP myCollection');
    await assertErrorClass(InvalidRequestError, 'ALTER TABLE %s ADD myCollection map<int, int>');
    await execute('ALTER TABLE %s ADD myCollection list<text>');
    expect(await rows('SELECT * FROM %s')).toEqual([row('test', 'first test', null)]);
    await execute("UPDATE %s set myCollection = ['second element'] WHERE id = 'test'");
    expect(await rows('SELECT * FROM %s')).toEqual([row('test', 'first test', ['second element'])]);
  });

  it('keeps data written after DROP ... USING TIMESTAMP when the column comes back (testDropWithTimestamp, testDropMultipleWithTimestamp)', async () => {
    await createTable('(id int, c1 int, v1 int, todrop1 int, todrop2 int, PRIMARY KEY (id, c1))');
    for (let i = 0; i < 5; i++) {
      await execute('INSERT INTO %s (id, c1, v1, todrop1, todrop2) VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ?', 1, i, i, i, i, BigInt(10000 * i));
    }
    await execute('ALTER TABLE %s DROP (todrop1, todrop2) USING TIMESTAMP 20000');
    await execute('ALTER TABLE %s ADD todrop1 int');
    await execute('ALTER TABLE %s ADD todrop2 int');
    await execute('INSERT INTO %s (id, c1, v1, todrop1, todrop2) VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ?', 1, 100, 100, 100, 100, 40000n);
    expect(await rows('SELECT id, c1, v1, todrop1, todrop2 FROM %s')).toEqual([
      row(1, 0, 0, null, null), row(1, 1, 1, null, null), row(1, 2, 2, null, null), row(1, 3, 3, 3, 3), row(1, 4, 4, 4, 4), row(1, 100, 100, 100, 100),
    ]);
  });

  it('brings back the static value written after the drop (testDropStaticWithTimestamp)', async () => {
    await createTable('(id int, c1 int, v1 int, todrop int static, PRIMARY KEY (id, c1))');
    for (let i = 0; i < 5; i++) await execute('INSERT INTO %s (id, c1, v1, todrop) VALUES (?, ?, ?, ?) USING TIMESTAMP ?', 1, i, i, i, BigInt(10000 * i));
    await execute('ALTER TABLE %s DROP todrop USING TIMESTAMP 20000');
    await execute('ALTER TABLE %s ADD todrop int static');
    await execute('INSERT INTO %s (id, c1, v1, todrop) VALUES (?, ?, ?, ?) USING TIMESTAMP ?', 1, 100, 100, 100, 30000n);
    expect(await rows('SELECT id, c1, v1, todrop FROM %s')).toEqual([
      row(1, 0, 0, 4), row(1, 1, 1, 4), row(1, 2, 2, 4), row(1, 3, 3, 4), row(1, 4, 4, 4), row(1, 100, 100, 4),
    ]);
  });

  it('refuses re-adding a column of another kind (testDropAddWithDifferentKind)', async () => {
    await createTable('(a int, b int, c int, d int static, PRIMARY KEY (a, b))');
    await execute('ALTER TABLE %s DROP c');
    await execute('ALTER TABLE %s DROP d');
    await assertInvalidMessage("Cannot re-add previously dropped column 'c' of kind STATIC, incompatible with previous kind REGULAR", 'ALTER TABLE %s ADD c int static');
    await assertInvalidMessage("Cannot re-add previously dropped column 'd' of kind REGULAR, incompatible with previous kind STATIC", 'ALTER TABLE %s ADD d int');
  });

  it('refuses re-adding collections of other element types (testInvalidDroppingAndAddingOfCollections, testDropFixedAddVariable, testDropSimpleAddComplex)', async () => {
    for (const [before, after] of [['list<int>', 'list<varint>'], ['set<int>', 'set<varint>'], ['map<int, int>', 'map<varint, varint>'],
      ['list<int>', 'frozen<list<varint>>'], ['set<int>', 'frozen<set<varint>>'], ['map<int, int>', 'frozen<map<varint, varint>>']]) {
      await createTable(`(k int, c int, v ${before}, PRIMARY KEY (k, c))`);
      await execute('alter table %s drop v');
      await assertInvalidMessage(`Cannot re-add previously dropped column 'v' of type ${after}, incompatible with previous type ${before}`, `alter table %s add v ${after}`);
    }
    await createTable('(k int, c int, v int, PRIMARY KEY (k, c))');
    await execute('alter table %s drop v');
    await assertErrorClass(InvalidRequestError, 'alter table %s add v varint');
    await createTable('(k int, c int, v set<text>, PRIMARY KEY (k, c))');
    await execute('alter table %s drop v');
    await assertErrorClass(InvalidRequestError, 'alter table %s add v blob');
  });

  it('re-adds a dropped column as any type that reads its values with the same layout (isSerializationCompatibleWith)', async () => {
    const allowed = [['text', 'blob'], ['ascii', 'text'], ['bigint', 'timestamp'], ['timestamp', 'bigint'], ['frozen<list<int>>', 'frozen<list<varint>>'],
      ['frozen<tuple<int>>', 'frozen<tuple<int, text>>'], ['map<text, int>', 'map<text, int>']];
    const refused = [['text', 'ascii'], ['int', 'blob'], ['int', 'bigint'], ['frozen<set<int>>', 'frozen<set<varint>>'], ['list<int>', 'list<blob>'],
      ['frozen<tuple<int, text>>', 'frozen<tuple<int>>']];
    for (const [before, after] of [...allowed, ...refused]) {
      await createTable(`(k int PRIMARY KEY, v ${before})`);
      await execute('ALTER TABLE %s DROP v');
      const added = await tester.cql.error(`ALTER TABLE %s ADD v ${after}`);
      expect(added === undefined, `${before} then ${after}`).toBe(allowed.some(([b, a]) => b === before && a === after));
    }
  });

  it('adds columns to rows written before (testAlterStatementWithAdd, testDowngradeToCompact)', async () => {
    await createTable('(id int PRIMARY KEY, t text)');
    await execute("UPDATE %s SET t = '111' WHERE id = 1");
    await execute('ALTER TABLE %s ADD l list<text>');
    expect(await rows('SELECT * FROM %s')).toEqual([row(1, null, '111')]);
    await execute('ALTER TABLE %s ADD m map<int, text>');
    expect(await rows('SELECT * FROM %s')).toEqual([row(1, null, null, '111')]);
    await createTable('(k int primary key, v set<text>)');
    await execute("insert into %s (k, v) VALUES (0, {'f'})");
    await execute('alter table %s drop v');
    await execute('alter table %s add v1 int');
    expect(await rows('SELECT * FROM %s')).toEqual([row(0, null)]);
  });

  it('returns no row whose only column was dropped (testAlterDropEmptySSTable, testAlterOnlyColumnBehaviorWithFlush)', async () => {
    await createTable('(k int PRIMARY KEY, x int, y int)');
    await execute('UPDATE %s SET x = 1 WHERE k = 0');
    await execute('UPDATE %s SET x = 1, y = 1 WHERE k = 0');
    await execute('ALTER TABLE %s DROP x');
    expect(await rows('SELECT * FROM %s')).toEqual([row(0, 1)]);
    await createTable('(k int PRIMARY KEY, x int, y int)');
    await execute('UPDATE %s SET x = 1 WHERE k = 0');
    expect(await rows('SELECT * FROM %s')).toEqual([row(0, 1, null)]);
    await execute('ALTER TABLE %s DROP x');
    expect(await rows('SELECT * FROM %s')).toEqual([]);
  });

  it('refuses renaming to an empty name (renameToEmptyTest) and a WITH given twice (testDoubleWith)', async () => {
    await createTable('(k int, c1 int, v int, PRIMARY KEY (k, c1))');
    await assertErrorClass(CqlSyntaxError, 'ALTER TABLE %s RENAME c1 TO ""');
    for (const statement of ['ALTER KEYSPACE WITH WITH DURABLE_WRITES = true', 'ALTER KEYSPACE ks WITH WITH DURABLE_WRITES = true']) {
      await assertInvalidMessage("no viable alternative at input 'WITH'", statement);
      await assertErrorClass(CqlSyntaxError, statement);
    }
  });
});

describe('AlterTest: IF EXISTS and IF NOT EXISTS', () => {
  it('answers a missing table with or without IF EXISTS (testAlterTableWithoutCreateTable*)', async () => {
    await assertInvalidMessage("Table 'ks.no_such_table' doesn't exist", 'ALTER TABLE ks.no_such_table ADD myCollection list<text>');
    await execute('ALTER TABLE IF EXISTS ks.no_such_table ADD myCollection list<text>');
  });

  it('alters an existing table with IF EXISTS, and checks the columns (testAlterTableWithIfExists, testAlterTableAdd*, testAlterTableDrop*, testAlterTableRename*)', async () => {
    await createTable('(a int, b int, PRIMARY KEY (a, b))');
    await execute('ALTER TABLE IF EXISTS %s ADD myCollection list<text>');
    await execute("INSERT INTO %s (a, b, myCollection) VALUES (1, 2, ['first element'])");
    expect(await rows('SELECT * FROM %s')).toEqual([row(1, 2, ['first element'])]);
    await execute('ALTER TABLE %s ADD IF NOT EXISTS a int');
    await assertInvalidMessage("Column with name 'a' already exists", 'ALTER TABLE IF EXISTS %s ADD a int');
    await execute('ALTER TABLE %s DROP IF EXISTS nothing');
    await execute('ALTER TABLE %s DROP IF EXISTS myCollection');
    expect(await rows('SELECT * FROM %s')).toEqual([row(1, 2)]);
    await execute('ALTER TABLE %s ADD myCollection list<text>');
    await execute('ALTER TABLE %s RENAME IF EXISTS a TO y AND b to z');
    await execute("INSERT INTO %s (y, z, myCollection) VALUES (1, 2, ['first element'])");
    expect(await rows('SELECT * FROM %s')).toEqual([row(1, 2, ['first element'])]);
  });

  it('alters a keyspace with IF EXISTS (testAlterKeyspaceWithIfExists)', async () => {
    const ks = await createKeyspace("CREATE KEYSPACE %s WITH replication={ 'class' : 'SimpleStrategy', 'replication_factor' : 1 }");
    await execute(`ALTER KEYSPACE IF EXISTS ${ks} WITH durable_writes=true`);
    expect(await keyspaceRow(ks)).toEqual([true, [['class', SIMPLE], ['replication_factor', '1']]]);
    await execute("ALTER KEYSPACE IF EXISTS no_such_ks WITH replication= { 'class' : 'SimpleStrategy', 'replication_factor' : 1 }");
    await assertErrorClass(InvalidRequestError, "ALTER KEYSPACE no_such_ks WITH replication= { 'class' : 'SimpleStrategy', 'replication_factor' : 1 }");
  });

  it('names every table using a type in a key when refusing to alter the type (testAlterTypeUsedInPartitionKey)', async () => {
    await execute('CREATE TYPE ks.alter_type1 (v1 int)');
    await execute('CREATE TYPE ks.alter_type2 (v1 frozen<alter_type1>, v2 frozen<alter_type1>)');
    await createTable('(pk frozen<alter_type1>, val int, PRIMARY KEY(pk))');
    const table1 = tester.cql.table;
    await createTable('(pk frozen<alter_type2>, val int, PRIMARY KEY(pk))');
    const table2 = tester.cql.table;
    await createTable('(pk frozen<list<frozen<alter_type1>>>, val int, PRIMARY KEY(pk))');
    const table3 = tester.cql.table;
    for (const name of [table1, table2, table3]) await assertInvalidMessage(name, 'ALTER TYPE ks.alter_type1 ADD v2 int');
  });
});

describe('AlterTest: options', () => {
  it('refuses an unquoted option value (testChangeStrategyWithUnquotedAgrument)', async () => {
    await createTable('(id text PRIMARY KEY)');
    await assertInvalidMessage("no viable alternative at input '}'", "ALTER TABLE %s WITH caching = {'keys' : 'all', 'rows_per_partition' : ALL}");
  });

  it('changes index intervals and keeps them on other changes (testAlterIndexInterval)', async () => {
    await createTable('(id uuid, album text, artist text, data blob, PRIMARY KEY (id))');
    await execute('ALTER TABLE %s WITH min_index_interval=256 AND max_index_interval=512');
    expect([await tableOption('min_index_interval'), await tableOption('max_index_interval')]).toEqual([256, 512]);
    await execute('ALTER TABLE %s WITH caching = {}');
    expect([await tableOption('min_index_interval'), await tableOption('max_index_interval')]).toEqual([256, 512]);
  });

  it('creates and alters keyspaces (testCreateAlterKeyspaces, on one data center)', async () => {
    await assertErrorClass(CqlSyntaxError, 'CREATE KEYSPACE ks1');
    await assertErrorClass(ConfigurationError, "CREATE KEYSPACE ks1 WITH replication= { 'replication_factor' : 1 }");
    const ks1 = await createKeyspace("CREATE KEYSPACE %s WITH replication={ 'class' : 'SimpleStrategy', 'replication_factor' : 1 }");
    const ks2 = await createKeyspace("CREATE KEYSPACE %s WITH replication={ 'class' : 'SimpleStrategy', 'replication_factor' : 1 } AND durable_writes=false");
    expect((await keyspaceRow(ks1))[0]).toBe(true);
    expect((await keyspaceRow(ks2))[0]).toBe(false);
    await execute(`ALTER KEYSPACE ${ks1} WITH replication = { 'class' : 'NetworkTopologyStrategy', 'datacenter1' : 1 } AND durable_writes=False`);
    await execute(`ALTER KEYSPACE ${ks2} WITH durable_writes=true`);
    expect(await keyspaceRow(ks1)).toEqual([false, [['class', NTS], ['datacenter1', '1']]]);
    expect(await keyspaceRow(ks2)).toEqual([true, [['class', SIMPLE], ['replication_factor', '1']]]);
    await assertErrorClass(ConfigurationError, `CREATE TABLE ${ks1}.cf1 (a int PRIMARY KEY, b int) WITH compaction = { 'min_threshold' : 4 }`);
    await execute(`CREATE TABLE ${ks1}.cf1 (a int PRIMARY KEY, b int) WITH compaction = { 'class' : 'SizeTieredCompactionStrategy', 'min_threshold' : 7 }`);
    expect(await rows(`SELECT table_name, compaction FROM system_schema.tables WHERE keyspace_name='${ks1}'`)).toEqual([
      row('cf1', [['class', 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy'], ['max_threshold', '32'], ['min_threshold', '7']]),
    ]);
  });

  it('takes the replication factor from SimpleStrategy when moving to NetworkTopologyStrategy (testCreateSimpleAlterNTSDefaults, testDefaultRF)', async () => {
    const ks = await createKeyspace("CREATE KEYSPACE %s WITH replication={ 'class' : 'SimpleStrategy', 'replication_factor' : 2}");
    await execute(`ALTER KEYSPACE ${ks} WITH replication = { 'class' : 'NetworkTopologyStrategy'}`);
    expect(await keyspaceRow(ks)).toEqual([true, [['class', NTS], ['datacenter1', '2']]]);
    await execute(`ALTER KEYSPACE ${ks} WITH replication={ 'class' : 'SimpleStrategy' } AND durable_writes=true`);
    expect(await keyspaceRow(ks)).toEqual([true, [['class', SIMPLE], ['replication_factor', '1']]]);
    const defaulted = await createKeyspace("CREATE KEYSPACE %s WITH replication={ 'class' : 'NetworkTopologyStrategy' }");
    expect(await keyspaceRow(defaulted)).toEqual([true, [['class', NTS], ['datacenter1', '1']]]);
  });

  it('accepts configured data centers only, each once (testAlterKeyspaceWithNTSOnlyAcceptsConfiguredDataCenterNames, ...MultipleInstancesOfSameDC...)', async () => {
    const ks = await createKeyspace("CREATE KEYSPACE %s WITH replication = {'class' : 'NetworkTopologyStrategy', 'datacenter1' : 2 }");
    const unknown = `Unrecognized strategy option {INVALID_DC} passed to NetworkTopologyStrategy for keyspace ${ks}`;
    await assertInvalidMessage(unknown, `ALTER KEYSPACE ${ks} WITH replication = { 'class' : 'NetworkTopologyStrategy', 'INVALID_DC' : 2 }`);
    await assertErrorClass(ConfigurationError, `ALTER KEYSPACE ${ks} WITH replication = { 'class' : 'NetworkTopologyStrategy', 'INVALID_DC' : 2 }`);
    await execute(`ALTER KEYSPACE ${ks} WITH replication = {'class' : 'NetworkTopologyStrategy', 'datacenter1' : 3 }`);
    await assertInvalidMessage(unknown, `ALTER KEYSPACE ${ks} WITH replication={ 'class' : 'NetworkTopologyStrategy', 'datacenter1' : 2 , 'INVALID_DC': 1}`);
    await assertErrorClass(CqlSyntaxError, `ALTER KEYSPACE ${ks} WITH replication = {'class' : 'NetworkTopologyStrategy', 'datacenter1' : 2, 'datacenter1' : 3 }`);
  });

  it('refuses unknown memtable configurations (testAlterTableWithMemtable)', async () => {
    await createTable('(a text, b int, c int, primary key (a, b))');
    expect(await tableOption('memtable')).toBe(null);
    await assertInvalidMessage('Memtable configuration "unknown" not found.', "ALTER TABLE %s WITH memtable = 'unknown'");
    await assertErrorClass(ConfigurationError, "ALTER TABLE %s WITH memtable = 'unknown'");
  });

  it('changes compression and checks its options (testAlterTableWithCompression)', async () => {
    await createTable('(a text, b int, c int, primary key (a, b))');
    const lz4 = 'org.apache.cassandra.io.compress.LZ4Compressor';
    const snappy = 'org.apache.cassandra.io.compress.SnappyCompressor';
    expect(await tableOption('compression')).toEqual([['chunk_length_in_kb', '16'], ['class', lz4]]);
    const changes: [string, [string, string][]][] = [
      ["{ 'class' : 'SnappyCompressor', 'chunk_length_in_kb' : 32 }", [['chunk_length_in_kb', '32'], ['class', snappy]]],
      ["{ 'class' : 'LZ4Compressor', 'chunk_length_in_kb' : 64 }", [['chunk_length_in_kb', '64'], ['class', lz4]]],
      ["{ 'class' : 'LZ4Compressor', 'min_compress_ratio' : 2 }", [['chunk_length_in_kb', '16'], ['class', lz4], ['min_compress_ratio', '2.0']]],
      ["{ 'class' : 'LZ4Compressor', 'min_compress_ratio' : 1 }", [['chunk_length_in_kb', '16'], ['class', lz4], ['min_compress_ratio', '1.0']]],
      ["{ 'class' : 'LZ4Compressor', 'min_compress_ratio' : 0 }", [['chunk_length_in_kb', '16'], ['class', lz4]]],
      ["{ 'enabled' : 'false'}", [['enabled', 'false']]],
    ];
    for (const [compression, expected] of changes) {
      await execute(`ALTER TABLE %s WITH compression = ${compression}`);
      expect(await tableOption('compression'), compression).toEqual(expected);
    }
    const refusals: [string, string][] = [
      ["Missing sub-option 'class' for the 'compression' option.", "{'chunk_length_in_kb' : 32}"],
      ["The 'class' option must not be empty. To disable compression use 'enabled' : false", "{ 'class' : ''}"],
      ["If the 'enabled' option is set to false no other options must be specified", "{ 'enabled' : 'false', 'class' : 'SnappyCompressor'}"],
      ["The 'sstable_compression' option must not be used if the compression algorithm is already specified by the 'class' option",
        "{ 'sstable_compression' : 'SnappyCompressor', 'class' : 'SnappyCompressor'}"],
      ["The 'chunk_length_kb' option must not be used if the chunk length is already specified by the 'chunk_length_in_kb' option",
        "{ 'class' : 'SnappyCompressor', 'chunk_length_kb' : 32 , 'chunk_length_in_kb' : 32 }"],
      ['Invalid negative min_compress_ratio', "{ 'class' : 'SnappyCompressor', 'min_compress_ratio' : -1 }"],
      ['min_compress_ratio can either be 0 or greater than or equal to 1', "{ 'class' : 'SnappyCompressor', 'min_compress_ratio' : 0.5 }"],
    ];
    for (const [message, compression] of refusals) {
      await assertInvalidMessage(message, `ALTER TABLE %s WITH compression = ${compression}`);
      await assertErrorClass(ConfigurationError, `ALTER TABLE %s WITH compression = ${compression}`);
    }
  });
});

describe('ALTER TABLE refusals (AlterTableStatement)', () => {
  it('refuses what 4.1 refuses on columns, with its messages', async () => {
    await createTable('(k int, c int, v int, s int static, PRIMARY KEY (k, c))');
    const refusals: [string, string][] = [
      ['DROP COMPACT STORAGE is disabled. Enable in cassandra.yaml to use.', 'ALTER TABLE %s DROP COMPACT STORAGE'],
      ['Altering column types is no longer supported', 'ALTER TABLE %s ALTER v TYPE bigint'],
      ['Cannot drop PRIMARY KEY column k', 'ALTER TABLE %s DROP k'],
      ['Cannot drop PRIMARY KEY column c', 'ALTER TABLE %s DROP (v, c)'],
      [`Column nothere was not found in table '${'ks.'}`, 'ALTER TABLE %s DROP nothere'],
      ['Cannot rename non PRIMARY KEY column v', 'ALTER TABLE %s RENAME v TO w'],
      ['Undefined column name nothere in table ks.', 'ALTER TABLE %s RENAME nothere TO w'],
      ['Cannot rename column c to v', 'ALTER TABLE %s RENAME c TO v'],
      ['Cannot rename column k to d', 'ALTER TABLE %s RENAME c TO d AND k TO d'],
      ["Column with name 'v' already exists", 'ALTER TABLE %s ADD (y int, v text)'],
      ["Column with name 'x' already exists", 'ALTER TABLE %s ADD (x int, x text)'],
      ['Cannot have a counter column ("z") in a non counter table', 'ALTER TABLE %s ADD z counter'],
      ['Non-frozen collections are not allowed inside collections: set<list<int>>', 'ALTER TABLE %s ADD n set<list<int>>'],
      ['Unknown type ks.nosuchtype', 'ALTER TABLE %s ADD z frozen<nosuchtype>'],
      ['Cannot alter table id.', 'ALTER TABLE %s WITH id = 5a1c395e-b41f-11e5-9f22-ba0be0483c18'],
      ["Unknown property 'foo'", 'ALTER TABLE %s WITH foo = 1'],
    ];
    for (const [message, statement] of refusals) await assertInvalidMessage(message, statement);
    await assertErrorClass(ConfigurationError, 'ALTER TABLE %s ADD z counter');
    await assertErrorClass(CqlSyntaxError, "ALTER TABLE %s WITH CLUSTERING ORDER BY (c DESC)");
    // `compact` is an ordinary column name elsewhere.
    await execute('ALTER TABLE %s ADD compact int');
    await execute('ALTER TABLE %s DROP compact');
    // A column renamed twice in one statement takes the last name (a map from old name to new).
    await execute('ALTER TABLE %s RENAME c TO d AND c TO e');
    expect((await execute('SELECT * FROM %s')).columns).toEqual(['k', 'e', 's', 'v']);
  });

  it('refuses static columns without clustering, dropping or renaming an indexed column, and counters mixed in', async () => {
    await createTable('(k int PRIMARY KEY, v int)');
    await assertInvalidMessage('Static columns are only useful (and thus allowed) if the table has at least one clustering column', 'ALTER TABLE %s ADD s int static');
    await execute(`CREATE INDEX ${tester.cql.table}_v ON %s (v)`);
    await assertInvalidMessage(`Cannot drop column v because it has dependent secondary indexes (${tester.cql.table}_v)`, 'ALTER TABLE %s DROP v');
    await createTable('(k int, c int, v int, PRIMARY KEY (k, c))');
    await execute(`CREATE INDEX ${tester.cql.table}_c ON %s (c)`);
    await assertInvalidMessage(`Can't rename column c because it has dependent secondary indexes (${tester.cql.table}_c)`, 'ALTER TABLE %s RENAME c TO d');
    await createTable('(k int PRIMARY KEY, cnt counter)');
    await assertInvalidMessage('Cannot have a non counter column ("v") in a counter table', 'ALTER TABLE %s ADD v int');
    await execute('ALTER TABLE %s DROP cnt');
    await assertInvalidMessage('Cannot re-add previously dropped counter column cnt', 'ALTER TABLE %s ADD cnt counter');
    await assertInvalidMessage('Cannot set default_time_to_live on a table with counters', 'ALTER TABLE %s WITH default_time_to_live = 5');
  });

  it('records dropped columns in system_schema.dropped_columns, user types as tuples', async () => {
    await execute('CREATE TYPE IF NOT EXISTS ks.alter_addr (street text, number int)');
    await createTable('(k int PRIMARY KEY, v text, a frozen<alter_addr>, s set<int>)');
    await execute('ALTER TABLE %s DROP (v, a, s) USING TIMESTAMP 1589286942065000');
    const dropped = await rows('SELECT column_name, dropped_time, kind, type FROM system_schema.dropped_columns WHERE keyspace_name = ? AND table_name = ?', 'ks', tester.cql.table);
    expect(dropped.map((r) => [r[0], Number(r[1]), r[2], r[3]])).toEqual([
      ['a', 1589286942065, 'regular', 'frozen<tuple<text, int>>'], ['s', 1589286942065, 'regular', 'set<int>'], ['v', 1589286942065, 'regular', 'text'],
    ]);
  });
});
