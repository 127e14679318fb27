import {
  clusteringComparatorFor, countedRows, selectsFullPartition,
  type ClusteringComparator, type PartitionRangeReadCommand, type PartitionUpdate, type SinglePartitionReadCommand,
  type UnfilteredPartition,
} from '../data/index.js';
import type { TableMetadata } from '../schema/index.js';
import { BTree } from './btree.js';
import { MemtablePartition } from './memtable-partition.js';
import { readPartition } from './partition-reader.js';
import { comparePartitionPositions, PartitionKeyPosition, scanRanges, type ScanRange } from './partition-order.js';
import { ownedBytes } from './retained-bytes.js';

/** The in-memory data of one table on one node: partitions ordered by token then key. */
export class Memtable {
  private readonly partitions = new BTree<PartitionKeyPosition, MemtablePartition>(undefined, comparePartitionPositions);
  /**
   * The same partitions by token, for point lookups, the hot path: a hash lookup is several times
   * cheaper than a B-tree descent. Partitions sharing a token are chained through sameTokenNext.
   */
  private readonly byToken = new Map<bigint, MemtablePartition>();
  /**
   * New partitions not yet in the ordered tree. Only range reads need ring order, so writes just append
   * here and the next range read inserts them, sorted, which is much cheaper than one random insert each.
   */
  private unordered: MemtablePartition[] = [];
  private readonly comparator: ClusteringComparator;
  /** Approximate memory held by the partitions. */
  sizeBytes = 0;
  /** Set when the table is dropped, so that nothing still holding this memtable uses it. */
  retired = false;

  constructor(table: TableMetadata) {
    this.comparator = clusteringComparatorFor(table);
  }

  get partitionCount(): number {
    return this.partitions.size + this.unordered.length;
  }

  /** Rows held, static rows included: a walk over the partitions, for metrics rather than requests. */
  rowCount(): number {
    let n = 0;
    const add = (p: MemtablePartition): void => {
      n += p.rows.size + (p.staticRow === null ? 0 : 1);
    };
    this.partitions.forEach((p) => add(p));
    this.unordered.forEach(add);
    return n;
  }

  apply(update: PartitionUpdate): void {
    let partition = this.find(update.token, update.key);
    if (partition === undefined) {
      partition = new MemtablePartition(ownedBytes(update.key), update.token, this.comparator);
      partition.sameTokenNext = this.byToken.get(update.token) ?? null;
      this.byToken.set(update.token, partition);
      this.unordered.push(partition);
      this.sizeBytes += partition.sizeBytes;
    }
    this.sizeBytes += partition.apply(update);
  }

  readSingle(command: SinglePartitionReadCommand): UnfilteredPartition[] {
    const partition = this.find(command.token, command.key);
    if (partition === undefined) return [];
    const read = readPartition(partition, command.table, command.filter, command.nowInSec, command.rowLimit);
    return read.partition === null ? [] : [read.partition];
  }

  /**
   * Partitions in ring order within the bounds. Only live data counts towards the limits: a partition
   * counts if it has a live row or a live static row; its rows count as countedRows says (at most
   * perPartitionLimit of them, a static-only partition only when whole partitions are read).
   */
  readRange(command: PartitionRangeReadCommand): UnfilteredPartition[] {
    this.order();
    const out: UnfilteredPartition[] = [];
    const countsStaticOnly = selectsFullPartition(command);
    let rowCount = 0;
    let partitionCount = 0;
    for (const range of scanRanges(command.bounds)) {
      for (const partition of this.scan(range)) {
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

  clear(): void {
    this.partitions.clear();
    this.byToken.clear();
    this.unordered = [];
    this.sizeBytes = 0;
  }

  retire(): void {
    this.clear();
    this.retired = true;
  }

  private order(): void {
    if (this.unordered.length === 0) return;
    this.unordered.sort((a, b) => comparePartitionPositions(a.position, b.position));
    for (const p of this.unordered) this.partitions.set(p.position, p);
    this.unordered = [];
  }

  private find(token: bigint, key: Buffer): MemtablePartition | undefined {
    for (let p: MemtablePartition | null = this.byToken.get(token) ?? null; p !== null; p = p.sameTokenNext) {
      if (sameBytes(p.key, key)) return p;
    }
    return undefined;
  }

  private *scan(range: ScanRange): Generator<MemtablePartition> {
    const pair: (PartitionKeyPosition | MemtablePartition)[] = [];
    for (const [, partition] of this.partitions.entries(range.from ?? undefined, pair)) {
      if (range.from !== null && range.fromExclusive && comparePartitionPositions(partition.position, range.from) === 0) continue;
      if (range.to !== null) {
        const c = comparePartitionPositions(partition.position, range.to);
        if (c > 0 || (c === 0 && range.toExclusive)) return;
      }
      yield partition;
    }
  }
}

/** Byte equality without a native call, cheaper for the short keys partitions have. */
function sameBytes(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
