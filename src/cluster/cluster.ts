import { scheduleWithFixedDelay, SeededRandom, type Cancellable, type Clock, type Scheduler } from '../common/index.js';
import type { ClusterConfig, RestoredIdentity } from '../config/index.js';
import { parseInet } from '../types/index.js';
import { Schema, type SchemaChange, type TableMetadata } from '../schema/index.js';
import { ActivityLog } from './activity/activity-log.js';
import { describeCluster, type ClusterDescription } from './cluster-description.js';
import { clusterClock, type ClusterClock } from './cluster-clock.js';
import { ResetHooks, type ResetHook } from './control/reset-hooks.js';
import type { EndpointAddress, NodeIdentity } from './node/node-identity.js';
import { Node as NodeOf } from './node/node.js';
import { SimulatedNetwork } from './network/simulated-network.js';
import type { Placement } from './coordinator/placement.js';
import { createReplicationStrategy } from './ring/create-replication-strategy.js';
import type { ReplicationStrategy } from './ring/replication-strategy.js';
import { TokenRing, type RingEndpoint } from './ring/token-ring.js';
import { bootstrap, type BootstrapOptions } from './topology/bootstrap.js';
import { cleanup } from './topology/cleanup.js';
import { decommission, removeNode, type DecommissionOptions } from './topology/leave.js';
import type { RangeMovementResult } from './topology/range-movement.js';
import { installStreamHandler } from './topology/streaming.js';
import { Membership, type MemberState, type TopologyChange } from './topology/membership.js';
import { NodeIdentities } from './topology/node-identities.js';
import { PrimeRegistry } from './priming/prime-registry.js';
import { installRepairHandler } from './repair/repair-handler.js';
import { repair, type RepairOptions, type RepairResult } from './repair/repair-session.js';
import { onViewsChanged } from './views/view-builder.js';

export type { BootstrapOptions, ClusterDescription, DecommissionOptions, RangeMovementResult, RepairOptions, RepairResult };
export type { RepairFailure } from './repair/repair-session.js';
export type { RangeTransfer, UnavailableRange } from './topology/range-movement-plan.js';
export type { TokenRange } from './topology/token-range.js';
export type { MemberState };

/**
 * A node of a Cluster: the cluster it reaches through `cluster` is the whole Cluster, as the layers above
 * (transport, query, admin) use it. node/node.ts declares the class without naming Cluster.
 */
export type Node = NodeOf<Cluster>;

/** A node joined the ring (announced once it is normal) or left it. */
export type TopologyEvent = TopologyChange<Node>;

export type TopologyListener = (event: TopologyEvent) => void;
export { nodeAddress } from './topology/node-identities.js';

/**
 * Told of every schema change with the snapshots before and after it (all nodes hold the same schema).
 * A schema installed in one step with several changes (a snapshot restored, a reset) calls it once per
 * change, in order, each time with the snapshots before and after the whole step.
 */
export type SchemaListener = (change: SchemaChange, before: Schema, after: Schema) => void;

/** Where a new node sits; tokens default to num_tokens random ones drawn from the cluster's seed. */
export interface NewNodeOptions {
  readonly dataCenter?: string;
  readonly rack?: string;
  readonly tokens?: readonly bigint[];
}

/**
 * A simulated Cassandra cluster: its nodes, the cluster-wide schema (schema changes apply atomically
 * to every node), the ring membership, and the clock, scheduler and random source everything else takes
 * its time and chance from.
 */
export class Cluster {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly random: SeededRandom;
  /** Every node that exists: ring members and joining nodes, in the order they were created. */
  readonly nodes: Node[] = [];
  /** Bumped when nodes join, leave or move: system.peers content depends on it. */
  topologyVersion = 0;
  /** storage_port of node 1 as Cassandra reports it for listen/broadcast addresses. */
  readonly storagePort = 7000;
  readonly network: SimulatedNetwork;
  /** Every request the nodes receive (the transport records them), for tests to look at. */
  readonly activity: ActivityLog;
  /** Answers tests prepared for requests, offered each request before it is handled. */
  readonly primes: PrimeRegistry;
  private currentSchema: Schema;
  private readonly schemaListeners = new Set<SchemaListener>();
  private readonly membership = new Membership<Node>();
  private readonly identities: NodeIdentities;
  private ring: { version: number; ring: TokenRing } | null = null;
  private readonly strategies = new Map<string, ReplicationStrategy>();
  private strategiesKey = '';
  private started = false;
  private readonly time: ClusterClock;
  /** Operations in progress that wait on the cluster's timers (see awaiting). */
  private operationsWaiting = 0;
  private speculationThresholdUpdates: Cancellable | null = null;
  /** Where each node keeps its data, once openStorage() was called; null: in memory. */
  private storageFolder: ((id: number) => string) | null = null;
  /** What reset() clears besides the cluster's own state. */
  readonly resetHooks = new ResetHooks();

