import { describe, expect, it } from 'vitest';
import { endpointAt, positions, vnodeRing } from '../ring/test-rings.js';
import { createReplicationStrategy } from '../ring/replication-strategy.js';
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
});
