import { describe, expect, it } from 'vitest';
import { endpointAt, positions, vnodeRing } from '../ring/test-rings.js';
import { createReplicationStrategy } from '../ring/create-replication-strategy.js';
import { TokenRing } from '../ring/token-ring.js';
import { planRangeMovement, type RangeMovementPlan, type ReplicatedKeyspace } from './range-movement-plan.js';
import { rangeContains } from './token-range.js';

const simple = (rf: number): ReplicatedKeyspace => ({
  name: `rf${rf}`,
  replication: new Map([['class', 'org.apache.cassandra.locator.SimpleStrategy'], ['replication_factor', String(rf)]]),
});
const everyoneUp = (): boolean => true;

/** Every (keyspace, target) that gains a token, checked against the strategies before and after. */
function gainedBy(plan: RangeMovementPlan, keyspace: string, token: bigint): number[] {
  return plan.transfers.filter((t) => t.keyspace === keyspace && t.ranges.some((r) => rangeContains(r, token))).map((t) => t.target.id);
}

describe('planRangeMovement', () => {
  it('has a bootstrapping node fetch, from the replica it replaces, exactly the ranges it becomes a replica of', () => {
    const before = new TokenRing([endpointAt(1, -100n, 'dc1', 'r1'), endpointAt(2, 0n, 'dc1', 'r1'), endpointAt(3, 100n, 'dc1', 'r1')]);
    const after = new TokenRing([...before.endpoints, endpointAt(4, 50n, 'dc1', 'r1')]);
    const plan = planRangeMovement([simple(2)], before, after, everyoneUp);
    // (-100, 0] was replicated on 2, 3 and becomes 2, 4: node 3 gives it up and sends it.
    // (0, 50] was on 3, 1 and becomes 4, 3: node 1 gives it up and sends it.
    expect(plan.transfers.map((t) => [t.source.id, t.target.id, t.ranges])).toEqual([
      [3, 4, [{ start: -100n, end: 0n }]],
      [1, 4, [{ start: 0n, end: 50n }]],
    ]);
    expect(plan.unavailable).toEqual([]);
  });

  it('matches the strategies on vnode rings: every gained token, and only those, is fetched', () => {
    const before = vnodeRing(11, positions('dc1', 4, 2));
    const newcomer = vnodeRing(12, positions('dc1', 5, 2)).endpoints[4]!;
    const after = new TokenRing([...before.endpoints, newcomer]);
    const keyspace = simple(3);
    const plan = planRangeMovement([keyspace], before, after, everyoneUp);
    const was = createReplicationStrategy(keyspace.replication, before, before.endpoints[0]!);
    const will = createReplicationStrategy(keyspace.replication, after, after.endpoints[0]!);
    for (const token of [...after.sortedTokens, ...after.sortedTokens.map((t) => t - 1n)]) {
      const gained = will.replicasFor(token).filter((r) => !was.replicasFor(token).some((o) => o.id === r.id)).map((r) => r.id);
      expect(gainedBy(plan, keyspace.name, token), `token ${token}`).toEqual(gained);
    }
    for (const t of plan.transfers) expect(t.target.id).toBe(newcomer.id);
  });

  it('takes a surviving replica when the one leaving is down, and reports ranges nobody can send', () => {
    const before = new TokenRing([endpointAt(1, -100n, 'dc1', 'r1'), endpointAt(2, 0n, 'dc1', 'r1'), endpointAt(3, 100n, 'dc1', 'r1')]);
    const after = new TokenRing(before.endpoints.filter((e) => e.id !== 3));
    const isAvailable = (id: number): boolean => id !== 3;
    const rf2 = planRangeMovement([simple(2)], before, after, isAvailable);
    for (const t of rf2.transfers) expect(t.source.id).not.toBe(3);
    expect(rf2.unavailable).toEqual([]);
    const rf1 = planRangeMovement([simple(1)], before, after, isAvailable);
    expect(rf1.transfers).toEqual([]);
    expect(rf1.unavailable.map((u) => [u.target.id, u.range])).toEqual([[1, { start: 0n, end: 100n }]]);
  });

  describe('with consistent range movement (strict)', () => {
    const before = new TokenRing([endpointAt(1, -100n, 'dc1', 'r1'), endpointAt(2, 0n, 'dc1', 'r1'), endpointAt(3, 100n, 'dc1', 'r1')]);
    const after = new TokenRing([...before.endpoints, endpointAt(4, 50n, 'dc1', 'r1')]);

    it('streams only from the replica giving a range up, and names it with the old range when it is down', () => {
      const up = planRangeMovement([simple(2)], before, after, everyoneUp, true);
      expect(up.transfers.map((t) => [t.source.id, t.ranges])).toEqual([[3, [{ start: -100n, end: 0n }]], [1, [{ start: 0n, end: 50n }]]]);
      const threeDown = planRangeMovement([simple(2)], before, after, (id) => id !== 3, true);
      expect(threeDown.strictSourcesDown.map((d) => [d.keyspace, d.source.id, d.range])).toEqual([['rf2', 3, { start: -100n, end: 0n }]]);
      // (0, 50] of the old range (0, 100]: node 1 gives it up and is up.
      expect(threeDown.transfers.map((t) => [t.source.id, t.ranges])).toEqual([[1, [{ start: 0n, end: 50n }]]]);
      // Without strictness another live replica (node 2) sends what node 3 gives up.
      const loose = planRangeMovement([simple(2)], before, after, (id) => id !== 3);
      expect(loose.strictSourcesDown).toEqual([]);
      expect(loose.transfers.map((t) => [t.source.id, t.ranges])).toEqual([[2, [{ start: -100n, end: 0n }]], [1, [{ start: 0n, end: 50n }]]]);
    });

    it('is not strict when the ring, newcomer included, has no more nodes than replicas', () => {
      const two = new TokenRing(before.endpoints.slice(0, 2));
      const three = new TokenRing([...two.endpoints, endpointAt(3, 100n, 'dc1', 'r1')]);
      const plan = planRangeMovement([simple(3)], two, three, (id) => id !== 1, true);
      expect(plan.strictSourcesDown).toEqual([]);
      expect(plan.transfers.every((t) => t.source.id === 2)).toBe(true);
    });

    it('reports a single-replica range nobody can send with its replication factor', () => {
      const plan = planRangeMovement([simple(1)], before, after, (id) => id !== 3);
      expect(plan.unavailable.map((u) => [u.target.id, u.range, u.replicationFactor])).toEqual([[4, { start: 0n, end: 50n }, 1]]);
    });
  });
});
