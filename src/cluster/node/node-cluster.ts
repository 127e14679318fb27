import type { Clock } from '../../common/index.js';
import type { Schema, SchemaChange } from '../../schema/index.js';
import type { ClusterDescription } from '../cluster-description.js';
import type { CoordinatorCluster } from '../coordinator/coordinator-node.js';
import type { HintsCluster } from '../hints/hints-node.js';
import type { SimulatedNetwork } from '../network/simulated-network.js';
import type { TracingCluster } from '../tracing/tracing-node.js';
import type { PeerView, VirtualTablesCluster } from './virtual-tables-node.js';

/**
 * What a node and its parts need of the cluster that composes it: each part's own view of it (the
 * coordinator's, hint delivery's, tracing's, the virtual tables'), the network the node registers with,
 * and the schema it reads and installs. Cluster has it all; nothing here names Cluster.
 */
export interface NodeCluster extends CoordinatorCluster, HintsCluster, TracingCluster, VirtualTablesCluster {
  readonly clock: Clock;
  readonly network: SimulatedNetwork;
  readonly nodes: readonly PeerView[];
  readonly schema: Schema;
  ringMembers(): readonly PeerView[];
  applySchema(schema: Schema, change: SchemaChange | null): Promise<void>;
  description(): ClusterDescription;
}
