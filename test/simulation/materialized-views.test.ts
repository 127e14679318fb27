/**
 * Materialized views on three nodes (keyspace RF 2, seeded, virtual clock), through the Node.js driver:
 * each base replica sends its view updates to its paired view replica (ViewUtils.getViewNaturalEndpoint),
 * so every view replica holds the view rows, including those that are no base replica of the row; the view
 * reads at QUORUM through any coordinator, and its rows follow base deletions and TTL expiry.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/index.js';
import { viewNaturalEndpoint } from '../../src/cluster/views/view-replication.js';
import { int32Bytes } from '../../src/types/index.js';
import {
  advanceUntil, closeAll, consistencies, harness, NoRetryPolicy, SEED, type Harness,
} from './driver-harness.js';

afterEach(closeAll);

const KEYS = Array.from({ length: 12 }, (_, i) => i + 1);
const viewValue = (k: number): number => 1000 + k * 7;

async function viewCluster(): Promise<Harness> {
  const h = await harness({ nodes: 3 }, { policies: { retry: new NoRetryPolicy() } }, { clusterTimestamps: true });
  await h.client.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}");
  await h.client.execute('CREATE TABLE ks.t (k int PRIMARY KEY, v int, note text)');
  await h.client.execute('CREATE MATERIALIZED VIEW ks.mv AS SELECT * FROM ks.t WHERE k IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k)');
  return h;
}

function replicasOf(cluster: Cluster, key: number): number[] {
  const { token } = cluster.node(1).partitioner.decorateKey([int32Bytes(key)]);
  return cluster.placement('ks', token, cluster.node(1)).replicas.map((r) => r.id).sort();
}

/** Nodes whose own storage holds a live view row for `v`. */
function holders(cluster: Cluster, v: number): number[] {
  const view = cluster.schema.table('ks', 'mv')!;
  const { key, token } = cluster.node(1).partitioner.decorateKey([int32Bytes(v)]);
  const nowInSec = cluster.clock.nowSeconds();
  const filter = { kind: 'slices' as const, slices: [{ start: { prefix: [], inclusive: true }, end: { prefix: [], inclusive: true } }], reversed: false };
  return cluster.nodes.filter((n) => {
    const [partition] = n.storage.read({ kind: 'single', table: view, key, token, filter, nowInSec, rowLimit: Infinity });
    return partition !== undefined && partition.rows.some((r) => r.liveness !== null && r.liveness.localExpirationTime > nowInSec);
  }).map((n) => n.identity.id).sort();
}

