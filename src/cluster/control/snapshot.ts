import { isSystemKeyspace, schemaChanges, type Schema } from '../../schema/index.js';
import type { StorageImage } from '../../storage/index.js';
import type { BatchlogImage } from '../coordinator/batchlog-manager.js';
import type { HintsImage } from '../hints/hint-store.js';
import type { NetworkFaults } from '../network/index.js';
import type { NodeStatus } from '../node/node-identity.js';
import type { TruncationRecords } from '../node/truncation-records.js';
import type { PaxosImage } from '../paxos/paxos-state.js';
import type { ControlledCluster, ControlledNode } from './controlled-cluster.js';
import { bringNodesTo } from './node-states.js';

/** A point a cluster can be brought back to with restore(); what it holds stays private to the cluster. */
export interface ClusterSnapshot {
  /** The name it was taken under, or null for an unnamed snapshot (kept only as long as it is referenced). */
  readonly name: string | null;
  /** When it was taken, on the cluster's clock. */
  readonly takenAt: Date;
  /** The user keyspaces it holds. */
  readonly keyspaces: readonly string[];
  /** Partitions held over every node and table, replicas counted once per node (system tables included). */
  readonly partitionCount: number;
}

interface NodeImage {
  readonly status: NodeStatus;
  readonly storage: StorageImage;
  readonly hints: HintsImage;
  readonly batchlog: BatchlogImage;
  readonly paxos: PaxosImage;
  readonly truncations: ReturnType<TruncationRecords['entries']>;
}

interface Captured {
  readonly cluster: ControlledCluster;
  readonly schema: Schema;
  readonly faults: NetworkFaults;
  /** By node id. */
  readonly nodes: ReadonlyMap<number, NodeImage>;
}

/** What each snapshot captured; a WeakMap keeps it out of the public object and lets both go together. */
const captured = new WeakMap<ClusterSnapshot, Captured>();

/**
 * Captures the cluster as it is: the schema; every node's data (memtable images sharing structure with
 * the live memtables, so this costs O(tables), not O(rows)), hints, batchlog, Paxos state, truncation
 * records and status (up, down or paused); the network's partition, link settings and filters. Messages
 * in flight between nodes are not part of it.
 */
export function takeSnapshot(cluster: ControlledCluster, name: string | null): ClusterSnapshot {
  const nodes = new Map(cluster.nodes.map((node) => [node.identity.id, imageOf(node)]));
  const schema = cluster.schema;
  const snapshot: ClusterSnapshot = Object.freeze({
    name,
    takenAt: new Date(cluster.clock.nowMs()),
    keyspaces: Object.freeze([...schema.keyspaces.keys()].filter((ks) => !isSystemKeyspace(ks))),
    partitionCount: [...nodes.values()].flatMap((image) => [...image.storage.values()]).reduce((n, table) => n + table.partitionCount, 0),
  });
  captured.set(snapshot, { cluster, schema, faults: cluster.network.faults(), nodes });
  return snapshot;
}

function imageOf(node: ControlledNode): NodeImage {
  return {
    status: node.status,
    storage: node.storage.image(),
    hints: node.hints.image(),
    batchlog: node.batchlog.image(),
    paxos: node.paxos.image(),
    truncations: node.truncations.entries(),
  };
}

/**
 * Brings the cluster back to a snapshot: its schema (clients are told of each change, and prepared
 * statements the changes affect are dropped, as for DDL), every node's data, hints, batchlog, Paxos
 * state and truncation records, every node's status, the network's faults. Messages in flight between
 * nodes are lost. The snapshot stays as it was, to be restored again. Time does not go back: data that
 * expired since the snapshot was taken reads as expired. Refused while a topology change runs, and when
 * the cluster no longer has the nodes it had then.
 */
export async function restoreSnapshot(cluster: ControlledCluster, snapshot: ClusterSnapshot): Promise<void> {
  const state = captured.get(snapshot);
  if (state === undefined || state.cluster !== cluster) throw new Error(`${describe(snapshot)} was not taken of this cluster`);
  await cluster.exclusively('restore a snapshot', async () => {
    checkSameNodes(cluster, state, snapshot);
    cluster.network.discardInFlight();
    cluster.network.restoreFaults(state.faults);
    const before = cluster.schema;
    cluster.installSchema(state.schema, schemaChanges(before, state.schema));
    for (const node of cluster.nodes) restoreNode(node, state.nodes.get(node.identity.id)!);
    await bringNodesTo(cluster, (node) => state.nodes.get(node.identity.id)!.status);
  });
}

function restoreNode(node: ControlledNode, image: NodeImage): void {
  node.storage.restore(image.storage);
  node.hints.restore(image.hints);
  node.batchlog.restore(image.batchlog);
  node.paxos.restore(image.paxos);
  node.truncations.restore(image.truncations);
}

function checkSameNodes(cluster: ControlledCluster, state: Captured, snapshot: ClusterSnapshot): void {
  const then = [...state.nodes.keys()].sort((a, b) => a - b);
  const now = cluster.nodes.map((n) => n.identity.id).sort((a, b) => a - b);
  if (then.join() !== now.join()) {
    throw new Error(`Cannot restore ${describe(snapshot)}: the cluster had nodes ${then.join(', ')} then and has ${now.join(', ')} now`);
  }
}

function describe(snapshot: ClusterSnapshot): string {
  return snapshot.name === null ? 'the snapshot' : `snapshot ${snapshot.name}`;
}
