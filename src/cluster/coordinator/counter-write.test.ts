import { afterEach, describe, expect, it } from 'vitest';
import { ConsistencyLevel, InvalidRequestError, UnavailableError, WriteTimeoutError } from '../../errors/index.js';
import { counterContext, counterShards, counterTotal, type Mutation } from '../../data/index.js';
import { ALL, cell, int, mutation, row, testTable, tombstoneCell, update } from '../../data/testing/fixtures.js';
import { StorageEngine } from '../../storage/index.js';
import { int64Bytes, native } from '../../types/index.js';
import type { Cluster, Node } from '../cluster.js';
import { runUntilSettled, virtualCluster } from '../testing/virtual-cluster.js';
import { resolveCounterDeltas } from './counter-deltas.js';

const table = testTable({ clustering: [['c', native('int'), 'asc']], statics: [['s', native('counter')]], regular: [['n', native('counter')]] });
const { ONE, QUORUM, ANY, SERIAL } = ConsistencyLevel;

/** Adds `delta` to n of row (key, c) and, when given, `staticDelta` to s. */
function increment(key: number, c: number, delta: number, staticDelta?: number): Mutation {
  const staticRow = staticDelta === undefined ? null : row([], { s: cell(int64Bytes(BigInt(staticDelta)), 1) });
  return mutation(update(table, int(key), { staticRow, rows: [row([int(c)], { n: cell(int64Bytes(BigInt(delta)), 1) })] }));
}

function counter(node: Node | StorageEngine, key: number, c: number): bigint | null {
  const storage = node instanceof StorageEngine ? node : node.storage;
  const p = storage.read({
    kind: 'single', table, key: int(key), token: BigInt(key), filter: { kind: 'slices', slices: [ALL], reversed: false }, nowInSec: 0, rowLimit: Infinity,
  })[0];
  const found = p?.rows.find((r) => r.clustering[0]!.readInt32BE(0) === c)?.cells.get('n');
  return found?.value === null || found === undefined ? null : counterTotal(found.value).readBigInt64BE(0);
}

const LEADER = Buffer.alloc(16, 0xaa);
const OTHER = Buffer.alloc(16, 0x11);

/** The leader shards of a resolved update's cell n (or s), as [clock, count]. */
const shardsOf = (value: Buffer | null) => counterShards(value!).map((s) => [s.id.equals(LEADER) ? 'leader' : 'other', s.clock, s.count]);

describe('resolveCounterDeltas', () => {
  it('adds each delta to the leader shard, or to what an earlier update of the mutation made of it', () => {
    const storage = new StorageEngine();
    let micros = 100n;
    const now = (): bigint => ++micros;
    storage.apply(resolveCounterDeltas(storage, increment(1, 0, 5, 2), LEADER, 0, now));
    const twice = increment(1, 0, 3);
    const resolved = resolveCounterDeltas(storage, { ...twice, updates: [...twice.updates, ...increment(1, 0, -10, 1).updates] }, LEADER, 0, now);
    expect(resolved.updates.map((u) => shardsOf(u.rows[0]!.cells.get('n')!.value))).toEqual([[['leader', 103n, 8n]], [['leader', 105n, -2n]]]);
    expect(shardsOf(resolved.updates[1]!.staticRow!.cells.get('s')!.value)).toEqual([['leader', 104n, 3n]]);
    storage.apply(resolved);
    expect(counter(storage, 1, 0)).toBe(-2n);
  });

  it('raises only its own shard, keeping the update timestamp, so increments led elsewhere still add up', () => {
    const storage = new StorageEngine();
    const others = counterContext([{ id: OTHER, clock: 900n, count: 4n }]);
    storage.apply(mutation(update(table, int(1), { rows: [row([int(0)], { n: cell(others, 500) })] })));
    const deletion = mutation(update(table, int(1), { rows: [row([int(1)], { n: tombstoneCell(7) })] }));
    expect(resolveCounterDeltas(storage, deletion, LEADER, 0, () => 1n)).toEqual(deletion);
    const resolved = resolveCounterDeltas(storage, increment(1, 0, 1), LEADER, 0, () => 10n);
    const cellOut = resolved.updates[0]!.rows[0]!.cells.get('n')!;
    expect(cellOut.timestamp).toBe(1n);
    expect(shardsOf(cellOut.value)).toEqual([['leader', 10n, 1n]]);
    storage.apply(resolved);
    expect(counter(storage, 1, 0)).toBe(5n);
    // A clock never goes back, even when the clock of the machine does.
    const again = resolveCounterDeltas(storage, increment(1, 0, 2), LEADER, 0, () => 3n);
    expect(shardsOf(again.updates[0]!.rows[0]!.cells.get('n')!.value)).toEqual([['leader', 11n, 3n]]);
  });
});

let cluster: Cluster;
afterEach(() => cluster?.close());

describe('counter writes through a leader', () => {
  it('forwards to a replica when the coordinator is none, and every replica ends with the total', async () => {
    cluster = await virtualCluster(3, 2, [table]);
    const replicas = cluster.placement('ks', 1n, cluster.node(1)).replicas.map((r) => r.id);
    const outsider = cluster.nodes.find((n) => !replicas.includes(n.identity.id))!;
    for (const delta of [1, 2, 3]) await runUntilSettled(cluster, outsider.mutateCounter([increment(1, 0, delta)], QUORUM));
    expect(cluster.network.stats().get('COUNTER_MUTATION')?.sent).toBeGreaterThan(0);
    for (const id of replicas) expect(counter(cluster.node(id), 1, 0)).toBe(6n);
    expect(counter(outsider, 1, 0)).toBeNull();
  });

  it('adds up increments of leaders that did not see each other, on every replica once they merge', async () => {
    cluster = await virtualCluster(3, 3, [table]);
    const lost = cluster.network.addFilter({ verb: 'MUTATION', to: 1, action: 'drop' });
    await runUntilSettled(cluster, cluster.node(2).mutateCounter([increment(1, 0, 5)], QUORUM));
    lost();
    expect(counter(cluster.node(1), 1, 0)).toBeNull();
    await runUntilSettled(cluster, cluster.node(1).mutateCounter([increment(1, 0, 1)], QUORUM));
    expect(counter(cluster.node(1), 1, 0)).toBe(1n);
    for (const id of [2, 3]) expect(counter(cluster.node(id), 1, 0)).toBe(6n);
  });

  it('checks the level at the coordinator and reports a silent leader as WriteTimeout at ONE', async () => {
    cluster = await virtualCluster(3, 1, [table]);
    const leader = cluster.placement('ks', 1n, cluster.node(1)).replicas[0]!.id;
    const coordinator = cluster.nodes.find((n) => n.identity.id !== leader)!;
    await expect(coordinator.mutateCounter([increment(1, 0, 1)], ANY)).rejects.toThrow(InvalidRequestError);
    await expect(coordinator.mutateCounter([increment(1, 0, 1)], SERIAL)).rejects.toThrow('Counter operations are inherently non-serializable');
    await expect(coordinator.mutateCounter([increment(1, 0, 1)], ConsistencyLevel.TWO)).rejects.toThrow(UnavailableError);
    await cluster.node(leader).pause();
    const error = await runUntilSettled(cluster, coordinator.mutateCounter([increment(1, 0, 1)], ONE)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteTimeoutError);
    expect(error).toMatchObject({ consistency: ONE, received: 0, blockFor: 1, writeType: 'COUNTER' });
  });
});
