/**
 * Table and type statements through the Node driver: CREATE TABLE (compound partition keys, clustering
 * order, static columns, options), ALTER TABLE ADD/DROP/RENAME/WITH, DROP TABLE, TRUNCATE,
 * CREATE/ALTER/DROP TYPE, IF [NOT] EXISTS, and the errors Cassandra 4.1 answers with.
 */
import { describe, expect, it } from 'vitest';
import { useNodeTarget, uniqueName } from '../support/node-client.js';
import { ErrorCodes, expectServerError, plainRows } from '../support/node-values.js';

const target = useNodeTarget('ddl_tables');

async function tableRow(table: string): Promise<Record<string, unknown> | undefined> {
  const result = await target.client.execute(
    'SELECT * FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?',
    [target.keyspace, table],
  );
  return result.rows[0] as Record<string, unknown> | undefined;
}

describe('CREATE TABLE', () => {
  it('records compound partition keys, clustering order and static columns in system_schema.columns', async () => {
    await target.client.execute(
      `CREATE TABLE events (tenant text, day int, at timestamp, seq int, owner text static, payload blob,
        PRIMARY KEY ((tenant, day), at, seq)) WITH CLUSTERING ORDER BY (at DESC, seq ASC)`,
    );
    const result = await target.client.execute(
      `SELECT column_name, kind, position, clustering_order, type FROM system_schema.columns
        WHERE keyspace_name = ? AND table_name = 'events'`,
      [target.keyspace],
    );
    expect(plainRows(result)).toEqual([
      { column_name: 'at', kind: 'clustering', position: 0, clustering_order: 'desc', type: 'timestamp' },
      { column_name: 'day', kind: 'partition_key', position: 1, clustering_order: 'none', type: 'int' },
      { column_name: 'owner', kind: 'static', position: -1, clustering_order: 'none', type: 'text' },
      { column_name: 'payload', kind: 'regular', position: -1, clustering_order: 'none', type: 'blob' },
      { column_name: 'seq', kind: 'clustering', position: 1, clustering_order: 'asc', type: 'int' },
      { column_name: 'tenant', kind: 'partition_key', position: 0, clustering_order: 'none', type: 'text' },
    ]);
  });

  it('returns SELECT * columns as partition key, clustering, static, then regular columns by name', async () => {
    await target.client.execute(
      'CREATE TABLE select_order (k int, c int, zs int static, b text, a int, aa set<int>, PRIMARY KEY (k, c))',
    );
    const result = await target.client.execute('SELECT * FROM select_order');
    expect(result.columns.map((c) => c.name)).toEqual(['k', 'c', 'zs', 'a', 'aa', 'b']);
  });

  it('applies table options and reports them in metadata', async () => {
    await target.client.execute(
      `CREATE TABLE with_options (k int PRIMARY KEY, v text)
        WITH comment = 'a table with options' AND default_time_to_live = 3600 AND gc_grace_seconds = 7200
        AND bloom_filter_fp_chance = 0.05`,
    );
    const table = await target.client.metadata.getTable(target.keyspace, 'with_options');
    expect(table.comment).toBe('a table with options');
    expect(table.defaultTtl).toBe(3600);
    expect(table.gcGraceSeconds).toBe(7200);
    expect(table.bloomFilterFalsePositiveChance).toBeCloseTo(0.05);
    const row = await tableRow('with_options');
    expect(row?.['comment']).toBe('a table with options');
    expect(row?.['default_time_to_live']).toBe(3600);
  });

  it('answers AlreadyExists (0x2400) with keyspace and table', async () => {
    await target.client.execute('CREATE TABLE twice (k int PRIMARY KEY)');
    const error = await expectServerError(
      target.client.execute('CREATE TABLE twice (k int PRIMARY KEY)'),
      ErrorCodes.alreadyExists,
      `Cannot add already existing table "twice" to keyspace "${target.keyspace}"`,
    );
    expect(error['keyspace']).toBe(target.keyspace);
    expect(error['table']).toBe('twice');
    await target.client.execute('CREATE TABLE IF NOT EXISTS twice (k int PRIMARY KEY, other int)');
  });

  it('rejects a table in a keyspace that does not exist', async () => {
    const name = uniqueName('ks_absent');
    await expectServerError(
      target.client.execute(`CREATE TABLE ${name}.t (k int PRIMARY KEY)`),
      ErrorCodes.invalid,
      `Keyspace '${name}' doesn't exist`,
    );
  });

  it('rejects invalid definitions', async () => {
    await expectServerError(
      target.client.execute('CREATE TABLE no_pk (k int, v int)'),
      ErrorCodes.invalid,
      'No PRIMARY KEY specifed for table',
    );
    await expectServerError(
      target.client.execute('CREATE TABLE static_no_clustering (k int PRIMARY KEY, s int static)'),
      ErrorCodes.invalid,
      'Static columns are only useful (and thus allowed) if the table has at least one clustering column',
    );
    await expectServerError(
      target.client.execute('CREATE TABLE list_key (k list<int> PRIMARY KEY)'),
      ErrorCodes.invalid,
      "Invalid non-frozen collection type list<int> for PRIMARY KEY column 'k'",
    );
    await expectServerError(
      target.client.execute('CREATE TABLE mixed_counter (k int PRIMARY KEY, c counter, v int)'),
      ErrorCodes.invalid,
      'Cannot mix counter and non counter columns in the same table',
    );
  });

  it('keeps quoted identifiers case-sensitive and folds unquoted ones to lower case', async () => {
    await target.client.execute('CREATE TABLE "MixedCase" ("Key" int PRIMARY KEY, "Value" text)');
    await target.client.execute('INSERT INTO "MixedCase" ("Key", "Value") VALUES (1, \'one\')');
    const result = await target.client.execute('SELECT "Key", "Value" FROM "MixedCase"');
    expect(plainRows(result)).toEqual([{ Key: 1, Value: 'one' }]);
    await expectServerError(target.client.execute('SELECT * FROM MixedCase'), ErrorCodes.invalid, 'mixedcase');
  });
});

