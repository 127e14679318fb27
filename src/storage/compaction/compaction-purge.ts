import {
  clusteringComparatorFor, dropShadowed, isEmptyRow, maxDeletion,
  type Cell, type ComplexColumn, type DeletionTime, type LivenessInfo, type PathCell, type Row, type UnfilteredPartition,
} from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';

/**
 * What compaction keeps of a merged partition (Cassandra's PurgeFunction over the merge): data shadowed
 * by a partition deletion or range tombstone goes, cells of dropped columns go, expired cells become
 * tombstones (written at their write time), and tombstones are dropped once purgeable: deleted before
 * gcBefore (now - gc_grace_seconds) and older than `maxPurgeableTimestamp`, the oldest data that
 * SSTables outside the compaction or the memtable may hold for this partition (else dropping the
 * tombstone would resurrect it). Null when nothing is left.
 */
export interface PurgeContext {
  readonly table: TableMetadata;
  readonly nowInSec: number;
  readonly gcBefore: number;
  readonly maxPurgeableTimestamp: bigint;
}

function shouldPurge(ctx: PurgeContext, timestamp: bigint, localDeletionTime: number): boolean {
  return localDeletionTime < ctx.gcBefore && timestamp < ctx.maxPurgeableTimestamp;
}

function purgeDeletion(ctx: PurgeContext, d: DeletionTime | null): DeletionTime | null {
  return d !== null && shouldPurge(ctx, d.markedForDeleteAt, d.localDeletionTime) ? null : d;
}

function purgeLiveness(ctx: PurgeContext, l: LivenessInfo | null): LivenessInfo | null {
  if (l === null || ctx.nowInSec < l.localExpirationTime) return l;
  return shouldPurge(ctx, l.timestamp, l.localExpirationTime) ? null : l;
}

/** AbstractCell.purge: a dead cell is dropped when purgeable; an expired one not yet purgeable becomes a tombstone. */
function purgeCell(ctx: PurgeContext, name: string, cell: Cell): Cell | null {
  const dropped = ctx.table.droppedColumns.get(name);
  if (dropped !== undefined && cell.timestamp <= dropped.droppedAtMicros) return null;
  const live = cell.value !== null && ctx.nowInSec < cell.localDeletionTime;
  if (live) return cell;
  if (shouldPurge(ctx, cell.timestamp, cell.localDeletionTime)) return null;
  if (cell.value === null) return cell;
  const tombstone: Cell = { value: null, timestamp: cell.timestamp, ttlSeconds: 0, localDeletionTime: cell.localDeletionTime - cell.ttlSeconds };
  return shouldPurge(ctx, tombstone.timestamp, tombstone.localDeletionTime) ? null : tombstone;
}

function purgeComplex(ctx: PurgeContext, name: string, column: ComplexColumn): ComplexColumn | null {
  const deletion = purgeDeletion(ctx, column.deletion);
  const cells: PathCell[] = [];
  for (const pc of column.cells) {
    const cell = purgeCell(ctx, name, pc.cell);
    if (cell !== null) cells.push(cell === pc.cell ? pc : { path: pc.path, cell });
  }
  return deletion === null && cells.length === 0 ? null : { deletion, cells };
}

function purgeRow(ctx: PurgeContext, row: Row): Row | null {
  const cells = new Map<string, Cell>();
  for (const [name, cell] of row.cells) {
    const kept = purgeCell(ctx, name, cell);
    if (kept !== null) cells.set(name, kept);
  }
  let complex: Map<string, ComplexColumn> | undefined;
  if (row.complex !== undefined) {
    for (const [name, column] of row.complex) {
      const kept = purgeComplex(ctx, name, column);
      if (kept !== null) (complex ??= new Map()).set(name, kept);
    }
  }
  const base = { clustering: row.clustering, liveness: purgeLiveness(ctx, row.liveness), deletion: purgeDeletion(ctx, row.deletion), cells };
  const purged: Row = complex === undefined ? base : { ...base, complex };
  return isEmptyRow(purged) ? null : purged;
}

export function purgeForCompaction(p: UnfilteredPartition, ctx: PurgeContext): UnfilteredPartition | null {
  const comparator = clusteringComparatorFor(ctx.table);
  const tombstones = p.rangeTombstones.map((rt) => ({ positions: comparator.positionsOf(rt.slice), deletion: rt.deletion }));
  const rows: Row[] = [];
  for (const row of p.rows) {
    let outer = p.partitionDeletion;
    for (const rt of tombstones) if (comparator.contains(rt.positions, row.clustering)) outer = maxDeletion(outer, rt.deletion);
    const unshadowed = dropShadowed(row, outer);
    const kept = unshadowed === null ? null : purgeRow(ctx, unshadowed);
    if (kept !== null) rows.push(kept);
  }
  const unshadowedStatic = p.staticRow === null ? null : dropShadowed(p.staticRow, p.partitionDeletion);
  const staticRow = unshadowedStatic === null ? null : purgeRow(ctx, unshadowedStatic);
  const partitionDeletion = purgeDeletion(ctx, p.partitionDeletion);
  const rangeTombstones = p.rangeTombstones.filter((rt) => purgeDeletion(ctx, rt.deletion) !== null);
  if (rows.length === 0 && staticRow === null && partitionDeletion === null && rangeTombstones.length === 0) return null;
  return { ...p, table: ctx.table, partitionDeletion, rangeTombstones, staticRow, rows };
}
