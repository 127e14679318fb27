/**
 * Statements run through the API (cluster.execute) in a tight loop, each answered by the coordinator's own replica
 * at ONE without any I/O: the network still delivers the other replicas their writes meanwhile, as it does for a
 * driver's requests, instead of queueing them until the links overflow and drop them (then a TRUNCATE, whose
 * messages were dropped too, timed out).
 */
import { expect, it } from 'vitest';
import { internalCluster, startCluster } from '../../src/main.js';
import { MAX_QUEUED_MESSAGES_PER_LINK } from '../../src/cluster/network/simulated-network.js';

it('delivers every replica its writes while a loop of statements at ONE runs, and TRUNCATE then succeeds', async () => {
  const cluster = await startCluster({ port: 0, nodes: 3 });
  try {
    await cluster.loadSchema(`
      CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3};
      CREATE TABLE ks.t (k int PRIMARY KEY);
    `);
    const writes = MAX_QUEUED_MESSAGES_PER_LINK + 50;
    for (let from = 0; from < writes; from += 50) {
      const keys = Array.from({ length: Math.min(50, writes - from) }, (_, i) => from + i);
      await Promise.all(keys.map((k) => cluster.execute('INSERT INTO ks.t (k) VALUES (?)', [k], { consistency: 'ONE' })));
    }
    expect(internalCluster(cluster).network.stats().get('MUTATION')?.dropped).toBe(0);
    await cluster.execute('TRUNCATE ks.t');
    expect((await cluster.execute('SELECT count(*) FROM ks.t', undefined, { consistency: 'ALL' })).rows).toEqual([{ count: 0n }]);
  } finally {
    await cluster.close();
  }
});
