import { INTERNAL_REQUEST, type Clock, type RequestContext, type SeededRandom, type TraceState } from '../../common/index.js';
import { RequestFailureReason, type ConsistencyLevel, type WriteType } from '../../errors/index.js';
import type { Mutation, Partitioner, ReadCommand, ReadPartition, UnfilteredPartition } from '../../data/index.js';
import type { Schema, SchemaChange, TableMetadata } from '../../schema/index.js';
import { isStorageFailure, StorageEngine } from '../../storage/index.js';
import type { ClusterDescription } from '../cluster-description.js';
import { BatchlogManager } from '../coordinator/batchlog-manager.js';
import { installCounterVerb } from '../coordinator/counter-write.js';
import { StorageProxy } from '../coordinator/storage-proxy.js';
import { installTruncateVerb, truncateBlocking } from '../coordinator/truncate.js';
import { Gossiper } from '../gossip/gossiper.js';
import { HintStore } from '../hints/hint-store.js';
import { installHintVerb } from '../hints/hint-verb.js';
import { HintsDispatcher } from '../hints/hints-dispatcher.js';
import { ClientRequestMetrics } from '../metrics/client-request-metrics.js';
import { NativeRequestCounts } from '../metrics/native-request-counts.js';
import { StageMetrics, VERB_STAGES } from '../metrics/stage-metrics.js';
import { TableMetricsRegistry } from '../metrics/table-metrics.js';
import type { TraceParam } from '../network/envelope.js';
import type { Verb } from '../network/verb.js';
import type { CasRequest } from '../paxos/paxos-requests.js';
import { PaxosState } from '../paxos/paxos-state.js';
import { installPaxosVerbs } from '../paxos/paxos-verbs.js';
import { murmur3Partitioner } from '../ring/murmur3-partitioner.js';
import { Tracing } from '../tracing/tracing.js';
import type { ClientConnections } from './client-connections.js';
import type { NodeCluster } from './node-cluster.js';
import type { NodeIdentity, NodeStatus } from './node-identity.js';
import type { VerbHandler } from './replica-node.js';
import { DiskFailurePolicy } from './disk-failure-policy.js';
import { NodeStateFiles } from './node-state-files.js';
import { applyMutation, ReplicaFailure, serveRead } from './replica-operations.js';
import { TruncationRecords } from './truncation-records.js';
import { VirtualTables } from './virtual-tables.js';
import { pushViewUpdates } from '../views/view-replication.js';

export type { NodeCluster, NodeIdentity, NodeStatus, VerbHandler };

export type NodeStatusListener = (status: NodeStatus) => Promise<void> | void;
/** Another node (of the cluster's node type `P`) seen going up or down by this node's failure detector. */
export type PeerStatusListener<P> = (peer: P, alive: boolean) => void;

/**
 * One simulated Cassandra node: its identity, its own storage, the coordinator that serves its clients'
 * requests, its gossip view of the others and the hints it keeps for them. It reaches other nodes only
 * through the cluster's simulated network. `C` is the type of the cluster that composes it (Cluster,
 * which names this class; this class does not name it).
 */
export class Node<C extends NodeCluster = NodeCluster> {
  readonly storage = new StorageEngine();
  readonly virtualTables = new VirtualTables(this);
  readonly partitioner: Partitioner = murmur3Partitioner;
  readonly hints: HintStore;
  /** Sends the hints to their targets every hints dispatch interval; hands them over on decommission. */
  readonly hintsDispatcher = new HintsDispatcher(this);
  /** When this node truncated each table. */
  readonly truncations = new TruncationRecords();
  readonly gossiper: Gossiper;
  readonly stats = { readRepairs: 0, hintsReplayed: 0 };
  /** Latencies per table, as replica and as coordinator (system_views.local_read_latency and the like). */
  readonly tableMetrics: TableMetricsRegistry;
  /** Work done per stage on receiving messages (system_views.thread_pools). */
  readonly stages = new StageMetrics();
  /** Latencies of the requests this node coordinated, per operation and consistency level. */
  readonly clientRequests = new ClientRequestMetrics();
  /** Requests its native transport answered, per opcode and outcome (counted by the transport). */
  readonly nativeRequests = new NativeRequestCounts();
  /** What this node, as a replica, promised, accepted and learnt in Paxos rounds. */
  readonly paxos = new PaxosState();
  /** Logged batches other coordinators stored here until they are applied. */
  readonly batchlog: BatchlogManager;
  /** The tracing sessions this node takes part in, and its trace probability. */
  readonly tracing: Tracing;
  /** The port the native transport listens on, once it does. */
  nativePort = 0;
  private currentStatus: NodeStatus = 'up';
  private readonly proxy = new StorageProxy(this);
  private readonly statusListeners = new Set<NodeStatusListener>();
  private readonly verbHandlers = new Map<Verb, VerbHandler>();
  private readonly peerListeners = new Set<PeerStatusListener<C['nodes'][number]>>();
  private clientConnections: ClientConnections | null = null;
  /** The files of its hints, Paxos state, batchlog and truncation records, when it keeps its data in a folder. */
  private stateFiles: NodeStateFiles | null = null;
  /** Where this node keeps its data, once openStorage() was called; null: in memory. */
  private storageFolder: string | null = null;
  private readonly diskFailures: DiskFailurePolicy;

