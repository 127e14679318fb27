import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../common/index.js';
import { MAX_TOKEN, MIN_TOKEN } from './murmur3.js';
import { createReplicationStrategy } from './create-replication-strategy.js';
import { endpointAt, positions, vnodeRing, type Position } from './test-rings.js';
import { TokenRing, type RingEndpoint } from './token-ring.js';

const nts = (factors: Record<string, number>): ReadonlyMap<string, string> => new Map([
  ['class', 'org.apache.cassandra.locator.NetworkTopologyStrategy'],
  ...Object.entries(factors).map(([dc, rf]): [string, string] => [dc, String(rf)]),
]);
const ids = (replicas: readonly RingEndpoint[]): number[] => replicas.map((r) => r.id);
const replicasOf = (ring: TokenRing, factors: Record<string, number>, token: bigint): number[] =>
  ids(createReplicationStrategy(nts(factors), ring, ring.endpoints[0]!).replicasFor(token));

describe('NetworkTopologyStrategy across data centers', () => {
  // Odd endpoints in dc1, even ones in dc2, alternating around the ring at 0, 100, …, 700.
  const ring = new TokenRing([1, 2, 3, 4, 5, 6, 7, 8].map((id) =>
    endpointAt(id, BigInt((id - 1) * 100), id % 2 === 1 ? 'dc1' : 'dc2', 'r1')));

  it('fills every data center in one walk, replicas in ring order', () => {
    expect(replicasOf(ring, { dc1: 2, dc2: 2 }, 50n)).toEqual([2, 3, 4, 5]);
    expect(replicasOf(ring, { dc1: 3, dc2: 1 }, 650n)).toEqual([8, 1, 3, 5]);
  });

  it('starts with a replica of another data center when the owner\'s is not replicated', () => {
    expect(replicasOf(ring, { dc1: 1 }, 50n)).toEqual([3]);
    expect(replicasOf(ring, { dc1: 1, dc2: 0 }, 100n)).toEqual([3]);
  });

  it('takes every endpoint of a data center smaller than its factor', () => {
    expect(replicasOf(ring, { dc1: 7, dc2: 1 }, 0n)).toEqual([1, 2, 3, 5, 7]);
  });

  it('skips data centers without nodes and keeps them in the factors', () => {
    const strategy = createReplicationStrategy(nts({ dc1: 2, dc3: 2, dc2: 0 }), ring, ring.endpoints[0]!);
    expect(ids(strategy.replicasFor(0n))).toEqual([1, 3]);
    expect(strategy.replicationFactors()).toEqual(new Map([['dc1', 2], ['dc3', 2], ['dc2', 0]]));
    expect(strategy.totalReplicationFactor).toBe(4);
  });

  it('wraps past the maximum token', () => {
    expect(replicasOf(ring, { dc1: 2, dc2: 1 }, 701n)).toEqual([1, 2, 3]);
    expect(replicasOf(ring, { dc1: 2, dc2: 1 }, MAX_TOKEN)).toEqual([1, 2, 3]);
    expect(replicasOf(ring, { dc1: 2, dc2: 1 }, MIN_TOKEN)).toEqual([1, 2, 3]);
  });
});

describe('NetworkTopologyStrategy across racks', () => {
  // dc1: A1 (r1) at 0, A2 (r1) at 100, B1 (r2) at 200, A3 (r1) at 300, B2 (r2) at 400.
  const twoRacks = new TokenRing([
    endpointAt(1, 0n, 'dc1', 'r1'), endpointAt(2, 100n, 'dc1', 'r1'), endpointAt(3, 200n, 'dc1', 'r2'),
    endpointAt(4, 300n, 'dc1', 'r1'), endpointAt(5, 400n, 'dc1', 'r2'),
  ]);

  it('passes endpoints on a used rack while there are at least as many racks as replicas', () => {
    expect(replicasOf(twoRacks, { dc1: 2 }, 0n)).toEqual([1, 3]);
    expect(replicasOf(twoRacks, { dc1: 1 }, 0n)).toEqual([1]);
  });

  it('takes the first endpoints met on used racks at once when the factor exceeds the racks', () => {
    // Cassandra's one-pass DatacenterEndpoints; both drivers put A2 after B1 instead (same set).
    expect(replicasOf(twoRacks, { dc1: 3 }, 0n)).toEqual([1, 2, 3]);
    expect(replicasOf(twoRacks, { dc1: 4 }, 0n)).toEqual([1, 2, 3, 4]);
    expect(replicasOf(twoRacks, { dc1: 3 }, 300n)).toEqual([4, 5, 1]);
  });

  it('takes every endpoint once the factor reaches the endpoint count', () => {
    expect(replicasOf(twoRacks, { dc1: 5 }, 0n)).toEqual([1, 2, 3, 4, 5]);
    expect(replicasOf(twoRacks, { dc1: 9 }, 250n)).toEqual([4, 5, 1, 2, 3]);
  });

  it('counts rack repeats over the racks the data center has, not the ones met so far', () => {
    // r1 twice, then r2, then r3: RF 4 on three racks allows one repeat, RF 3 none.
    const threeRacks = new TokenRing([
      endpointAt(1, 0n, 'dc1', 'r1'), endpointAt(2, 100n, 'dc1', 'r1'),
      endpointAt(3, 200n, 'dc1', 'r2'), endpointAt(4, 300n, 'dc1', 'r3'),
    ]);
    expect(replicasOf(threeRacks, { dc1: 2 }, 0n)).toEqual([1, 3]);
    expect(replicasOf(threeRacks, { dc1: 3 }, 0n)).toEqual([1, 3, 4]);
    expect(replicasOf(threeRacks, { dc1: 4 }, 0n)).toEqual([1, 2, 3, 4]);
  });

  it('keeps racks of the same name in different data centers apart', () => {
    const shared = new TokenRing([
      endpointAt(1, 0n, 'dc1', 'r1'), endpointAt(2, 100n, 'dc2', 'r1'),
      endpointAt(3, 200n, 'dc2', 'r2'), endpointAt(4, 300n, 'dc1', 'r2'),
    ]);
    expect(replicasOf(shared, { dc1: 2, dc2: 2 }, 0n)).toEqual([1, 2, 3, 4]);
  });

  it('does not take an endpoint twice when it owns several tokens on the way', () => {
    const vnodes = new TokenRing([
      endpointAt(1, 0n, 'dc1', 'r1'),
      { ...endpointAt(2, 100n, 'dc1', 'r1'), tokens: [100n, 150n] },
      endpointAt(3, 200n, 'dc1', 'r2'), endpointAt(4, 300n, 'dc1', 'r1'),
    ]);
    expect(replicasOf(vnodes, { dc1: 4 }, 0n)).toEqual([1, 2, 3, 4]);
  });
});

