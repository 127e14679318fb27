import {
  clusteringComparatorFor, dropShadowed, isEmptyRow, maxDeletion, mergeRows, type DeletionTime, type Partitioner,
  type PartitionUpdate, type RangeTombstone, type Row, type UnfilteredPartition,
} from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { ViewUpdateGenerator } from './view-update-generator.js';

/**
 * TableViews.generateViewUpdates: the view updates one base partition update makes, given what the base
 * replica holds of that partition before it (read before the write). Each updated row is paired with the
 * row it replaces; rows the update deletes by partition or range deletion are paired with their deletion.
 * Both sides carry the deletion covering them as their row deletion, as Row.filter sets it.
 */
export function generateViewUpdates(
  views: readonly TableMetadata[], base: TableMetadata, update: PartitionUpdate, existing: UnfilteredPartition | null,
  nowInSec: number, partitioner: Partitioner,
): PartitionUpdate[] {
  const baseKey = partitioner.splitKey(update.key, base.partitionKey.length);
  const generators = views.map((view) => new ViewUpdateGenerator(view, base, baseKey, nowInSec, partitioner));
  const add = (before: Row | null, after: Row): void => {
    for (const generator of generators) generator.addBaseTableUpdate(before, after);
  };
  const existingDeletion = coveringDeletion(base, existing?.partitionDeletion ?? null, existing?.rangeTombstones ?? []);
  const updateDeletion = coveringDeletion(base, update.partitionDeletion, update.rangeTombstones);
  const existingRows = new Map<string, Row>();
  for (const row of existing?.rows ?? []) existingRows.set(clusteringId(row), row);
  const updated = new Set<string>();
  for (const row of update.rows) {
    const id = clusteringId(row);
    updated.add(id);
    const after = withActiveDeletion(row, updateDeletion(row));
    if (isEmptyRow(after)) continue;
    const stored = existingRows.get(id);
    const before = stored === undefined ? null : withActiveDeletion(stored, existingDeletion(stored));
    add(before, before === null ? after : mergeRows(before, after, base));
  }
  if (update.partitionDeletion !== null || update.rangeTombstones.length > 0) {
    for (const [id, stored] of existingRows) {
      const deletion = updated.has(id) ? null : updateDeletion(stored);
      if (deletion === null) continue;
      const before = withActiveDeletion(stored, existingDeletion(stored));
      add(before, mergeRows(before, { clustering: stored.clustering, liveness: null, deletion, cells: new Map() }, base));
    }
  }
  return generators.flatMap((g) => g.viewUpdates());
}

/** The deletion covering a row from outside it: the partition deletion and the range tombstones containing it. */
function coveringDeletion(
  table: TableMetadata, partitionDeletion: DeletionTime | null, rangeTombstones: readonly RangeTombstone[],
): (row: Row) => DeletionTime | null {
  if (rangeTombstones.length === 0) return () => partitionDeletion;
  const comparator = clusteringComparatorFor(table);
  const tombstones = rangeTombstones.map((rt) => ({ positions: comparator.positionsOf(rt.slice), deletion: rt.deletion }));
  return (row) => {
    let deletion = partitionDeletion;
    for (const rt of tombstones) if (comparator.contains(rt.positions, row.clustering)) deletion = maxDeletion(deletion, rt.deletion);
    return deletion;
  };
}

/** The row with what `outer` shadows removed and `outer` as its deletion when stronger (Row.filter with setActiveDeletionToRow). */
function withActiveDeletion(row: Row, outer: DeletionTime | null): Row {
  if (outer === null) return row;
  const kept = dropShadowed(row, outer) ?? { clustering: row.clustering, liveness: null, deletion: null, cells: new Map() };
  return { ...kept, deletion: maxDeletion(outer, row.deletion) };
}

function clusteringId(row: Row): string {
  return row.clustering.map((v) => v.toString('hex')).join(':');
}
