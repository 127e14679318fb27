import { isSystemKeyspace, schemaChanges, type Schema, type TableMetadata } from '../../schema/index.js';
import type { StorageImage } from '../../storage/index.js';
import type { BatchlogImage } from '../coordinator/batchlog-manager.js';
import type { HintsImage } from '../hints/hint-store.js';
import type { NetworkFaults } from '../network/index.js';
import type { NodeStatus } from '../node/node-identity.js';
import type { TruncationRecords } from '../node/truncation-records.js';
import type { PaxosImage } from '../paxos/paxos-state.js';
import type { ControlledCluster, ControlledNode } from './controlled-cluster.js';
import { bringNodesTo } from './node-states.js';
import { HEALTHY_NETWORK } from './reset.js';
import type { SnapshotDisk, SnapshotRecord } from './snapshot-disk.js';

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
  readonly schema: () => Schema;
  readonly faults: NetworkFaults;
  /** By node id. */
  readonly nodes: ReadonlyMap<number, NodeImage>;
  /** Whether each node's SSTables are in its snapshot folders of the snapshot's name (a cluster with a data folder). */
  readonly onDisk: boolean;
}

/** What each snapshot captured; a WeakMap keeps it out of the public object and lets both go together. */
const captured = new WeakMap<ClusterSnapshot, Captured>();

/**
 * Captures the cluster as it is: the schema; every node's data (memtable images sharing structure with
 * the live memtables, so this costs O(tables), not O(rows)), hints, batchlog, Paxos state, truncation
 * records and status (up, down or paused); the network's partition, link settings and filters. Messages
 * in flight between nodes are not part of it.
 */
export function takeSnapshot(cluster: ControlledCluster, name: string | null, disk: SnapshotDisk | null = null): ClusterSnapshot {
  const takenAt = new Date(cluster.clock.nowMs());
  // On disk, each node flushes and links its SSTables first: the images then hold empty memtables.
  let partitionCount = 0;
  const onDisk = disk !== null && name !== null;
  if (onDisk) for (const node of cluster.nodes) partitionCount += node.storage.snapshot(name, (table) => disk.tableFiles(table, takenAt));
  const nodes = new Map(cluster.nodes.map((node) => [node.identity.id, imageOf(node)]));
  partitionCount += [...nodes.values()].flatMap((image) => [...image.storage.values()]).reduce((n, table) => n + table.partitionCount, 0);
  const schema = cluster.schema;
  const snapshot: ClusterSnapshot = Object.freeze({
    name,
    takenAt,
    keyspaces: Object.freeze([...schema.keyspaces.keys()].filter((ks) => !isSystemKeyspace(ks))),
    partitionCount,
  });
  captured.set(snapshot, { cluster, schema: () => schema, faults: cluster.network.faults(), nodes, onDisk });
  return snapshot;
}

/** What a named snapshot on disk records of the cluster (see SnapshotDisk). */
export function snapshotRecord(snapshot: ClusterSnapshot & { readonly name: string }): SnapshotRecord {
  const state = captured.get(snapshot)!;
  const nodes = new Map([...state.nodes].map(([id, image]) => [id, { status: image.status, truncations: image.truncations }]));
  return { ...snapshot, schema: state.schema, nodes };
}

/**
 * A snapshot read back from disk after a restart: its schema, node statuses and truncation records, and each
 * node's SSTables in its snapshot folders. Hints, batchlog and Paxos state were not kept: restoring it empties
 * them; the network is restored whole.
 */
export function snapshotFromRecord(cluster: ControlledCluster, record: SnapshotRecord): ClusterSnapshot {
  const snapshot: ClusterSnapshot = Object.freeze({
    name: record.name, takenAt: record.takenAt, keyspaces: Object.freeze([...record.keyspaces]), partitionCount: record.partitionCount,
  });
  const nodes = new Map([...record.nodes].map(([id, node]): [number, NodeImage] => [id, {
    status: node.status, storage: new Map(), hints: new Map(), batchlog: new Map(), paxos: new Map(), truncations: node.truncations,
  }]));
  captured.set(snapshot, { cluster, schema: record.schema, faults: HEALTHY_NETWORK, nodes, onDisk: true });
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
    const schema = state.schema();
    cluster.network.discardInFlight();
    cluster.network.restoreFaults(state.faults);
    const before = cluster.schema;
    cluster.installSchema(schema, schemaChanges(before, schema));
    const onDisk = state.onDisk ? { name: snapshot.name!, tables: storedTables(schema) } : null;
    for (const node of cluster.nodes) restoreNode(node, state.nodes.get(node.identity.id)!, onDisk);
    await bringNodesTo(cluster, (node) => state.nodes.get(node.identity.id)!.status);
  });
}

/** Every table whose data a node stores (virtual tables hold none). */
function storedTables(schema: Schema): TableMetadata[] {
  return [...schema.keyspaces.values()].filter((ks) => !ks.virtual).flatMap((ks) => [...ks.tables.values()].filter((t) => !t.virtual));
}

function restoreNode(node: ControlledNode, image: NodeImage, onDisk: { name: string; tables: readonly TableMetadata[] } | null): void {
  node.storage.restore(image.storage);
  if (onDisk !== null) node.storage.restoreSnapshot(onDisk.name, onDisk.tables);
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
