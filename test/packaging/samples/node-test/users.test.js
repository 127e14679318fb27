import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import cassandra from 'cassandra-driver';
import { startCluster } from 'cassanova-cluster';
import { clusterControls } from 'cassanova-cluster/testing';

// Node's runner runs each test file in a process of its own: a cluster per file costs a few milliseconds.
// adminPort 0 serves its admin API on a free port, which clusterControls() drives, as it would a cluster
// that another process started (the URL in CASSANOVA_ADMIN_URL; in-process, cluster.restore() does the same).
let cluster;
let client;
let controls;

before(async () => {
  cluster = await startCluster({ port: 0, nodes: 3, adminPort: 0 });
  await cluster.loadSchema(new URL('./schema.cql', import.meta.url));
  client = new cassandra.Client(cluster.driverOptions());
  await client.connect();
  controls = clusterControls(cluster);
  await controls.snapshot('seeded');
});
after(async () => {
  await client.shutdown();
  await cluster.close();
});

beforeEach(() => controls.restore('seeded'));

const quorum = { prepare: true, consistency: cassandra.types.consistencies.quorum };
const names = async () => (await client.execute('SELECT name FROM app.products', [], quorum)).rows.map((r) => r.name).sort();

test('reaches every node', () => {
  assert.equal(client.hosts.values().filter((h) => h.isUp()).length, 3);
});

test('adds a product at QUORUM to the seeded one', async () => {
  await client.execute('INSERT INTO app.products (sku, name) VALUES (?, ?)', ['B-2', 'Coffee'], quorum);
  assert.deepEqual(await names(), ['Coffee', 'Tea']);
});

test('starts again from the seeded rows', async () => {
  assert.deepEqual(await names(), ['Tea']);
  const { rows } = await cluster.execute('SELECT name FROM app.products WHERE sku = ?', ['A-1']);
  assert.deepEqual(rows, [{ name: 'Tea' }]);
});