  constructor(readonly identity: NodeIdentity, readonly cluster: C, readonly random: SeededRandom) {
    const config = cluster.config;
    this.tableMetrics = new TableMetricsRegistry(cluster.clock, { readMs: config.readRequestTimeoutMs / 2, writeMs: config.writeRequestTimeoutMs / 2 });
    this.hints = new HintStore(cluster.clock, config.maxHintWindowMs);
    this.gossiper = new Gossiper({
      nodeId: identity.id,
      peers: () => cluster.nodes.filter((n) => n !== this).map((n) => n.identity.id),
      network: cluster.network,
      clock: cluster.clock,
      scheduler: cluster.scheduler,
      intervalMs: config.gossipIntervalMs,
      phiConvictThreshold: config.phiConvictThreshold,
    });
    this.gossiper.onStatusChange((endpoint, alive) => this.onPeerStatus(endpoint, alive));
    this.tracing = new Tracing(this);
    const apply = (_from: number, payload: unknown, trace: TraceState | null): boolean | Promise<boolean> => {
      const synced = applyMutation(this, payload as Mutation, trace);
      return synced === undefined ? true : synced.then(() => true);
    };
    this.handle('MUTATION', apply);
    this.handle('READ_REPAIR', apply);
    installHintVerb(this);
    installTruncateVerb(this);
    this.handle('READ', (_from, payload, trace) => serveRead(this, payload as ReadCommand, trace, null));
    this.handle('GOSSIP', (from, payload) => this.gossiper.receive(from, payload));
    installPaxosVerbs(this, this.paxos);
    installCounterVerb(this);
    this.batchlog = new BatchlogManager(this);
    this.diskFailures = new DiskFailurePolicy({
      nodeId: identity.id, scheduler: cluster.scheduler, stop: () => this.stopForDiskFailure(),
      log: (message) => process.emitWarning(message, 'CassanovaStorage'),
    });
    this.storage.onDiskFailure((error) => this.diskFailures.failedWhileRunning(error));
    cluster.network.register(identity.id, (verb, from, payload, trace) => this.receive(verb, from, payload, trace));
  }

  /** Installs what this node does as a replica when it receives `verb` (one handler per verb). */
  handle(verb: Verb, handler: VerbHandler): void {
    this.verbHandlers.set(verb, handler);
  }

  get clock(): Clock {
    return this.cluster.clock;
  }

  get status(): NodeStatus {
    return this.currentStatus;
  }

  /**
   * Why the node's files stopped it (disk_failure_policy / commit_failure_policy `stop`), naming the file:
   * set while it stays down for it, cleared once it starts again; null otherwise.
   */
  get storageFailure(): string | null {
    return this.diskFailures.reason;
  }

  schema(): Schema {
    return this.cluster.schema;
  }

  /**
   * Applies a mutation to this node's storage as one of its replicas (MutationStage), timed per table (the
   * batch mode fsync apart: it is shared). In commit log batch mode, returns the promise of that fsync, which
   * whoever acknowledges the write waits for.
   */
  applyLocally(mutation: Mutation): Promise<void> | undefined {
    const startMs = this.clock.nowMs();
    pushViewUpdates(this, mutation);
    const synced = this.storage.apply(mutation);
    const endMs = this.clock.nowMs();
    for (const update of mutation.updates) this.tableMetrics.of(update.table).localWrite.record(startMs, endMs);
    this.stages.complete('MutationStage');
    return synced;
  }

  /**
   * Whether answers of this node wait for a sync of its files (commit log batch mode: the commit log, the
   * Paxos state, the batchlog) now.
   */
  get syncPending(): boolean {
    return this.storage.syncPending || this.paxos.synced() !== undefined || this.batchlog.synced() !== undefined;
  }

  /** Reads this node's storage as one of the replicas (ReadStage), timed per table. */
  readLocally(command: ReadCommand): UnfilteredPartition[] {
    const startMs = this.clock.nowMs();
    let partitions: UnfilteredPartition[];
    try {
      partitions = this.storage.read(command);
    } catch (e) {
      // A replica whose files fail answers with a failure (the node stops meanwhile): a ReadFailure at the coordinator.
      if (isStorageFailure(e)) throw new ReplicaFailure(RequestFailureReason.UNKNOWN, e.message);
      throw e;
    }
    const metrics = this.tableMetrics.of(command.table);
    (command.kind === 'single' ? metrics.localRead : metrics.localScan).record(startMs, this.clock.nowMs());
    this.stages.complete('ReadStage');
    return partitions;
  }

