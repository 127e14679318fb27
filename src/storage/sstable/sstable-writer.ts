import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { invariant } from '../../common/index.js';
import { clusteringComparatorFor, type UnfilteredPartition } from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { comparePartitionPositions, PartitionKeyPosition } from '../partition-order.js';
import { ColumnDictionary, DataOutput, minTimestamp, type RowContext } from '../serialization/index.js';
import type { CommitLogPosition } from '../commitlog/index.js';
import { BloomFilter } from './bloom-filter.js';
import { writeBlock, writeFileHeader } from './component-file.js';
import { BINARY_COMPONENTS, deleteSSTable, type Component, type Descriptor } from './descriptor.js';
import { writeIndexEntry } from './index-entry.js';
import { IndexSummary } from './index-summary.js';
import { COLUMN_INDEX_SIZE_BYTES, writePartitionBlocks } from './partition-blocks.js';
import { StatsCollector, statsToJson, type SSTableStats } from './sstable-stats.js';
import { syncDescriptors, syncPath, type PendingSync } from './pending-sync.js';

export interface SSTableWriterOptions {
  /** Bytes of rows per block of a wide partition (column_index_size); 64 KiB by default. */
  readonly blockSizeBytes?: number;
  /** Index entries per summary sample; the table's min_index_interval by default. */
  readonly indexInterval?: number;
  /** When the SSTable is written, from the node's Clock (tombstone_compaction_interval counts from it); 0 if unknown. */
  readonly createdAtMs?: number;
  /** For a flush: the commit log position the flushed memtable holds everything before. */
  readonly commitLogUpperBound?: CommitLogPosition;
  /**
   * How many partitions will be appended, about (an upper bound is fine): the bloom filter is then sized
   * at once and filled as partitions come, rather than all at the end, in one slice of a background write.
   */
  readonly expectedKeyCount?: number;
}

/** Data.db and Index.db are written out whenever this much is buffered. */
const FLUSH_BYTES = 1 << 20;

/** An open temporary component being appended to. */
class PendingFile {
  readonly fd: number;
  readonly out = new DataOutput(FLUSH_BYTES + 64 * 1024);
  written = 0;
  private closed = false;

  constructor(readonly descriptor: Descriptor, readonly component: Component) {
    this.fd = openSync(descriptor.tmpPath(component), 'w');
    writeFileHeader(this.out, component);
  }

  get position(): number {
    return this.written + this.out.length;
  }

  flush(force = false): void {
    if (!force && this.out.length < FLUSH_BYTES) return;
    const bytes = this.out.toBuffer();
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
    this.written += bytes.length;
    this.out.reset();
  }


  /** Closes the descriptor once (a closed number may already belong to another file). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

/**
 * Writes one SSTable from partitions given in ring order (what a memtable flush or a compaction
 * yields). Everything goes to temporary files; finish() syncs them, renames them to their names and
 * writes the TOC last, so an interrupted write never leaves an SSTable that looks complete.
 */
export class SSTableWriter {
  private readonly data: PendingFile;
  private readonly index: PendingFile;
  private readonly scratch = new DataOutput(COLUMN_INDEX_SIZE_BYTES * 2);
  private readonly chunk = new DataOutput(16 * 1024);
  private chunkEntryCount = 0;
  private readonly summaryFirsts: PartitionKeyPosition[] = [];
  private readonly summaryOffsets: number[] = [];
  private readonly summaryLengths: number[] = [];
  /** Tokens appended, while the filter waits for their count (no expectedKeyCount). */
  private readonly tokens: bigint[] = [];
  private readonly filter: BloomFilter | null;
  private readonly stats = new StatsCollector();
  private readonly columns = new ColumnDictionary();
  private ctx: RowContext | null = null;
  private first: PartitionKeyPosition | null = null;
  private last: PartitionKeyPosition | null = null;
  private readonly blockSizeBytes: number;
  private readonly indexInterval: number;
  private readonly createdAtMs: number;
  private readonly commitLogUpperBound: CommitLogPosition | null;
  private done = false;
  private readonly smallFiles: PendingFile[] = [];

