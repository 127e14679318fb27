/**
 * Topology changes on a seeded cluster with a virtual clock, checked through the Node.js driver and by
 * looking into every node's storage: a node added (bootstrap), decommissioned or removed while dead
 * must lose no row, and each node must end up holding what placement gives it (exactly, after cleanup).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeAll, consistencies, harness, intKey, ownedKeys, SEED, settle, sorted, storedKeys, whileAdvancing, type Harness,
} from './topology-support.js';

const ROWS = 200;
const keys = Array.from({ length: ROWS }, (_, k) => intKey(k));

afterEach(closeAll);

async function createKeyspace(h: Harness, name: string, replication: string): Promise<void> {
  await h.client.execute(`CREATE KEYSPACE ${name} WITH replication = ${replication}`);
  await h.client.execute(`CREATE TABLE ${name}.t (k int PRIMARY KEY, v text)`);
}

const simple = (rf: number): string => `{'class': 'SimpleStrategy', 'replication_factor': ${rf}}`;

async function writeRows(h: Harness, keyspace: string, from = 0, count = ROWS): Promise<void> {
  const insert = `INSERT INTO ${keyspace}.t (k, v) VALUES (?, ?)`;
  for (let k = from; k < from + count; k += 20) {
    await Promise.all(Array.from({ length: Math.min(20, from + count - k) }, (_, i) => h.client.execute(
      insert, [k + i, `v${k + i}`], { prepare: true, consistency: consistencies.all, host: h.host(1) },
    )));
  }
}

/** Reads every row through each coordinator at the level; returns how many came back right. */
async function readableRows(h: Harness, keyspace: string, coordinators: readonly number[], consistency: number): Promise<number> {
  let found = 0;
  for (const id of coordinators) {
    const results = await Promise.all(keys.map((_, k) => h.client.execute(
      `SELECT v FROM ${keyspace}.t WHERE k = ?`, [k], { prepare: true, consistency, host: h.host(id) },
    )));
    found += results.filter((r, k) => r.first()?.['v'] === `v${k}`).length;
  }
  return found;
}

/** Every member holds at least (or, `exactly`, only) the keys placement gives it. */
function expectPlacementHeld(h: Harness, keyspace: string, exactly: boolean): void {
  for (const node of h.internal.ringMembers()) {
    const stored = storedKeys(node, keyspace, 't');
    const owned = ownedKeys(node, keyspace, keys);
    const what = `node ${node.identity.id} in ${keyspace}`;
    if (exactly) expect(sorted(stored), what).toEqual(sorted(owned));
    else expect([...owned].filter((k) => !stored.has(k)), `${what}: missing keys`).toEqual([]);
  }
}

async function peersSeenBy(h: Harness, id: number): Promise<string[]> {
  const rs = await h.client.execute('SELECT peer FROM system.peers', [], { host: h.host(id) });
  return rs.rows.map((r) => String(r['peer'])).sort();
}