  /** The native transport's view of its clients: it registers it once listening; the returned function detaches it. */
  attachClientConnections(connections: ClientConnections): () => void {
    this.clientConnections = connections;
    return () => {
      if (this.clientConnections === connections) this.clientConnections = null;
    };
  }

  /** The client connections of this node (system_views.clients), if it serves clients. */
  get clients(): ClientConnections | null {
    return this.clientConnections;
  }

  /** Whether this node believes `nodeId` alive (its failure detector; itself always). */
  isAlive(nodeId: number): boolean {
    return nodeId === this.identity.id || this.gossiper.isAlive(nodeId);
  }

  /**
   * Reads as the coordinator of a request: replicas, consistency level, reconciliation. `request` carries
   * the client's warnings and tracing session (none for the cluster's own reads).
   */
  read(command: ReadCommand, consistency: ConsistencyLevel, request: RequestContext = INTERNAL_REQUEST): Promise<ReadPartition[]> {
    return this.proxy.read(command, consistency, request);
  }

  /** Writes as the coordinator of a request. */
  mutate(
    mutations: readonly Mutation[], consistency: ConsistencyLevel, writeType: WriteType, request: RequestContext = INTERNAL_REQUEST,
  ): Promise<void> {
    return this.proxy.mutate(mutations, consistency, writeType, request);
  }

  /** A lightweight transaction as its coordinator: Paxos among the partition's replicas. */
  cas<R>(cas: CasRequest<R>, serial: ConsistencyLevel, commit: ConsistencyLevel, request: RequestContext = INTERNAL_REQUEST): Promise<R> {
    return this.proxy.cas(cas, serial, commit, request);
  }

  /** A logged batch over several partitions as its coordinator, through the batchlog. */
  mutateAtomically(mutations: readonly Mutation[], consistency: ConsistencyLevel, request: RequestContext = INTERNAL_REQUEST): Promise<void> {
    return this.proxy.mutateAtomically(mutations, consistency, request);
  }

  /** Counter updates as their coordinator (their counter cells hold deltas), each through a leader replica. */
  mutateCounter(mutations: readonly Mutation[], consistency: ConsistencyLevel, request: RequestContext = INTERNAL_REQUEST): Promise<void> {
    return this.proxy.mutateCounter(mutations, consistency, request);
  }

  /** nodetool settraceprobability for this node: the share of client requests it traces unasked. */
  setTraceProbability(probability: number): void {
    this.tracing.setProbability(probability);
  }

  get traceProbability(): number {
    return this.tracing.probability;
  }

  /** What this node does with a message from another (or itself, as a replica of its own requests). */
  private receive(verb: Verb, from: number, payload: unknown, trace: TraceParam): unknown {
    const handler = this.verbHandlers.get(verb);
    if (handler === undefined) throw new Error(`Node ${this.identity.id} has no handler for ${verb}`);
    const stage = VERB_STAGES[verb];
    if (stage !== null) this.stages.complete(stage);
    if (trace === null) return handler(from, payload, null);
    return this.tracing.serve(verb, from, trace, payload, (state) => handler(from, payload, state));
  }

  /** A peer seen going down starts its hint window; its hints go out at the next dispatch once it is up. */
  private onPeerStatus(endpoint: number, alive: boolean): void {
    const peer = this.cluster.nodes.find((n) => n.identity.id === endpoint);
    if (peer === undefined) return;
    if (alive) this.hints.markUp(endpoint);
    else this.hints.markDown(endpoint);
    for (const l of this.peerListeners) l(peer, alive);
  }

  onPeerStatusChange(listener: PeerStatusListener<C['nodes'][number]>): () => void {
    this.peerListeners.add(listener);
    return () => this.peerListeners.delete(listener);
  }

