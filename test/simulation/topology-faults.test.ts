/**
 * Topology changes while replicas disagree, through the Node.js driver on seeded virtual-clock clusters:
 * a bootstrap needs the replica that gives a range up (consistent range movement), and a decommissioned
 * node hands over what it still holds for others (its batchlog and its hints) before it leaves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { murmur3Token } from '../../src/cluster/index.js';
import {
  advanceUntil, closeAll, consistencies, harness, intKey, NoRetryPolicy, rejection, settle, SEED, storedKeys, whileAdvancing,
  type Harness,
} from './topology-support.js';

afterEach(closeAll);

const insert = 'INSERT INTO ks.t (k, v) VALUES (?, ?)';
const TOKENS = ['-6000000000000000000', '0', '6000000000000000000'];

async function cluster(nodes: number, rf: number, initialTokens?: string[]): Promise<Harness> {
  const h = await harness({ nodes, initialTokens }, { policies: { retry: new NoRetryPolicy() } });
  await h.client.execute(`CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': ${rf}}`);
  await h.client.execute('CREATE TABLE ks.t (k int PRIMARY KEY, v text)');
  await h.client.execute(insert, [0, 'warm'], { prepare: true, consistency: consistencies.all, host: h.host(1) });
  return h;
}

async function elapse(h: Harness, ms: number, stepMs = 500): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    h.cluster.advanceTime(stepMs);
    await settle(2);
  }
  await settle();
}

/** A key whose token lies in the wrapping range (6e18, -6e18], which node 1 (token -6e18) owns first. */
function keyOfNode1Range(): number {
  for (let k = 1; ; k++) {
    const token = murmur3Token(intKey(k));
    if (token > 6_000_000_000_000_000_000n || token <= -6_000_000_000_000_000_000n) return k;
  }
}

describe(`bootstrap with a replica down (seed ${SEED})`, () => {
  /**
   * RF 3 on nodes with tokens -6e18, 0, 6e18: a new node at 3e18 takes (6e18, -6e18] from node 3, which
   * stops replicating it. A QUORUM write there acknowledged by nodes 2 and 3 only; node 3 killed.
   */
  async function acknowledgedWithoutNode1(): Promise<{ h: Harness; k: number }> {
    const h = await cluster(3, 3, TOKENS);
    const k = keyOfNode1Range();
    const lost = h.cluster.network.addFilter({ verb: 'MUTATION', to: 1, action: 'drop' });
    // A hint to node 1 would repair it: this write's hint is lost with its coordinator's link to node 1.
    h.cluster.network.addFilter({ verb: 'HINT', to: 1, action: 'drop' });
    await h.client.execute(insert, [k, 'acknowledged'], { prepare: true, consistency: consistencies.quorum, host: h.host(2) });
    lost();
    await h.cluster.node(3).kill();
    await elapse(h, 60_000, 1_000);
    expect(h.cluster.node(1).isAlive(3)).toBe(false);
    return { h, k };
  }

  it('is refused when the replica giving up a range is down (consistent range movement)', async () => {
    const { h, k } = await acknowledgedWithoutNode1();
    const error = await rejection(whileAdvancing(h, h.cluster.addNode({ tokens: ['3000000000000000000'] })));
    expect(String(error['message'])).toMatch(
      /^Necessary replicas for strict consistency were removed by source filters: Filtered Full\(\/127\.0\.0\.3:7000,\(-?\d+,-?\d+\]\) out because it was down$/,
    );
    expect(h.cluster.nodes.map((n) => n.id)).toEqual([1, 2, 3]);
    // Nothing lost: nodes 1 and 2 still answer the acknowledged write at QUORUM.
    const rs = await h.client.execute('SELECT v FROM ks.t WHERE k = ?', [k], { prepare: true, consistency: consistencies.quorum, host: h.host(1) });
    expect(rs.first()?.['v']).toBe('acknowledged');
  });

  it('goes on from another replica with consistent range movement off', async () => {
    const { h } = await acknowledgedWithoutNode1();
    const node = await whileAdvancing(h, h.cluster.addNode({ tokens: ['3000000000000000000'], consistentRangeMovement: false }));
    expect(node.id).toBe(4);
    expect(h.cluster.nodes.map((n) => n.id)).toEqual([1, 2, 3, 4]);
  });

  it('streams from the replica giving the range up when it is alive', async () => {
    const { h, k } = await acknowledgedWithoutNode1();
    await h.cluster.node(3).start();
    await advanceUntil(h, () => [1, 2].every((id) => h.cluster.node(id).isAlive(3)), 500, 20);
    const node = await whileAdvancing(h, h.cluster.addNode({ tokens: ['3000000000000000000'] }));
    expect(storedKeys(h.internal.node(node.id), 'ks', 't')).toContain(intKey(k).toString('hex'));
  });
});

