/**
 * Shared by the topology scenarios: a seeded cluster with a virtual clock and a Node.js driver client,
 * and ways to look into each node's storage to compare what it holds with what placement says.
 */
import cassandra from 'cassandra-driver';
import { startCluster, type CassanovaCluster, type StartClusterOptions } from '../../src/index.js';
import { murmur3Token, type Node } from '../../src/cluster/index.js';

export const SEED = Number(process.env['CASSANOVA_SEED'] ?? 7);
export const { consistencies } = cassandra.types;

export interface Harness {
  readonly cluster: CassanovaCluster;
  readonly client: cassandra.Client;
  /** The driver's host object of node `id`, to send a request to that coordinator. */
  host(id: number): cassandra.Host;
}

const open: Harness[] = [];

export async function harness(options: StartClusterOptions, clientOptions: Partial<cassandra.ClientOptions> = {}): Promise<Harness> {
  const cluster = await startCluster({ port: 0, seed: SEED, clock: 'virtual', ...options });
  const client = new cassandra.Client({
    contactPoints: [cluster.contactPoints[0]!],
    localDataCenter: cluster.localDataCenter,
    protocolOptions: { port: cluster.port },
    socketOptions: { readTimeout: 0 },
    ...clientOptions,
  });
  await client.connect();
  const h: Harness = {
    cluster,
    client,
    host: (id) => {
      const address = `${cluster.node(id).identity.address}:${cluster.port}`;
      const host = client.hosts.get(address);
      if (host === undefined) throw new Error(`the driver does not know ${address}`);
      return host;
    },
  };
  open.push(h);
  return h;
}

/** Shuts down every harness opened since the last call (for afterEach). */
export async function closeAll(): Promise<void> {
  for (const h of open.splice(0)) {
    await h.client.shutdown();
    await h.cluster.close();
  }
}

/** Lets in-flight requests reach the coordinator and its replicas (real I/O, virtual time stands still). */
export const settle = (ms = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Awaits `work` while advancing virtual time step by step (gossip rounds run only as time moves). */
export async function whileAdvancing<T>(h: Pick<Harness, 'cluster'>, work: Promise<T>, stepMs = 500, maxSteps = 200): Promise<T> {
  let done = false;
  // Handled at once, so that a failure while time moves is not reported as an unhandled rejection.
  work.then(() => { done = true; }, () => { done = true; });
  for (let i = 0; i < maxSteps && !done; i++) {
    await settle(5);
    if (!done) h.cluster.advanceTime(stepMs);
  }
  return work;
}

export function intKey(k: number): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt32BE(k);
  return key;
}

/** The hex keys of every partition `node` stores for a table, tombstone-only ones included. */
export function storedKeys(node: Node, keyspace: string, table: string): Set<string> {
  const metadata = node.cluster.schema.keyspace(keyspace)?.tables.get(table);
  if (metadata === undefined) throw new Error(`no table ${keyspace}.${table}`);
  const partitions = node.storage.read({
    kind: 'range',
    table: metadata,
    bounds: { start: null, startInclusive: true, end: null, endInclusive: true },
    filter: { kind: 'slices', slices: [{ start: { prefix: [], inclusive: true }, end: { prefix: [], inclusive: true } }], reversed: false },
    nowInSec: node.clock.nowSeconds(),
    rowLimit: Infinity,
    partitionLimit: Infinity,
  });
  return new Set(partitions.map((p) => p.key.toString('hex')));
}

/** The hex keys among `keys` that `node` replicates in `keyspace`, by the cluster's current placement. */
export function ownedKeys(node: Node, keyspace: string, keys: readonly Buffer[]): Set<string> {
  const owned = keys.filter((key) => node.cluster.placement(keyspace, murmur3Token(key), node).replicas
    .some((r) => r.id === node.identity.id));
  return new Set(owned.map((k) => k.toString('hex')));
}

export function sorted(keys: ReadonlySet<string>): string[] {
  return [...keys].sort();
}
