import { existsSync, readFileSync } from 'node:fs';
import {
  clusteringComparatorFor, type ClusteringComparator, type ClusteringFilter, type Row, type UnfilteredPartition,
} from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { comparePartitionPositions, PartitionKeyPosition, type ScanRange } from '../partition-order.js';
import type { PartitionCursor } from '../partition-reader.js';
import { ColumnDictionary, CorruptDataError, DataInput, readRow, type RowContext } from '../serialization/index.js';
import { BloomFilter } from './bloom-filter.js';
import { ComponentFile, FILE_HEADER_BYTES } from './component-file.js';
import { BINARY_COMPONENTS, type Component, type Descriptor } from './descriptor.js';
import { readIndexEntry, type IndexEntry } from './index-entry.js';
import { IndexSummary } from './index-summary.js';
import { PartitionSelection } from './partition-selection.js';
import { decodePartitionStart, decoding, SSTablePartitionCursor } from './sstable-partition-cursor.js';
import { CorruptSSTableError } from './sstable-errors.js';
import { statsFromJson, type SSTableStats } from './sstable-stats.js';

/** Sequential scans read Data.db in windows of this size. */
const SCAN_READ_AHEAD_BYTES = 256 * 1024;

/**
 * An open SSTable. Its summary, bloom filter and statistics stay in memory; Index.db and Data.db are
 * read with positional reads, every block's checksum verified. Reads are synchronous (Cassandra reads
 * its memory-mapped files the same way); each returns partitions with their tombstones, for the caller
 * to merge with the memtable and the other SSTables.
 */
export class SSTableReader {
  /** Point reads the bloom filter answered without touching Index.db or Data.db. */
  bloomRejectCount = 0;

  private constructor(
    readonly descriptor: Descriptor,
    readonly stats: SSTableStats,
    private readonly summary: IndexSummary,
    private readonly filter: BloomFilter,
    private readonly data: ComponentFile,
    private readonly index: ComponentFile,
    private readonly ctx: RowContext,
  ) {}

  /** Opens a complete SSTable, checking every component's header and the checksums of those kept in memory. */
  static open(descriptor: Descriptor): SSTableReader {
    const toc = descriptor.path('TOC.txt');
    if (!existsSync(toc)) throw new CorruptSSTableError(toc, 'missing: the SSTable was not completely written');
    const listed = readFileSync(toc, 'utf8').split('\n');
    for (const component of BINARY_COMPONENTS) {
      if (!listed.includes(component)) throw new CorruptSSTableError(toc, `does not list ${component}`);
    }
    const stats = statsFromJson(readSmallComponent(descriptor, 'Statistics.db', (input) => input.readRaw(input.remaining).toString('utf8')));
    const summary = readSmallComponent(descriptor, 'Summary.db', (input) => IndexSummary.deserialize(input));
    const filter = readSmallComponent(descriptor, 'Filter.db', (input) => BloomFilter.deserialize(input));
    const data = new ComponentFile(descriptor.path('Data.db'), 'Data.db');
    let index: ComponentFile;
    try {
      index = new ComponentFile(descriptor.path('Index.db'), 'Index.db');
    } catch (e) {
      data.close();
      throw e;
    }
    if (data.sizeBytes !== stats.dataSizeBytes) {
      data.close();
      index.close();
      throw new CorruptSSTableError(data.path, `${data.sizeBytes} bytes where ${stats.dataSizeBytes} were written`);
    }
    const ctx = { baseTimestamp: stats.baseTimestamp, columns: ColumnDictionary.of(stats.columns) };
    return new SSTableReader(descriptor, stats, summary, filter, data, index, ctx);
  }

  /** Positional reads of Data.db so far (a lookup the bloom filter rejects adds none). */
  get dataReadCount(): number {
    return this.data.readCount;
  }

  get indexReadCount(): number {
    return this.index.readCount;
  }

  /** Bytes on disk of Data.db (what size-tiered compaction buckets by). */
  get dataSizeBytes(): number {
    return this.data.sizeBytes;
  }

  /** Whether the partition of this token may be here (bloom filter; false means certainly not). */
  mayContain(token: bigint): boolean {
    return this.filter.mightContain(token);
  }

  /**
   * The partition of `key`, narrowed to what `filter` selects (null: all of it), with every tombstone
   * covering that; null when this SSTable holds nothing of it.
   */
  readPartition(table: TableMetadata, key: Buffer, token: bigint, filter: ClusteringFilter | null = null): UnfilteredPartition | null {
    if (!this.filter.mightContain(token)) {
      this.bloomRejectCount++;
      return null;
    }
    const entry = this.findEntry(new PartitionKeyPosition(token, key));
    return entry === null ? null : this.readEntry(table, entry, filter, 0);
  }

  /**
   * The partition of `key` read lazily (see SSTablePartitionCursor): its head now, its rows within `filter` block
   * by block as they are taken, for a read with a row limit; null when this SSTable holds nothing of it.
   */
  openPartition(table: TableMetadata, key: Buffer, token: bigint, filter: ClusteringFilter): PartitionCursor | null {
    if (!this.filter.mightContain(token)) {
      this.bloomRejectCount++;
      return null;
    }
    const entry = this.findEntry(new PartitionKeyPosition(token, key));
    if (entry === null) return null;
    const comparator = clusteringComparatorFor(table);
    return new SSTablePartitionCursor(this.data, this.ctx, entry, comparator, PartitionSelection.of(comparator, filter), filter.reversed);
  }

