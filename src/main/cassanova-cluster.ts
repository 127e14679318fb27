import type {
  ActivityFilter, ActivityRecord, ClusterSnapshot, DecommissionOptions, LinkSettings, LinkSettingsChange, MessageCounts, MessageFilter,
  NodeStatus, PrimeHandle, PrimeSpec, RangeMovementResult, RepairOptions, RepairResult, ResetHook, Verb,
} from '../cluster/index.js';
import type { CqlParams, ExecuteOptions, ExecuteResult } from '../query/index.js';
import type { KvNamespace } from '../kv/index.js';

export type { NodeStatus };

/** One node of a running cluster, as a test sees and drives it. */
export interface Node {
  /** 1-based, in the order nodes were created; the ids of nodes that left are not reused. */
  readonly id: number;
  /** The address it listens on (127.0.0.i in 'addresses' addressing). */
  readonly address: string;
  /** The port its native transport listens on (0 while it has not listened yet). */
  readonly nativePort: number;
  /** `address:nativePort`, as drivers take contact points. */
  readonly contactPoint: string;
  /** Its data center, as system.local and system.peers report it. */
  readonly dataCenter: string;
  /** Its rack, as system.local and system.peers report it. */
  readonly rack: string;
  /** Its host id, as system.local and system.peers report it. */
  readonly hostId: string;
  /** Its tokens, as decimal strings. */
  readonly tokens: readonly string[];
  /** 'up'; 'down' once stopped or killed; 'paused' while paused. */
  readonly status: NodeStatus;
  /**
   * Why the node's files keep it down (disk_failure_policy / commit_failure_policy `stop`): a corrupt or
   * truncated SSTable, or a commit log damaged before its end, named with the file (and the offset for the
   * commit log); null while it runs, or was stopped otherwise. start() retries opening its files.
   */
  readonly failure: string | null;
  /** Whether this node's failure detector believes node `id` up (a node always believes itself up). */
  isAlive(id: number): boolean;
  /** A clean stop: peers are told and mark it down at once; its listener closes; its data stays. */
  stop(): Promise<void>;
  /** A crash: as stop(), but peers notice only through their failure detectors (about 19 s at the defaults). */
  kill(): Promise<void>;
  /**
   * Starts a stopped or killed node again: it listens, gossips, and coordinators replay their hints to it.
   * A node kept down by its files opens them again first, and rejects with the error while they still fail.
   */
  start(): Promise<void>;
  /** Freezes the node like SIGSTOP: connections stay open, nothing is answered until resume(). */
  pause(): Promise<void>;
  /** Unfreezes a paused node: it answers again, messages held for it are delivered in order. */
  resume(): Promise<void>;
  /** nodetool settraceprobability on this node: the share (0 to 1) of client requests it traces unasked. */
  setTraceProbability(probability: number): void;
  /** nodetool gettraceprobability. */
  readonly traceProbability: number;
}

/**
 * The network between the nodes (node ids are 1-based). Links are perfect until a test says otherwise:
 * a message to another node arrives in the same turn of the event loop.
 */
export interface SimulatedNetwork {
  /** Replaces any partition by these groups; nodes listed in no group form one more side: `partition([1], [2, 3])`. */
  partition(...groups: readonly (readonly number[])[]): void;
  /** Removes the partition (not link settings, filters or node states). */
  heal(): void;
  /** Latency and loss per directional link: `set({ from: 1, to: 3, latencyMs: 200, loss: 0.1 })`; a missing end means every node. */
  set(settings: LinkSettingsChange): void;
  /** The settings in force on one directional link. */
  linkSettings(from: number, to: number): LinkSettings;
  /** Drops or delays the messages that match (`{ verb: 'MUTATION', to: 2, action: 'drop' }` or `{ delayMs }`) until the returned function is called. */
  addFilter(filter: MessageFilter): () => void;
  /** Back to a perfect network: no partition, link setting or filter; paused or stopped nodes' network state up. */
  reset(): void;
  /** Whether a message from one node can reach the other now (no partition between them, both up). */
  canReach(from: number, to: number): boolean;
  /** Messages sent, delivered and dropped so far, by verb. */
  stats(): ReadonlyMap<Verb, MessageCounts>;
}

