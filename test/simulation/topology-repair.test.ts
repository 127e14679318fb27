/**
 * Full anti-entropy repair on a seeded cluster with a virtual clock: replicas that missed different
 * writes (updates, row, range and partition deletions) converge to the same data, tombstones included,
 * without any read touching them first; a second repair finds nothing to do.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { partitionsDigest } from '../../src/data/index.js';
import type { Node } from '../../src/cluster/index.js';
import { closeAll, consistencies, harness, SEED, storedPartitions, type Harness } from './topology-support.js';

afterEach(closeAll);

/** A digest of everything a node stores of a table, cells, timestamps and tombstones included. */
function contentDigest(node: Node, keyspace: string, table: string): string {
  return partitionsDigest(storedPartitions(node, keyspace, table));
}

async function run(h: Harness, cql: string, params: unknown[], consistency: number): Promise<void> {
  await h.client.execute(cql, params, { prepare: true, consistency, host: h.host(1) });
}

/** Base rows on every replica, then writes that node `missing` does not get (its MUTATIONs are dropped). */
async function divergeReplicas(h: Harness, keyspace: string, missing: number, keys: readonly number[]): Promise<void> {
  const drop = h.cluster.network.addFilter({ verb: 'MUTATION', to: missing, action: 'drop' });
  for (const k of keys) {
    switch (k % 4) {
      case 0:
        await run(h, `UPDATE ${keyspace}.t SET v = ? WHERE k = ? AND c = 1`, [`new${k}`, k], consistencies.one);
        break;
      case 1:
        await run(h, `DELETE FROM ${keyspace}.t WHERE k = ? AND c = 0`, [k], consistencies.one);
        break;
      case 2:
        await run(h, `DELETE FROM ${keyspace}.t WHERE k = ? AND c >= 2`, [k], consistencies.one);
        break;
      default:
        await run(h, `DELETE FROM ${keyspace}.t WHERE k = ?`, [k], consistencies.one);
    }
  }
  drop();
}

async function createAndFill(h: Harness, keyspace: string, replication: string): Promise<void> {
  await h.client.execute(`CREATE KEYSPACE ${keyspace} WITH replication = ${replication}`);
  await h.client.execute(`CREATE TABLE ${keyspace}.t (k int, c int, v text, PRIMARY KEY (k, c))`);
  for (let k = 0; k < 40; k++) {
    await Promise.all([0, 1, 2, 3].map((c) => run(h, `INSERT INTO ${keyspace}.t (k, c, v) VALUES (?, ?, ?)`, [k, c, `v${k}.${c}`], consistencies.all)));
  }
}

function digests(h: Harness, keyspace: string): string[] {
  return h.internal.ringMembers().map((n) => contentDigest(n, keyspace, 't'));
}

describe(`repair (seed ${SEED})`, () => {
  it('makes replicas that missed different writes converge, tombstones included', async () => {
    const h = await harness({ nodes: 3 });
    await createAndFill(h, 'rf3', "{'class': 'SimpleStrategy', 'replication_factor': 3}");
    await divergeReplicas(h, 'rf3', 3, [0, 1, 2, 3, 4, 5, 6, 7]);
    await divergeReplicas(h, 'rf3', 2, [20, 21, 22, 23]);
    expect(new Set(digests(h, 'rf3')).size).toBe(3);

    const result = await h.cluster.repair('rf3');
    expect(result.keyspaces).toEqual(['rf3']);
    expect(result.failures).toEqual([]);
    expect(result.mismatchedLeaves).toBeGreaterThan(0);
    expect(result.partitionsStreamed).toBeGreaterThan(0);
    expect(new Set(digests(h, 'rf3')).size).toBe(1);

    // Each replica alone now answers as the writes said (ONE through each coordinator reads itself).
    for (const id of [1, 2, 3]) {
      const rows = async (k: number): Promise<string[]> => (await h.client.execute(
        'SELECT c, v FROM rf3.t WHERE k = ?', [k], { prepare: true, consistency: consistencies.one, host: h.host(id) },
      )).rows.map((r) => `${r['c']}:${r['v']}`);
      expect(await rows(4)).toEqual(['0:v4.0', '1:new4', '2:v4.2', '3:v4.3']);
      expect(await rows(5)).toEqual(['1:v5.1', '2:v5.2', '3:v5.3']);
      expect(await rows(22)).toEqual(['0:v22.0', '1:v22.1']);
      expect(await rows(23)).toEqual([]);
    }
    const again = await h.cluster.repair();
    expect(again.mismatchedLeaves).toBe(0);
    expect(again.partitionsStreamed).toBe(0);
  });

  it('repairs across data centers', async () => {
    const h = await harness({ dataCenters: { dc1: 2, dc2: 2 } });
    await createAndFill(h, 'nts', "{'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 2}");
    await divergeReplicas(h, 'nts', 4, [1, 2, 3, 4, 5]);
    expect(new Set(digests(h, 'nts')).size).toBe(2);
    const result = await h.cluster.repair('nts', { depth: 3 });
    expect(result.failures).toEqual([]);
    expect(new Set(digests(h, 'nts')).size).toBe(1);
  });

  it('reports the ranges it cannot repair with a replica down, and refuses unknown keyspaces', async () => {
    const h = await harness({ nodes: 3 });
    await createAndFill(h, 'rf2', "{'class': 'SimpleStrategy', 'replication_factor': 2}");
    await h.cluster.node(3).stop();
    const result = await h.cluster.repair('rf2');
    expect(result.failures.length).toBeGreaterThan(0);
    expect(result.failures.every((f) => f.reason === 'Endpoint not alive: /127.0.0.3:7000' && f.table === 't')).toBe(true);
    expect(result.rangesCompared).toBeGreaterThan(0);
    await expect(h.cluster.repair('nope')).rejects.toThrow('Keyspace [nope] does not exist.');
  });
});