describe(`bootstrap (seed ${SEED})`, () => {
  it('streams the new node exactly its ranges; every row stays readable; cleanup leaves each node its replicas', async () => {
    const h = await harness({ nodes: 3 });
    await createKeyspace(h, 'rf2', simple(2));
    await createKeyspace(h, 'rf3', simple(3));
    await writeRows(h, 'rf2');
    await writeRows(h, 'rf3');
    const versionBefore = h.internal.topologyVersion;

    const node = await whileAdvancing(h, h.cluster.addNode());

    expect(node.id).toBe(4);
    expect(node.address).toBe('127.0.0.4');
    expect(node.nativePort).toBe(h.cluster.port);
    expect(node.tokens).toHaveLength(16);
    expect(h.internal.memberState(h.internal.node(node.id))).toBe('normal');
    expect(h.internal.topologyVersion).toBeGreaterThan(versionBefore);
    expect(h.cluster.contactPoints).toContain(`127.0.0.4:${h.cluster.port}`);
    for (const id of [1, 2, 3]) expect(await peersSeenBy(h, id)).toContain('127.0.0.4');
    for (const keyspace of ['rf2', 'rf3']) {
      expect(sorted(storedKeys(h.internal.node(node.id), keyspace, 't'))).toEqual(sorted(ownedKeys(h.internal.node(node.id), keyspace, keys)));
      expectPlacementHeld(h, keyspace, false);
      expect(await readableRows(h, keyspace, [1, 2, 3], consistencies.all)).toBe(3 * ROWS);
      expect(await readableRows(h, keyspace, [1], consistencies.quorum)).toBe(ROWS);
    }
    expect(h.cluster.cleanup()).toBeGreaterThan(0);
    expectPlacementHeld(h, 'rf2', true);
    expectPlacementHeld(h, 'rf3', true);
    expect(await readableRows(h, 'rf2', [1], consistencies.all)).toBe(ROWS);
  });

  it('forwards writes made while the ranges stream to the new node', async () => {
    const h = await harness({ nodes: 3 });
    await createKeyspace(h, 'rf2', simple(2));
    await writeRows(h, 'rf2', 0, ROWS / 2);
    // The sources' answers take 3 s of virtual time to reach node 4: rows written meanwhile, after the
    // sources read what they send, reach the old replicas only (node 4 is not a replica yet).
    h.cluster.network.addFilter({ verb: 'STREAM', to: 4, action: { delayMs: 3_000 } });
    const joining = h.cluster.addNode();
    for (let i = 0; i < 20 && (h.cluster.network.stats().get('STREAM')?.sent ?? 0) === 0; i++) {
      await settle(5);
      h.cluster.advanceTime(500);
    }
    expect(h.cluster.network.stats().get('STREAM')?.sent).toBeGreaterThan(0);
    await settle();
    await writeRows(h, 'rf2', ROWS / 2, ROWS / 2);
    const node = await whileAdvancing(h, joining);
    expect(sorted(storedKeys(h.internal.node(node.id), 'rf2', 't'))).toEqual(sorted(ownedKeys(h.internal.node(node.id), 'rf2', keys)));
    expect(await readableRows(h, 'rf2', [1], consistencies.all)).toBe(ROWS);
  });

  it('adds a node to one data center: NetworkTopologyStrategy ranges move within it', async () => {
    const h = await harness({ dataCenters: { dc1: 2, dc2: 2 } });
    await createKeyspace(h, 'nts', "{'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 1}");
    await writeRows(h, 'nts');
    const dc1Before = [1, 2].map((id) => storedKeys(h.internal.node(id), 'nts', 't').size);
    const joining = h.cluster.addNode({ dc: 'dc2', rack: 'rack1' });
    const node = await whileAdvancing(h, joining);
    expect(node.dataCenter).toBe('dc2');
    expect([1, 2].map((id) => storedKeys(h.internal.node(id), 'nts', 't').size)).toEqual(dc1Before);
    expect(sorted(storedKeys(h.internal.node(node.id), 'nts', 't'))).toEqual(sorted(ownedKeys(h.internal.node(node.id), 'nts', keys)));
    expectPlacementHeld(h, 'nts', false);
    expect(await readableRows(h, 'nts', [1], consistencies.all)).toBe(ROWS);
  });

  it('leaves the cluster as it was when a stream fails', async () => {
    const h = await harness({ nodes: 3 });
    await createKeyspace(h, 'rf2', simple(2));
    await writeRows(h, 'rf2');
    const stopStreams = h.cluster.network.addFilter({ verb: 'STREAM', action: 'drop' });
    await expect(whileAdvancing(h, h.cluster.addNode())).rejects.toThrow(/STREAM request from node 4 to node \d got no answer/);
    stopStreams();
    expect(h.cluster.nodes.map((n) => n.id)).toEqual([1, 2, 3]);
    expect(h.cluster.contactPoints).not.toContain(`127.0.0.4:${h.cluster.port}`);
    for (const id of [1, 2, 3]) expect(await peersSeenBy(h, id)).not.toContain('127.0.0.4');
    const node = await whileAdvancing(h, h.cluster.addNode());
    expect(node.address).toBe('127.0.0.5');
    expect(sorted(storedKeys(h.internal.node(node.id), 'rf2', 't'))).toEqual(sorted(ownedKeys(h.internal.node(node.id), 'rf2', keys)));
  });

  it('allows one topology change at a time and takes given tokens', async () => {
    const h = await harness({ nodes: 2, initialTokens: ['-4611686018427387904', '4611686018427387904'] });
    const first = h.cluster.addNode({ tokens: ['0'] });
    await expect(h.cluster.addNode({ tokens: ['100'] })).rejects.toThrow(/one topology change at a time/);
    const node = await whileAdvancing(h, first);
    expect(node.tokens).toEqual(['0']);
    expect(h.cluster.nodes.map((n) => n.id)).toEqual([1, 2, 3]);
    await expect(h.cluster.addNode({ tokens: ['0'] })).rejects.toThrow(/existing token 0/);
  });
});

