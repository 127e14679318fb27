import type { Clock, SeededRandom } from '../../common/index.js';
import type { ConsistencyLevel, WriteType } from '../../errors/index.js';
import type { Mutation, Partitioner, ReadCommand, ReadPartition } from '../../data/index.js';
import type { Schema, SchemaChange, TableMetadata } from '../../schema/index.js';
import { StorageEngine } from '../../storage/index.js';
import type { Cluster, ClusterDescription } from '../cluster.js';
import { LocalCoordinator } from '../coordinator/local-coordinator.js';
import { murmur3Partitioner } from '../ring/murmur3-partitioner.js';
import { VirtualTables } from './virtual-tables.js';

/** Who a node is: what system.local says of it and what peers say of it. */
export interface NodeIdentity {
  /** 1-based position in the cluster. */
  readonly id: number;
  readonly address: string;
  readonly hostId: Buffer;
  readonly tokens: readonly bigint[];
  readonly dataCenter: string;
  readonly rack: string;
}

/**
 * One simulated Cassandra node: its identity, its own storage, and the coordinator that serves the
 * requests its clients send. It shares nothing with other nodes but the cluster-wide schema.
 */
export class Node {
  readonly storage = new StorageEngine();
  readonly virtualTables = new VirtualTables(this);
  readonly partitioner: Partitioner = murmur3Partitioner;
  /** The port the native transport listens on, once it does. */
  nativePort = 0;
  private readonly coordinator = new LocalCoordinator(this);

  constructor(readonly identity: NodeIdentity, readonly cluster: Cluster, readonly random: SeededRandom) {}

  get clock(): Clock {
    return this.cluster.clock;
  }

  schema(): Schema {
    return this.cluster.schema;
  }

  /** Reads as the coordinator of a request: replicas, consistency level, reconciliation. */
  read(command: ReadCommand, consistency: ConsistencyLevel): Promise<ReadPartition[]> {
    return this.coordinator.read(command, consistency);
  }

  /** Writes as the coordinator of a request. */
  mutate(mutations: readonly Mutation[], consistency: ConsistencyLevel, writeType: WriteType): Promise<void> {
    return this.coordinator.mutate(mutations, consistency, writeType);
  }

  async truncate(table: TableMetadata): Promise<void> {
    await this.cluster.truncate(table);
  }

  async applySchema(schema: Schema, change: SchemaChange | null): Promise<void> {
    await this.cluster.applySchema(schema, change);
  }

  clusterDescription(): ClusterDescription {
    return this.cluster.description();
  }
}
