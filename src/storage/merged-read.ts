import {
  clusteringComparatorFor, dropShadowed, isRowLive, mergeRows,
  type Clustering, type ClusteringFilter, type PartitionRangeReadCommand, type Row, type SinglePartitionReadCommand,
  type UnfilteredPartition,
} from '../data/index.js';
import type { TableMetadata } from '../schema/index.js';
import type { Memtable } from './memtable.js';
import { MemtablePartition } from './memtable-partition.js';
import { comparePartitionPositions, PartitionKeyPosition, type ScanRange } from './partition-order.js';
import { memtableCursor, readPartition, readRangeLimited, type PartitionCursor } from './partition-reader.js';

/**
 * Where a read finds a table's data besides its live memtable: the SSTables, and memtables being flushed.
 * A source answers with whole data (tombstones included, no limit) within the clusterings a filter selects,
 * so that the merge decides what is live and the limits count only the merged rows, as Cassandra merges
 * the iterators of its memtables and SSTables before DataLimits counts.
 */
export interface PartitionSource {
  /** The partition's rows within the filter's clusterings with every tombstone over them, or null if it has none. */
  readPartition(table: TableMetadata, token: bigint, key: Buffer, filter: ClusteringFilter): UnfilteredPartition | null;
  /** The same read lazily, its rows read as they are taken (a read with a row limit); null if it has nothing of the partition. */
  openPartition(table: TableMetadata, token: bigint, key: Buffer, filter: ClusteringFilter): PartitionCursor | null;
  /** The partitions within a range in ring order, each as readPartition gives it. */
  scan(table: TableMetadata, range: ScanRange, filter: ClusteringFilter): Iterable<UnfilteredPartition>;
}

/** The generation merged partitions belong to: they are built for one read and never shared. */
const MERGE_OWNER = {};

/**
 * A single-partition read over the memtable and the sources; with no source holding the key, the memtable's own
 * read. A read with a row limit merges the sources lazily (readSingleLimited); one without reads them whole.
 */
export function readSingleMerged(
  command: SinglePartitionReadCommand, memtable: Memtable, sources: readonly PartitionSource[],
): UnfilteredPartition[] {
  if (command.rowLimit !== Number.POSITIVE_INFINITY) return readSingleLimited(command, memtable, sources);
  const found: UnfilteredPartition[] = [];
  for (const source of sources) {
    const p = source.readPartition(command.table, command.token, command.key, command.filter);
    if (p !== null) found.push(p);
  }
  if (found.length === 0) return memtable.readSingle(command);
  const merged = mergedPartition(command.table, found, memtable.partition(command.token, command.key), command.filter, command.nowInSec);
  const read = readPartition(merged, command.table, command.filter, command.nowInSec, command.rowLimit);
  return read.partition === null ? [] : [read.partition];
}

/**
 * A single-partition read with a row limit, merging the sources' cursors and the memtable's row by row in query
 * order (Cassandra's UnfilteredRowIterators.merge under DataLimits): a row is merged once every source has passed
 * its clustering, each source read only as far as that needs, and the merge stops at the row that makes
 * `rowLimit` live rows. Reconciliation is mergedPartition's: every source's head applied first, then each
 * clustering's rows merged in source order (the memtable last), what the deletions shadow dropped at each step as
 * MemtablePartition.apply does. The answer is the unlimited read's cut at the limit.
 */
