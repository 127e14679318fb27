import type { Clock, RequestContext, Scheduler, SeededRandom } from '../../common/index.js';
import type { ClusterConfig } from '../../config/index.js';
import type { ConsistencyLevel, WriteType } from '../../errors/index.js';
import type { Mutation, Partitioner } from '../../data/index.js';
import type { Schema } from '../../schema/index.js';
import type { MessagingService } from '../network/messaging-service.js';
import type { EndpointAddress, NodeIdentity } from '../node/node-identity.js';
import type { TokenRing } from '../ring/token-ring.js';

/** What a traced message needs of the cluster: the network, and the ring and names replicas are traced by. */
export interface MessagingCluster {
  readonly network: MessagingService;
  tokenRing(): TokenRing;
  endpointName(endpoint: EndpointAddress): string;
}

/** What a traced message needs of the node sending it: who it is and how its tracing names the others. */
export interface MessagingNode {
  readonly identity: NodeIdentity;
  readonly tracing: { endpointName(id: number): string };
  readonly cluster: MessagingCluster;
}

/** What a node's tracing needs of its cluster: the others' names, the storage port, the trace probability, timers. */
export interface TracingCluster {
  readonly nodes: readonly { readonly identity: NodeIdentity }[];
  readonly config: ClusterConfig;
  readonly scheduler: Scheduler;
  endpointName(endpoint: EndpointAddress): string;
  storagePortOf(id: number): number;
}

/**
 * What a node's tracing (Cassandra's Tracing and its TRACING stage) needs of the node: its identity,
 * clock and seed, and the write path that stores the trace rows in system_traces.
 */
export interface TracingNode {
  readonly identity: NodeIdentity;
  readonly clock: Clock;
  readonly random: SeededRandom;
  readonly partitioner: Partitioner;
  readonly cluster: TracingCluster;
  schema(): Schema;
  mutate(mutations: readonly Mutation[], consistency: ConsistencyLevel, writeType: WriteType, request: RequestContext): Promise<void>;
}
