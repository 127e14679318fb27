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
  private currentSchema: Schema;
  private readonly schemaListeners = new Set<SchemaListener>();

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
    this.gossipGeneration = this.clock.nowSeconds();
    this.currentSchema = Schema.initial();
    const taken = new Set<bigint>();
    for (let i = 1; i <= config.nodeCount; i++) {
      const tokens = allocateTokens(this.random, config.numTokens, taken);
      tokens.forEach((t) => taken.add(t));
      const identity = {
        id: i,
        address: nodeAddress(config.address, i),
        hostId: hostId(this.random),
        tokens,
        dataCenter: config.dataCenter,
        rack: config.rack,
      };
      this.nodes.push(new Node(identity, this, new SeededRandom(config.seed * 31 + i)));
    }
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

  /** What DESCRIBE CLUSTER reports: with one node, it owns every range of every keyspace. */
  description(): ClusterDescription {
    const endpoints = new Map<bigint, string>();
    for (const n of this.nodes) for (const t of n.identity.tokens) endpoints.set(t, `/${n.identity.address}:${this.storagePort}`);
    const ordered = [...endpoints.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return {
      clusterName: this.config.clusterName,
      partitioner: MURMUR3_PARTITIONER_CLASS,
      snitch: 'org.apache.cassandra.locator.SimpleSnitch',
      rangeOwnership: () => new Map(ordered.map(([t, endpoint]) => [t.toString(), [endpoint]])),
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
