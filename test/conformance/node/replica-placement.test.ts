/**
 * Replica placement on a multi-node, multi-data-center cluster, seen from outside: the ring every node
 * publishes in system.local/system.peers, the replicas the server reports per range (DESCRIBE CLUSTER's
 * range_ownership after USE, Cassandra 4.0+), and the replicas the driver computes for routing
 * (`client.getReplicas`). The server and the driver must agree on every range.
 *
 * Where a data center has more replicas than racks, only the primary replica is compared with the driver:
 * Cassandra 4.x takes an endpoint on an already used rack as soon as the ring walk meets it, the Node.js
 * driver appends such endpoints after the other racks and, in its port of that older algorithm, can repeat
 * an endpoint or count one data center's endpoint for another (src/cluster/ring/replica-placement.driver.test.ts
 * shows each case). The server's own lists are still checked in full against the replication factors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { startCluster } from '../../../src/index.js';
import { externalContactPoint, uniqueName, type Cluster } from '../support/node-client.js';

/** Cassanova's layout: dc1 has two racks with two nodes on rack1; dc2 has one rack. */
const DATA_CENTERS = { dc1: { rack1: 2, rack2: 1 }, dc2: 2 } as const;
const NUM_TOKENS = 16;

interface RingNode {
  readonly address: string;
  readonly dataCenter: string;
  readonly rack: string;
  readonly tokens: readonly string[];
}

let cluster: Cluster | undefined;
let client: cassandra.Client;
/** Connected to every node (the default policy opens no connection to remote data centers). */
let everyNodeClient: cassandra.Client;
/** Keyspace name → whether the driver's whole replica list must match the server's (else its primary). */
const keyspaces = new Map<string, boolean>();