  constructor(readonly config: ClusterConfig) {
    this.time = clusterClock(config, () => this.isWaiting());
    this.clock = this.time.clock;
    this.scheduler = this.time.scheduler;
    this.random = new SeededRandom(config.seed);
    this.network = new SimulatedNetwork({ clock: this.clock, scheduler: this.scheduler, random: new SeededRandom(config.seed ^ 0x5eed) });
    this.currentSchema = Schema.initial();
    this.activity = new ActivityLog(this.clock, config.activityLimit);
    this.primes = new PrimeRegistry({
      endpoints: (id) => {
        const node = this.nodes.find((n) => n.identity.id === id);
        return node === undefined ? undefined : { address: parseInet(node.identity.address) ?? Buffer.alloc(4), endpoint: this.endpointName(node.identity) };
      },
      userTypes: (keyspace, name) => (keyspace === null ? undefined : this.currentSchema.keyspace(keyspace)?.userTypes.get(name)),
    });
    this.identities = new NodeIdentities(config, this.random);
    config.layout.forEach((placement, index) => {
      const node = this.createNode(placement.dataCenter, placement.rack, config.initialTokens?.[index], placement.restored);
      this.membership.set(node.identity.id, 'normal');
    });
  }

  private createNode(dataCenter: string, rack: string, tokens: readonly bigint[] | undefined, restored?: RestoredIdentity): Node {
    const identity = this.identities.next(dataCenter, rack, tokens, restored);
    const node: Node = new NodeOf<Cluster>(identity, this, new SeededRandom(this.config.seed * 31 + identity.id));
    installStreamHandler(node);
    installRepairHandler(node);
    this.nodes.push(node);
    if (this.storageFolder !== null) node.openStorage(this.storageFolder(identity.id));
    return node;
  }

  /**
   * The storage port of node `id`: one for all in 'addresses' addressing; in 'ports' addressing each
   * node has its own, as nodes sharing an address must (system.peers_v2 is keyed by address and port).
   */
  storagePortOf(id: number): number {
    return this.config.addressing === 'ports' ? this.storagePort + id - 1 : this.storagePort;
  }

  /** How Cassandra names a node in messages: /address:storage_port. */
  endpointName(endpoint: EndpointAddress): string {
    return `/${endpoint.address}:${this.storagePortOf(endpoint.id)}`;
  }

  /** Node `id` (1-based, in creation order; ids of nodes that left are not reused). */
  node(id: number): Node {
    const node = this.nodes.find((n) => n.identity.id === id);
    if (node === undefined) throw new RangeError(`No node ${id}: the cluster has nodes ${this.nodes.map((n) => n.identity.id).join(', ')}`);
    return node;
  }

  /** The nodes that own tokens: normal and leaving ones (what system.peers lists and placement uses). */
  ringMembers(): Node[] {
    return this.nodes.filter((n) => this.membership.isRingMember(n.identity.id));
  }

  memberState(node: { readonly identity: NodeIdentity }): MemberState | undefined {
    return this.membership.state(node.identity.id);
  }

  /** Starts gossip and hint dispatch on every node, and their periodic recomputation of speculative retry thresholds. */
  start(): void {
    this.started = true;
    // A node whose files failed to open stays down (disk_failure_policy stop); the others run.
    for (const n of this.nodes) if (n.status === 'up') n.startServices();
    this.speculationThresholdUpdates = scheduleWithFixedDelay(this.scheduler, this.config.readRequestTimeoutMs, () => {
      const tables = [...this.schema.keyspaces.values()].flatMap((ks) => [...ks.tables.values()]);
      for (const n of this.nodes) if (n.status === 'up') n.tableMetrics.updateSpeculationThresholds(tables);
    });
    this.time.auto?.start();
  }

  /** Stops gossip, hint dispatch, the periodic tasks, the network and an auto-advancing clock: no timer of this cluster remains. */
  close(): void {
    this.time.auto?.stop();
    this.speculationThresholdUpdates?.cancel();
    for (const n of this.nodes) n.stopServices();
    for (const n of this.nodes) n.storage.close();
    for (const n of this.nodes) n.closeStateFiles();
    this.network.close();
  }

  /**
   * Keeps every node's data in its folder from now on (`folderOf(id)`), nodes added later included: each
   * opens its SSTables and replays its commit log. Called once the schema is in place.
   */
  openStorage(folderOf: (id: number) => string): void {
    this.storageFolder = folderOf;
    for (const n of this.nodes) n.openStorage(folderOf(n.identity.id));
  }

