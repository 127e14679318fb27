/**
 * Cross-check of replica placement against the npm cassandra-driver's own computation, run offline: the
 * driver's Metadata is fed fake hosts (as it would read them from system.local/peers) and keyspace rows
 * (as from system_schema.keyspaces), then asked `getReplicas` for the same tokens.
 *
 * With more replicas than racks in a data center the driver follows an older Cassandra algorithm: it passes
 * over endpoints on an already used rack until every rack has a replica, then appends them, where
 * Cassandra 4.x/5.0 (one-pass DatacenterEndpoints) takes them at once in ring order: same replicas, another
 * order. Its port also has defects Cassandra's old code had not: one passed-over list serves all data
 * centers and is never emptied, so a data center can be filled with another's endpoint, and it keeps an
 * endpoint once per vnode met, so it can repeat an endpoint and miss a replica. Where no data center has
 * more replicas than racks, or every data center is a single rack, the two agree exactly, order included.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../common/index.js';
import { MAX_TOKEN, MIN_TOKEN } from './murmur3.js';
import { createReplicationStrategy } from './create-replication-strategy.js';
import { endpointAt, positions, vnodeRing, type Position } from './test-rings.js';
import { TokenRing, type RingEndpoint } from './token-ring.js';

interface DriverHost {
  readonly endpointId: number;
  readonly datacenter: string;
  readonly rack: string;
  readonly tokens: string[];
}

/** The part of the driver's (untyped, internal) Metadata this test drives. */
interface DriverMetadata {
  setCassandraVersion(version: number[]): void;
  setPartitioner(name: string): void;
  buildTokens(hosts: { values(): DriverHost[] }): void;
  keyspaces: Record<string, unknown>;
  _schemaParser: { _parseKeyspace(row: Record<string, unknown>, virtual: boolean): unknown };
  newToken(token: string): unknown;
  getReplicas(keyspace: string, token: unknown): DriverHost[] | null;
}

const require = createRequire(import.meta.url);
const Metadata = require('cassandra-driver/lib/metadata/index.js') as new (options: unknown, cc: unknown) => DriverMetadata;
const clientOptions = require('cassandra-driver/lib/client-options.js') as { extend(options: object): unknown };

/** The driver's view of `ring` with one keyspace per replication map, as its control connection builds it. */
function driverMetadata(ring: TokenRing, keyspaces: ReadonlyMap<string, Record<string, string>>): DriverMetadata {
  const metadata = new Metadata(clientOptions.extend({ contactPoints: ['127.0.0.1'], localDataCenter: 'dc1' }), null);
  metadata.setCassandraVersion([4, 1, 0]);
  metadata.setPartitioner('org.apache.cassandra.dht.Murmur3Partitioner');
  const hosts = ring.endpoints.map((e): DriverHost => ({
    endpointId: e.id, datacenter: e.dataCenter, rack: e.rack, tokens: e.tokens.map(String),
  }));
  metadata.buildTokens({ values: () => hosts });
  for (const [name, replication] of keyspaces) {
    const row = { keyspace_name: name, durable_writes: true, replication };
    metadata.keyspaces[name] = metadata._schemaParser._parseKeyspace(row, false);
  }
  return metadata;
}

const simple = (rf: number): Record<string, string> =>
  ({ class: 'org.apache.cassandra.locator.SimpleStrategy', replication_factor: String(rf) });
const nts = (factors: Record<string, number>): Record<string, string> => ({
  class: 'org.apache.cassandra.locator.NetworkTopologyStrategy',
  ...Object.fromEntries(Object.entries(factors).map(([dc, rf]) => [dc, String(rf)])),
});

/** 200 random tokens, and every ring token with its neighbours and the ends of the token space. */
function tokensToCheck(ring: TokenRing, seed: number): bigint[] {
  const random = new SeededRandom(seed);
  const edges = ring.sortedTokens.flatMap((t) => [t - 1n, t, t + 1n]).filter((t) => t >= MIN_TOKEN && t <= MAX_TOKEN);
  return [...Array.from({ length: 200 }, () => random.nextInt64()), ...edges, MIN_TOKEN, MAX_TOKEN];
}

interface Comparison {
  readonly ours: number[];
  readonly driver: number[];
}

function compare(ring: TokenRing, replication: Record<string, string>, tokens: readonly bigint[]): Comparison[] {
  const metadata = driverMetadata(ring, new Map([['ks', replication]]));
  const strategy = createReplicationStrategy(new Map(Object.entries(replication)), ring, ring.endpoints[0]!);
  return tokens.map((token) => ({
    ours: strategy.replicasFor(token).map((e: RingEndpoint) => e.id),
    driver: (metadata.getReplicas('ks', metadata.newToken(token.toString())) ?? []).map((h) => h.endpointId),
  }));
}

const compareRandom = (ring: TokenRing, replication: Record<string, string>, seed: number): Comparison[] =>
  compare(ring, replication, tokensToCheck(ring, seed));
const sorted = (ids: number[]): number[] => [...ids].sort((a, b) => a - b);