  constructor(readonly descriptor: Descriptor, readonly table: TableMetadata, options: SSTableWriterOptions = {}) {
    this.blockSizeBytes = options.blockSizeBytes ?? COLUMN_INDEX_SIZE_BYTES;
    this.indexInterval = options.indexInterval ?? table.options.minIndexInterval;
    this.createdAtMs = options.createdAtMs ?? 0;
    this.commitLogUpperBound = options.commitLogUpperBound ?? null;
    const expected = options.expectedKeyCount;
    this.filter = expected === undefined ? null : BloomFilter.forKeys(Math.max(1, expected), table.options.bloomFilterFpChance);
    mkdirSync(descriptor.directory, { recursive: true });
    this.data = new PendingFile(descriptor, 'Data.db');
    try {
      this.index = new PendingFile(descriptor, 'Index.db');
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /** Bytes of Data.db written so far, buffered ones included: how far a sliced write has gone. */
  get dataBytes(): number {
    return this.data.position;
  }

  /** Writes out what was appended so far, to be synced: a background write does it as it goes, as trickle_fsync does. */
  syncWritten(): PendingSync {
    this.data.flush(true);
    this.index.flush(true);
    return syncDescriptors([this.data.fd, this.index.fd], true);
  }

  /** Appends a partition; partitions come in ring order, each once, rows in clustering order. */
  append(partition: UnfilteredPartition): void {
    const p = partition.reversed ? { ...partition, rows: [...partition.rows].reverse(), reversed: false } : partition;
    const position = new PartitionKeyPosition(p.token, p.key);
    if (this.last !== null && comparePartitionPositions(this.last, position) >= 0) {
      invariant(false, `SSTable ${this.descriptor.toString()}: partition ${p.key.toString('hex')} (token ${p.token}) comes after the previous one`);
    }
    checkRowOrder(p, this.table);
    this.ctx ??= { baseTimestamp: minTimestamp(p), columns: this.columns };
    const start = this.data.position;
    const { rowBlocks, length } = writePartitionBlocks(this.data.out, this.scratch, p, this.ctx, this.blockSizeBytes);
    this.data.flush();
    this.addIndexEntry(position, { key: p.key, token: p.token, position: start, length, rowBlocks });
    this.stats.add(p);
    if (this.filter === null) this.tokens.push(p.token);
    else this.filter.add(p.token);
    this.first ??= position;
    this.last = position;
  }

  private addIndexEntry(position: PartitionKeyPosition, entry: Parameters<typeof writeIndexEntry>[1]): void {
    if (this.chunkEntryCount === 0) this.summaryFirsts.push(position);
    writeIndexEntry(this.chunk, entry);
    if (++this.chunkEntryCount === this.indexInterval) this.closeChunk();
  }

  private closeChunk(): void {
    if (this.chunkEntryCount === 0) return;
    const offset = this.index.position;
    writeBlock(this.index.out, this.chunk.toBuffer());
    this.summaryOffsets.push(offset);
    this.summaryLengths.push(this.index.position - offset);
    this.index.flush();
    this.chunk.reset();
    this.chunkEntryCount = 0;
  }

  /** Completes the SSTable and makes it visible at once; returns its statistics. */
  finish(): SSTableStats {
    const work = this.finishing();
    for (;;) {
      const step = work.next();
      if (step.done === true) return step.value;
      step.value.runSync();
    }
  }

  /**
   * Completes the SSTable and makes it visible, handing each sync to the caller (see PendingSync): the
   * components are synced, renamed to their names, then the TOC is written, synced and renamed last.
   */
  *finishing(): Generator<PendingSync, SSTableStats> {
    try {
      this.closeChunk();
      this.data.flush(true);
      this.index.flush(true);
      yield syncDescriptors([this.data.fd, this.index.fd]);
      this.data.close();
      this.index.close();
      const stats = this.collectStats();
      const summary = new IndexSummary(this.indexInterval, this.summaryFirsts, this.summaryOffsets, this.summaryLengths, this.last);
      const filter = this.filter ?? BloomFilter.forKeys(this.tokens.length, this.table.options.bloomFilterFpChance);
      if (this.filter === null) for (const token of this.tokens) filter.add(token);
      const small = [
        this.writeSmallComponent('Summary.db', (out) => summary.serialize(out)),
        this.writeSmallComponent('Filter.db', (out) => filter.serialize(out)),
        this.writeSmallComponent('Statistics.db', (out) => out.writeRaw(Buffer.from(statsToJson(stats), 'utf8'))),
      ];
      yield syncDescriptors(small.map((f) => f.fd));
      for (const file of small) file.close();
      for (const component of BINARY_COMPONENTS) renameSync(this.descriptor.tmpPath(component), this.descriptor.path(component));
      const toc = this.descriptor.tmpPath('TOC.txt');
      writeFileSync(toc, [...BINARY_COMPONENTS, 'TOC.txt'].join('\n') + '\n');
      yield syncPath(toc);
      renameSync(toc, this.descriptor.path('TOC.txt'));
      yield syncPath(this.descriptor.directory);
      this.done = true;
      return stats;
    } finally {
      this.abort();
    }
  }

  private collectStats(): SSTableStats {
    const s = this.stats;
    const none = new PartitionKeyPosition(0n, Buffer.alloc(0));
    return {
      keyspace: this.table.keyspace, table: this.table.name, tableId: this.table.id.toString('hex'),
      partitionCount: s.partitionCount, rowCount: s.rowCount, cellCount: s.cellCount, tombstoneCount: s.tombstoneCount,
      minTimestamp: s.minTimestamp ?? 0n, maxTimestamp: s.maxTimestamp ?? 0n,
      minLocalDeletionTime: s.minLocalDeletionTime, maxLocalDeletionTime: s.maxLocalDeletionTime,
      tombstoneHistogram: s.histogram,
      firstKey: (this.first ?? none).key, lastKey: (this.last ?? none).key,
      firstToken: (this.first ?? none).token, lastToken: (this.last ?? none).token,
      baseTimestamp: this.ctx?.baseTimestamp ?? 0n, columns: this.columns.columnNames,
      dataSizeBytes: this.data.written, createdAtMs: this.createdAtMs, commitLogUpperBound: this.commitLogUpperBound,
    };
  }

  /** Writes a component of one block, to be synced and closed by the caller (abort() closes it too). */
  private writeSmallComponent(component: Component, fill: (out: DataOutput) => void): PendingFile {
    const file = new PendingFile(this.descriptor, component);
    this.smallFiles.push(file);
    const payload = new DataOutput();
    fill(payload);
    writeBlock(file.out, payload.toBuffer());
    file.flush(true);
    return file;
  }

  /**
   * Removes every file of this SSTable (after a failure, or when the flush is abandoned): a job stopped while
   * the folder's sync runs has already renamed the TOC, and an SSTable nobody tracks must not come back at
   * the next start.
   */
  abort(): void {
    if (this.done) return;
    // The index file is unset when the constructor failed opening it.
    for (const file of [this.data, this.index as PendingFile | undefined, ...this.smallFiles]) file?.close();
    for (const component of [...BINARY_COMPONENTS, 'TOC.txt'] as const) rmSync(this.descriptor.tmpPath(component), { force: true });
    deleteSSTable(this.descriptor);
  }
}

function checkRowOrder(p: UnfilteredPartition, table: TableMetadata): void {
  const compare = clusteringComparatorFor(table).compare;
  for (let i = 1; i < p.rows.length; i++) {
    if (compare(p.rows[i - 1]!.clustering, p.rows[i]!.clustering) >= 0) {
      invariant(false, `partition ${p.key.toString('hex')}: rows come in clustering order (row ${i})`);
    }
  }
}