  /**
   * Counts `work` as waiting on the cluster until it settles: under clock 'auto', time moves meanwhile
   * whenever the cluster is quiet, as it does while a client request is in flight.
   */
  awaiting<T>(work: Promise<T>): Promise<T> {
    this.operationsWaiting++;
    return work.finally(() => { this.operationsWaiting--; });
  }

  /**
   * Whether something waits on the cluster's timers ('auto' time then jumps to the next one): not while a node
   * waits for a sync of its files (batch mode), which real time, not a timer, ends.
   */
  private isWaiting(): boolean {
    if (this.nodes.some((n) => n.syncPending)) return false;
    return this.operationsWaiting > 0 || this.nodes.some((n) => (n.clients?.activeRequests ?? 0) > 0);
  }

  /** The token ring of the current topology. */
  tokenRing(): TokenRing {
    if (this.ring === null || this.ring.version !== this.topologyVersion) {
      this.ring = { version: this.topologyVersion, ring: new TokenRing(this.ringMembers().map((n) => n.identity)) };
    }
    return this.ring.ring;
  }

  /**
   * A new node, joining: gossiping (once the cluster runs) but owning no data until bootstrap(node).
   * In 'addresses' addressing it takes the next address; its native port is the caller's to set.
   */
  join(options: NewNodeOptions = {}): Node {
    this.membership.checkIdle('bootstrap');
    const seed = this.ringMembers()[0]?.identity;
    const node = this.createNode(options.dataCenter ?? seed?.dataCenter ?? 'datacenter1', options.rack ?? seed?.rack ?? 'rack1', options.tokens);
    this.membership.set(node.identity.id, 'joining');
    this.topologyVersion++;
    if (this.started && node.status === 'up') node.startServices();
    return node;
  }

  /**
   * Bootstraps a joining node: streams it the data of the ranges it takes over, makes it a normal
   * member and announces it. Under a virtual clock advance time meanwhile (gossip must see the node).
   */
  bootstrap(node: Node, options: BootstrapOptions = {}): Promise<RangeMovementResult> {
    return this.awaiting(this.membership.exclusively('bootstrap', () => bootstrap(this, node, options)));
  }

  /** join() then bootstrap(): a new normal member. */
  async addNode(options: NewNodeOptions & BootstrapOptions = {}): Promise<Node> {
    const node = this.join(options);
    try {
      await this.bootstrap(node, options);
    } catch (e) {
      await this.cancelJoin(node);
      throw e;
    }
    return node;
  }

  /** Streams node `id`'s ranges to the nodes that take them over, then removes it from the ring and stops it. */
  decommission(id: number, options: DecommissionOptions = {}): Promise<RangeMovementResult> {
    return this.awaiting(this.membership.exclusively('decommission', () => decommission(this, this.node(id), options)));
  }

  /** Removes dead node `id`: its ranges are re-replicated from the surviving replicas. */
  removeNode(id: number): Promise<RangeMovementResult> {
    return this.awaiting(this.membership.exclusively('removenode', () => removeNode(this, this.node(id))));
  }

  /** nodetool cleanup on one member, or on every member: drops data they no longer replicate. */
  cleanup(id?: number): number {
    const targets = id === undefined ? this.ringMembers() : [this.node(id)];
    return targets.reduce((dropped, n) => dropped + cleanup(this, n), 0);
  }

  /** Full anti-entropy repair of one keyspace or of every replicated one. */
  repair(keyspace?: string, options: RepairOptions = {}): Promise<RepairResult> {
    return this.awaiting(repair(this, keyspace, options));
  }

  /**
   * Runs an operation that must not overlap a topology change (bootstrap, decommission, removenode, a
   * reset or restore): refused while one runs, and none may start meanwhile.
   */
  exclusively<T>(operation: string, run: () => Promise<T>): Promise<T> {
    return this.membership.exclusively(operation, run);
  }

  /**
   * Registers per-cluster test state that reset() clears (primes, the activity log, ...); the returned
   * function unregisters it.
   */
  onReset(hook: ResetHook): () => void {
    return this.resetHooks.add(hook);
  }

  /** Moves a node to another ring state (topology/ does, as a change goes on); the ring follows. */
  setMemberState(node: Node, state: MemberState): void {
    this.membership.set(node.identity.id, state);
    this.topologyVersion++;
  }

  /** Takes a joining node out again (its bootstrap failed or it never listened). */
  async cancelJoin(node: Node): Promise<void> {
    if (this.membership.state(node.identity.id) !== 'joining') return;
    await this.dropNode(node);
  }

  /** A member leaves for good: out of the ring and the peers tables, announced, stopped. */
  async expel(node: Node): Promise<void> {
    await this.dropNode(node);
    this.notifyTopologyChange({ change: 'REMOVED_NODE', node });
  }

