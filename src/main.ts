import {
  Cluster, ClusterControl, type ClusterSnapshot, type DecommissionOptions, type Node, type RangeMovementResult, type RepairOptions,
  type RepairResult, type ResetHook, type SimulatedNetwork,
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
}

export type { ClusterSnapshot, DecommissionOptions, RangeMovementResult, RepairOptions, RepairResult, ResetHook };

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

  private readonly control: ClusterControl;

  constructor(readonly cluster: Cluster, servers: readonly NativeTransportServer[]) {
    for (const s of servers) this.servers.set(s.node, s);
    this.basePort = cluster.nodes[0]!.nativePort;
    this.control = new ClusterControl(cluster);
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

  /**
   * Back to a new cluster of the same nodes, between tests: every user keyspace dropped (connected drivers
   * get SCHEMA_CHANGE events and stay connected), traces, hints, batchlog and Paxos state cleared, the
   * trace probability back to its option, whatever onReset registered cleared, stopped and paused nodes
   * started, the network healed and its link settings and filters removed, messages in flight between
   * nodes lost. Named snapshots are kept; time does not go back. Resolves once every node is up and seen
   * up by the others (no timer has to fire: it does not wait on a virtual clock). Refused while a
   * topology change (addNode, decommission, removeNode) runs.
   */
  reset(): Promise<void> {
    return this.control.reset();
  }

  /**
   * Empties every user table on every node and keeps the schema: no schema change, so no schema agreement
   * to wait for. Unlike TRUNCATE it needs no node up (stopped nodes are emptied too) and records no
   * truncation time; hints, batchlog entries and Paxos state of those tables, and messages in flight
   * between nodes, go with the data, so nothing written before comes back and anything written after applies.
   */
  truncateAll(): Promise<void> {
    return this.control.truncateAll();
  }

  /**
   * Takes a snapshot of the whole cluster: schema, every node's data, hints, batchlog, Paxos state,
   * truncation records and status (up, down, paused), and the network's partition, link settings and
   * filters. It shares structure with the live data rather than copying rows, so it is cheap enough to
   * take around every test. With a name (letters, digits, '.', '_', '-') it is kept until
   * deleteSnapshot(name) and can be restored by name; without, it lives as long as the returned object.
   */
  snapshot(name?: string): Promise<ClusterSnapshot> {
    return this.control.snapshot(name);
  }

  /**
   * Brings the cluster back to a snapshot (or a named one): everything snapshot() captured. Connected
   * drivers get a SCHEMA_CHANGE event for each schema difference, and prepared statements the differences
   * affect are dropped (drivers prepare them again), as with DDL. Nodes are started, stopped, paused or
   * resumed to their status at the snapshot; messages in flight between nodes are lost. The snapshot can
   * be restored again. Time does not go back: what expired since reads as expired. Refused while a
   * topology change runs, and when nodes were added or removed since the snapshot.
   */
  restore(snapshotOrName: ClusterSnapshot | string): Promise<void> {
    return this.control.restore(snapshotOrName);
  }

  /** The named snapshots, oldest first. */
  snapshots(): ClusterSnapshot[] {
    return this.control.list();
  }

  /** Forgets a named snapshot; an error if there is none of that name. */
  deleteSnapshot(name: string): void {
    this.control.delete(name);
  }

  /**
   * Registers test state of your own that reset() must clear (it runs the hooks in order and waits for
   * those that return a promise); the returned function unregisters it.
   */
  onReset(hook: ResetHook): () => void {
    return this.cluster.onReset(hook);
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
