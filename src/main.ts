import {
  Cluster, type ActivityFilter, type ActivityRecord, type DecommissionOptions, type Node, type PrimeHandle, type PrimeSpec,
  type RangeMovementResult, type RepairOptions, type RepairResult, type SimulatedNetwork,
} from './cluster/index.js';
import {
  clusterConfig, dataStorageBytes, layoutOf, type Addressing, type ClusterConfig, type DataCenterLayout,
} from './config/index.js';
import { listenAll, NativeTransportServer } from './transport/index.js';

/** Options of startCluster: every field optional, Cassandra's defaults otherwise. */
export interface StartClusterOptions {
  /** Address of node 1 (default 127.0.0.1); with 'addresses' addressing node i listens on the i-th consecutive address. */
  readonly address?: string;
  /** Native transport port (default 9042); 0 picks a free port. With 'ports' addressing node i uses port + i − 1. */
  readonly port?: number;
  /** Number of nodes (default 1), all in one data center. */
  readonly nodes?: number;
  /** Nodes per data center, optionally per rack: `{ dc1: 3, dc2: 2 }` or `{ dc1: { rack1: 2, rack2: 1 } }`. */
  readonly dataCenters?: Readonly<Record<string, DataCenterLayout>>;
  readonly addressing?: Addressing;
  /** initial_token per node: one token or a list per node, as decimal strings. */
  readonly initialTokens?: readonly (string | readonly string[])[];
  readonly clusterName?: string;
  /** Data center and rack of every node when `dataCenters` is not given (default datacenter1/rack1). */
  readonly dataCenter?: string;
  readonly rack?: string;
  readonly numTokens?: number;
  /** Seed for tokens, host ids and every other random choice (default 0). */
  readonly seed?: number;
  /** 'virtual' makes time move only through cluster.advanceTime(ms). */
  readonly clock?: 'system' | 'virtual';
  readonly maxFrameSizeBytes?: number;
  readonly writeRequestTimeoutMs?: number;
  readonly readRequestTimeoutMs?: number;
  readonly maxHintWindowMs?: number;
  /** How often each node dispatches hints to live replicas (default 10 s, as Cassandra's fixed trigger). */
  readonly hintsDispatchIntervalMs?: number;
  readonly truncateRequestTimeoutMs?: number;
  readonly gossipIntervalMs?: number;
  readonly phiConvictThreshold?: number;
  /** nodetool settraceprobability on every node from the start (default 0): requests traced unasked. */
  readonly traceProbability?: number;
  /** batch_size_warn_threshold: bytes, or a size as cassandra.yaml writes it ('5KiB', the default). */
  readonly batchSizeWarnThreshold?: number | string;
  /** batch_size_fail_threshold: bytes or a size ('50KiB', the default). */
  readonly batchSizeFailThreshold?: number | string;
  /** unlogged_batch_across_partitions_warn_threshold (default 10). */
  readonly unloggedBatchAcrossPartitionsWarnThreshold?: number;
  /** tombstone_warn_threshold (default 1000). */
  readonly tombstoneWarnThreshold?: number;
  /** tombstone_failure_threshold (default 100000). */
  readonly tombstoneFailureThreshold?: number;
  /** sasi_indexes_enabled (default false, as cassandra.yaml 4.1 ships). */
  readonly sasiIndexesEnabled?: boolean;
  /** Requests the activity log keeps, the latest ones (default 10,000); 0 turns the log off. */
  readonly activityLimit?: number;
}

export type { DecommissionOptions, RangeMovementResult, RepairOptions, RepairResult };
export type {
  ActivityFilter, ActivityOutcome, ActivityRecord, ActivityStatement, FailureReasonName, PrimeHandle, PrimeOpcode, PrimeSpec,
  PrimeThen, PrimeWhen, PrimedCloseConnection, PrimedColumn, PrimedDelay, PrimedError, PrimedFailure, PrimedNoAnswer, PrimedRows,
  PrimedVoid,
} from './cluster/index.js';
export type { ConsistencyName, ErrorCodeName, WriteType } from './errors/index.js';

/** Where a node added to a running cluster sits (default: node 1's data center and rack). */
export interface AddNodeOptions {
  readonly dc?: string;
  readonly rack?: string;
  /** Its tokens as decimal strings; default num_tokens random ones drawn from the cluster's seed. */
  readonly tokens?: readonly string[];
  /**
   * -Dcassandra.consistent.rangemovement (default true): each range streams from the replica giving it up,
   * and the bootstrap is refused while that replica is down; false streams from any live replica.
   */
  readonly consistentRangeMovement?: boolean;
}