describe(`decommission (seed ${SEED})`, () => {
  it('streams the leaving node\'s ranges to the nodes taking them over; no row is lost', async () => {
    const h = await harness({ nodes: 4 });
    await createKeyspace(h, 'rf3', simple(3));
    await writeRows(h, 'rf3');
    const leaving = h.cluster.node(2);
    const result = await h.cluster.decommission(2);
    expect(result.transfers.length).toBeGreaterThan(0);
    expect(result.transfers.every((t) => t.source.id === 2)).toBe(true);
    expect(result.streamedPartitions).toBeGreaterThan(0);
    expect(leaving.status).toBe('down');
    expect(h.cluster.nodes.map((n) => n.id)).toEqual([1, 3, 4]);
    expect(() => h.cluster.node(2)).toThrow(RangeError);
    for (const id of [1, 3, 4]) expect(await peersSeenBy(h, id)).not.toContain('127.0.0.2');
    expectPlacementHeld(h, 'rf3', false);
    expect(await readableRows(h, 'rf3', [1, 3, 4], consistencies.all)).toBe(3 * ROWS);
    h.cluster.cleanup();
    expectPlacementHeld(h, 'rf3', true);
  });

  it('is refused when fewer nodes than a replication factor would remain, unless forced', async () => {
    const h = await harness({ nodes: 3 });
    await createKeyspace(h, 'rf2', simple(2));
    await writeRows(h, 'rf2');
    await expect(h.cluster.decommission(3)).rejects.toThrow(
      'Not enough live nodes to maintain replication factor in keyspace system_distributed (RF = 3, N = 3). Perform a forceful decommission to ignore.',
    );
    expect(h.internal.memberState(h.internal.node(3))).toBe('normal');
    await h.cluster.decommission(3, { force: true });
    expectPlacementHeld(h, 'rf2', false);
    expect(await readableRows(h, 'rf2', [1, 2], consistencies.all)).toBe(2 * ROWS);
  });
});

describe(`removenode (seed ${SEED})`, () => {
  it('re-replicates a dead node\'s ranges from the surviving replicas; ranges it alone held are reported', async () => {
    const h = await harness({ nodes: 4 });
    await createKeyspace(h, 'rf2', simple(2));
    await createKeyspace(h, 'rf1', simple(1));
    await writeRows(h, 'rf2');
    await writeRows(h, 'rf1');
    await expect(h.cluster.removeNode(3)).rejects.toThrow(
      'Node /127.0.0.3:7000 is alive and owns this ID. Use decommission command to remove it from the ring',
    );
    await h.cluster.node(3).kill();
    const result = await h.cluster.removeNode(3);
    expect(result.transfers.every((t) => t.source.id !== 3)).toBe(true);
    // RF 1 keyspaces (rf1, and system_auth as in Cassandra 4.1) lose what node 3 alone held.
    expect(result.unavailable.some((u) => u.keyspace === 'rf1')).toBe(true);
    expect(result.unavailable.every((u) => ['rf1', 'system_auth'].includes(u.keyspace))).toBe(true);
    expect(h.cluster.nodes.map((n) => n.id)).toEqual([1, 2, 4]);
    expectPlacementHeld(h, 'rf2', false);
    expect(await readableRows(h, 'rf2', [1, 2, 4], consistencies.all)).toBe(3 * ROWS);
    h.cluster.cleanup();
    expectPlacementHeld(h, 'rf2', true);
  });
});
