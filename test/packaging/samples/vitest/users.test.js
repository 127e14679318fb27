import cassandra from 'cassandra-driver';
import { clusterFromEnv, freshKeyspace } from 'cassanova-cluster/testing';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';

const cluster = clusterFromEnv();
const client = new cassandra.Client(cluster.driverOptions());
let keyspace;

beforeAll(() => client.connect());
afterAll(() => client.shutdown());

// A keyspace of its own per test: nothing one test writes is seen by the next.
beforeEach(async () => {
  keyspace = await freshKeyspace(client);
  await client.execute(`CREATE TABLE ${keyspace.name}.users (id int PRIMARY KEY, name text)`);
});
afterEach(() => keyspace.drop());

test('stores a user', async () => {
  await client.execute(`INSERT INTO ${keyspace.name}.users (id, name) VALUES (?, ?)`, [1, 'Ada'], { prepare: true });
  const rs = await client.execute(`SELECT name FROM ${keyspace.name}.users WHERE id = 1`);
  expect(rs.first().name).toBe('Ada');
});

test('starts from an empty table', async () => {
  const rs = await client.execute(`SELECT count(*) FROM ${keyspace.name}.users`);
  expect(rs.first().count.toNumber()).toBe(0);
});