/** What a Node.js `cassandra-driver` Client needs to reach every node: spread it into the client's options. */
export interface DriverOptions {
  /** Every ring member's `address:port`. */
  readonly contactPoints: string[];
  /** The data center of node 1: the driver's default load-balancing policy needs it. */
  readonly localDataCenter: string;
  /**
   * The driver dials every peer it finds in system.peers on `protocolOptions.port`, not on the port of the
   * contact point it came in through: without it, nodes 2, 3, … on a free port (`port: 0`) are dialled on
   * 9042 and marked down.
   */
  readonly protocolOptions: { readonly port: number };
  /**
   * With `tls`: the driver's TLS options, verifying the nodes (the driver's default does not) against `tlsCa`.
   * A client certificate, when `requireClientAuth` asks for one, goes in beside: `{ ...sslOptions, cert, key }`.
   */
  readonly sslOptions?: DriverSslOptions;
}

/** The part of node:tls's connect options that driverOptions() fills in. */
export interface DriverSslOptions {
  /** The CA the nodes' certificates chain to (absent when `tls` gave certificates but no `ca`: the system's CAs then). */
  readonly ca?: string[];
  readonly rejectUnauthorized: true;
}

/** Where a node added to a running cluster sits (default: node 1's data center and rack). */
export interface AddNodeOptions {
  /** Its data center (default node 1's). */
  readonly dc?: string;
  /** Its rack (default node 1's). */
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
export interface CassanovaCluster {
  /** `address:port` of every member of the ring, for the drivers' contact points. */
  readonly contactPoints: string[];
  /** The data center of node 1: the drivers' local data center. */
  readonly localDataCenter: string;
  /** The admin HTTP API's base URL (http://address:port), or null when it is off (the default; see `adminPort`). */
  readonly adminUrl: string | null;
  /**
   * With `tls`, the CA certificate (PEM) that clients trust the nodes by: the generated one with 'self-signed',
   * else the `ca` option's; null without TLS (or without `ca`).
   */
  readonly tlsCa: string | null;
  /** Whether the native transport speaks TLS (`tls` was given). */
  readonly tlsEnabled: boolean;
  /** The native port of node 1 (in 'addresses' addressing every node uses it). */
  readonly port: number;
  /** The members of the ring, in id order. */
  readonly nodes: readonly Node[];
  /** The simulated network between the nodes: partitions, latency, loss, message filters. */
  readonly network: SimulatedNetwork;
  /** Node `id` (1-based); an error for an id the cluster does not have. */
  node(id: number): Node;
  /** What a Node.js driver Client needs to reach every node: `new Client({ ...cluster.driverOptions(), keyspace })`. */
  driverOptions(): DriverOptions;
  /**
   * Runs one CQL statement on node 1 (the first member that is up, when node 1 is not) as a client
   * connected to it would: its coordinator, consistency levels (default ONE), schema changes announced to
   * connected drivers. Resolves to every row (no paging) as plain values (see CqlValue).
   * `params` bind `?` markers in order, or `:name` markers by name. Each call is a session of its own:
   * qualify table names or pass `{ keyspace }`.
   */
  execute(cql: string, params?: CqlParams, options?: ExecuteOptions): Promise<ExecuteResult>;
  /**
   * Runs a CQL script (statements separated by semicolons; comments allowed; `USE` carries over) as
   * `execute` runs a statement, in order, stopping at the first failure with its file and line. A string ending in `.cql` without white space,
   * or a file URL, is read from that file; any other string is the script itself. Resolves to the number
   * of statements run.
   */
  loadSchema(fileOrText: string | URL, options?: ExecuteOptions): Promise<number>;
  /**
   * The key-value API's namespace `namespace`: get, set, del and list of byte values by text key, kept in the
   * CQL table kv.<namespace> (created on the first write, in the keyspace kv with SimpleStrategy and
   * replication factor min(3, nodes)) and run as CQL by a coordinator node that is up (round-robin, or
   * `options.node`), at the consistency level asked (default ONE). The same operations as the admin API's
   * /v1/kv routes and KvClient; a refusal is a KvError with the HTTP status those answer with (400, 412,
   * 413, 503 Unavailable with consistency, required and alive, 504 on a timeout). A namespace is a
   * lower-case letter, then lower-case letters, digits or '_' (48 at most).
   */
  kv(namespace: string): KvNamespace;
  /** The cluster's current time: the real time, or under a virtual clock the virtual one. */
  now(): Date;
  /**
   * Moves a virtual clock forward by `ms`, running the timers that fall due on the way (TTL expiry,
   * gossip, timeouts, hint windows); needs `clock: 'virtual'` or `'auto'`.
   */
  advanceTime(ms: number): void;
  /** nodetool settraceprobability on every node (or `node(i).setTraceProbability(p)` for one). */
  setTraceProbability(probability: number): void;
  /**
   * The requests the nodes received, oldest first: every request up to the `activityLimit` latest, with
   * its node, client, connection and stream, opcode, keyspace, CQL text (an EXECUTE's prepared statement's),
   * decoded bound values, consistency levels, page size and paging state, outcome, latency and, for reads
   * and writes, the replicas the coordinator contacted. `filter` narrows them by node, by time or sequence
   * number (`since`), by CQL text (`match`) or by opcode.
   */
  activity(filter?: ActivityFilter): ActivityRecord[];
  /** Forgets every request recorded so far (sequence numbers carry on). */
  clearActivity(): void;
  /**
   * Makes the nodes answer matching requests as told, in place of the real answer: `when` picks requests
   * by node, opcode, CQL text (exact or a RegExp; an EXECUTE by its prepared statement's text),
   * consistency and bound values; `then` is a protocol error with its fields, rows with their column
   * types, a VOID result, a delay before the real answer, no answer at all, or the connection closed;
   * `times` bounds how often (default until removed). The newest matching prime wins. A primed answer
   * never runs the statement, and the request's activity record names the prime.
   */
  prime(spec: PrimeSpec): PrimeHandle;
  /** Removes every prime. */
  clearPrimes(): void;
  /**
   * Adds a node and bootstraps it: it listens on the next address (or next port), joins gossip, streams
   * the data of the ranges it takes over, then joins the ring; clients get TOPOLOGY_CHANGE NEW_NODE and
   * STATUS_CHANGE UP. Under clock 'virtual', advance time while it runs (gossip must see the node).
   */
  addNode(options?: AddNodeOptions): Promise<Node>;
  /**
   * Decommissions node `id`: its ranges stream to the nodes taking them over, it leaves the ring (clients
   * get TOPOLOGY_CHANGE REMOVED_NODE) and its listener closes. Refused, as by Cassandra, when fewer nodes
   * than a keyspace's replication factor would remain, unless `force`.
   */
  decommission(id: number, options?: DecommissionOptions): Promise<RangeMovementResult>;
  /** Removes a dead (stopped or killed) node `id`: the other replicas re-replicate its ranges among themselves. */
  removeNode(id: number): Promise<RangeMovementResult>;
  /** Full anti-entropy repair of one keyspace, or of every replicated one: every replica of every range converges. */
  repair(keyspace?: string, options?: RepairOptions): Promise<RepairResult>;
  /** nodetool cleanup on node `id`, or on every member: drops the partitions it no longer replicates and returns their count. */
  cleanup(id?: number): number;
  /**
   * nodetool flush on node `id`, or on every node: each table's memtable written to an SSTable, in the
   * background (requests are served meanwhile); resolves once written. Only a cluster with a `dataDir` has
   * SSTables; in memory it does nothing.
   */
  flush(id?: number): Promise<void>;
  /**
   * nodetool compact on node `id`, or on every node: flushed, then each table's SSTables compacted into one,
   * in the background; resolves once compacted.
   */
  compact(id?: number): Promise<void>;
  /**
   * Back to a new cluster of the same nodes, between tests: every user keyspace dropped (connected drivers
   * get SCHEMA_CHANGE events and stay connected), traces, hints, batchlog and Paxos state cleared, the
   * trace probability back to its option, whatever onReset registered cleared, stopped and paused nodes
   * started, the network healed and its link settings and filters removed, messages in flight between
   * nodes lost. Named snapshots are kept; time does not go back. Resolves once every node is up and seen
   * up by the others (no timer has to fire: it never waits on a virtual clock). Refused while a
   * topology change (addNode, decommission, removeNode) runs.
   */
  reset(): Promise<void>;
  /**
   * Empties every user table on every node and keeps the schema: no schema change, so no schema agreement
   * to wait for. Unlike TRUNCATE it needs no node up (stopped nodes are emptied too) and records no
   * truncation time; hints, batchlog entries and Paxos state of those tables, and messages in flight
   * between nodes, go with the data, so nothing written before comes back and anything written after applies.
   */
  truncateAll(): Promise<void>;
  /**
   * Takes a snapshot of the whole cluster: the schema, every node's data, hints, batchlog, Paxos state,
   * truncation records and status (up, down or paused), and the network's partition, link settings and
   * filters. It shares structure with the live data instead of copying rows (well under a millisecond for
   * 100,000 rows), so it can be taken around every test. With a name (1 to 100 letters, digits, '.', '_'
   * or '-', not only dots; not one already taken) it is kept until deleteSnapshot(name) and restore()
   * takes the name; without, it lives as long as the returned object.
   *
   * With a data folder (dataDir), every node also flushes and hard-links its SSTables into
   * `node<id>/data/<ks>/<table>-<id>/snapshots/<name>/` (with the table's schema.cql and manifest.json, as
   * nodetool snapshot does), and `snapshots/<name>/` at the root records the schema, node statuses and
   * truncation records: the snapshot outlives a restart. An unnamed one is named after the time in
   * milliseconds, as nodetool's, and kept until deleted too.
   */
  snapshot(name?: string): Promise<ClusterSnapshot>;
  /**
   * Brings the cluster back to a snapshot, or to the named one: everything snapshot() captured. Connected
   * drivers get a SCHEMA_CHANGE event for each schema difference, and the prepared statements those
   * differences affect are dropped (drivers prepare them again), as with DDL. Nodes are started, stopped,
   * paused or resumed to their status then (a stop announced, as nodetool stop is), live nodes seeing each
   * other up and the stopped ones down when it resolves, without a timer having to fire; messages in flight
   * between nodes are lost. The snapshot stays as it was, to be restored again. Time does not go back:
   * what expired since reads as expired. Refused while a topology change runs, and once nodes were
   * added or removed since the snapshot.
   *
   * With a data folder, each table holds exactly its snapshot's SSTables afterwards (its memtable emptied,
   * the commit log never replaying into it what was written before the restore), so the restored state is
   * what a restart, even after kill -9, starts from. A snapshot taken before a restart brings back the
   * schema, the data, node statuses and truncation records; its hints, batchlog and Paxos state were not
   * kept, so the restore empties them, and the network is left whole.
   */
  restore(snapshotOrName: ClusterSnapshot | string): Promise<void>;
  /** The named snapshots, oldest first (with a data folder, those taken before a restart too). */
  snapshots(): ClusterSnapshot[];
  /**
   * Forgets a named snapshot (and the memory only it kept; with a data folder, its folders); an error if
   * there is none of that name.
   */
  deleteSnapshot(name: string): void;
  /**
   * Registers test state of your own that reset() must clear: reset() runs the hooks in the order they
   * were registered and waits for those that return a promise. The returned function unregisters it.
   */
  onReset(hook: ResetHook): () => void;
  /**
   * Stops the cluster: listeners closed, client connections reset, every timer cancelled. Calling it again
   * does nothing. Drivers connected to it see their connections close: shut them down first.
   */
  close(): Promise<void>;
}