describe('replica placement agrees with the Node.js driver', () => {
  const sixNodes = positions('dc1', 6, 3);

  it.each([1, 2, 3, 4, 7])('SimpleStrategy RF %i on 6 nodes with 16 vnodes each, in order', (rf) => {
    for (const c of compareRandom(vnodeRing(rf, sixNodes), simple(rf), rf)) expect(c.ours).toEqual(c.driver);
  });

  it('SimpleStrategy on single-token nodes', () => {
    const ring = vnodeRing(5, positions('dc1', 5), 1);
    for (const rf of [1, 3, 5]) for (const c of compareRandom(ring, simple(rf), rf)) expect(c.ours).toEqual(c.driver);
  });

  const exactLayouts: ReadonlyArray<[string, Position[], Record<string, number>[]]> = [
    ['two data centers of one rack each', [...positions('dc1', 4), ...positions('dc2', 3)],
      [{ dc1: 1 }, { dc1: 3, dc2: 2 }, { dc1: 2, dc2: 3 }, { dc1: 5, dc2: 4 }, { dc2: 1 }]],
    ['two data centers with at least as many racks as replicas', [...positions('dc1', 6, 3), ...positions('dc2', 4, 2)],
      [{ dc1: 3, dc2: 2 }, { dc1: 2, dc2: 1 }, { dc1: 1, dc2: 2 }, { dc1: 3 }]],
  ];

  it.each(exactLayouts)('NetworkTopologyStrategy, %s, in order', (_name, layout, factorSets) => {
    for (const [i, factors] of factorSets.entries()) {
      for (const c of compareRandom(vnodeRing(20 + i, layout), nts(factors), i)) expect(c.ours).toEqual(c.driver);
    }
  });

  it('NetworkTopologyStrategy with more replicas than racks: the same primary, and the same replicas unless the driver errs', () => {
    const layout = [...positions('dc1', 6, 2), ...positions('dc2', 5, 2)];
    const outcomes = { inOrder: 0, reordered: 0, driverRepeats: 0, driverMixesDataCenters: 0 };
    for (const [i, factors] of [{ dc1: 3, dc2: 3 }, { dc1: 4, dc2: 2 }, { dc1: 5, dc2: 4 }].entries()) {
      const ring = vnodeRing(40 + i, layout);
      const dataCenterOf = (id: number): string => ring.endpoints[id - 1]!.dataCenter;
      const perDc = (ids: number[]): string[] => ids.map(dataCenterOf).sort();
      for (const c of compareRandom(ring, nts(factors), i)) {
        expect(c.driver[0]).toBe(c.ours[0]);
        if (new Set(c.driver).size < c.driver.length) outcomes.driverRepeats++;
        else if (perDc(c.driver).join() !== perDc(c.ours).join()) outcomes.driverMixesDataCenters++;
        else {
          expect(sorted(c.driver)).toEqual(sorted(c.ours));
          outcomes[c.driver.join() === c.ours.join() ? 'inOrder' : 'reordered']++;
        }
      }
    }
    // Every kind occurs on these rings; the hand-built cases below show each divergence alone.
    for (const count of Object.values(outcomes)) expect(count).toBeGreaterThan(0);
  });

  it('the driver puts an endpoint on a used rack after the other racks; Cassandra keeps ring order', () => {
    const ring = new TokenRing([
      endpointAt(1, 0n, 'dc1', 'r1'), endpointAt(2, 100n, 'dc1', 'r1'), endpointAt(3, 200n, 'dc1', 'r2'),
    ]);
    expect(compare(ring, nts({ dc1: 3 }), [0n, 100n])).toEqual([
      { ours: [1, 2, 3], driver: [1, 3, 2] },
      { ours: [2, 3, 1], driver: [2, 3, 1] },
    ]);
  });

  it('the driver repeats an endpoint met at two vnodes before the last rack, and misses a replica', () => {
    const ring = new TokenRing([
      endpointAt(1, 0n, 'dc1', 'r1'),
      { ...endpointAt(2, 100n, 'dc1', 'r1'), tokens: [100n, 150n] },
      endpointAt(3, 200n, 'dc1', 'r2'), endpointAt(4, 300n, 'dc1', 'r1'),
    ]);
    expect(compare(ring, nts({ dc1: 4 }), [0n])).toEqual([{ ours: [1, 2, 3, 4], driver: [1, 3, 2, 2] }]);
  });

  it('the driver fills a data center with an endpoint of another one it passed over', () => {
    // dc1 racks r1, r2 with RF 3; dc2 racks r1, r2 with RF 2. The driver keeps one list of passed-over
    // endpoints for all data centers, so dc1 takes endpoint 3 of dc2 when its last rack is placed.
    const ring = new TokenRing([
      endpointAt(1, 0n, 'dc1', 'r1'), endpointAt(2, 100n, 'dc2', 'r1'), endpointAt(3, 150n, 'dc2', 'r1'),
      endpointAt(4, 200n, 'dc1', 'r1'), endpointAt(5, 300n, 'dc2', 'r2'), endpointAt(6, 400n, 'dc1', 'r2'),
    ]);
    expect(compare(ring, nts({ dc1: 3, dc2: 2 }), [0n])).toEqual([{ ours: [1, 2, 4, 5, 6], driver: [1, 2, 5, 6, 3] }]);
  });
});