describe(`decommission hands over what the leaving node holds (seed ${SEED})`, () => {
  it('transfers its hints to a live node, which delivers them', async () => {
    const h = await cluster(4, 3);
    // Node 3 coordinates a write whose mutation to node 4 is lost, and cannot deliver the hint itself.
    const k = [...Array(1000).keys()].find((i) => i > 0 && h.internal.placement('ks', murmur3Token(intKey(i)), h.internal.node(3))
      .replicas.some((r) => r.id === 4))!;
    const lost = h.cluster.network.addFilter({ verb: 'MUTATION', from: 3, to: 4, action: 'drop' });
    h.cluster.network.addFilter({ verb: 'HINT', from: 3, to: 4, action: 'drop' });
    await h.client.execute(insert, [k, 'hinted'], { prepare: true, consistency: consistencies.one, host: h.host(3) });
    await elapse(h, 2_500, 250);
    lost();
    expect(h.internal.node(3).hints.count(4)).toBe(1);
    await whileAdvancing(h, h.cluster.decommission(3));
    expect(h.cluster.nodes.map((n) => n.id)).toEqual([1, 2, 4]);
    await elapse(h, 60_000, 1_000);
    expect(storedKeys(h.internal.node(4), 'ks', 't')).toContain(intKey(k).toString('hex'));
    for (const id of [1, 2]) expect(h.internal.node(id).hints.count(4)).toBe(0);
  });

  it('replays the batches in its batchlog before it leaves', async () => {
    // Racks r1, r2, r1, r2: node 1 stores its batches on nodes 2 and 4, the other rack.
    const h = await harness({ dataCenters: { datacenter1: { r1: 2, r2: 2 } } }, { policies: { retry: new NoRetryPolicy() } });
    await h.client.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
    await h.client.execute('CREATE TABLE ks.t (k int PRIMARY KEY, v text)');
    // The batch reaches node 2's batchlog only; the coordinator times out before applying anything.
    const lost = h.cluster.network.addFilter({ verb: 'BATCH_STORE', to: 4, action: 'drop' });
    const batch = [{ query: insert, params: [1, 'c'] }, { query: insert, params: [2, 'd'] }];
    const error = await rejection(whileAdvancing(h, h.client.batch(batch, {
      prepare: true, logged: true, host: h.host(1), consistency: consistencies.quorum,
    }), 100));
    expect(error).toMatchObject({ code: 0x1100, writeType: 'BATCH_LOG' });
    lost();
    expect(h.internal.node(2).batchlog.pendingCount).toBe(1);
    await whileAdvancing(h, h.cluster.decommission(2), 100);
    await elapse(h, 60_000, 1_000);
    const rs = await h.client.execute('SELECT k, v FROM ks.t', [], { consistency: consistencies.all, host: h.host(1) });
    expect(rs.rows.map((r) => [r['k'], r['v']]).sort()).toEqual([[1, 'c'], [2, 'd']]);
  });
});
