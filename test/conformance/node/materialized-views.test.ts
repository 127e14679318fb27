/**
 * Materialized views through the Node.js driver, as Cassandra 4.1 serves them: CREATE with its client
 * warning, the view kept in step with its base table (writes, deletes, TTL on the virtual clock), direct
 * writes refused, the driver's view metadata (`metadata.getMaterializedView`) from system_schema.views,
 * schema events, DESCRIBE, and the refusal when `materializedViewsEnabled: false`.
 */
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../../../src/index.js';
import { isExternalTarget, useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError } from '../support/node-values.js';

const target = useNodeTarget('views', { virtualClock: true });
const run = (cql: string, params: unknown[] = []) => target.client.execute(cql, params, { prepare: params.length > 0 });

type MaterializedView = cassandra.metadata.MaterializedView;
/** metadata.getMaterializedView's promise form (its typings ask for a callback even then). */
const getView = (name: string): Promise<MaterializedView | null> => {
  const metadata = target.client.metadata as unknown as { getMaterializedView(ks: string, n: string): Promise<MaterializedView | null> };
  return metadata.getMaterializedView(target.keyspace, name);
};

beforeAll(async () => {
  await run('CREATE TABLE scores (user text, game text, score int, year int, PRIMARY KEY (user, game))');
});

describe('CREATE MATERIALIZED VIEW', () => {
  it('answers with a created TABLE and the experimental warning', async () => {
    const result = await run(`CREATE MATERIALIZED VIEW by_score AS SELECT user, game, score FROM scores
      WHERE user IS NOT NULL AND game IS NOT NULL AND score IS NOT NULL PRIMARY KEY (game, score, user) WITH CLUSTERING ORDER BY (score DESC, user ASC)`);
    expect(result.info.warnings).toEqual(['Materialized views are experimental and are not recommended for production use.']);
  });

  it('is kept in step with the base table and read like a table', async () => {
    await run('INSERT INTO scores (user, game, score, year) VALUES (?, ?, ?, ?)', ['ann', 'chess', 10, 2020]);
    await run('INSERT INTO scores (user, game, score, year) VALUES (?, ?, ?, ?)', ['bob', 'chess', 30, 2021]);
    await run('INSERT INTO scores (user, game, score, year) VALUES (?, ?, ?, ?)', ['cid', 'go', 5, 2021]);
    const top = await run('SELECT user, score FROM by_score WHERE game = ?', ['chess']);
    expect(top.rows.map((r) => [r['user'], r['score']])).toEqual([['bob', 30], ['ann', 10]]);
    await run('UPDATE scores SET score = ? WHERE user = ? AND game = ?', [40, 'ann', 'chess']);
    await run("DELETE FROM scores WHERE user = 'bob'");
    const after = await run('SELECT user, score FROM by_score WHERE game = ?', ['chess']);
    expect(after.rows.map((r) => [r['user'], r['score']])).toEqual([['ann', 40]]);
  });

  it('lets view rows expire with the base cells', async () => {
    await run("INSERT INTO scores (user, game, score) VALUES ('dan', 'tennis', 7) USING TTL 60");
    expect((await run("SELECT user FROM by_score WHERE game = 'tennis'")).rowLength).toBe(1);
    await target.advanceTime(61_000);
    expect((await run("SELECT user FROM by_score WHERE game = 'tennis'")).rowLength).toBe(0);
  });

  it('refuses writes to the view and a second view of the same name', async () => {
    await expectServerError(run("INSERT INTO by_score (game, score, user) VALUES ('go', 1, 'x')"), ErrorCodes.invalid, 'Cannot directly modify a materialized view');
    await expectServerError(run(`CREATE MATERIALIZED VIEW by_score AS SELECT * FROM scores
      WHERE user IS NOT NULL AND game IS NOT NULL PRIMARY KEY (game, user)`), ErrorCodes.alreadyExists);
    await expectServerError(run('DROP TABLE scores'), ErrorCodes.invalid, 'Cannot drop a table when materialized views still depend on it');
    await expectServerError(run(`CREATE MATERIALIZED VIEW bad AS SELECT * FROM scores
      WHERE user IS NOT NULL PRIMARY KEY (user, game)`), ErrorCodes.invalid, "Primary key columns game must be restricted with 'IS NOT NULL' or otherwise");
  });
});