  onStatusChange(listener: NodeStatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /**
   * Keeps this node's data under `folder` (commitlog/, data/, hints/, system/): its SSTables are opened, its
   * commit log replayed into the memtables, and its hints, Paxos state and batchlog read back. Called once the
   * schema is in place, before the node serves anything.
   */
  openStorage(folder: string): void {
    this.storageFolder = folder;
    if (this.openDurableStorage(folder) !== null) {
      // Not started yet: nothing to stop, no one to tell; peers starting gossip take it as down.
      this.currentStatus = 'down';
      this.cluster.network.setNodeState(this.identity.id, 'down');
    }
  }

  /**
   * Opens the node's files in `folder`. A failure of the files (a corrupt SSTable, a commit log that cannot
   * be replayed) is recorded, logged and returned: the node must stay down. Any other error is thrown.
   */
  private openDurableStorage(folder: string): Error | null {
    try {
      this.openDurable(folder);
    } catch (e) {
      if (this.diskFailures.failedToOpen(e)) return e;
      throw e;
    }
    this.diskFailures.cleared();
    return null;
  }

  private openDurable(folder: string): void {
    const config = this.cluster.config;
    const logger = { warn: (fields: object, message: string) => process.emitWarning(`node ${this.identity.id}: ${message} ${JSON.stringify(fields)}`, 'CassanovaStorage') };
    this.storage.openDurable({
      folder,
      commitLog: {
        sync: config.commitlogSync, syncPeriodMs: config.commitlogSyncPeriodMs, segmentSizeBytes: config.commitlogSegmentSizeBytes,
        totalSpaceBytes: config.commitlogTotalSpaceBytes,
      },
      memtableSpaceBytes: config.memtableSpaceBytes,
      identity: this.identity.hostId.toString('hex'),
      clock: this.cluster.clock,
      scheduler: this.cluster.scheduler,
      logger,
      table: (id) => this.cluster.schema.tableById(id),
      durableWrites: (keyspace) => this.cluster.schema.keyspace(keyspace)?.durableWrites !== false,
    });
    // Started again after its files failed: the state files are read afresh, as at a process start.
    this.closeStateFiles();
    this.stateFiles = NodeStateFiles.open(this, folder, logger);
  }

  /** Closes the files openStorage() opened besides the storage's own (their content stays for the next start). */
  closeStateFiles(): void {
    this.stateFiles?.close();
    this.stateFiles = null;
  }

  /** Starts gossip, hint dispatch and the storage's purge (a node of a started cluster, or one started again). */
  startServices(): void {
    this.gossiper.start();
    this.hintsDispatcher.start();
    this.storage.startPurging(this.cluster.clock, this.cluster.scheduler);
  }

  stopServices(): void {
    this.gossiper.stop();
    this.hintsDispatcher.stop();
    this.storage.stopPurging();
  }

  private async setStatus(status: NodeStatus, announce = false): Promise<void> {
    const previous = this.currentStatus;
    if (status === previous) return;
    // A clean stop is announced, so peers mark the node down at once; a pause or crash is only noticed.
    if (announce && previous === 'up') this.gossiper.announceShutdown();
    this.currentStatus = status;
    this.cluster.network.setNodeState(this.identity.id, status);
    // A stopped or frozen node sends no heartbeats: the others' failure detectors notice. A frozen one
    // thawed goes on with the gossip state it had; a restarted one starts afresh.
    if (status !== 'up') {
      this.stopServices();
    } else if (previous === 'paused') {
      this.gossiper.resume();
      this.hintsDispatcher.start();
      this.storage.startPurging(this.cluster.clock, this.cluster.scheduler);
    } else {
      this.startServices();
    }
    for (const l of this.statusListeners) await l(status);
  }

  /**
   * Stops the node cleanly: peers are told (and mark it down at once), the listener closes, connections
   * reset, nothing is answered. Its data stays. kill() does the same without telling anyone (a crash):
   * peers notice through their failure detectors.
   */
  stop(): Promise<void> {
    return this.setStatus('down', true);
  }

  kill(): Promise<void> {
    return this.setStatus('down');
  }

  /**
   * Starts a stopped or paused node again; the others see it up through gossip and send it their hints. A
   * node its files stopped opens them again first, and stays down, rejecting with the error, while they fail.
   */
  async start(): Promise<void> {
    if (this.currentStatus === 'down' && this.storageFailure !== null && this.storageFolder !== null) {
      this.storage.closeAfterFailure();
      const failure = this.openDurableStorage(this.storageFolder);
      if (failure !== null) throw failure;
    }
    return this.setStatus('up');
  }

  /** disk_failure_policy stop while running: out of gossip (peers told) and the native transport, files closed as they are. */
  private stopForDiskFailure(): Promise<void> {
    const stopping = this.setStatus('down', true);
    this.storage.closeAfterFailure();
    return stopping;
  }

  /** Freezes the node like SIGSTOP: connections stay open, nothing is answered until resume(). */
  pause(): Promise<void> {
    return this.setStatus('paused');
  }

  resume(): Promise<void> {
    return this.setStatus('up');
  }

  /** TRUNCATE as the coordinator of a request: every member of the ring must be up and answer. */
  truncate(table: TableMetadata, request: RequestContext = INTERNAL_REQUEST): Promise<void> {
    return truncateBlocking(this, table, request.trace);
  }

  async applySchema(schema: Schema, change: SchemaChange | null): Promise<void> {
    await this.cluster.applySchema(schema, change);
  }

  clusterDescription(): ClusterDescription {
    return this.cluster.description();
  }
}
