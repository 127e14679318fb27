/**
 * Read-your-writes across coordinators on a healthy cluster, on the system clock: a write acknowledged
 * at ONE through one node and then read at ONE through another must not come back stale, because with
 * perfect links every replica applies the mutation before the next request can arrive (as on a real
 * cluster on one machine). With latency on the links, stale reads are the expected, reproducible result.
 */
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type CassanovaCluster } from '../../src/index.js';

const { consistencies } = cassandra.types;
const SEED = Number(process.env['CASSANOVA_SEED'] ?? 11);
const PAIRS_PER_LEVEL = 5_000;
const CONCURRENCY = 32;

let cluster: CassanovaCluster;
let client: cassandra.Client;

function host(id: number): cassandra.Host {
  const found = client.hosts.get(`${cluster.node(id).address}:${cluster.port}`);
  if (found === undefined) throw new Error(`the driver does not know node ${id}`);
  return found;
}

/**
 * Writes key k through node (k mod 3) + 1 and reads it back through the next node, `pairs` times with
 * `CONCURRENCY` pairs in flight; returns how many reads missed the write they followed.
 */
async function stalePairs(table: string, pairs: number, consistency: number, firstKey: number): Promise<number> {
  const insert = `INSERT INTO ${table} (k, v) VALUES (?, ?)`;
  const select = `SELECT v FROM ${table} WHERE k = ?`;
  let stale = 0;
  let next = firstKey;
  const end = firstKey + pairs;
  const worker = async (): Promise<void> => {
    while (next < end) {
      const k = next++;
      const writer = (k % 3) + 1;
      const reader = (writer % 3) + 1;
      await client.execute(insert, [k, k * 7], { prepare: true, consistency, host: host(writer) });
      const result = await client.execute(select, [k], { prepare: true, consistency, host: host(reader) });
      if (result.first()?.['v'] !== k * 7) stale++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return stale;
}

describe('read-your-writes across coordinators (3 nodes, RF 3, system clock)', () => {
  beforeAll(async () => {
    cluster = await startCluster({ port: 0, nodes: 3, seed: SEED });
    client = new cassandra.Client({
      contactPoints: [cluster.contactPoints[0]!],
      localDataCenter: cluster.localDataCenter,
      protocolOptions: { port: cluster.port },
    });
    await client.connect();
    await client.execute("CREATE KEYSPACE ryw WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
    await client.execute('CREATE TABLE ryw.t (k int PRIMARY KEY, v int)');
  }, 60_000);

  afterAll(async () => {
    await client?.shutdown();
    await cluster?.close();
  });

  it('never reads stale at ONE or LOCAL_ONE with perfect links', async () => {
    expect(await stalePairs('ryw.t', PAIRS_PER_LEVEL, consistencies.one, 0)).toBe(0);
    expect(await stalePairs('ryw.t', PAIRS_PER_LEVEL, consistencies.localOne, PAIRS_PER_LEVEL)).toBe(0);
  }, 120_000);

  it('reads stale at ONE when the links have latency, and not at QUORUM', async () => {
    // 50 ms: far longer than a loaded machine's event-loop turn, so nearly every read overtakes its write.
    cluster.network.set({ latencyMs: 50 });
    try {
      const stale = await stalePairs('ryw.t', 200, consistencies.one, 100_000);
      expect(stale).toBeGreaterThan(150);
      expect(await stalePairs('ryw.t', 100, consistencies.quorum, 200_000)).toBe(0);
    } finally {
      cluster.network.reset();
    }
  }, 60_000);
});
