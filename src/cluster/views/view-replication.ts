import type { Clock } from '../../common/index.js';
import type { ClusterConfig } from '../../config/index.js';
import type { Mutation, Partitioner, PartitionUpdate, UnfilteredPartition } from '../../data/index.js';
import { NETWORK_TOPOLOGY_STRATEGY, type Schema, type TableMetadata } from '../../schema/index.js';
import type { StorageEngine } from '../../storage/index.js';
import type { Placement } from '../coordinator/placement.js';
import type { HintStore } from '../hints/hint-store.js';
import type { MessagingService } from '../network/messaging-service.js';
import type { NodeIdentity } from '../node/node-identity.js';
import type { RingEndpoint } from '../ring/token-ring.js';
import { generateViewUpdates } from './table-views.js';

/**
 * What keeping views needs of a base replica (ViewManager and StorageProxy.mutateMV): its storage to read
 * the rows a write replaces, the placement of base and view tokens, the network to its paired view
 * replicas, and hints for those that are down or do not answer.
 */
export interface ViewsNode {
  readonly identity: NodeIdentity;
  readonly storage: Pick<StorageEngine, 'read'>;
  readonly partitioner: Partitioner;
  readonly clock: Clock;
  readonly hints: Pick<HintStore, 'add'>;
  readonly cluster: {
    readonly config: ClusterConfig;
    readonly network: Pick<MessagingService, 'request'>;
    placement(keyspace: string, token: bigint, from: { readonly identity: RingEndpoint }): Placement;
  };
  schema(): Schema;
  isAlive(nodeId: number): boolean;
  /** Applies a mutation to this node's storage, as a replica does. */
  applyLocally(mutation: Mutation): void;
}

/**
 * Before a base replica applies a mutation (Keyspace.apply → ViewManager.pushViewReplicaUpdates): for every
 * updated table with views, the rows it replaces are read, the view updates computed and sent each to its
 * paired view replica, or applied here when this node is that replica. A table without views costs one
 * lookup per partition update.
 */
export function pushViewUpdates(node: ViewsNode, mutation: Mutation): void {
  let schema: Schema | null = null;
  for (const update of mutation.updates) {
    schema ??= node.schema();
    const views = schema.viewsOf(update.table.keyspace, update.table.name);
    if (views.length === 0) continue;
    const base = schema.table(update.table.keyspace, update.table.name) ?? update.table;
    const nowInSec = node.clock.nowSeconds();
    const existing = readExisting(node, base, update, nowInSec);
    for (const viewUpdate of generateViewUpdates(views, base, update, existing, nowInSec, node.partitioner)) {
      sendToPairedReplica(node, mutation.token, viewUpdate);
    }
  }
}

/** The base rows an update touches as this replica holds them: the whole partition when it deletes ranges. */
function readExisting(node: ViewsNode, base: TableMetadata, update: PartitionUpdate, nowInSec: number): UnfilteredPartition | null {
  const whole = update.partitionDeletion !== null || update.rangeTombstones.length > 0;
  const filter = whole
    ? { kind: 'slices' as const, slices: [{ start: { prefix: [], inclusive: true }, end: { prefix: [], inclusive: true } }], reversed: false }
    : { kind: 'names' as const, clusterings: update.rows.map((r) => r.clustering), reversed: false };
  const command = { kind: 'single' as const, table: base, key: update.key, token: update.token, filter, nowInSec, rowLimit: Infinity };
  return node.storage.read(command)[0] ?? null;
}

/** StorageProxy.mutateMV for one view partition update: to the paired view replica, applied here when it is this node. */
export function sendToPairedReplica(node: ViewsNode, baseToken: bigint, update: PartitionUpdate): void {
  const keyspace = update.table.keyspace;
  const paired = viewNaturalEndpoint(node, keyspace, baseToken, update.token);
  // Not a base replica of the token (a range movement under way): Cassandra drops the update with a warning.
  if (paired === null) return;
  const mutation: Mutation = { keyspace, key: update.key, token: update.token, updates: [update] };
  if (paired.id === node.identity.id) {
    node.applyLocally(mutation);
    return;
  }
  if (!node.isAlive(paired.id)) {
    node.hints.add(paired.id, mutation);
    return;
  }
  node.cluster.network.request(node.identity.id, paired.id, 'MUTATION', mutation, node.cluster.config.writeRequestTimeoutMs)
    .catch(() => node.hints.add(paired.id, mutation));
}

/**
 * ViewUtils.getViewNaturalEndpoint: this node itself when it is a replica of the view token; otherwise the
 * view replica at the position this node holds among the base replicas, once the replicas the base and view
 * tokens share are set aside (and, under NetworkTopologyStrategy, those of other data centers).
 */
export function viewNaturalEndpoint(node: ViewsNode, keyspace: string, baseToken: bigint, viewToken: bigint): RingEndpoint | null {
  const self = node.identity.id;
  const baseReplicas = node.cluster.placement(keyspace, baseToken, node).replicas;
  const viewReplicas = node.cluster.placement(keyspace, viewToken, node).replicas;
  const local = viewReplicas.find((r) => r.id === self);
  if (local !== undefined) return local;
  const topology = node.schema().keyspace(keyspace)?.replication.get('class') === NETWORK_TOPOLOGY_STRATEGY;
  const inLocalDc = (r: RingEndpoint): boolean => !topology || r.dataCenter === node.identity.dataCenter;
  const baseOnly = baseReplicas.filter((r) => !viewReplicas.some((v) => v.id === r.id) && inLocalDc(r));
  const viewOnly = viewReplicas.filter((r) => !baseReplicas.some((b) => b.id === r.id) && inLocalDc(r));
  const index = baseOnly.findIndex((r) => r.id === self);
  return index < 0 ? null : viewOnly[index] ?? null;
}
