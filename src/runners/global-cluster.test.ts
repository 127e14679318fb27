import { describe, expect, it } from 'vitest';
import { clusterFromEnv, ENV } from './environment.js';
import { freshKeyspace } from './fresh-keyspace.js';
import { startGlobalCluster, stopGlobalCluster } from './global-cluster.js';

describe('the global cluster of a test run', () => {
  it('announces itself through the environment, with CASSANOVA_OPTIONS, and takes the announcement back', async () => {
    const env: NodeJS.ProcessEnv = { [ENV.options]: '{"nodes": 2, "dataCenter": "dc9"}' };
    const cluster = await startGlobalCluster({ seed: 3 }, env);
    try {
      expect(env[ENV.contactPoints]).toBe(cluster.contactPoints.join(','));
      expect(env[ENV.localDataCenter]).toBe('dc9');
      const fromEnv = clusterFromEnv(env);
      expect(fromEnv.driverOptions()).toEqual(cluster.driverOptions());
      expect(fromEnv.contactPoints).toHaveLength(2);
      expect(fromEnv.adminUrl).toBe(cluster.adminUrl);
      expect(env[ENV.adminUrl]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await stopGlobalCluster(cluster, env);
    }
    expect(env).toEqual({ [ENV.options]: '{"nodes": 2, "dataCenter": "dc9"}' });
  });

  it('serves no admin API when the options turn it off', async () => {
    const env: NodeJS.ProcessEnv = {};
    const cluster = await startGlobalCluster({ adminPort: null }, env);
    try {
      expect(cluster.adminUrl).toBeNull();
      expect(env[ENV.adminUrl]).toBeUndefined();
    } finally {
      await stopGlobalCluster(cluster, env);
    }
  });

  it('says what is missing when no global setup ran, or when its options are not JSON', async () => {
    expect(() => clusterFromEnv({})).toThrow(/No Cassanova cluster in the environment .*'cassanova-cluster\/vitest'/);
    await expect(startGlobalCluster({}, { [ENV.options]: '{nodes: 2}' })).rejects.toThrow(/^CASSANOVA_OPTIONS is not JSON/);
    await expect(startGlobalCluster({}, { [ENV.options]: '{"node": 2}' })).rejects.toThrow("Unknown startCluster option 'node'");
  });

  it('makes a keyspace per test in the local data center, and drops it', async () => {
    const statements: string[] = [];
    const keyspace = await freshKeyspace({ execute: async (q) => { statements.push(q); } }, { dataCenter: 'dc1', replicationFactor: 2 });
    await keyspace.drop();
    expect(keyspace.name).toMatch(/^test_[0-9a-f]{12}$/);
    expect(statements).toEqual([
      `CREATE KEYSPACE ${keyspace.name} WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2}`,
      `DROP KEYSPACE IF EXISTS ${keyspace.name}`,
    ]);
    await expect(freshKeyspace({ execute: async () => undefined }, { prefix: 'Bad-Name' })).rejects.toThrow("Invalid keyspace prefix 'Bad-Name'");
  });
});