describe('ALTER TABLE', () => {
  it('adds a column that reads as null for existing rows', async () => {
    await target.client.execute('CREATE TABLE alter_add (k int PRIMARY KEY, v int)');
    await target.client.execute('INSERT INTO alter_add (k, v) VALUES (1, 10)');
    await target.client.execute('ALTER TABLE alter_add ADD extra text');
    await target.client.execute("UPDATE alter_add SET extra = 'x' WHERE k = 2");
    const result = await target.client.execute('SELECT k, v, extra FROM alter_add WHERE k IN (1, 2)');
    expect(plainRows(result)).toEqual([
      { k: 1, v: 10, extra: null },
      { k: 2, v: null, extra: 'x' },
    ]);
    await expectServerError(
      target.client.execute('ALTER TABLE alter_add ADD v int'),
      ErrorCodes.invalid,
      "Column with name 'v' already exists",
    );
  });

  it('drops a column and its data, keeping the rest', async () => {
    await target.client.execute('CREATE TABLE alter_drop (k int PRIMARY KEY, keep int, gone text)');
    await target.client.execute("INSERT INTO alter_drop (k, keep, gone) VALUES (1, 5, 'bye')");
    await target.client.execute('ALTER TABLE alter_drop DROP gone');
    expect(plainRows(await target.client.execute('SELECT * FROM alter_drop'))).toEqual([{ k: 1, keep: 5 }]);
    await expectServerError(
      target.client.execute('SELECT gone FROM alter_drop'),
      ErrorCodes.invalid,
      'Undefined column name gone',
    );
    await expectServerError(
      target.client.execute('ALTER TABLE alter_drop DROP k'),
      ErrorCodes.invalid,
      'Cannot drop PRIMARY KEY column k',
    );
  });

  it('re-adding a dropped column does not resurrect its old data', async () => {
    await target.client.execute('CREATE TABLE alter_readd (k int PRIMARY KEY, v int)');
    await target.client.execute('INSERT INTO alter_readd (k, v) VALUES (1, 1)');
    await target.client.execute('ALTER TABLE alter_readd DROP v');
    await target.client.execute('ALTER TABLE alter_readd ADD v int');
    expect(plainRows(await target.client.execute('SELECT k, v FROM alter_readd'))).toEqual([{ k: 1, v: null }]);
  });

  it('renames a primary key column and rejects renaming a regular one', async () => {
    await target.client.execute('CREATE TABLE alter_rename (k int, c int, v int, PRIMARY KEY (k, c))');
    await target.client.execute('INSERT INTO alter_rename (k, c, v) VALUES (1, 2, 3)');
    await target.client.execute('ALTER TABLE alter_rename RENAME c TO position');
    expect(plainRows(await target.client.execute('SELECT k, position, v FROM alter_rename'))).toEqual([
      { k: 1, position: 2, v: 3 },
    ]);
    await expectServerError(
      target.client.execute('ALTER TABLE alter_rename RENAME v TO w'),
      ErrorCodes.invalid,
      'Cannot rename non PRIMARY KEY column v',
    );
  });

  it('changes table options WITH and the driver metadata follows', async () => {
    await target.client.execute('CREATE TABLE alter_with (k int PRIMARY KEY)');
    await target.client.execute("ALTER TABLE alter_with WITH comment = 'changed' AND default_time_to_live = 60");
    const table = await target.client.metadata.getTable(target.keyspace, 'alter_with');
    expect(table.comment).toBe('changed');
    expect(table.defaultTtl).toBe(60);
  });

  it('rejects altering a table that does not exist', async () => {
    await expectServerError(
      target.client.execute('ALTER TABLE never_created ADD v int'),
      ErrorCodes.invalid,
      `Table '${target.keyspace}.never_created' doesn't exist`,
    );
  });
});