function readSingleLimited(command: SinglePartitionReadCommand, memtable: Memtable, sources: readonly PartitionSource[]): UnfilteredPartition[] {
  const { table, key, token, filter, nowInSec } = command;
  const cursors: PartitionCursor[] = [];
  for (const source of sources) {
    const cursor = source.openPartition(table, token, key, filter);
    if (cursor !== null) cursors.push(cursor);
  }
  if (cursors.length === 0) return memtable.readSingle(command);
  const own = memtable.partition(token, key);
  if (own !== undefined) cursors.push(memtableCursor(own, table, filter));
  const comparator = clusteringComparatorFor(table);
  const heads = new MemtablePartition(key, token, comparator, MERGE_OWNER);
  for (const c of cursors) {
    heads.apply({ table, key, token, partitionDeletion: c.partitionDeletion, rangeTombstones: c.rangeTombstones, staticRow: c.staticRow, rows: [] });
  }
  const inQueryOrder = filter.reversed ? (a: Clustering, b: Clustering) => comparator.compare(b, a) : comparator.compare;
  const next = command.rowLimit > 0 ? cursors.map((c) => c.next()) : [];
  const rows: Row[] = [];
  let liveRows = 0;
  while (liveRows < command.rowLimit) {
    let least: Clustering | null = null;
    for (const r of next) if (r !== null && (least === null || inQueryOrder(r.clustering, least) < 0)) least = r.clustering;
    if (least === null) break;
    const outer = heads.outerDeletion(least);
    let merged: Row | null = null;
    for (let i = 0; i < next.length; i++) {
      const r = next[i]!;
      if (r === null || comparator.compare(r.clustering, least) !== 0) continue;
      merged = dropShadowed(merged === null ? r : mergeRows(merged, r, table), outer);
      next[i] = cursors[i]!.next();
    }
    if (merged === null) continue;
    rows.push(merged);
    if (isRowLive(merged, outer, nowInSec, table)) liveRows++;
  }
  const head = readPartition(heads, table, filter, nowInSec, 0).partition;
  if (head === null && rows.length === 0) return [];
  return [{
    table, key, token, partitionDeletion: heads.partitionDeletion, rangeTombstones: head?.rangeTombstones ?? [], staticRow: heads.staticRow,
    rows, reversed: filter.reversed,
  }];
}

/** A range read over the memtable and the sources, merged partition by partition in ring order, limits counted after the merge. */
export function readRangeMerged(
  command: PartitionRangeReadCommand, memtable: Memtable, sources: readonly PartitionSource[],
): UnfilteredPartition[] {
  if (sources.length === 0) return memtable.readRange(command);
  return readRangeLimited(command, (range) => mergedScan(command, range, memtable, sources));
}

function* mergedScan(
  command: PartitionRangeReadCommand, range: ScanRange, memtable: Memtable, sources: readonly PartitionSource[],
): Generator<MemtablePartition> {
  const own = memtable.partitionsIn(range)[Symbol.iterator]();
  const others = sources.map((s) => s.scan(command.table, range, command.filter)[Symbol.iterator]());
  let ownNext = own.next();
  const heads = others.map((it) => it.next());
  for (;;) {
    let least: PartitionKeyPosition | null = ownNext.done === true ? null : ownNext.value.position;
    for (const head of heads) {
      if (head.done === true) continue;
      const position = new PartitionKeyPosition(head.value.token, head.value.key);
      if (least === null || comparePartitionPositions(position, least) < 0) least = position;
    }
    if (least === null) return;
    const found: UnfilteredPartition[] = [];
    heads.forEach((head, i) => {
      if (head.done !== true && comparePartitionPositions(new PartitionKeyPosition(head.value.token, head.value.key), least) === 0) {
        found.push(head.value);
        heads[i] = others[i]!.next();
      }
    });
    let ownPartition: MemtablePartition | undefined;
    if (ownNext.done !== true && comparePartitionPositions(ownNext.value.position, least) === 0) {
      ownPartition = ownNext.value;
      ownNext = own.next();
    }
    yield found.length === 0 ? ownPartition! : mergedPartition(command.table, found, ownPartition, command.filter, command.nowInSec);
  }
}

/** One partition holding what the sources and the memtable hold of it, reconciled as writes are. */
function mergedPartition(
  table: TableMetadata, found: readonly UnfilteredPartition[], own: MemtablePartition | undefined, filter: ClusteringFilter, nowInSec: number,
): MemtablePartition {
  const first = found[0]!;
  const merged = new MemtablePartition(first.key, first.token, clusteringComparatorFor(table), MERGE_OWNER);
  for (const p of found) merged.apply(p);
  if (own !== undefined) {
    const fromMemtable = readPartition(own, table, filter, nowInSec, Number.POSITIVE_INFINITY).partition;
    if (fromMemtable !== null) merged.apply(fromMemtable);
  }
  return merged;
}

/** A memtable as a source: one being flushed stays readable until its SSTable replaces it. */
export function memtableSource(memtable: Memtable): PartitionSource {
  return {
    readPartition(table, token, key, filter) {
      const p = memtable.partition(token, key);
      return p === undefined ? null : readPartition(p, table, filter, 0, Number.POSITIVE_INFINITY).partition;
    },
    openPartition(table, token, key, filter) {
      const p = memtable.partition(token, key);
      return p === undefined ? null : memtableCursor(p, table, filter);
    },
    *scan(table, range, filter) {
      for (const p of memtable.partitionsIn(range)) {
        const read = readPartition(p, table, filter, 0, Number.POSITIVE_INFINITY).partition;
        if (read !== null) yield read;
      }
    },
  };
}
