import {
  SeededRandom, SystemClock, SystemScheduler, VirtualClock, VirtualScheduler, type Clock, type Scheduler,
} from '../common/index.js';
import type { ClusterConfig } from '../config/index.js';
import { Schema, type SchemaChange, type TableMetadata } from '../schema/index.js';

/** What DESCRIBE CLUSTER needs (structurally cql/describe's ClusterDescription). */
export interface ClusterDescription {
  readonly clusterName: string;
  readonly partitioner: string;
  readonly snitch: string;
  rangeOwnership(keyspace: string): ReadonlyMap<string, readonly string[]>;
}
import { Node } from './node/node.js';
import { SimulatedNetwork } from './network/simulated-network.js';
import type { Placement } from './coordinator/placement.js';
import { createReplicationStrategy, type ReplicationStrategy } from './ring/replication-strategy.js';
import { TokenRing } from './ring/token-ring.js';
import { MURMUR3_PARTITIONER_CLASS } from './ring/murmur3-partitioner.js';
import { allocateTokens } from './ring/token-allocation.js';

export type SchemaListener = (change: SchemaChange) => void;

/** The address of node i (1-based): consecutive addresses after the configured one (127.0.0.1, .2, …). */
export function nodeAddress(base: string, index: number): string {
  const parts = base.split('.').map(Number);
  parts[3] = parts[3]! + index - 1;
  return parts.join('.');
}

/**
 * A simulated Cassandra cluster: its nodes, the cluster-wide schema (schema changes apply atomically
 * to every node), and the clock, scheduler and random source everything else takes its time and
 * chance from.
 */
export class Cluster {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly random: SeededRandom;
  readonly nodes: Node[] = [];
  /** Bumped when nodes join, leave or move: system.peers content depends on it. */
  topologyVersion = 0;
  /** storage_port as Cassandra reports it for listen/broadcast addresses. */
  readonly storagePort = 7000;
  readonly gossipGeneration: number;
  readonly network: SimulatedNetwork;
  private currentSchema: Schema;
  private readonly schemaListeners = new Set<SchemaListener>();
  private ring: { version: number; ring: TokenRing } | null = null;
  private readonly strategies = new Map<string, ReplicationStrategy>();
  private strategiesKey = '';

  constructor(readonly config: ClusterConfig) {
    if (config.clock === 'virtual') {
      const clock = new VirtualClock();
      this.clock = clock;
      this.scheduler = new VirtualScheduler(clock);
    } else {
      this.clock = new SystemClock();
      this.scheduler = new SystemScheduler();
    }
    this.random = new SeededRandom(config.seed);
    this.network = new SimulatedNetwork({ clock: this.clock, scheduler: this.scheduler, random: new SeededRandom(config.seed ^ 0x5eed) });
    this.gossipGeneration = this.clock.nowSeconds();
    this.currentSchema = Schema.initial();
    const taken = new Set<bigint>();
    config.layout.forEach((placement, index) => {
      const given = config.initialTokens?.[index];
      const tokens = given ?? allocateTokens(this.random, config.numTokens, taken);
      tokens.forEach((t) => taken.add(t));
      const id = index + 1;
      const identity = {
        id,
        address: config.addressing === 'addresses' ? nodeAddress(config.address, id) : config.address,
        hostId: hostId(this.random),
        tokens,
        dataCenter: placement.dataCenter,
        rack: placement.rack,
      };
      this.nodes.push(new Node(identity, this, new SeededRandom(config.seed * 31 + id)));
    });
  }

  /** Node `id` (1-based). */
  node(id: number): Node {
    const node = this.nodes[id - 1];
    if (node === undefined) throw new RangeError(`No node ${id}: the cluster has ${this.nodes.length}`);
    return node;
  }

  /** Starts gossip on every node. */
  start(): void {
    for (const n of this.nodes) n.gossiper.start();
  }

  /** Stops gossip and the network: no timer of this cluster remains. */
  close(): void {
    for (const n of this.nodes) n.gossiper.stop();
    this.network.close();
  }

  /** The token ring of the current topology. */
  tokenRing(): TokenRing {
    if (this.ring === null || this.ring.version !== this.topologyVersion) {
      this.ring = { version: this.topologyVersion, ring: new TokenRing(this.nodes.map((n) => n.identity)) };
    }
    return this.ring.ring;
  }

  /** Keyspaces whose data never leaves a node: LocalStrategy ones (system, system_schema) and virtual ones. */
  isNodeLocal(keyspace: string): boolean {
    const ks = this.currentSchema.keyspace(keyspace);
    return ks === undefined || ks.virtual || (ks.replication.get('class') ?? '').endsWith('LocalStrategy');
  }

  /** The replicas of a token in a keyspace, as `from` sees the ring. */
  placement(keyspace: string, token: bigint, from: Node): Placement {
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
      const ring = this.tokenRing();
      strategy = createReplicationStrategy(replication, ring, ring.endpoints.find((e) => e.id === from.identity.id)!);
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
    this.currentSchema = schema;
    for (const table of droppedTables(previous, schema)) for (const node of this.nodes) node.storage.dropTable(table.id);
    if (change !== null) for (const listener of this.schemaListeners) listener(change);
  }

  onSchemaChange(listener: SchemaListener): () => void {
    this.schemaListeners.add(listener);
    return () => this.schemaListeners.delete(listener);
  }

  /** Nodes per data center, as NetworkTopologyStrategy validation needs them. */
  dataCenterSizes(): ReadonlyMap<string, number> {
    const sizes = new Map<string, number>();
    for (const n of this.nodes) sizes.set(n.identity.dataCenter, (sizes.get(n.identity.dataCenter) ?? 0) + 1);
    return sizes;
  }

  async truncate(table: TableMetadata): Promise<void> {
    for (const node of this.nodes) node.storage.truncate(table.id);
  }

  /** Moves a virtual clock forward, running the timers that fall due; an error on the system clock. */
  advanceTime(ms: number): void {
    if (!(this.scheduler instanceof VirtualScheduler)) throw new Error("advanceTime needs startCluster({ clock: 'virtual' })");
    this.scheduler.advance(ms);
  }

  /** What DESCRIBE CLUSTER reports: each range's end token with the endpoints of its replicas. */
  description(): ClusterDescription {
    return {
      clusterName: this.config.clusterName,
      partitioner: MURMUR3_PARTITIONER_CLASS,
      snitch: 'org.apache.cassandra.locator.GossipingPropertyFileSnitch',
      rangeOwnership: (keyspace) => {
        const from = this.nodes[0]!;
        const owners = new Map<string, string[]>();
        for (const token of this.tokenRing().sortedTokens) {
          const replicas = this.placement(keyspace, token, from).replicas;
          owners.set(token.toString(), replicas.map((r) => `/${r.address}:${this.storagePort}`));
        }
        return owners;
      },
    };
  }


}

function hostId(random: SeededRandom): Buffer {
  const b = random.bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  return b;
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
