import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CassanovaCluster } from '../main.js';
import { AdminRequestError } from './admin-request.js';
import { clusterControls, resetBetweenTests, type ClusterControls } from './cluster-controls.js';
import { ENV } from './environment.js';
import { startGlobalCluster, stopGlobalCluster } from './global-cluster.js';

describe('the test controls of the run\'s cluster, through its admin API', () => {
  const env: NodeJS.ProcessEnv = {};
  let cluster: CassanovaCluster;
  let controls: ClusterControls;

  beforeAll(async () => {
    cluster = await startGlobalCluster({ nodes: 2, seed: 5 }, env);
    controls = clusterControls(undefined, env);
  });
  afterAll(() => stopGlobalCluster(cluster, env));

  async function seed(): Promise<void> {
    await cluster.loadSchema("CREATE KEYSPACE IF NOT EXISTS app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2};"
      + 'CREATE TABLE IF NOT EXISTS app.users (id int PRIMARY KEY, name text);');
  }
  // At ALL: both replicas hold the row before the test goes on (a snapshot counts the partitions of each).
  const insert = (id: number): Promise<unknown> => cluster.execute('INSERT INTO app.users (id, name) VALUES (?, ?)', [id, `user ${id}`], { consistency: 'ALL' });
  const ids = async (): Promise<number[]> => (await cluster.execute('SELECT id FROM app.users', undefined, { consistency: 'ALL' })).rows
    .map((r) => r['id'] as number).sort((a, b) => a - b);
  const keyspaces = async (): Promise<string[]> => (await cluster.execute('SELECT keyspace_name FROM system_schema.keyspaces')).rows
    .map((r) => r['keyspace_name'] as string).filter((k) => !k.startsWith('system'));

  it('finds the admin API the global setup announced, and hooks take no arguments', () => {
    expect(controls.adminUrl).toBe(env[ENV.adminUrl]);
    expect(clusterControls(cluster).adminUrl).toBe(cluster.adminUrl);
    for (const hook of [resetBetweenTests('truncate', cluster), resetBetweenTests('reset', cluster), controls.between({ restore: 'x' })]) {
      expect(hook.length).toBe(0);
    }
  });

  it('truncates every table between tests, keeping the schema', async () => {
    await seed();
    await insert(1);
    const hook = resetBetweenTests(undefined, controls.adminUrl);
    await expect(hook()).resolves.toBeUndefined();
    expect(await ids()).toEqual([]);
    expect(await keyspaces()).toEqual(['app']);
  });

  it('resets: user keyspaces dropped', async () => {
    await seed();
    await insert(1);
    await controls.between('reset')();
    expect(await keyspaces()).toEqual([]);
  });

  it('restores a snapshot before each test, as often as asked, and deletes it', async () => {
    await seed();
    await insert(1);
    const taken = await controls.snapshot('seeded');
    expect(taken).toMatchObject({ name: 'seeded', keyspaces: ['app'] });
    expect(taken.partitions).toBe(2);
    expect(taken.takenAt).toBeInstanceOf(Date);
    const beforeEach = controls.between({ restore: 'seeded' });
    for (const id of [2, 3]) {
      await insert(id);
      expect(await ids()).toEqual([1, id]);
      await beforeEach();
      expect(await ids()).toEqual([1]);
    }
    await cluster.execute('DROP KEYSPACE app');
    await beforeEach();
    expect(await ids()).toEqual([1]);
    expect((await controls.snapshots()).map((s) => s.name)).toEqual(['seeded']);
    await controls.deleteSnapshot('seeded');
    expect(await controls.snapshots()).toEqual([]);
  });

  it('replaces a snapshot of the same name when asked, and refuses to otherwise', async () => {
    await controls.reset();
    await controls.snapshot('schema');
    await seed();
    await expect(controls.snapshot('schema')).rejects.toThrow(/^Cassanova admin API: POST \/snapshots answered 409: .*schema/);
    expect((await controls.snapshot('schema', { replace: true })).keyspaces).toEqual(['app']);
    await controls.deleteSnapshot('schema');
  });

  it('says what went wrong: an unknown snapshot, a bad name, no admin API, an API that does not answer', async () => {
    const unknown = await controls.restore('nope').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(AdminRequestError);
    expect(unknown).toMatchObject({ status: 404, message: 'Cassanova admin API: POST /snapshots/nope/restore answered 404: No snapshot named nope' });
    await expect(controls.deleteSnapshot('nope')).rejects.toThrow(/answered 404: No snapshot named nope$/);
    await expect(controls.deleteSnapshot('nope', { ifExists: true })).resolves.toBeUndefined();
    await expect(controls.snapshot('no spaces')).rejects.toThrow(/POST \/snapshots answered 400: .*name/);
    expect(() => clusterControls(undefined, {})).toThrow(
      /^No Cassanova admin API to reset the cluster between tests \(CASSANOVA_ADMIN_URL is not set\): use the runner's global setup .*or set CASSANOVA_ADMIN_URL/,
    );
    expect(() => resetBetweenTests('truncate', { adminUrl: null })).toThrow(/\(the cluster given serves no admin API\)/);
    // @ts-expect-error plain JavaScript may pass anything
    expect(() => resetBetweenTests('truncated', cluster)).toThrow(`Between tests: 'truncate', 'reset' or { restore: 'snapshot name' }, not "truncated"`);
    const closedPort = await freePort();
    await expect(clusterControls(`http://127.0.0.1:${closedPort}`).truncateAll())
      .rejects.toThrow(`Cassanova admin API at http://127.0.0.1:${closedPort} did not answer POST /truncate (ECONNREFUSED): is the cluster`);
  });
});

/** A port nothing listens on (bound, then closed). */
async function freePort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
