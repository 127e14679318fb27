/**
 * SASI indexes as Cassandra 4.1 answers them (its SASICQLTest and SASIIndexTest are the spec): CREATE
 * CUSTOM INDEX … USING 'org.apache.cassandra.index.sasi.SASIIndex' with its modes and analyzers, the
 * experimental-feature warning, LIKE 'abc%' / '%abc' / '%abc%' / 'abc' by what each mode allows, = and
 * ranges, ALLOW FILTERING as 4.1 asks for it, paging, schema rows, DESCRIBE and driver metadata.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isExternalTarget, useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError } from '../support/node-values.js';

const target = useNodeTarget('sasi');
const SASI = 'org.apache.cassandra.index.sasi.SASIIndex';
const ANALYZERS = 'org.apache.cassandra.index.sasi.analyzer.';
const WARNING = 'SASI indexes are experimental and are not recommended for production use.';
const FILTERING = 'Cannot execute this query as it might involve data filtering';

const run = (cql: string, params: unknown[] = []) => target.client.execute(cql, params, { prepare: params.length > 0 });
const keys = async (cql: string, params: unknown[] = [], key = 'k'): Promise<unknown[]> =>
  (await run(cql, params)).rows.map((r) => r[key] as unknown).sort((a, b) => Number(a) - Number(b));
const sasi = (table: string, column: string, options = '{}', name = `${table}_${column}_sasi`) =>
  run(`CREATE CUSTOM INDEX IF NOT EXISTS ${name} ON ${table} (${column}) USING '${SASI}' WITH OPTIONS = ${options}`);

describe('CREATE CUSTOM INDEX … USING SASIIndex', () => {
  it('creates the index with the experimental-feature warning, also when IF NOT EXISTS finds it', async () => {
    await run('CREATE TABLE warned (k int PRIMARY KEY, v int)');
    expect((await run(`CREATE CUSTOM INDEX warned_v ON warned (v) USING '${SASI}'`)).info.warnings).toEqual([WARNING]);
    expect((await run(`CREATE CUSTOM INDEX IF NOT EXISTS warned_v ON warned (v) USING '${SASI}'`)).info.warnings).toEqual([WARNING]);
  });

  it('takes the options express-cassandra writes, unknown ones included', async () => {
    await run('CREATE TABLE orm (id int PRIMARY KEY, name text, bio text)');
    await sasi('orm', 'name', `{'mode': 'CONTAINS', 'analyzer_class': '${ANALYZERS}NonTokenizingAnalyzer', 'case_sensitive': 'false', 'max_compaction_flush_memory_in_mb': '1024'}`);
    await sasi('orm', 'bio', `{'mode': 'CONTAINS', 'analyzer_class': '${ANALYZERS}StandardAnalyzer', 'analyzed': 'true', 'tokenization_skip_stop_words': 'true', 'tokenization_enable_stemming': 'true', 'tokenization_locale': 'en', 'tokenization_normalize_lowercase': 'true'}`);
    await sasi('orm', 'name', `{'mode': 'CONTAINS', 'analyzer_class': '${ANALYZERS}NonTokenizingAnalyzer', 'case_sensitive': 'false', 'max_compaction_flush_memory_in_mb': '1024'}`);
    // express-cassandra's own form: unnamed, quoted, run again on every start.
    for (let i = 0; i < 2; i++) {
      const created = await run(`CREATE CUSTOM INDEX IF NOT EXISTS ON "orm" ("bio") USING '${SASI}' WITH OPTIONS = {'mode': 'PREFIX'}`);
      expect(created.info.warnings).toEqual([WARNING]);
    }
    expect((await target.client.metadata.getTable(target.keyspace, 'orm'))!.indexes.map((i) => i.name).sort()).toEqual(['orm_bio_idx', 'orm_bio_sasi', 'orm_name_sasi']);
    await run("INSERT INTO orm (id, name, bio) VALUES (1, 'Ada Lovelace', 'She wrote the first programs for engines')");
    await run("INSERT INTO orm (id, name, bio) VALUES (2, 'Alan Turing', 'He was breaking codes and programming computers')");
    expect(await keys("SELECT id FROM orm WHERE name LIKE '%LOVE%'", [], 'id')).toEqual([1]);
    expect(await keys("SELECT id FROM orm WHERE bio LIKE 'programming'", [], 'id')).toEqual([1, 2]);
    expect(await keys("SELECT id FROM orm WHERE bio LIKE '%engine%'", [], 'id')).toEqual([1]);
  });

  it.each([
    ["{'mode': 'NORMAL'}", 'v', 'Incorrect index mode: NORMAL'],
    ["{'mode': 'SPARSE'}", 'v', 'SPARSE mode is only supported on non-literal columns.'],
    ["{'mode': 'SPARSE', 'analyzed': 'true'}", 'n', "SPARSE mode doesn't support analyzers."],
    [`{'analyzer_class': 'org.example.Nope'}`, 'v', 'Invalid analyzer class option specified [org.example.Nope]'],
    [`{'analyzer_class': '${ANALYZERS}NonTokenizingAnalyzer'}`, 'n', 'NonTokenizingAnalyzer does not support type int'],
    [`{'analyzer_class': '${ANALYZERS}NonTokenizingAnalyzer', 'case_sensitive': 'false', 'normalize_uppercase': 'true'}`, 'v',
      'case_sensitive option cannot be specified together with either normalize_lowercase or normalize_uppercase'],
    ['{}', 'l', 'complex columns are not yet supported by SASI'],
  ])('refuses the options %s on %s with a configuration error', async (options, column, message) => {
    await run('CREATE TABLE IF NOT EXISTS refused (k int, c int, v text, n int, l list<int>, PRIMARY KEY (k, c))');
    await expectServerError(run(`CREATE CUSTOM INDEX ON refused (${column}) USING '${SASI}' WITH OPTIONS = ${options}`), ErrorCodes.configError, message);
  });

  it('records the index in system_schema.indexes, the driver metadata and DESCRIBE', async () => {
    await run('CREATE TABLE described (k int PRIMARY KEY, v text)');
    await run(`CREATE CUSTOM INDEX described_v ON described (v) USING '${SASI}' WITH OPTIONS = {'mode': 'CONTAINS'}`);
    const row = (await run(`SELECT kind, options FROM system_schema.indexes WHERE keyspace_name = '${target.keyspace}' AND table_name = 'described'`)).rows[0]!;
    expect(row['kind']).toBe('CUSTOM');
    expect(row['options']).toEqual({ class_name: SASI, mode: 'CONTAINS', target: 'v' });
    const table = await target.client.metadata.getTable(target.keyspace, 'described');
    const index = table!.indexes.find((i) => i.name === 'described_v')!;
    expect([index.isCustomKind(), index.target, (index.options as Record<string, string>)['class_name']]).toEqual([true, 'v', SASI]);
    const described = (await run('DESCRIBE INDEX described_v')).rows[0]!;
    expect(described['create_statement']).toBe(
      `CREATE CUSTOM INDEX described_v ON ${target.keyspace}.described (v) USING '${SASI}' WITH OPTIONS = {'mode': 'CONTAINS'};`);
  });
});

describe('LIKE and = by mode and analyzer (SASIIndexTest.testLIKEAndEQSemanticsWithDifferenceKindsOfIndexes)', () => {
  beforeAll(async () => {
    for (const table of ['contains_ci', 'prefix', 'analyzed_prefix', 'tokenized_contains']) {
      await run(`CREATE TABLE ${table} (k int PRIMARY KEY, v text)`);
    }
    await sasi('contains_ci', 'v', `{'mode': 'CONTAINS', 'analyzer_class': '${ANALYZERS}NonTokenizingAnalyzer', 'case_sensitive': 'false'}`);
    await sasi('prefix', 'v', "{'mode': 'PREFIX'}");
    await sasi('analyzed_prefix', 'v', "{'mode': 'PREFIX', 'analyzed': 'true'}");
    await sasi('tokenized_contains', 'v', `{'mode': 'CONTAINS', 'analyzer_class': '${ANALYZERS}StandardAnalyzer', 'analyzed': 'true', 'tokenization_enable_stemming': 'true', 'tokenization_normalize_lowercase': 'true', 'tokenization_locale': 'en'}`);
    await run("INSERT INTO contains_ci (k, v) VALUES (0, 'Pavel')");
    await run("INSERT INTO prefix (k, v) VALUES (0, 'Jean-Claude')");
    await run("INSERT INTO analyzed_prefix (k, v) VALUES (0, 'Jean-Claude')");
    await run("INSERT INTO tokenized_contains (k, v) VALUES (0, 'Pavel')");
  });

  it.each([
    ["contains_ci WHERE v LIKE 'Pav'", 0], ["contains_ci WHERE v LIKE 'Pav%'", 1], ["contains_ci WHERE v LIKE 'Pavel'", 1],
    ["contains_ci WHERE v = 'Pav'", 0], ["contains_ci WHERE v = 'Pavel'", 1], ["contains_ci WHERE v = 'PAVEL'", 1],
    ["contains_ci WHERE v LIKE '%Pav'", 0], ["contains_ci WHERE v LIKE '%Pav%'", 1], ["contains_ci WHERE v LIKE '%VEL'", 1],
    ["prefix WHERE v = 'Jean'", 0], ["prefix WHERE v = 'Jean-Claude'", 1], ["prefix WHERE v LIKE 'Jea'", 0], ["prefix WHERE v LIKE 'Jea%'", 1],
    ["analyzed_prefix WHERE v LIKE 'Jean'", 1], ["analyzed_prefix WHERE v LIKE 'Claude'", 1], ["analyzed_prefix WHERE v LIKE 'Jean-Claude'", 1],
    ["analyzed_prefix WHERE v LIKE 'Jean%'", 1], ["analyzed_prefix WHERE v LIKE 'Claude%'", 1],
    ["tokenized_contains WHERE v LIKE '%ave%'", 1], ["tokenized_contains WHERE v LIKE 'pavel'", 1],
  ])('SELECT * FROM %s finds %i row(s)', async (query, count) => {
    expect((await run(`SELECT * FROM ${query}`)).rows).toHaveLength(count);
  });

  it.each([
    ["prefix WHERE v LIKE '%Jea'", "v LIKE '%<term>' Jea is only supported on properly indexed columns"],
    ["prefix WHERE v LIKE '%Jea%'", "v LIKE '%<term>%' Jea is only supported on properly indexed columns"],
    ["analyzed_prefix WHERE v LIKE '%Jean'", "v LIKE '%<term>' Jean is only supported on properly indexed columns"],
    ["tokenized_contains WHERE v LIKE 'Pav%'", "v LIKE '<term>%' Pav is only supported on properly indexed columns"],
    ["analyzed_prefix WHERE v = 'Jean'", FILTERING],
    ["tokenized_contains WHERE v = 'Pav'", FILTERING],
    ["contains_ci WHERE v LIKE '%'", "LIKE value can't be empty."],
    ["contains_ci WHERE v LIKE '%%'", "LIKE value can't be empty."],
  ])('refuses SELECT * FROM %s', async (query, message) => {
    await expectServerError(run(`SELECT * FROM ${query}`), ErrorCodes.invalid, message);
  });
});

describe('SASICQLTest', () => {
  it('pages through the rows one indexed value matches, with and without clustering columns', async () => {
    await run('CREATE TABLE paged (pk int PRIMARY KEY, v int)');
    await run('CREATE TABLE paged_ck (pk int, ck int, v int, PRIMARY KEY (pk, ck))');
    await sasi('paged', 'v');
    await sasi('paged_ck', 'v');
    for (let i = 0; i < 10; i++) {
      await run('INSERT INTO paged (pk, v) VALUES (?, ?)', [i, 1]);
      await run('INSERT INTO paged_ck (pk, ck, v) VALUES (?, ?, ?)', [i, 1, 1]);
      await run('INSERT INTO paged_ck (pk, ck, v) VALUES (?, ?, ?)', [i, 2, 1]);
    }
    const pks = async (table: string): Promise<number[]> => {
      const seen: number[] = [];
      let pageState: string | undefined;
      do {
        const page = await target.client.execute(`SELECT pk FROM ${table} WHERE v = 1`, [], { prepare: true, fetchSize: 5, pageState });
        expect(page.rows.length).toBeLessThanOrEqual(5);
        seen.push(...page.rows.map((r) => r['pk'] as number));
        pageState = page.pageState ?? undefined;
      } while (pageState !== undefined);
      return seen.sort((a, b) => a - b);
    };
    expect(await pks('paged')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await pks('paged_ck')).toHaveLength(20);
  });

  it.each(['PREFIX', 'CONTAINS', 'SPARSE'])('compares non-literal text in %s mode (testNonLiteralStringCompare)', async (mode) => {
    const table = `nonliteral_${mode.toLowerCase()}`;
    await run(`CREATE TABLE ${table} (pk int PRIMARY KEY, v text)`);
    await sasi(table, 'v', `{'is_literal': 'false', 'mode': '${mode}'}`);
    for (const [pk, v] of [[0, 'a'], [1, 'abc'], [2, 'ac']] as const) await run(`INSERT INTO ${table} (pk, v) VALUES (?, ?)`, [pk, v]);
    expect(await keys(`SELECT pk FROM ${table} WHERE v = 'ab'`, [], 'pk')).toEqual([]);
    if (mode === 'CONTAINS') await expectServerError(run(`SELECT pk FROM ${table} WHERE v > 'ab'`), ErrorCodes.invalid, FILTERING);
    else expect((await run(`SELECT pk FROM ${table} WHERE v > 'ab'`)).rows.map((r) => r['pk'])).toEqual([1, 2]);
  });

  it.each(['PREFIX', 'CONTAINS'])('refuses ranges on literal text and answers LIKE prefixes in %s mode', async (mode) => {
    const table = `literal_${mode.toLowerCase()}`;
    await run(`CREATE TABLE ${table} (pk int PRIMARY KEY, v text)`);
    await sasi(table, 'v', `{'mode': '${mode}'}`);
    for (const [pk, v] of [[0, 'a'], [1, 'abc'], [2, 'ac']] as const) await run(`INSERT INTO ${table} (pk, v) VALUES (?, ?)`, [pk, v]);
    expect(await keys(`SELECT pk FROM ${table} WHERE v = 'ab'`, [], 'pk')).toEqual([]);
    await expectServerError(run(`SELECT pk FROM ${table} WHERE v > 'ab'`), ErrorCodes.invalid, FILTERING);
    expect(await keys(`SELECT pk FROM ${table} WHERE v LIKE 'ab%'`, [], 'pk')).toEqual([1]);
  });

  it.each(['PREFIX', 'CONTAINS', 'SPARSE'])('compares ints and blobs in %s mode, except with ranges in CONTAINS mode', async (mode) => {
    const table = `numbers_${mode.toLowerCase()}`;
    await run(`CREATE TABLE ${table} (pk int PRIMARY KEY, v int, b blob)`);
    await sasi(table, 'v', `{'mode': '${mode}'}`);
    await sasi(table, 'b', `{'mode': '${mode}'}`);
    for (const [pk, v, b] of [[0, 100, '1234'], [1, 200, '12345678'], [2, 300, '12350000']] as const) {
      await run(`INSERT INTO ${table} (pk, v, b) VALUES (?, ?, ?)`, [pk, v, Buffer.from(b, 'hex')]);
    }
    if (mode === 'CONTAINS') {
      await expectServerError(run(`SELECT pk FROM ${table} WHERE v > 200`), ErrorCodes.invalid, FILTERING);
      await expectServerError(run(`SELECT pk FROM ${table} WHERE b > 0x1234`), ErrorCodes.invalid, FILTERING);
    } else {
      expect(await keys(`SELECT pk FROM ${table} WHERE v > 200`, [], 'pk')).toEqual([2]);
      expect((await run(`SELECT pk FROM ${table} WHERE b > 0x1234`)).rows.map((r) => r['pk'])).toEqual([1, 2]);
    }
    expect(await keys(`SELECT pk FROM ${table} WHERE v = 200`, [], 'pk')).toEqual([1]);
  });

  it('asks for ALLOW FILTERING for IN on an indexed column (testInOperator)', async () => {
    await run('CREATE TABLE ins (pk int PRIMARY KEY, v int)');
    await sasi('ins', 'v');
    await expectServerError(run('SELECT * FROM ins WHERE v IN (200, 250, 300)'), ErrorCodes.invalid, FILTERING);
  });
});

describe('LIKE in statements (SelectTest.testPrepareStatementsWithLIKEClauses) and with other restrictions', () => {
  beforeAll(async () => {
    await run('CREATE TABLE likes (a int, c1 text, c2 text, v1 text, v2 text, v3 int, s text static, PRIMARY KEY (a, c1, c2))');
    await sasi('likes', 'c1', "{'mode': 'PREFIX'}");
    await sasi('likes', 'c2', "{'mode': 'CONTAINS'}");
    await sasi('likes', 'v1', "{'mode': 'PREFIX'}");
    await sasi('likes', 'v2', "{'mode': 'CONTAINS'}");
    await sasi('likes', 'v3');
    await sasi('likes', 's', `{'analyzer_class': '${ANALYZERS}NonTokenizingAnalyzer', 'case_sensitive': 'false'}`);
    await run("INSERT INTO likes (a, c1, c2, v1, v2, v3, s) VALUES (1, 'abcde', 'xabcx', 'abc', 'zzabc', 1, 'TEMPERATURE')");
    await run("INSERT INTO likes (a, c1, c2, v1, v2, v3) VALUES (1, 'bcd', 'abc', 'bcd', 'abczz', 2)");
    await run("INSERT INTO likes (a, c1, c2, v1, v2, v3, s) VALUES (2, 'abx', 'q', 'abd', 'q', 3, 'pressure')");
  });

  it('answers each form a mode allows, on clustering, regular and static columns, with bound values', async () => {
    const count = async (column: string, pattern: string) => (await run(`SELECT * FROM likes WHERE ${column} LIKE ?`, [pattern])).rows.length;
    expect([await count('c1', 'abc%'), await count('c1', 'ab%'), await count('c1', 'abcde')]).toEqual([1, 2, 1]);
    expect([await count('c2', 'abc%'), await count('c2', '%abc'), await count('c2', '%abc%'), await count('c2', 'abc')]).toEqual([1, 1, 2, 1]);
    expect([await count('v1', 'ab%'), await count('v2', '%abc'), await count('v2', '%abc%')]).toEqual([2, 1, 2]);
    expect(await keys("SELECT a FROM likes WHERE s LIKE 'temp%'", [], 'a')).toEqual([1, 1]);
  });

  it('refuses the forms a PREFIX index cannot answer once the value is bound, and LIKE on non-literal columns before', async () => {
    for (const column of ['c1', 'v1']) {
      await expectServerError(run(`SELECT * FROM likes WHERE ${column} LIKE ?`, ['%abc']), ErrorCodes.invalid, `${column} LIKE '%<term>' abc is only supported on properly indexed columns`);
      await expectServerError(run(`SELECT * FROM likes WHERE ${column} LIKE ?`, ['%abc%']), ErrorCodes.invalid, `${column} LIKE '%<term>%' abc is only supported on properly indexed columns`);
    }
    for (const pattern of ['%abc', 'abc']) {
      await expectServerError(run('SELECT * FROM likes WHERE v3 LIKE ?', [pattern]), ErrorCodes.invalid,
        'LIKE restriction is only supported on properly indexed columns. v3 LIKE ? is not valid.');
    }
  });

  it('refuses LIKE without a SASI index, on keys, and in UPDATE and DELETE', async () => {
    await run('CREATE TABLE IF NOT EXISTS plain (k int PRIMARY KEY, v text)');
    await run('CREATE INDEX IF NOT EXISTS plain_v ON plain (v)');
    const refused = (relation: string) => `LIKE restriction is only supported on properly indexed columns. ${relation} is not valid.`;
    await expectServerError(run("SELECT * FROM plain WHERE v LIKE 'a%' ALLOW FILTERING"), ErrorCodes.invalid, refused("v LIKE 'a%'"));
    await expectServerError(run("SELECT * FROM plain WHERE k LIKE 'a%'"), ErrorCodes.invalid, 'Invalid STRING constant (a%) for "k" of type int');
    await expectServerError(run("SELECT * FROM likes WHERE a = 1 AND c1 = 'abcde' AND v3 LIKE '1%'"), ErrorCodes.invalid, 'Invalid STRING constant (1%) for "v3" of type int');
    await expectServerError(run("UPDATE likes SET v3 = 5 WHERE a = 1 AND c1 = 'bcd' AND c2 = 'abc' AND v1 LIKE 'b%'"), ErrorCodes.invalid, refused("v1 LIKE 'b%'"));
    await expectServerError(run("DELETE FROM likes WHERE a = 1 AND v1 LIKE 'b%'"), ErrorCodes.invalid, refused("v1 LIKE 'b%'"));
  });

  it.each([
    ["v1 LIKE 'a%' AND v1 LIKE 'b%'", 'v1 cannot be restricted by more than one relation if it includes a LIKE'],
    ["v1 = 'abc' AND v1 LIKE 'a%'", 'v1 cannot be restricted by more than one relation if it includes an Equal'],
    ["v1 > 'a' AND v1 LIKE 'a%'", 'Column "v1" cannot be restricted by both an equality and an inequality relation'],
    ["c1 LIKE 'a%' AND c1 = 'abc'", 'c1 cannot be restricted by more than one relation if it includes a LIKE'],
  ])('refuses a LIKE beside another relation on its column: %s', async (where, message) => {
    await expectServerError(run(`SELECT * FROM likes WHERE ${where} ALLOW FILTERING`), ErrorCodes.invalid, message);
  });

  it('needs ALLOW FILTERING beside a second indexed or filtered relation, not beside the partition key', async () => {
    await expectServerError(run("SELECT * FROM likes WHERE v1 LIKE 'ab%' AND v3 = 3"), ErrorCodes.invalid, FILTERING);
    expect(await keys("SELECT a FROM likes WHERE v1 LIKE 'ab%' AND v3 = 3 ALLOW FILTERING", [], 'a')).toEqual([2]);
    expect(await keys("SELECT a FROM likes WHERE a = 1 AND v2 LIKE '%zz'", [], 'a')).toEqual([1]);
    expect(await keys("SELECT v3 FROM likes WHERE v3 > 1", [], 'v3')).toEqual([2, 3]);
    expect(await keys("SELECT v3 FROM likes WHERE s = 'PRESSURE'", [], 'v3')).toEqual([3]);
  });
});

describe('indexes on clustering columns (testConditionalsWithReversedType)', () => {
  it('answers slices on a DESC clustering column, alone and with ALLOW FILTERING beside another', async () => {
    await run('CREATE TABLE reversed (pk text, ck int, v int, PRIMARY KEY (pk, ck)) WITH CLUSTERING ORDER BY (ck DESC)');
    await sasi('reversed', 'ck');
    await sasi('reversed', 'v');
    for (const pk of ['Alex', 'Tom']) for (const n of [1, 2, 3]) await run('INSERT INTO reversed (pk, ck, v) VALUES (?, ?, ?)', [pk, n, n]);
    const rows = async (where: string) => (await run(`SELECT pk, ck FROM reversed WHERE ${where}`)).rows.map((r) => `${r['pk']}${r['ck']}`).sort();
    expect(await rows('ck <= 2')).toEqual(['Alex1', 'Alex2', 'Tom1', 'Tom2']);
    expect(await rows('ck <= 2 AND v > 1 ALLOW FILTERING')).toEqual(['Alex2', 'Tom2']);
    expect(await rows('ck < 2')).toEqual(['Alex1', 'Tom1']);
    expect(await rows('ck >= 2 AND v < 3 ALLOW FILTERING')).toEqual(['Alex2', 'Tom2']);
    expect(await rows('ck > 2')).toEqual(['Alex3', 'Tom3']);
  });
});

describe('sasiIndexesEnabled: false', () => {
  it.skipIf(isExternalTarget)('refuses SASI indexes as Cassandra does when they are disabled', async () => {
    const { startCluster } = await import('../../../src/index.js');
    const cluster = await startCluster({ port: 0, sasiIndexesEnabled: false });
    try {
      await cluster.execute("CREATE KEYSPACE off WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      await cluster.execute('CREATE TABLE off.t (k int PRIMARY KEY, v text)');
      await expect(cluster.execute(`CREATE CUSTOM INDEX ON off.t (v) USING '${SASI}'`)).rejects.toThrow('SASI indexes are disabled. Enable in cassandra.yaml to use.');
    } finally {
      await cluster.close();
    }
  });
});
