import type { Cluster, MemberState, Node, NodeStatus } from '../cluster/index.js';
import { notFound } from './admin-error.js';
import { ringOwnership } from './ownership.js';
import { uuidText } from './uuid-text.js';

/** A node as the admin API shows it: who and where it is, how it runs, what it holds. */
export interface NodeView {
  readonly id: number;
  readonly address: string;
  readonly nativePort: number;
  /** How Cassandra names it in messages and nodetool output: /address:storage_port. */
  readonly endpoint: string;
  readonly dataCenter: string;
  readonly rack: string;
  readonly hostId: string;
  readonly tokens: readonly string[];
  /** The process: up, down (stopped or killed) or paused. */
  readonly status: NodeStatus;
  /** Why its files keep it down (disk_failure_policy stop), naming the file; null otherwise. */
  readonly failure: string | null;
  /** Its place in the ring: joining (bootstrapping), normal or leaving (decommissioning). */
  readonly state: MemberState;
  /** Up or down as the observing node's gossip (failure detector) sees it. */
  readonly gossip: 'UP' | 'DOWN';
  /** Bytes of data it holds (an estimate of memory, as Cassandra's Load estimates disk). */
  readonly loadBytes: number;
  readonly partitions: number;
  readonly rows: number;
  /** Hints it keeps for other nodes that missed writes. */
  readonly hintsPending: number;
  /** Client connections open on its native transport. */
  readonly connections: number;
  /** Requests its native transport has answered since it was created: a counter, whose rate a poller derives. */
  readonly requests: number;
  readonly traceProbability: number;
  /** Share of the ring it owns (0..1): raw, or effective for the keyspace asked about. */
  readonly owns: number;
}

/** Every node (joining and leaving ones included), seen from `observer` (see observerOf). */
export interface NodeListView {
  readonly observer: number;
  readonly keyspace: string | null;
  readonly nodes: readonly NodeView[];
}

/** Node `id`, or 404. */
export function existingNode(cluster: Cluster, id: number): Node {
  const node = cluster.nodes.find((n) => n.identity.id === id);
  if (node === undefined) throw notFound(`No node ${id}: the cluster has nodes ${cluster.nodes.map((n) => n.identity.id).join(', ')}`);
  return node;
}

/** The node whose view is shown: the one asked for, else the first running ring member (nodetool asks one node). */
export function observerOf(cluster: Cluster, id: number | undefined): Node {
  if (id !== undefined) return existingNode(cluster, id);
  const members = cluster.ringMembers();
  return members.find((n) => n.status === 'up') ?? members[0] ?? cluster.nodes[0]!;
}

export function nodeListView(cluster: Cluster, observer: Node, keyspace: string | null): NodeListView {
  const owns = ringOwnership(cluster, keyspace, observer);
  return { observer: observer.identity.id, keyspace, nodes: cluster.nodes.map((n) => nodeView(cluster, n, observer, owns)) };
}

export function nodeView(cluster: Cluster, node: Node, observer: Node, owns = ringOwnership(cluster, null, observer)): NodeView {
  const identity = node.identity;
  const held = node.storage.stats();
  return {
    id: identity.id,
    address: identity.address,
    nativePort: node.nativePort,
    endpoint: cluster.endpointName(identity),
    dataCenter: identity.dataCenter,
    rack: identity.rack,
    hostId: uuidText(identity.hostId),
    tokens: identity.tokens.map(String),
    status: node.status,
    failure: node.storageFailure,
    state: cluster.memberState(node) ?? 'normal',
    gossip: isSeenUp(observer, node) ? 'UP' : 'DOWN',
    loadBytes: held.sizeBytes,
    partitions: held.partitionCount,
    rows: held.rowCount,
    hintsPending: node.hints.count(),
    connections: [...node.clients?.connectedClients() ?? []].length,
    requests: answeredRequests(node),
    traceProbability: node.traceProbability,
    owns: owns.get(identity.id) ?? 0,
  };
}

function answeredRequests(node: Node): number {
  let total = 0;
  for (const { count } of node.nativeRequests.counts()) total += count;
  return total;
}

/** A node sees itself up while it runs; others as its failure detector says. */
function isSeenUp(observer: Node, node: Node): boolean {
  return node === observer ? node.status === 'up' : observer.isAlive(node.identity.id);
}
