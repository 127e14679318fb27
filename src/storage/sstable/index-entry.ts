import type { Clustering } from '../../data/index.js';
import { readClustering, writeClustering, type DataInput, type DataOutput } from '../serialization/index.js';

/**
 * An entry of Index.db: where a partition's blocks lie in Data.db, and for a partition of several
 * blocks its row index (Cassandra's RowIndexEntry with its IndexInfo list): the first and last
 * clustering of each block of rows, so a slice reads only the blocks that may hold its rows.
 */

/** A block of rows of a wide partition: its offset from the partition's start and its clustering span. */
export interface RowIndexBlock {
  readonly offset: number;
  readonly firstClustering: Clustering;
  readonly lastClustering: Clustering;
}

export interface IndexEntry {
  readonly key: Buffer;
  readonly token: bigint;
  /** Offset of the partition's first block in Data.db. */
  readonly position: number;
  /** Bytes of all its blocks, frames included. */
  readonly length: number;
  /**
   * Empty when the partition is one block (its key and head, then its rows); else block 0 holds the
   * key and head alone and these are the blocks of rows that follow it.
   */
  readonly rowBlocks: readonly RowIndexBlock[];
}

export function writeIndexEntry(out: DataOutput, e: IndexEntry): void {
  out.writeBytes(e.key);
  out.writeLong(e.token);
  out.writeUVInt(e.position);
  out.writeUVInt(e.length);
  out.writeUVInt(e.rowBlocks.length);
  for (const block of e.rowBlocks) {
    out.writeUVInt(block.offset);
    writeClustering(out, block.firstClustering);
    writeClustering(out, block.lastClustering);
  }
}

export function readIndexEntry(input: DataInput): IndexEntry {
  const key = input.readBytes();
  const token = input.readLong();
  const position = input.readUVInt();
  const length = input.readUVInt();
  const count = input.readUVInt();
  const rowBlocks: RowIndexBlock[] = new Array<RowIndexBlock>(count);
  for (let i = 0; i < count; i++) {
    const offset = input.readUVInt();
    const firstClustering = readClustering(input);
    rowBlocks[i] = { offset, firstClustering, lastClustering: readClustering(input) };
  }
  return { key, token, position, length, rowBlocks };
}
