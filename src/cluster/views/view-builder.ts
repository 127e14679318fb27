import type { RequestContext } from '../../common/index.js';
import { ConsistencyLevel, type WriteType } from '../../errors/index.js';
import type { Mutation, PartitionRangeReadCommand, PartitionUpdate } from '../../data/index.js';
import { DISTRIBUTED_KEYSPACE, SYSTEM_KEYSPACE, type Schema, type TableMetadata } from '../../schema/index.js';
import { native, serialize, uuidToString } from '../../types/index.js';
import { toPartitionUpdates, type RowValues } from '../system-schema/row-builder.js';
import { generateViewUpdates } from './table-views.js';
import { sendToPairedReplica, type ViewsNode } from './view-replication.js';

/** What the initial build of a view needs of a node besides the base replica's view path: its coordinator writes. */
export interface ViewBuildNode extends ViewsNode {
  mutate(mutations: readonly Mutation[], consistency: ConsistencyLevel, writeType: WriteType, request?: RequestContext): Promise<void>;
}

/**
 * ViewBuilder: once a view is created, each node turns the base data it holds into view updates sent to
 * their paired view replicas (as the base replica of each partition), then records the view as built in
 * its system.built_views and its SUCCESS in system_distributed.view_build_status. Cassandra builds in the
 * background; here the updates leave at once and the status follows.
 */
export function buildView(node: ViewBuildNode, view: TableMetadata): void {
  const schema = node.schema();
  const definition = view.view!;
  const base = schema.table(view.keyspace, definition.baseTableName);
  if (base === undefined) return;
  const nowInSec = node.clock.nowSeconds();
  const command: PartitionRangeReadCommand = {
    kind: 'range', table: base, bounds: { start: null, startInclusive: false, end: null, endInclusive: true },
    filter: { kind: 'slices', slices: [{ start: { prefix: [], inclusive: true }, end: { prefix: [], inclusive: true } }], reversed: false },
    nowInSec, rowLimit: Infinity, perPartitionLimit: Infinity, partitionLimit: Infinity,
  };
  for (const partition of node.storage.read(command)) {
    const update: PartitionUpdate = { ...partition, table: base };
    for (const viewUpdate of generateViewUpdates([view], base, update, null, nowInSec, node.partitioner)) {
      sendToPairedReplica(node, partition.token, viewUpdate);
    }
  }
  recordBuilt(node, schema, view, false);
  const status = statusTable(schema);
  if (status === undefined) return;
  const row = { keyspace_name: view.keyspace, view_name: view.name, host_id: uuidToString(node.identity.hostId), status: 'SUCCESS' };
  node.mutate(mutations(node, status, [row]), ConsistencyLevel.ONE, 'SIMPLE').then(
    () => recordBuilt(node, node.schema(), view, true),
    () => undefined,
  );
}

/** SystemKeyspace.setViewRemoved and SystemDistributedKeyspace.setViewRemoved: the view's status rows go. */
export function forgetView(node: ViewBuildNode, schema: Schema, view: TableMetadata): void {
  const deletion = { markedForDeleteAt: node.clock.nowMicros(), localDeletionTime: node.clock.nowSeconds() };
  const built = schema.table(SYSTEM_KEYSPACE, 'built_views');
  if (built !== undefined) {
    const row = { clustering: [serialize(native('text'), view.name)], liveness: null, deletion, cells: new Map() };
    node.applyLocally(mutationOf(node, built, [view.keyspace], { rows: [row], partitionDeletion: null }));
  }
  const status = statusTable(schema);
  if (status === undefined) return;
  const update = mutationOf(node, status, [view.keyspace, view.name], { rows: [], partitionDeletion: deletion });
  node.mutate([update], ConsistencyLevel.ONE, 'SIMPLE').catch(() => undefined);
}

function recordBuilt(node: ViewBuildNode, schema: Schema, view: TableMetadata, replicated: boolean): void {
  const built = schema.table(SYSTEM_KEYSPACE, 'built_views');
  if (built === undefined || schema.table(view.keyspace, view.name)?.id.equals(view.id) !== true) return;
  const row = { keyspace_name: view.keyspace, view_name: view.name, status_replicated: replicated };
  for (const m of mutations(node, built, [row])) node.applyLocally(m);
}

function statusTable(schema: Schema): TableMetadata | undefined {
  return schema.table(DISTRIBUTED_KEYSPACE, 'view_build_status');
}

function mutations(node: ViewBuildNode, table: TableMetadata, rows: readonly RowValues[]): Mutation[] {
  const timestamp = node.clock.nowMicros();
  const tokenOf = (key: Buffer): bigint => node.partitioner.decorateKey(node.partitioner.splitKey(key, table.partitionKey.length)).token;
  return toPartitionUpdates(table, rows, tokenOf, timestamp).map((u) => ({ keyspace: table.keyspace, key: u.key, token: u.token, updates: [u] }));
}

function mutationOf(
  node: ViewBuildNode, table: TableMetadata, keyValues: readonly string[], content: Pick<PartitionUpdate, 'rows' | 'partitionDeletion'>,
): Mutation {
  const components = keyValues.map((v) => serialize(native('text'), v));
  const { key, token } = node.partitioner.decorateKey(components);
  const update: PartitionUpdate = { table, key, token, rangeTombstones: [], staticRow: null, ...content };
  return { keyspace: table.keyspace, key, token, updates: [update] };
}

/** After a schema change: every node builds the views it created and forgets those it dropped. */
export function onViewsChanged(nodes: readonly ViewBuildNode[], before: Schema, after: Schema): void {
  for (const ks of before.keyspaces.values()) {
    for (const table of ks.tables.values()) {
      if (table.view === undefined || after.table(ks.name, table.name)?.id.equals(table.id) === true) continue;
      for (const node of nodes) forgetView(node, after, table);
    }
  }
  for (const ks of after.keyspaces.values()) {
    for (const table of ks.tables.values()) {
      if (table.view === undefined || before.table(ks.name, table.name)?.id.equals(table.id) === true) continue;
      for (const node of nodes) buildView(node, table);
    }
  }
}
