import {
  countedRows, isRowLive, selectsFullPartition,
  type Clustering, type PartitionRangeReadCommand, type ClusteringComparator, type ClusteringFilter, type DeletionTime,
  type RangeTombstone, type Row, type SlicePositions, type UnfilteredPartition,
} from '../data/index.js';
import type { TableMetadata } from '../schema/index.js';
import type { MemtablePartition } from './memtable-partition.js';
import { scanRanges, type ScanRange } from './partition-order.js';

/**
 * One source's data of a partition read lazily (Cassandra's UnfilteredRowIterator): its head (what applies before
 * any row: the partition deletion, the range tombstones intersecting the read, whole, and the static row) at once,
 * then its rows within the filter in query order, one at a time, each read only when asked for, so that a merge
 * with a row limit stops reading where the limit is reached.
 */
export interface PartitionCursor {
  readonly partitionDeletion: DeletionTime | null;
  readonly rangeTombstones: readonly RangeTombstone[];
  readonly staticRow: Row | null;
  /** The next row in query order, or null once there are no more. */
  next(): Row | null;
}

export interface PartitionRead {
  /** Null when the partition holds nothing the read covers, not even a tombstone. */
  readonly partition: UnfilteredPartition | null;
  readonly liveRowCount: number;
  readonly hasLiveStaticRow: boolean;
}

/**
 * Reads the rows a filter selects, in query order, with every tombstone that covers them, so that the
 * answer can be merged with other replicas'. Dead rows are returned too but only live rows count
 * towards `rowLimit`: reading stops once that many live rows are collected.
 */
export function readPartition(
  p: MemtablePartition, table: TableMetadata, filter: ClusteringFilter, nowInSec: number, rowLimit: number,
): PartitionRead {
  const rows: Row[] = [];
  let liveRowCount = 0;
  const visit = (row: Row): boolean => {
    rows.push(row);
    if (isRowLive(row, p.outerDeletion(row.clustering), nowInSec, table)) liveRowCount++;
    return liveRowCount < rowLimit;
  };
  const ranges = filter.kind === 'slices' ? normalizedSlices(p.comparator, filter) : null;
  if (rowLimit > 0) {
    if (ranges !== null) visitSlices(p, ranges, filter.reversed, visit);
    else if (filter.kind === 'names') visitNames(p, filter.clusterings, filter.reversed, visit);
  }
  const rangeTombstones = p.rangeTombstones.length === 0 ? [] : coveringTombstones(p, ranges ?? namePositions(p, filter));
  const staticRow = p.staticRow;
  const hasLiveStaticRow = staticRow !== null && isRowLive(staticRow, p.partitionDeletion, nowInSec, table);
  if (rows.length === 0 && staticRow === null && p.partitionDeletion === null && rangeTombstones.length === 0) {
    return { partition: null, liveRowCount, hasLiveStaticRow };
  }
  const partition: UnfilteredPartition = {
    table, key: p.key, token: p.token, partitionDeletion: p.partitionDeletion, rangeTombstones, staticRow, rows,
    reversed: filter.reversed,
  };
  return { partition, liveRowCount, hasLiveStaticRow };
}

/**
 * A range read over partitions in ring order (`partitionsIn` gives those of one scan range). Only live data
 * counts towards the limits: a partition counts if it has a live row or a live static row; its rows count as
 * countedRows says (at most perPartitionLimit of them, a static-only partition only when whole partitions are read).
 */
export function readRangeLimited(
  command: PartitionRangeReadCommand, partitionsIn: (range: ScanRange) => Iterable<MemtablePartition>,
): UnfilteredPartition[] {
  const out: UnfilteredPartition[] = [];
  const countsStaticOnly = selectsFullPartition(command);
  let rowCount = 0;
  let partitionCount = 0;
  for (const range of scanRanges(command.bounds)) {
    for (const partition of partitionsIn(range)) {
      if (rowCount >= command.rowLimit || partitionCount >= command.partitionLimit) return out;
      const rowLimit = Math.min(command.rowLimit - rowCount, command.perPartitionLimit);
      const read = readPartition(partition, command.table, command.filter, command.nowInSec, rowLimit);
      if (read.partition === null) continue;
      out.push(read.partition);
      if (read.liveRowCount > 0 || read.hasLiveStaticRow) {
        partitionCount++;
        rowCount += countedRows(command, countsStaticOnly, read.liveRowCount, read.hasLiveStaticRow);
      }
    }
  }
  return out;
}

