import cassandra from 'cassandra-driver';
import { clusterControls, clusterFromEnv, resetBetweenTests } from 'cassanova-cluster/testing';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';

const client = new cassandra.Client(clusterFromEnv().driverOptions());
const controls = clusterControls();

// The schema and its seed rows once, then a snapshot of them that every test starts from.
beforeAll(async () => {
  await client.connect();
  await client.execute("CREATE KEYSPACE catalog WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
  await client.execute('CREATE TABLE catalog.products (sku text PRIMARY KEY, name text)');
  await client.execute("INSERT INTO catalog.products (sku, name) VALUES ('A-1', 'Tea')");
  await controls.snapshot('catalog', { replace: true });
});
beforeEach(resetBetweenTests({ restore: 'catalog' }));
afterAll(async () => {
  await controls.deleteSnapshot('catalog');
  await client.shutdown();
});

const skus = async () => (await client.execute('SELECT sku FROM catalog.products')).rows.map((r) => r.sku).sort();

test('adds a product to the seeded one', async () => {
  await client.execute('INSERT INTO catalog.products (sku, name) VALUES (?, ?)', ['B-2', 'Coffee'], { prepare: true });
  expect(await skus()).toEqual(['A-1', 'B-2']);
});

test('starts again from the snapshot: the product the last test added is gone', async () => {
  expect(await skus()).toEqual(['A-1']);
});
