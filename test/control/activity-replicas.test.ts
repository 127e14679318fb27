/**
 * On three nodes, the activity log shows where the token-aware Node.js driver sent each request and which
 * replicas its coordinator contacted: the replicas the driver itself computes for the key.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import type { ActivityRecord } from '../../src/index.js';
import { useControlTarget } from './support.js';

const { types } = cassandra;
const target = useControlTarget({ nodes: 3 });

beforeAll(async () => {
  await target.client.execute("CREATE KEYSPACE rf1 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
  await target.client.execute("CREATE KEYSPACE rf3 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
  for (const ks of ['rf1', 'rf3']) await target.client.execute(`CREATE TABLE ${ks}.kv (k int PRIMARY KEY, v text)`);
});

beforeEach(() => target.cluster.clearActivity());

/** The node ids of the replicas the driver computes for an int key. */
function driverReplicas(keyspace: string, key: number): number[] {
  const routing = Buffer.alloc(4);
  routing.writeInt32BE(key);
  const hosts = target.client.getReplicas(keyspace, routing);
  return hosts.map((h) => target.cluster.nodes.find((n) => n.address === h.address.split(':')[0])!.id).sort();
}

const executions = (keyspace: string): ActivityRecord[] => target.cluster.activity({ opcode: 'EXECUTE', match: `${keyspace}.kv` });

describe('token-aware routing', () => {
  it('sends each write to the replica of its key, which is all the coordinator contacts (RF 1)', async () => {
    for (let k = 0; k < 12; k++) await target.client.execute('INSERT INTO rf1.kv (k, v) VALUES (?, ?)', [k, 'x'], { prepare: true });
    const records = executions('rf1');
    expect(records).toHaveLength(12);
    records.forEach((record, k) => {
      expect(record.values).toEqual([k, 'x']);
      expect(record.replicas).toEqual(driverReplicas('rf1', k));
      expect(record.replicas).toEqual([record.node]);
    });
    expect(new Set(records.map((r) => r.node)).size).toBeGreaterThan(1);
  });

  it('coordinates on a replica, which writes to all three and reads from itself at ONE (RF 3)', async () => {
    for (let k = 0; k < 6; k++) {
      await target.client.execute('INSERT INTO rf3.kv (k, v) VALUES (?, ?)', [k, 'y'], { prepare: true, consistency: types.consistencies.quorum });
      await target.client.execute('SELECT v FROM rf3.kv WHERE k = ?', [k], { prepare: true, consistency: types.consistencies.one });
    }
    for (const record of executions('rf3')) {
      if (record.query!.startsWith('INSERT')) {
        expect(record.consistency).toBe('QUORUM');
        expect([...record.replicas].sort()).toEqual([1, 2, 3]);
      } else {
        expect(record.consistency).toBe('ONE');
        expect(record.replicas[0]).toBe(record.node);
      }
    }
  });

  it('shows a stopped replica left out of the writes the coordinator sends', async () => {
    await target.cluster.node(3).stop();
    try {
      const coordinator = target.cluster.nodes.find((n) => n.id !== 3)!;
      await expect.poll(() => coordinator.isAlive(3)).toBe(false);
      await target.client.execute('INSERT INTO rf3.kv (k, v) VALUES (?, ?)', [100, 'z'], { prepare: true, consistency: types.consistencies.quorum });
      const [record] = executions('rf3');
      expect(record!.replicas).not.toContain(3);
      expect(record!.replicas).toHaveLength(2);
    } finally {
      await target.cluster.node(3).start();
    }
  });
});