/** The filter's slices as sorted, disjoint positions (overlapping slices are joined). */
export function normalizedSlices(comparator: ClusteringComparator, filter: ClusteringFilter & { kind: 'slices' }): SlicePositions[] {
  if (filter.slices.length === 1) {
    const only = comparator.positionsOf(filter.slices[0]!);
    return comparator.isEmpty(only) ? [] : [only];
  }
  const cmp = comparator.compare;
  const sorted = filter.slices.map((s) => comparator.positionsOf(s))
    .filter((s) => !comparator.isEmpty(s))
    .sort((a, b) => cmp(a.start, b.start));
  const out: SlicePositions[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && cmp(s.start, last.end) <= 0) {
      if (cmp(s.end, last.end) > 0) out[out.length - 1] = { start: last.start, end: s.end };
    } else {
      out.push(s);
    }
  }
  return out;
}

function visitSlices(p: MemtablePartition, slices: readonly SlicePositions[], reversed: boolean, visit: (r: Row) => boolean): void {
  for (let i = 0; i < slices.length; i++) {
    const slice = slices[reversed ? slices.length - 1 - i : i]!;
    if (!p.rows.visit(slice, reversed, visit)) return;
  }
}

function visitNames(p: MemtablePartition, names: readonly Clustering[], reversed: boolean, visit: (r: Row) => boolean): void {
  const cmp = p.comparator.compare;
  const sorted = names.length === 1 ? names : [...names].sort(reversed ? (a, b) => cmp(b, a) : cmp);
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && cmp(sorted[i - 1]!, sorted[i]!) === 0) continue;
    const row = p.rows.get(sorted[i]!);
    if (row !== undefined && !visit(row)) return;
  }
}

function namePositions(p: MemtablePartition, filter: ClusteringFilter): SlicePositions[] {
  if (filter.kind !== 'names') return [];
  return filter.clusterings.map((c) =>
    p.comparator.positionsOf({ start: { prefix: c, inclusive: true }, end: { prefix: c, inclusive: true } }));
}

/** The range tombstones intersecting what the read covers, whole. */
function coveringTombstones(p: MemtablePartition, read: readonly SlicePositions[]): RangeTombstone[] {
  return p.rangeTombstones
    .filter((rt) => read.some((r) => p.comparator.intersects(rt.positions, r)))
    .map((rt) => rt.tombstone);
}

/** Rows a memtable cursor takes from its partition per visit of the row store. */
const MEMTABLE_CURSOR_BATCH = 64;

/** A memtable partition read lazily: what `readPartition` returns with no row limit, its rows taken a batch at a time. */
export function memtableCursor(p: MemtablePartition, table: TableMetadata, filter: ClusteringFilter): PartitionCursor {
  const head = readPartition(p, table, filter, 0, 0).partition;
  const rows = filter.kind === 'names'
    ? namedRows(p, filter.clusterings, filter.reversed)
    : slicedRows(p, normalizedSlices(p.comparator, filter), filter.reversed);
  return {
    partitionDeletion: head?.partitionDeletion ?? null,
    rangeTombstones: head?.rangeTombstones ?? [],
    staticRow: head?.staticRow ?? null,
    next: () => {
      const r = rows.next();
      return r.done === true ? null : r.value;
    },
  };
}

/**
 * The rows within the slices in query order. The row store is visited a batch at a time, each visit resuming
 * after the last row taken (the memtable does not change during a read, which runs to its end synchronously).
 */
function* slicedRows(p: MemtablePartition, slices: readonly SlicePositions[], reversed: boolean): Generator<Row> {
  const batch: Row[] = [];
  const take = (row: Row): boolean => batch.push(row) < MEMTABLE_CURSOR_BATCH;
  for (let i = 0; i < slices.length; i++) {
    let slice: SlicePositions | null = slices[reversed ? slices.length - 1 - i : i]!;
    while (slice !== null) {
      batch.length = 0;
      const complete: boolean = p.rows.visit(slice, reversed, take);
      yield* batch;
      if (complete) {
        slice = null;
      } else {
        const after = { prefix: batch[batch.length - 1]!.clustering, inclusive: false };
        slice = reversed
          ? { start: slice.start, end: p.comparator.endPosition(after) }
          : { start: p.comparator.startPosition(after), end: slice.end };
      }
    }
  }
}

function* namedRows(p: MemtablePartition, names: readonly Clustering[], reversed: boolean): Generator<Row> {
  const cmp = p.comparator.compare;
  const sorted = [...names].sort(reversed ? (a, b) => cmp(b, a) : cmp);
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && cmp(sorted[i - 1]!, sorted[i]!) === 0) continue;
    const row = p.rows.get(sorted[i]!);
    if (row !== undefined) yield row;
  }
}
