import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../common/index.js';
import { MAX_TOKEN, MIN_TOKEN } from './murmur3.js';
import { createReplicationStrategy } from './create-replication-strategy.js';
import { endpointAt, positions, vnodeRing } from './test-rings.js';
import { TokenRing, type RingEndpoint } from './token-ring.js';

const simple = (rf: number): ReadonlyMap<string, string> =>
  new Map([['class', 'org.apache.cassandra.locator.SimpleStrategy'], ['replication_factor', String(rf)]]);
const ids = (replicas: readonly RingEndpoint[]): number[] => replicas.map((r) => r.id);

describe('SimpleStrategy', () => {
  // Tokens 0, 100, …, 500 owned by 1, 2, 3, 1, 2, 4: a ring where the walk meets endpoints again.
  const ring = new TokenRing([
    { ...endpointAt(1, 0n, 'dc1', 'r1'), tokens: [0n, 300n] },
    { ...endpointAt(2, 100n, 'dc2', 'r1'), tokens: [100n, 400n] },
    endpointAt(3, 200n, 'dc1', 'r2'),
    endpointAt(4, 500n, 'dc1', 'r1'),
  ]);
  const local = ring.endpoints[0]!;

  it.each([
    [1, 50n, [2]],
    [2, 50n, [2, 3]],
    [3, 50n, [2, 3, 1]],
    [4, 50n, [2, 3, 1, 4]],
    [3, 250n, [1, 2, 4]],
    [2, 450n, [4, 1]],
  ])('RF %i at token %i walks the ring for distinct endpoints: %j', (rf, token, expected) => {
    expect(ids(createReplicationStrategy(simple(rf), ring, local).replicasFor(token))).toEqual(expected);
  });

  it('ignores data centers and racks', () => {
    expect(ids(createReplicationStrategy(simple(2), ring, local).replicasFor(150n))).toEqual([3, 1]);
  });

  it('wraps past the maximum token, and the minimum token falls in the first range', () => {
    const strategy = createReplicationStrategy(simple(3), ring, local);
    expect(ids(strategy.replicasFor(501n))).toEqual([1, 2, 3]);
    expect(ids(strategy.replicasFor(MAX_TOKEN))).toEqual([1, 2, 3]);
    expect(ids(strategy.replicasFor(MIN_TOKEN))).toEqual([1, 2, 3]);
    expect(ids(strategy.replicasFor(500n))).toEqual([4, 1, 2]);
  });

  it('takes every endpoint when the factor exceeds the endpoint count, and none at RF 0', () => {
    expect(ids(createReplicationStrategy(simple(9), ring, local).replicasFor(0n))).toEqual([1, 2, 3, 4]);
    expect(createReplicationStrategy(simple(0), ring, local).replicasFor(0n)).toEqual([]);
  });

  it('gives its whole factor to the local data center for the DC-local consistency levels', () => {
    const strategy = createReplicationStrategy(simple(3), ring, ring.endpoints[1]!);
    expect(strategy.totalReplicationFactor).toBe(3);
    expect(strategy.replicationFactors()).toEqual(new Map([['dc2', 3]]));
  });

  it('answers from one computation per range', () => {
    const strategy = createReplicationStrategy(simple(2), ring, local);
    expect(strategy.replicasFor(101n)).toBe(strategy.replicasFor(200n));
    expect(Object.isFrozen(strategy.replicasFor(101n))).toBe(true);
  });

  it.each([1, 2, 3, 4])('RF %i on a 16-vnode ring: the first RF distinct owners met walking from the token', (rf) => {
    const vnodes = vnodeRing(rf * 11, positions('dc1', 6, 2));
    const strategy = createReplicationStrategy(simple(rf), vnodes, vnodes.endpoints[0]!);
    const random = new SeededRandom(rf);
    for (let i = 0; i < 300; i++) {
      const token = random.nextInt64();
      const walk = [...vnodes.ownersFrom(vnodes.firstTokenIndex(token))];
      const expected = [...new Set(walk.map((e) => e.id))].slice(0, rf);
      expect(ids(strategy.replicasFor(token))).toEqual(expected);
      expect(strategy.replicasFor(token)[0]).toBe(vnodes.ownerOf(token));
    }
  });
});