describe('metadata', () => {
  it('describes the view as system_schema.views holds it', async () => {
    const view = await getView('by_score');
    expect(view).not.toBeNull();
    expect(view!.tableName).toBe('scores');
    expect(view!.includeAllColumns).toBe(false);
    expect(view!.whereClause).toBe('user IS NOT NULL AND game IS NOT NULL AND score IS NOT NULL');
    expect(view!.partitionKeys.map((c) => c.name)).toEqual(['game']);
    expect(view!.clusteringKeys.map((c) => c.name)).toEqual(['score', 'user']);
    expect(view!.clusteringOrder).toEqual(['DESC', 'ASC']);
    expect(view!.columns.map((c) => c.name).sort()).toEqual(['game', 'score', 'user']);
    const rows = await run('SELECT view_name, base_table_name, include_all_columns FROM system_schema.views WHERE keyspace_name = ?', [target.keyspace]);
    expect(rows.rows.map((r) => [r['view_name'], r['base_table_name'], r['include_all_columns']])).toEqual([['by_score', 'scores', false]]);
    const tables = await run('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [target.keyspace]);
    expect(tables.rows.map((r) => r['table_name'])).toEqual(['scores']);
  });

  it('prints the view with DESCRIBE and lists it after its table', async () => {
    const described = await run('DESCRIBE MATERIALIZED VIEW by_score');
    const statement = described.rows[0]!['create_statement'] as string;
    expect(statement.startsWith(`CREATE MATERIALIZED VIEW ${target.keyspace}.by_score AS\n    SELECT game, score, user\n    FROM ${target.keyspace}.scores\n`)).toBe(true);
    expect(statement).toContain('    PRIMARY KEY (game, score, user)\n WITH CLUSTERING ORDER BY (score DESC, user ASC)\n    AND additional_write_policy');
    expect(statement).not.toContain('default_time_to_live');
    const table = await run('DESCRIBE TABLE scores');
    expect(table.rows.map((r) => [r['type'], r['name']])).toEqual([['table', 'scores'], ['materialized_view', 'by_score']]);
  });

  it('learns of a created and a dropped view through schema events', async () => {
    await run(`CREATE MATERIALIZED VIEW by_year AS SELECT * FROM scores
      WHERE user IS NOT NULL AND game IS NOT NULL AND year IS NOT NULL PRIMARY KEY (year, user, game)`);
    expect((await getView('by_year'))!.includeAllColumns).toBe(true);
    await run('DROP MATERIALIZED VIEW by_year');
    expect(await getView('by_year')).toBeNull();
  });
});

describe.skipIf(isExternalTarget)('materializedViewsEnabled: false', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let client: cassandra.Client;

  beforeAll(async () => {
    cluster = await startCluster({ port: 0, materializedViewsEnabled: false });
    client = new cassandra.Client({ contactPoints: cluster.contactPoints, localDataCenter: cluster.localDataCenter, protocolOptions: { port: Number(cluster.contactPoints[0]!.split(':').pop()) } });
    await client.connect();
  });
  afterAll(async () => {
    await client?.shutdown();
    await cluster?.close();
  });

  it("refuses CREATE MATERIALIZED VIEW with Cassandra's message", async () => {
    await client.execute("CREATE KEYSPACE off WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    await client.execute('CREATE TABLE off.t (k int PRIMARY KEY, v int)');
    await expectServerError(client.execute('CREATE MATERIALIZED VIEW off.mv AS SELECT * FROM off.t WHERE k IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k)'),
      ErrorCodes.invalid, 'Materialized views are disabled. Enable in cassandra.yaml to use.');
  });
});
