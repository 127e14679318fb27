/**
 * What the fault scenarios share: a seeded cluster on a virtual clock with a Node.js driver client
 * pinned to chosen coordinators, and ways to let real I/O and virtual time move together.
 */
import cassandra from 'cassandra-driver';
import type { Cluster } from '../../src/cluster/index.js';
import { startCluster, type CassanovaCluster, type StartClusterOptions } from '../../src/index.js';
import { internalCluster } from '../../src/main.js';

export const SEED = Number(process.env['CASSANOVA_SEED'] ?? 7);
export const { consistencies } = cassandra.types;

export interface Harness {
  readonly cluster: CassanovaCluster;
  readonly client: cassandra.Client;
  /** The cluster behind the public one, for white-box checks (storage, hints, batchlog, membership). */
  readonly internal: Cluster;
  /** The driver's host object of node `id`, to send a request to that coordinator. */
  host(id: number): cassandra.Host;
}

const open: Harness[] = [];

/**
 * Starts a cluster and connects a client; `clusterTimestamps` has the client take its timestamps from the
 * cluster's clock (ClusterClockTimestamps).
 */
export async function harness(
  options: StartClusterOptions, clientOptions: Partial<cassandra.ClientOptions> = {}, settings: { clusterTimestamps?: boolean } = {},
): Promise<Harness> {
  const cluster = await startCluster({ port: 0, seed: SEED, clock: 'virtual', ...options });
  const policies = settings.clusterTimestamps === true
    ? { ...clientOptions.policies, timestampGeneration: new ClusterClockTimestamps(cluster) }
    : clientOptions.policies;
  const client = new cassandra.Client({
    contactPoints: [cluster.contactPoints[0]!],
    localDataCenter: cluster.localDataCenter,
    protocolOptions: { port: cluster.port },
    socketOptions: { readTimeout: 0 },
    ...clientOptions,
    ...(policies === undefined ? {} : { policies }),
  });
  await client.connect();
  const h: Harness = {
    cluster,
    client,
    internal: internalCluster(cluster),
    host: (id) => {
      const address = `${cluster.node(id).address}:${cluster.port}`;
      const host = client.hosts.get(address);
      if (host === undefined) throw new Error(`the driver does not know ${address}`);
      return host;
    },
  };
  open.push(h);
  return h;
}

/**
 * The common scenario: three nodes, keyspace `ks` replicated on all three (SimpleStrategy, RF 3) and the
 * `tables` created in it; the driver does not retry, so that a scenario sees each error.
 */
export async function threeNodes(tables: readonly string[], settings: { clusterTimestamps?: boolean } = {}): Promise<Harness> {
  const h = await harness({ nodes: 3 }, { policies: { retry: new NoRetryPolicy() } }, settings);
  await h.client.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
  for (const table of tables) await h.client.execute(table);
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

/** Advances virtual time step by step until `condition` holds (bounded). */
export async function advanceUntil(h: Pick<Harness, 'cluster'>, condition: () => boolean, stepMs: number, maxSteps: number): Promise<void> {
  for (let i = 0; i < maxSteps && !condition(); i++) {
    await settle();
    h.cluster.advanceTime(stepMs);
  }
  await settle();
}

/**
 * A prepared QUORUM read through node 1 while virtual time moves `stepMs` at a time (at most `maxSteps`):
 * the first row's `column` and the coordinator's own latency in virtual time, from its activity record.
 * That, not when the client saw the answer, is the read's time: virtual time keeps moving while the
 * response crosses the loopback in real time, more so on a loaded machine.
 */
export async function timedQuorumRead(
  h: Harness, cql: string, column: string, stepMs: number, maxSteps: number,
): Promise<{ value: unknown; elapsedMs: number }> {
  let settled = false;
  const read = h.client.execute(cql, [], { prepare: true, consistency: consistencies.quorum, host: h.host(1) })
    .finally(() => { settled = true; });
  read.catch(() => undefined);
  await advanceUntil(h, () => settled, stepMs, maxSteps);
  const result = await read;
  const executes = h.cluster.activity({ node: 1, opcode: 'EXECUTE' });
  return { value: result.first()[column], elapsedMs: executes[executes.length - 1]!.latencyMicros! / 1_000 };
}

/** The error a request fails with; fails the test if it succeeds. */
export async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (e) {
    return e as Record<string, unknown>;
  }
  throw new Error('expected the request to fail');
}

/** The driver's default policy retries Unavailable and timeouts on another host; scenarios want the first answer. */
export class NoRetryPolicy extends cassandra.policies.retry.RetryPolicy {
  override onUnavailable(): cassandra.policies.retry.DecisionInfo { return this.rethrowResult(); }
  override onReadTimeout(): cassandra.policies.retry.DecisionInfo { return this.rethrowResult(); }
  override onWriteTimeout(): cassandra.policies.retry.DecisionInfo { return this.rethrowResult(); }
  override onRequestError(): cassandra.policies.retry.DecisionInfo { return this.rethrowResult(); }
}

/**
 * Client timestamps from the cluster's virtual clock, the clock Paxos ballots are made from: the driver's
 * own generator reads the real clock, which runs on while the virtual one stands still, so its writes
 * would win over any lightweight transaction.
 */
export class ClusterClockTimestamps extends cassandra.policies.timestampGeneration.MonotonicTimestampGenerator {
  constructor(private readonly cluster: CassanovaCluster) {
    super(1_000, 1_000);
  }

  override getDate(): number {
    return this.cluster.now().getTime();
  }
}