/** A running cluster as a test suite sees it. */
export class CassanovaCluster {
  private closed = false;
  private readonly servers = new Map<Node, NativeTransportServer>();
  /** The port node 1 bound: node i uses it (or, in 'ports' addressing, it plus i − 1). */
  private readonly basePort: number;

  constructor(readonly cluster: Cluster, servers: readonly NativeTransportServer[]) {
    for (const s of servers) this.servers.set(s.node, s);
    this.basePort = cluster.nodes[0]!.nativePort;
  }

  /** host:port of every member of the ring, for the drivers' contactPoints. */
  get contactPoints(): string[] {
    return this.cluster.ringMembers().map((n) => `${n.identity.address}:${n.nativePort}`);
  }

  /** The data center of the first member: the drivers' localDataCenter. */
  get localDataCenter(): string {
    return this.cluster.ringMembers()[0]!.identity.dataCenter;
  }

  /** The native port of node 1 (with 'addresses' addressing every node uses it). */
  get port(): number {
    return this.basePort;
  }

  /** Node `id` (1-based, ids are not reused). */
  node(id: number): Node {
    return this.cluster.node(id);
  }

  /** The members of the ring, in id order. */
  get nodes(): readonly Node[] {
    return this.cluster.ringMembers();
  }

  /**
   * The simulated network between the nodes (node ids are 1-based): `partition([1], [2, 3])`, `heal()`,
   * `set({ from: 1, to: 3, latencyMs: 200, loss: 0.1 })`, `addFilter(...)`, `reset()`.
   */
  get network(): SimulatedNetwork {
    return this.cluster.network;
  }

  /** nodetool settraceprobability on every node (or use `node(i).setTraceProbability(p)` for one). */
  setTraceProbability(probability: number): void {
    for (const node of this.cluster.nodes) node.setTraceProbability(probability);
  }

  /**
   * The requests the nodes received, oldest first: every request up to the `activityLimit` latest, with
   * its node, client, connection and stream, opcode, keyspace, CQL text (an EXECUTE's prepared statement's),
   * decoded bound values, consistency levels, page size and paging state, outcome, latency and, for reads
   * and writes, the replicas the coordinator contacted. `filter` narrows them by node, by time or sequence
   * number (`since`), by CQL text (`match`) or by opcode.
   */
  activity(filter?: ActivityFilter): ActivityRecord[] {
    return this.cluster.activity.records(filter);
  }

  /** Forgets every request recorded so far (sequence numbers carry on). */
  clearActivity(): void {
    this.cluster.activity.clear();
  }

  /**
   * Makes the nodes answer matching requests as told, in place of the real answer: `when` picks requests
   * by node, opcode, CQL text (exact or a RegExp; an EXECUTE by its prepared statement's text),
   * consistency and bound values; `then` is a protocol error with its fields, rows with their column
   * types, a VOID result, a delay before the real answer, no answer at all, or the connection closed;
   * `times` bounds how often (default until removed). The newest matching prime wins. A primed answer
   * never runs the statement, and the request's activity record names the prime.
   */
  prime(spec: PrimeSpec): PrimeHandle {
    return this.cluster.primes.add(spec);
  }

  /** Removes every prime. */
  clearPrimes(): void {
    this.cluster.primes.clear();
  }

  /** Moves a virtual clock forward (TTL expiry and timers); needs `clock: 'virtual'`. */
  advanceTime(ms: number): void {
    this.cluster.advanceTime(ms);
  }

  /**
   * Adds a node and bootstraps it: it listens on the next address (or next port), joins gossip, streams
   * the data of the ranges it takes over, then joins the ring; clients get TOPOLOGY_CHANGE NEW_NODE and
   * STATUS_CHANGE UP. Under a virtual clock, advance time while it runs (gossip must see the node).
   */
  async addNode(options: AddNodeOptions = {}): Promise<Node> {
    const node = this.cluster.join({ dataCenter: options.dc, rack: options.rack, tokens: options.tokens?.map((t) => BigInt(t)) });
    const server = newServer(node);
    try {
      const port = this.cluster.config.addressing === 'ports' ? this.basePort + node.identity.id - 1 : this.basePort;
      node.nativePort = await server.listen(node.identity.address, port);
      this.servers.set(node, server);
      await this.cluster.bootstrap(node, { consistentRangeMovement: options.consistentRangeMovement });
      return node;
    } catch (e) {
      this.servers.delete(node);
      await server.close();
      await this.cluster.cancelJoin(node);
      throw e;
    }
  }

