/**
 * Seeding a cluster without a driver: cluster.execute and cluster.loadSchema run on node 1 as a client would,
 * so a driver connected meanwhile sees the schema changes and reads the rows.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCluster, type CassanovaCluster } from '../../src/index.js';

const SCHEMA = new URL('./fixtures/schema.cql', import.meta.url);
let cluster: CassanovaCluster;
let client: cassandra.Client;

beforeAll(async () => {
  cluster = await startCluster({ port: 0, nodes: 3, gossipIntervalMs: 100 });
  client = new cassandra.Client(cluster.driverOptions());
  await client.connect();
});
afterAll(async () => {
  await client.shutdown();
  await cluster.close();
});

describe('cluster.loadSchema and cluster.execute', () => {
  it('loads a schema file; a connected driver sees the keyspace and reads the seeded rows at ALL', async () => {
    expect(await cluster.loadSchema(fileURLToPath(SCHEMA))).toBe(5);
    // The driver learns of the keyspace from the SCHEMA_CHANGE event node 1 pushed on its control connection.
    await vi.waitFor(() => expect(Object.keys(client.metadata.keyspaces)).toContain('shop'), { timeout: 5000 });
    const rs = await client.execute('SELECT sku, name, price FROM shop.products', [], { consistency: cassandra.types.consistencies.all });
    expect(rs.rows.map((r) => `${r['sku']} ${r['name']} ${r['price']}`).sort()).toEqual(['A-1 Tea; green 3.50', 'B-2 Biscuits 2.25']);
  });

  it('reads what a driver wrote, as plain values', async () => {
    await client.execute('INSERT INTO shop.products (sku, name, price, tags) VALUES (?, ?, ?, ?)',
      ['C-3', 'Coffee', cassandra.types.BigDecimal.fromString('4.10'), ['drink', 'hot']], { prepare: true });
    const result = await cluster.execute('SELECT * FROM products WHERE sku = ?', ['C-3'], { keyspace: 'shop' });
    expect(result.rows).toEqual([{ sku: 'C-3', name: 'Coffee', price: '4.10', tags: ['drink', 'hot'] }]);
  });

  it('takes CQL text and file URLs, and reports where a script fails', async () => {
    expect(await cluster.loadSchema("CREATE TABLE shop.orders (id int PRIMARY KEY, sku text);\nINSERT INTO shop.orders (id, sku) VALUES (1, 'A-1');")).toBe(2);
    expect((await cluster.execute('SELECT sku FROM shop.orders WHERE id = 1')).rows).toEqual([{ sku: 'A-1' }]);
    await expect(cluster.loadSchema(pathToFileURL(fileURLToPath(SCHEMA)))).rejects.toThrow(
      `${fileURLToPath(SCHEMA)}:2: Cannot add existing keyspace "shop" (in: CREATE KEYSPACE shop`,
    );
    await expect(cluster.loadSchema('missing-file.cql')).rejects.toThrow(/ENOENT.*missing-file\.cql/);
  });

  it('runs on the next node that is up when node 1 is down', async () => {
    await cluster.node(1).stop();
    // Peers hear the shutdown announcement a turn of the event loop after stop() resolves.
    await vi.waitFor(() => expect(cluster.node(2).isAlive(1)).toBe(false));
    try {
      const rs = await cluster.execute('SELECT count(*) FROM shop.products', undefined, { consistency: 'QUORUM' });
      expect(rs.rows).toEqual([{ count: 3n }]);
    } finally {
      await cluster.node(1).start();
    }
  });
});
