import type { UnfilteredPartition } from '../../data/index.js';
import { writePartitionHead, writeRow, type DataOutput, type RowContext } from '../serialization/index.js';
import { writeBlock } from './component-file.js';
import type { RowIndexBlock } from './index-entry.js';

/** Cassandra's column_index_size: a partition's rows are cut into blocks of about this many bytes. */
export const COLUMN_INDEX_SIZE_BYTES = 64 * 1024;

/**
 * Serializes one partition into `scratch` and frames it into `data` as blocks: a single block (key,
 * head, rows) while its rows fit in one block, else a block for the key and head followed by blocks of
 * rows of about `blockSizeBytes` each, cut between rows. Returns the row index of the blocks of rows
 * (empty for a single block) and the bytes appended to `data`.
 */
export function writePartitionBlocks(
  data: DataOutput, scratch: DataOutput, p: UnfilteredPartition, ctx: RowContext, blockSizeBytes: number,
): { rowBlocks: RowIndexBlock[]; length: number } {
  scratch.reset();
  scratch.writeBytes(p.key);
  writePartitionHead(scratch, p, ctx);
  const headEnd = scratch.length;
  /** Start of each block of rows in scratch, and the index of its first row. */
  const starts: number[] = [headEnd];
  const firstRows: number[] = [0];
  for (let i = 0; i < p.rows.length; i++) {
    if (scratch.length - starts[starts.length - 1]! >= blockSizeBytes) {
      starts.push(scratch.length);
      firstRows.push(i);
    }
    writeRow(scratch, p.rows[i]!, ctx);
  }
  const bytes = scratch.toBuffer();
  const before = data.length;
  if (starts.length === 1) {
    writeBlock(data, bytes);
    return { rowBlocks: [], length: data.length - before };
  }
  writeBlock(data, bytes.subarray(0, headEnd));
  const rowBlocks: RowIndexBlock[] = [];
  for (let b = 0; b < starts.length; b++) {
    const end = b + 1 < starts.length ? starts[b + 1]! : bytes.length;
    const lastRow = b + 1 < starts.length ? firstRows[b + 1]! - 1 : p.rows.length - 1;
    rowBlocks.push({
      offset: data.length - before,
      firstClustering: p.rows[firstRows[b]!]!.clustering,
      lastClustering: p.rows[lastRow]!.clustering,
    });
    writeBlock(data, bytes.subarray(starts[b]!, end));
  }
  return { rowBlocks, length: data.length - before };
}