  private async dropNode(node: Node): Promise<void> {
    this.membership.delete(node.identity.id);
    this.nodes.splice(this.nodes.indexOf(node), 1);
    this.identities.release(node.identity);
    this.topologyVersion++;
    // Hints for a node that is gone would never be delivered (HintsService.excise).
    for (const n of this.nodes) n.hints.excise(node.identity.id);
    await node.stop();
    // Its folder stays as Cassandra leaves a decommissioned node's, drained; its files and their sync tasks go.
    node.storage.close();
    node.closeStateFiles();
    this.network.unregister(node.identity.id);
  }

  onTopologyChange(listener: TopologyListener): () => void {
    return this.membership.onChange(listener);
  }

  notifyTopologyChange(event: TopologyEvent): void {
    this.membership.notify(event);
  }

  /** Keyspaces whose data never leaves a node: LocalStrategy ones (system, system_schema) and virtual ones. */
  isNodeLocal(keyspace: string): boolean {
    const ks = this.currentSchema.keyspace(keyspace);
    return ks === undefined || ks.virtual || (ks.replication.get('class') ?? '').endsWith('LocalStrategy');
  }

  /** The replicas of a token in a keyspace, as `from` sees the ring. */
  placement(keyspace: string, token: bigint, from: { readonly identity: RingEndpoint }): Placement {
    const key = `${this.currentSchema.version.toString('hex')}:${this.topologyVersion}`;
    if (key !== this.strategiesKey) {
      this.strategies.clear();
      this.strategiesKey = key;
    }
    const id = `${keyspace}/${from.identity.id}`;
    let strategy = this.strategies.get(id);
    if (strategy === undefined) {
      const ks = this.currentSchema.keyspace(keyspace);
      const replication = ks?.replication ?? new Map([['class', 'org.apache.cassandra.locator.LocalStrategy']]);
      // A joining node coordinates with the ring it is not yet part of; its identity still names its data center.
      strategy = createReplicationStrategy(replication, this.tokenRing(), from.identity);
      this.strategies.set(id, strategy);
    }
    return { replicas: strategy.replicasFor(token), factors: strategy.replicationFactors() };
  }

  get schema(): Schema {
    return this.currentSchema;
  }

  /** Installs a new schema on every node at once, drops the data of tables that went away, tells listeners. */
  async applySchema(schema: Schema, change: SchemaChange | null): Promise<void> {
    const previous = this.currentSchema;
    this.installSchema(schema, change === null ? [] : [change]);
    if (change?.target === 'TABLE' || change?.target === 'KEYSPACE') onViewsChanged(this.nodes, previous, schema);
  }

  /** applySchema for a step of several changes (listeners hear each), synchronously. */
  installSchema(schema: Schema, changes: readonly SchemaChange[]): void {
    const previous = this.currentSchema;
    this.currentSchema = schema;
    for (const table of droppedTables(previous, schema)) {
      for (const node of this.nodes) {
        node.storage.dropTable(table.id);
        node.tableMetrics.drop(table.id);
        node.truncations.remove(table.id);
      }
    }
    for (const change of changes) for (const listener of this.schemaListeners) listener(change, previous, schema);
  }

  onSchemaChange(listener: SchemaListener): () => void {
    this.schemaListeners.add(listener);
    return () => this.schemaListeners.delete(listener);
  }

  /** Nodes per data center, as NetworkTopologyStrategy validation needs them. */
  dataCenterSizes(): ReadonlyMap<string, number> {
    const sizes = new Map<string, number>();
    for (const n of this.ringMembers()) sizes.set(n.identity.dataCenter, (sizes.get(n.identity.dataCenter) ?? 0) + 1);
    return sizes;
  }

  /** Moves a virtual clock forward, running the timers that fall due; an error on the system clock. */
  advanceTime(ms: number): void {
    if (this.time.virtual === null) throw new Error("advanceTime needs startCluster({ clock: 'virtual' }) or { clock: 'auto' }");
    if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError(`advanceTime: ${ms} is not a number of milliseconds, 0 or more`);
    this.time.virtual.advance(ms);
  }

  /** What DESCRIBE CLUSTER reports: each range's end token with the endpoints of its replicas. */
  description(): ClusterDescription {
    return describeCluster(this);
  }
}

function droppedTables(before: Schema, after: Schema): TableMetadata[] {
  const out: TableMetadata[] = [];
  for (const ks of before.keyspaces.values()) {
    for (const table of ks.tables.values()) {
      const now = after.keyspace(ks.name)?.tables.get(table.name);
      if (now === undefined || !now.id.equals(table.id)) out.push(table);
    }
  }
  return out;
}