/**
 * A declarative statement of the same rule, for random rings: per data center, the first endpoint met on
 * each rack (as many racks as the factor allows), plus, when the factor exceeds the racks, the first other
 * endpoints met; everything in the order the walk meets it.
 */
function expectedReplicas(ring: TokenRing, factors: Record<string, number>, token: bigint): number[] {
  const walk = [...new Set(ring.ownersFrom(ring.firstTokenIndex(token)))];
  const chosen = new Set<RingEndpoint>();
  for (const [dc, rf] of Object.entries(factors)) {
    const inDc = walk.filter((e) => e.dataCenter === dc);
    const rackFirsts = inDc.filter((e, i) => inDc.findIndex((o) => o.rack === e.rack) === i);
    const wanted = Math.min(rf, inDc.length);
    const taken = rackFirsts.slice(0, wanted);
    const others = inDc.filter((e) => !taken.includes(e)).slice(0, wanted - taken.length);
    for (const e of [...taken, ...others]) chosen.add(e);
  }
  return walk.filter((e) => chosen.has(e)).map((e) => e.id);
}

describe('NetworkTopologyStrategy on 16-vnode rings', () => {
  const layouts: ReadonlyArray<[string, Position[]]> = [
    ['dc1 6 nodes on 3 racks, dc2 3 nodes on 2 racks', [...positions('dc1', 6, 3), ...positions('dc2', 3, 2)]],
    ['dc1 4 nodes on r1 and 1 on r2, dc2 2 nodes on 1 rack', [
      ...positions('dc1', 4, 1), { dataCenter: 'dc1', rack: 'r2' }, ...positions('dc2', 2, 1)]],
    ['dc1 5 nodes on 5 racks, dc2 4 nodes on 2 racks', [...positions('dc1', 5, 5), ...positions('dc2', 4, 2)]],
  ];
  const factorSets: Record<string, number>[] = [
    { dc1: 3, dc2: 2 }, { dc1: 2, dc2: 3 }, { dc1: 4, dc2: 1 }, { dc1: 1 }, { dc2: 2 }, { dc1: 6, dc2: 5 }, { dc1: 3, dc2: 0 },
  ];

  it.each(layouts)('%s', (_name, layout) => {
    for (const [seedOffset, factors] of factorSets.entries()) {
      const ring = vnodeRing(100 + seedOffset, layout);
      const strategy = createReplicationStrategy(nts(factors), ring, ring.endpoints[0]!);
      const random = new SeededRandom(seedOffset);
      for (let i = 0; i < 200; i++) {
        const token = random.nextInt64();
        const replicas = strategy.replicasFor(token);
        expect(ids(replicas)).toEqual(expectedReplicas(ring, factors, token));
        for (const [dc, rf] of Object.entries(factors)) {
          const size = ring.dataCenters.get(dc)!;
          const inDc = replicas.filter((r) => r.dataCenter === dc);
          expect(inDc).toHaveLength(Math.min(rf, size.endpointCount));
          expect(new Set(inDc.map((r) => r.rack)).size).toBe(Math.min(rf, size.rackCount));
        }
        if ((factors[ring.ownerOf(token).dataCenter] ?? 0) > 0) expect(replicas[0]).toBe(ring.ownerOf(token));
      }
    }
  });
});