describe('DROP TABLE and TRUNCATE', () => {
  it('drops a table; later queries say it does not exist', async () => {
    await target.client.execute('CREATE TABLE to_drop (k int PRIMARY KEY)');
    await target.client.execute('DROP TABLE to_drop');
    expect(await tableRow('to_drop')).toBeUndefined();
    await expectServerError(
      target.client.execute('SELECT * FROM to_drop'),
      ErrorCodes.invalid,
      'table to_drop does not exist',
    );
    await expectServerError(
      target.client.execute('DROP TABLE to_drop'),
      ErrorCodes.invalid,
      `Table '${target.keyspace}.to_drop' doesn't exist`,
    );
    await target.client.execute('DROP TABLE IF EXISTS to_drop');
  });

  it('a re-created table starts empty', async () => {
    await target.client.execute('CREATE TABLE recreated (k int PRIMARY KEY, v int)');
    await target.client.execute('INSERT INTO recreated (k, v) VALUES (1, 1)');
    await target.client.execute('DROP TABLE recreated');
    await target.client.execute('CREATE TABLE recreated (k int PRIMARY KEY, v int)');
    expect((await target.client.execute('SELECT * FROM recreated')).rowLength).toBe(0);
  });

  it('truncates all rows and keeps the table', async () => {
    await target.client.execute('CREATE TABLE to_truncate (k int, c int, PRIMARY KEY (k, c))');
    for (let i = 0; i < 5; i++) await target.client.execute(`INSERT INTO to_truncate (k, c) VALUES (${i % 2}, ${i})`);
    await target.client.execute('TRUNCATE to_truncate');
    expect((await target.client.execute('SELECT * FROM to_truncate')).rowLength).toBe(0);
    await target.client.execute('INSERT INTO to_truncate (k, c) VALUES (1, 1)');
    await target.client.execute('TRUNCATE TABLE to_truncate');
    expect((await target.client.execute('SELECT * FROM to_truncate')).rowLength).toBe(0);
  });
});

describe('CREATE / DROP TYPE', () => {
  it('creates a type that tables can use and reports it in system_schema.types', async () => {
    await target.client.execute('CREATE TYPE point (x int, y int)');
    const types = await target.client.execute(
      "SELECT field_names, field_types FROM system_schema.types WHERE keyspace_name = ? AND type_name = 'point'",
      [target.keyspace],
    );
    expect(plainRows(types)).toEqual([{ field_names: ['x', 'y'], field_types: ['int', 'int'] }]);
    await expectServerError(
      target.client.execute('CREATE TYPE point (x int)'),
      ErrorCodes.invalid,
      "A user type with name 'point' already exists",
    );
    await target.client.execute('CREATE TYPE IF NOT EXISTS point (x int)');
  });

  it('refuses to drop a type still in use, then drops it once unused', async () => {
    await target.client.execute('CREATE TYPE in_use (a int)');
    await target.client.execute('CREATE TABLE uses_type (k int PRIMARY KEY, v frozen<in_use>)');
    await expectServerError(target.client.execute('DROP TYPE in_use'), ErrorCodes.invalid, 'in_use');
    await target.client.execute('DROP TABLE uses_type');
    await target.client.execute('DROP TYPE in_use');
    expect(await target.client.metadata.getUdt(target.keyspace, 'in_use')).toBeNull();
    await target.client.execute('DROP TYPE IF EXISTS in_use');
  });

  it('alters a type by adding and renaming fields', async () => {
    await target.client.execute('CREATE TYPE evolving (a int)');
    await target.client.execute('ALTER TYPE evolving ADD b text');
    await target.client.execute('ALTER TYPE evolving RENAME a TO alpha');
    const udt = await target.client.metadata.getUdt(target.keyspace, 'evolving');
    expect(udt.fields.map((f) => f.name)).toEqual(['alpha', 'b']);
  });
});
