import type { Clustering, ClusteringComparator, DeletionTime, RangeTombstone, Row } from '../../data/index.js';
import type { PartitionCursor } from '../partition-reader.js';
import { CorruptDataError, DataInput, readPartitionHead, readRow, type PartitionHead, type RowContext } from '../serialization/index.js';
import type { ComponentFile } from './component-file.js';
import type { IndexEntry } from './index-entry.js';
import type { PartitionSelection } from './partition-selection.js';

/** Runs a decoder over verified bytes; bytes that still do not decode are corruption of that file. */
export function decoding<T>(file: ComponentFile, offset: number, decode: () => T): T {
  try {
    return decode();
  } catch (e) {
    if (e instanceof CorruptDataError) file.corrupt(offset, e.message);
    throw e;
  }
}

/** Decodes the key and head at the start of a partition's first block; the input is left at its first row, if any. */
export function decodePartitionStart(input: DataInput, entry: IndexEntry, ctx: RowContext): PartitionHead {
  const key = input.readBytes();
  if (!key.equals(entry.key)) throw new CorruptDataError(`holds key ${key.toString('hex')} where the index expects ${entry.key.toString('hex')}`);
  return readPartitionHead(input, ctx);
}

/**
 * A partition of an SSTable read lazily (Cassandra's SSTableIterator over the column index): the head block at
 * once, then the blocks of rows the selection wants, in query order, each read and decoded when the rows before it
 * have been taken. A read that stops after a few rows reads the head and the blocks those rows are in; reading
 * backwards starts with the last block wanted.
 */
export class SSTablePartitionCursor implements PartitionCursor {
  readonly partitionDeletion: DeletionTime | null;
  readonly rangeTombstones: readonly RangeTombstone[];
  readonly staticRow: Row | null;
  /** Rows of the block read last, selected, in query order. */
  private rows: Row[];
  private taken = 0;
  /** The blocks of rows still to read, by their index in the row index, in query order. */
  private readonly blocks: number[] = [];
  private nextBlock = 0;
  /** Of the rows read so far, the last in query order: the next block's must all come after it. */
  private edge: Clustering | null = null;

  constructor(
    private readonly file: ComponentFile,
    private readonly ctx: RowContext,
    private readonly entry: IndexEntry,
    private readonly comparator: ClusteringComparator,
    private readonly selection: PartitionSelection,
    private readonly reversed: boolean,
  ) {
    const rowBlocks = entry.rowBlocks;
    for (let i = 0; i < rowBlocks.length; i++) {
      const b = reversed ? rowBlocks.length - 1 - i : i;
      if (selection.wantsBlock(rowBlocks[b]!)) this.blocks.push(b);
    }
    const headBytes = rowBlocks.length === 0 ? entry.length : rowBlocks[0]!.offset;
    // The first block wanted follows the head: one read takes both.
    const readAhead = this.blocks[0] === 0 ? blockEnd(entry, 0) : 0;
    const payload = file.readBlock(entry.position, headBytes, readAhead);
    this.rows = [];
    const head = decoding(file, entry.position, () => {
      const input = new DataInput(payload);
      const h = decodePartitionStart(input, entry, ctx);
      this.rows = this.selectedRows(input);
      return h;
    });
    this.partitionDeletion = head.partitionDeletion;
    this.rangeTombstones = selection.tombstones(head.rangeTombstones);
    this.staticRow = head.staticRow;
  }

  next(): Row | null {
    while (this.taken === this.rows.length) {
      if (this.nextBlock === this.blocks.length) return null;
      this.readBlockOfRows(this.blocks[this.nextBlock++]!);
    }
    return this.rows[this.taken++]!;
  }

  private readBlockOfRows(b: number): void {
    const block = this.entry.rowBlocks[b]!;
    const at = this.entry.position + block.offset;
    const payload = this.file.readBlock(at, blockEnd(this.entry, b) - block.offset);
    this.rows = decoding(this.file, at, () => this.selectedRows(new DataInput(payload)));
    this.taken = 0;
  }

  /** The rows of one block the selection wants, checked in clustering order (after those read before), in query order. */
  private selectedRows(input: DataInput): Row[] {
    const rows: Row[] = [];
    while (input.remaining > 0) {
      const row = readRow(input, this.ctx);
      if (this.selection.wantsRow(row)) rows.push(row);
    }
    if (rows.length === 0) return rows;
    const cmp = this.comparator.compare;
    for (let i = 1; i < rows.length; i++) {
      if (cmp(rows[i - 1]!.clustering, rows[i]!.clustering) >= 0) this.outOfOrder();
    }
    if (this.reversed) rows.reverse();
    const first = rows[0]!.clustering;
    if (this.edge !== null && (this.reversed ? cmp(first, this.edge) >= 0 : cmp(this.edge, first) >= 0)) this.outOfOrder();
    this.edge = rows[rows.length - 1]!.clustering;
    return rows;
  }

  private outOfOrder(): never {
    return this.file.corrupt(this.entry.position, `rows of partition ${this.entry.key.toString('hex')} out of clustering order`);
  }
}

/** Where block of rows `b` ends, as an offset from the partition's start. */
function blockEnd(entry: IndexEntry, b: number): number {
  return b + 1 < entry.rowBlocks.length ? entry.rowBlocks[b + 1]!.offset : entry.length;
}