const ipOf = (address: string): string => address.replace(/^\//, '').replace(/:\d+$/, '');
const compareTokens = (a: string, b: string): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

beforeAll(async () => {
  let contactPoints: string[];
  let localDataCenter: string;
  if (externalContactPoint !== undefined) {
    contactPoints = [externalContactPoint];
    localDataCenter = process.env['CQL_LOCAL_DC'] || 'datacenter1';
  } else {
    cluster = await startCluster({ port: 0, dataCenters: DATA_CENTERS, numTokens: NUM_TOKENS, seed: 7 });
    contactPoints = cluster.contactPoints;
    localDataCenter = cluster.localDataCenter;
  }
  // The driver reaches the nodes it learns from system.peers on one port for all: the contact point's.
  const port = Number(contactPoints[0]!.split(':')[1] ?? 9042);
  client = new cassandra.Client({ contactPoints, localDataCenter, protocolOptions: { port } });
  await client.connect();
  everyNodeClient = new cassandra.Client({
    contactPoints, localDataCenter, protocolOptions: { port },
    policies: { loadBalancing: new cassandra.policies.loadBalancing.RoundRobinPolicy() },
  });
  await everyNodeClient.connect();

  // Replication derived from the topology found, so the same file runs against any real cluster.
  const hosts = client.hosts.values();
  const dataCenters = [...new Set(hosts.map((h) => h.datacenter))];
  const racksIn = (dc: string): number => new Set(hosts.filter((h) => h.datacenter === dc).map((h) => h.rack)).size;
  const nodesIn = (dc: string): number => hosts.filter((h) => h.datacenter === dc).length;
  const nts = (rf: (dc: string) => number): string =>
    `{'class': 'NetworkTopologyStrategy', ${dataCenters.map((dc) => `'${dc}': ${rf(dc)}`).join(', ')}}`;
  const singleRack = dataCenters.every((dc) => racksIn(dc) === 1);
  const replications: ReadonlyArray<[string, string, boolean]> = [
    ['simple1', "{'class': 'SimpleStrategy', 'replication_factor': 1}", true],
    ['simple3', "{'class': 'SimpleStrategy', 'replication_factor': 3}", true],
    ['nts_racks', nts(racksIn), true],
    ['nts_all', nts(nodesIn), singleRack || dataCenters.every((dc) => nodesIn(dc) <= racksIn(dc))],
  ];
  for (const [suffix, replication, wholeList] of replications) {
    const name = uniqueName(`conf_place_${suffix}`);
    await client.execute(`CREATE KEYSPACE ${name} WITH replication = ${replication}`);
    await client.metadata.refreshKeyspace(name);
    keyspaces.set(name, wholeList);
  }
}, 60_000);

afterAll(async () => {
  try {
    if (externalContactPoint !== undefined) {
      for (const name of keyspaces.keys()) await client.execute(`DROP KEYSPACE IF EXISTS ${name}`);
    }
  } finally {
    await Promise.allSettled([client?.shutdown(), everyNodeClient?.shutdown()]);
    await cluster?.close();
  }
});

/** The ring as one node describes it: itself from system.local, the others from system.peers. */
async function ringSeenBy(host: cassandra.Host): Promise<RingNode[]> {
  const query = (cql: string) => everyNodeClient.execute(cql, [], { host });
  const local = await query('SELECT broadcast_address, data_center, rack, tokens FROM system.local');
  const peers = await query('SELECT peer, data_center, rack, tokens FROM system.peers');
  const node = (row: cassandra.types.Row, addressColumn: string): RingNode => ({
    address: String(row[addressColumn]),
    dataCenter: row['data_center'],
    rack: row['rack'],
    tokens: [...(row['tokens'] as string[])].sort(compareTokens),
  });
  return [...local.rows.map((r) => node(r, 'broadcast_address')), ...peers.rows.map((r) => node(r, 'peer'))]
    .sort((a, b) => a.address.localeCompare(b.address));
}

/** DESCRIBE CLUSTER in `keyspace`: range end token → replica addresses, in the server's order. */
async function rangeOwnership(keyspace: string): Promise<Map<string, string[]>> {
  await client.execute(`USE ${keyspace}`);
  const row = (await client.execute('DESCRIBE CLUSTER')).first();
  const ownership = row?.['range_ownership'] as Record<string, string[]> | undefined;
  expect(ownership, 'range_ownership of DESCRIBE CLUSTER').toBeDefined();
  return new Map(Object.entries(ownership ?? {}).map(([token, endpoints]) => [token, endpoints.map(ipOf)]));
}

const driverReplicas = (keyspace: string, token: cassandra.token.Token | Buffer): string[] =>
  (client.metadata.getReplicas(keyspace, token) ?? []).map((h) => ipOf(h.address));

function expectSameReplicas(server: string[] | undefined, driver: string[], wholeList: boolean, what: string): void {
  expect(server, what).toBeDefined();
  if (wholeList) expect(driver, what).toEqual(server);
  else expect(driver[0], what).toBe(server?.[0]);
}

describe('the ring', () => {
  it('is published identically by every node, and the driver builds it from what they publish', async () => {
    const hosts = client.hosts.values();
    const driverView = hosts
      .map((h): RingNode => ({ address: ipOf(h.address), dataCenter: h.datacenter, rack: h.rack, tokens: [...h.tokens].sort(compareTokens) }))
      .sort((a, b) => a.address.localeCompare(b.address));
    for (const host of everyNodeClient.hosts.values()) expect(await ringSeenBy(host), host.address).toEqual(driverView);
    const allTokens = driverView.flatMap((n) => n.tokens);
    expect(new Set(allTokens).size).toBe(allTokens.length);
  });

  it.skipIf(externalContactPoint !== undefined)('places Cassanova nodes as configured, with num_tokens tokens each', () => {
    const hosts = client.hosts.values();
    const placements = hosts.map((h) => `${h.datacenter}/${h.rack}`).sort();
    expect(placements).toEqual(['dc1/rack1', 'dc1/rack1', 'dc1/rack2', 'dc2/rack1', 'dc2/rack1']);
    for (const h of hosts) expect(h.tokens).toHaveLength(NUM_TOKENS);
  });
});

describe('replicas per range', () => {
  it('DESCRIBE CLUSTER lists every range of the ring with as many replicas as the keyspace wants', async () => {
    const hosts = client.hosts.values();
    const ringTokens = hosts.flatMap((h) => h.tokens).sort(compareTokens);
    for (const keyspace of keyspaces.keys()) {
      const ownership = await rangeOwnership(keyspace);
      expect([...ownership.keys()].sort(compareTokens)).toEqual(ringTokens);
      // The driver's parsed keyspace carries the replication map; its typings leave it out.
      const parsed = client.metadata.keyspaces[keyspace] as unknown as { strategyOptions: Record<string, string> };
      const factors = parsed.strategyOptions;
      const wanted = factors['replication_factor'] !== undefined
        ? Math.min(Number(factors['replication_factor']), hosts.length)
        : Object.entries(factors).reduce(
          (sum, [dc, rf]) => sum + Math.min(Number(rf), hosts.filter((h) => h.datacenter === dc).length), 0);
      for (const [token, replicas] of ownership) {
        expect(new Set(replicas).size, `${keyspace} range ending at ${token}`).toBe(wanted);
      }
    }
  });

  it('the driver routes every range to the replicas the server reports', async () => {
    for (const [keyspace, wholeList] of keyspaces) {
      const ownership = await rangeOwnership(keyspace);
      for (const [token, replicas] of ownership) {
        const driver = driverReplicas(keyspace, client.metadata.newToken(token));
        expectSameReplicas(replicas, driver, wholeList, `${keyspace} range ending at ${token}`);
      }
    }
  });

  it('tokens inside ranges and hashed partition keys go to the replicas of the range that holds them', async () => {
    const ringTokens = client.hosts.values().flatMap((h) => h.tokens).sort(compareTokens);
    const rangeEnd = (token: string): string => ringTokens.find((t) => compareTokens(t, token) >= 0) ?? ringTokens[0]!;
    for (const [keyspace, wholeList] of keyspaces) {
      const ownership = await rangeOwnership(keyspace);
      for (let i = 0; i < 200; i++) {
        const key = Buffer.alloc(4);
        key.writeInt32BE(i * 7919);
        const token = client.metadata.newToken(key);
        const where = `${keyspace} key ${i * 7919} (token ${token.toString()})`;
        expectSameReplicas(ownership.get(rangeEnd(token.toString())), driverReplicas(keyspace, key), wholeList, where);
        const between = (BigInt(token.toString()) - 1n).toString();
        const previous = client.metadata.newToken(between);
        expectSameReplicas(ownership.get(rangeEnd(between)), driverReplicas(keyspace, previous), wholeList, where);
      }
    }
  });
});
