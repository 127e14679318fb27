import type { ClusterConfig } from '../../config/index.js';
import type { Schema } from '../../schema/index.js';
import type { StorageEngine } from '../../storage/index.js';
import type { StageMetrics } from '../metrics/stage-metrics.js';
import type { TableMetricsRegistry } from '../metrics/table-metrics.js';
import type { MemberState } from '../topology/membership.js';
import type { ClientConnections } from './client-connections.js';
import type { NodeIdentity } from './node-identity.js';
import type { TruncationRecords } from './truncation-records.js';

/** Another member of the ring as system.peers lists it. */
export interface PeerView {
  readonly identity: NodeIdentity;
  readonly nativePort: number;
}

/** What the virtual tables read of the cluster: its members and their ring states, ports, settings. */
export interface VirtualTablesCluster {
  readonly config: ClusterConfig;
  /** Bumped when nodes join, leave or move: system.peers content depends on it. */
  readonly topologyVersion: number;
  ringMembers(): readonly PeerView[];
  memberState(node: { readonly identity: NodeIdentity }): MemberState | undefined;
  storagePortOf(id: number): number;
}

/**
 * What a node's virtual tables (system.local and peers, system_views) read of their node: who it is,
 * its gossip generation, truncation records, schema, metrics and the clients of its native transport.
 */
export interface VirtualTablesNode extends PeerView {
  readonly cluster: VirtualTablesCluster;
  readonly gossiper: { readonly generation: number };
  readonly truncations: TruncationRecords;
  readonly tableMetrics: TableMetricsRegistry;
  readonly stages: StageMetrics;
  readonly clients: ClientConnections | null;
  /** The compactions it runs now (system_views.sstable_tasks). */
  readonly storage: Pick<StorageEngine, 'sstableTasks'>;
  schema(): Schema;
}