  /** Partitions in ring order from `range` (null: the whole SSTable), each narrowed by `filter`. */
  *scan(table: TableMetadata, range: ScanRange | null = null, filter: ClusteringFilter | null = null): Generator<UnfilteredPartition> {
    const from = range?.from ?? null;
    const to = range?.to ?? null;
    let previous: PartitionKeyPosition | null = null;
    for (let chunk = from === null ? 0 : Math.max(0, this.summary.chunkFor(from)); chunk < this.summary.chunkCount; chunk++) {
      for (const entry of this.readChunk(chunk)) {
        const position = new PartitionKeyPosition(entry.token, entry.key);
        if (previous !== null && comparePartitionPositions(previous, position) >= 0) {
          throw new CorruptSSTableError(this.index.path, `partition ${entry.key.toString('hex')} out of ring order`);
        }
        previous = position;
        if (from !== null) {
          const c = comparePartitionPositions(position, from);
          if (c < 0 || (c === 0 && range!.fromExclusive)) continue;
        }
        if (to !== null) {
          const c = comparePartitionPositions(position, to);
          if (c > 0 || (c === 0 && range!.toExclusive)) return;
        }
        const p = this.readEntry(table, entry, filter, SCAN_READ_AHEAD_BYTES);
        if (p !== null) yield p;
      }
    }
  }

  close(): void {
    this.data.close();
    this.index.close();
  }

  private findEntry(position: PartitionKeyPosition): IndexEntry | null {
    const chunk = this.summary.chunkFor(position);
    if (chunk < 0) return null;
    if (this.summary.last !== null && comparePartitionPositions(position, this.summary.last) > 0) return null;
    for (const entry of this.readChunk(chunk)) {
      const c = comparePartitionPositions(new PartitionKeyPosition(entry.token, entry.key), position);
      if (c === 0) return entry;
      if (c > 0) return null;
    }
    return null;
  }

  private readChunk(chunk: number): IndexEntry[] {
    const payload = this.index.readBlock(this.summary.chunkOffsets[chunk]!, this.summary.chunkLengths[chunk]!);
    return decoding(this.index, this.summary.chunkOffsets[chunk]!, () => {
      const input = new DataInput(payload);
      const entries: IndexEntry[] = [];
      while (input.remaining > 0) entries.push(readIndexEntry(input));
      return entries;
    });
  }

  private readEntry(table: TableMetadata, entry: IndexEntry, filter: ClusteringFilter | null, readAheadBytes: number): UnfilteredPartition | null {
    const comparator = clusteringComparatorFor(table);
    const selection = PartitionSelection.of(comparator, filter);
    const blocks = entry.rowBlocks;
    const headBytes = blocks.length === 0 ? entry.length : blocks[0]!.offset;
    const headPayload = this.data.readBlock(entry.position, headBytes, Math.max(readAheadBytes, selection.selectsAll ? entry.length : 0));
    const rows: Row[] = [];
    const head = decoding(this.data, entry.position, () => {
      const input = new DataInput(headPayload);
      const h = decodePartitionStart(input, entry, this.ctx);
      this.readRows(input, selection, rows);
      return h;
    });
    for (let b = 0; b < blocks.length; b++) {
      if (!selection.wantsBlock(blocks[b]!)) continue;
      const at = entry.position + blocks[b]!.offset;
      const end = b + 1 < blocks.length ? blocks[b + 1]!.offset : entry.length;
      const payload = this.data.readBlock(at, end - blocks[b]!.offset, readAheadBytes);
      decoding(this.data, at, () => this.readRows(new DataInput(payload), selection, rows));
    }
    checkRowOrder(this.data, entry, rows, comparator);
    const rangeTombstones = selection.tombstones(head.rangeTombstones);
    if (rows.length === 0 && head.staticRow === null && head.partitionDeletion === null && rangeTombstones.length === 0) return null;
    const reversed = filter?.reversed ?? false;
    if (reversed) rows.reverse();
    return { table, key: entry.key, token: entry.token, ...head, rangeTombstones, rows, reversed };
  }

  private readRows(input: DataInput, selection: PartitionSelection, into: Row[]): void {
    while (input.remaining > 0) {
      const row = readRow(input, this.ctx);
      if (selection.wantsRow(row)) into.push(row);
    }
  }
}

function checkRowOrder(file: ComponentFile, entry: IndexEntry, rows: readonly Row[], comparator: ClusteringComparator): void {
  for (let i = 1; i < rows.length; i++) {
    if (comparator.compare(rows[i - 1]!.clustering, rows[i]!.clustering) >= 0) {
      file.corrupt(entry.position, `rows of partition ${entry.key.toString('hex')} out of clustering order`);
    }
  }
}

/** Reads a component made of one block (summary, filter, statistics) whole, checksum verified. */
function readSmallComponent<T>(descriptor: Descriptor, component: Component, decode: (input: DataInput) => T): T {
  const file = new ComponentFile(descriptor.path(component), component);
  try {
    const payload = file.readBlock(FILE_HEADER_BYTES, file.sizeBytes - FILE_HEADER_BYTES);
    try {
      return decode(new DataInput(payload));
    } catch (e) {
      if (e instanceof CorruptDataError || e instanceof SyntaxError || e instanceof TypeError) file.corrupt(FILE_HEADER_BYTES, e.message);
      throw e;
    }
  } finally {
    file.close();
  }
}