describe(`materialized views on three nodes, RF 2 (seed ${SEED})`, () => {
  it('updates the paired view replicas, readable at QUORUM through another coordinator', async () => {
    const h = await viewCluster();
    for (const k of KEYS) {
      await h.client.execute('INSERT INTO ks.t (k, v, note) VALUES (?, ?, ?)', [k, viewValue(k), `n${k}`],
        { prepare: true, consistency: consistencies.quorum, host: h.host(1) });
    }
    const everywhere = () => KEYS.every((k) => holders(h.internal, viewValue(k)).length === 2);
    await advanceUntil(h, everywhere, 10, 50);
    let remote = 0;
    for (const k of KEYS) {
      const baseReplicas = replicasOf(h.internal, k);
      const viewReplicas = replicasOf(h.internal, viewValue(k));
      expect(holders(h.internal, viewValue(k))).toEqual(viewReplicas);
      // Each base replica's paired endpoint is a view replica, and together they cover them all.
      const { token: baseToken } = h.internal.node(1).partitioner.decorateKey([int32Bytes(k)]);
      const { token: viewToken } = h.internal.node(1).partitioner.decorateKey([int32Bytes(viewValue(k))]);
      const paired = baseReplicas.map((id) => viewNaturalEndpoint(h.internal.node(id), 'ks', baseToken, viewToken)!.id).sort();
      expect(paired).toEqual(viewReplicas);
      if (viewReplicas.some((id) => !baseReplicas.includes(id))) remote++;
    }
    // Some view rows live on nodes that hold no copy of their base row: they came from the paired replica.
    expect(remote).toBeGreaterThan(0);
    for (const k of KEYS) {
      const coordinator = h.host(((k % 3) + 1));
      const result = await h.client.execute('SELECT k, note FROM ks.mv WHERE v = ?', [viewValue(k)],
        { prepare: true, consistency: consistencies.quorum, host: coordinator });
      expect(result.rows.map((r) => [r['k'], r['note']])).toEqual([[k, `n${k}`]]);
    }
  });

  it('follows base deletes and TTL expiry on the virtual clock', async () => {
    const h = await viewCluster();
    const read = (v: number, host: number) => h.client.execute('SELECT k FROM ks.mv WHERE v = ?', [v],
      { prepare: true, consistency: consistencies.quorum, host: h.host(host) });
    await h.client.execute('INSERT INTO ks.t (k, v) VALUES (?, ?)', [1, 11], { prepare: true, consistency: consistencies.quorum, host: h.host(1) });
    await h.client.execute('INSERT INTO ks.t (k, v) VALUES (?, ?) USING TTL 30', [2, 22], { prepare: true, consistency: consistencies.quorum, host: h.host(2) });
    await advanceUntil(h, () => holders(h.internal, 11).length === 2 && holders(h.internal, 22).length === 2, 10, 50);
    expect((await read(11, 3)).rowLength).toBe(1);
    expect((await read(22, 1)).rowLength).toBe(1);

    await h.client.execute('DELETE FROM ks.t WHERE k = ?', [1], { prepare: true, consistency: consistencies.quorum, host: h.host(3) });
    await advanceUntil(h, () => holders(h.internal, 11).length === 0, 10, 50);
    expect((await read(11, 2)).rowLength).toBe(0);

    await h.client.execute('UPDATE ks.t SET v = ? WHERE k = ?', [23, 2], { prepare: true, consistency: consistencies.quorum, host: h.host(1) });
    await advanceUntil(h, () => holders(h.internal, 22).length === 0 && holders(h.internal, 23).length === 2, 10, 50);
    expect((await read(22, 3)).rowLength).toBe(0);
    expect((await read(23, 3)).rowLength).toBe(1);

    await h.client.execute('INSERT INTO ks.t (k, v) VALUES (?, ?) USING TTL 30', [3, 33], { prepare: true, consistency: consistencies.quorum, host: h.host(2) });
    await advanceUntil(h, () => holders(h.internal, 33).length === 2, 10, 50);
    expect((await read(33, 1)).rowLength).toBe(1);
    h.cluster.advanceTime(31_000);
    expect((await read(33, 1)).rowLength).toBe(0);
    expect((await read(23, 2)).rowLength).toBe(1);
  });

  it('hints a view update for a paired view replica that is down, and delivers it when it is back', async () => {
    const h = await viewCluster();
    // A row whose view lives on a node that holds no copy of the base row.
    const k = KEYS.find((key) => replicasOf(h.internal, viewValue(key)).some((id) => !replicasOf(h.internal, key).includes(id)))!;
    const viewOnly = replicasOf(h.internal, viewValue(k)).find((id) => !replicasOf(h.internal, k).includes(id))!;
    const coordinator = replicasOf(h.internal, k)[0]!;
    await h.cluster.node(viewOnly).stop();
    await h.client.execute('INSERT INTO ks.t (k, v) VALUES (?, ?)', [k, viewValue(k)], { prepare: true, consistency: consistencies.quorum, host: h.host(coordinator) });
    const hinted = () => h.internal.nodes.some((n) => n.hints.count(viewOnly) > 0);
    await advanceUntil(h, hinted, 100, 50);
    expect(hinted()).toBe(true);
    expect(holders(h.internal, viewValue(k))).not.toContain(viewOnly);
    await h.cluster.node(viewOnly).start();
    await advanceUntil(h, () => holders(h.internal, viewValue(k)).includes(viewOnly), 1_000, 60);
    expect(holders(h.internal, viewValue(k))).toEqual(replicasOf(h.internal, viewValue(k)));
  });
});