  /**
   * Decommissions node `id`: its ranges stream to the nodes taking them over, it leaves the ring (clients
   * get TOPOLOGY_CHANGE REMOVED_NODE) and its listener closes. Refused, as by Cassandra, when fewer nodes
   * than a keyspace's replication factor would remain, unless `force`.
   */
  async decommission(id: number, options: DecommissionOptions = {}): Promise<RangeMovementResult> {
    const node = this.cluster.node(id);
    const result = await this.cluster.decommission(id, options);
    await this.closeServer(node);
    return result;
  }

  /** Removes a dead (stopped or killed) node `id`: the other replicas re-replicate its ranges among themselves. */
  async removeNode(id: number): Promise<RangeMovementResult> {
    const node = this.cluster.node(id);
    const result = await this.cluster.removeNode(id);
    await this.closeServer(node);
    return result;
  }

  /** Full anti-entropy repair of one keyspace or of all: every replica of every range converges. */
  repair(keyspace?: string, options?: RepairOptions): Promise<RepairResult> {
    return this.cluster.repair(keyspace, options);
  }

  /** nodetool cleanup on node `id`, or on every member: drops the partitions it no longer replicates. */
  cleanup(id?: number): number {
    return this.cluster.cleanup(id);
  }

  private async closeServer(node: Node): Promise<void> {
    const server = this.servers.get(node);
    this.servers.delete(node);
    await server?.close();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.servers.values()].map((s) => s.close()));
    this.cluster.close();
  }
}

function parseTokens(tokens: StartClusterOptions['initialTokens']): bigint[][] | undefined {
  return tokens?.map((t) => (typeof t === 'string' ? t.split(',') : [...t]).map((x) => BigInt(x.trim())));
}

export function configOf(options: StartClusterOptions): ClusterConfig {
  return clusterConfig({
    address: options.address,
    port: options.port,
    addressing: options.addressing,
    layout: layoutOf(options.nodes, options.dataCenters, options.dataCenter, options.rack),
    initialTokens: parseTokens(options.initialTokens),
    clusterName: options.clusterName,
    numTokens: options.numTokens,
    seed: options.seed,
    clock: options.clock,
    maxFrameSizeBytes: options.maxFrameSizeBytes,
    writeRequestTimeoutMs: options.writeRequestTimeoutMs,
    readRequestTimeoutMs: options.readRequestTimeoutMs,
    maxHintWindowMs: options.maxHintWindowMs,
    hintsDispatchIntervalMs: options.hintsDispatchIntervalMs,
    truncateRequestTimeoutMs: options.truncateRequestTimeoutMs,
    gossipIntervalMs: options.gossipIntervalMs,
    phiConvictThreshold: options.phiConvictThreshold,
    traceProbability: options.traceProbability,
    batchSizeWarnThresholdBytes: dataStorageBytes(options.batchSizeWarnThreshold, 'batchSizeWarnThreshold'),
    batchSizeFailThresholdBytes: dataStorageBytes(options.batchSizeFailThreshold, 'batchSizeFailThreshold'),
    unloggedBatchAcrossPartitionsWarnThreshold: options.unloggedBatchAcrossPartitionsWarnThreshold,
    tombstoneWarnThreshold: options.tombstoneWarnThreshold,
    tombstoneFailureThreshold: options.tombstoneFailureThreshold,
    sasiIndexesEnabled: options.sasiIndexesEnabled,
    activityLimit: options.activityLimit,
  });
}

function newServer(node: Node): NativeTransportServer {
  const config = node.cluster.config;
  return new NativeTransportServer(node, {
    maxFrameSizeBytes: config.maxFrameSizeBytes,
    maxRequestsInFlight: config.maxRequestsInFlightPerConnection,
  });
}

/** Starts a cluster and its native transport listeners; resolves once every node accepts connections. */
export async function startCluster(options: StartClusterOptions = {}): Promise<CassanovaCluster> {
  const config = configOf(options);
  const cluster = new Cluster(config);
  const servers = cluster.nodes.map(newServer);
  try {
    await listenAll(cluster, servers);
  } catch (e) {
    await Promise.all(servers.map((s) => s.close()));
    cluster.close();
    throw e;
  }
  cluster.start();
  return new CassanovaCluster(cluster, servers);
}
