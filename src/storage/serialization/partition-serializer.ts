import type { DeletionTime, PartitionUpdate, RangeTombstone, Row } from '../../data/index.js';
import { ColumnDictionary } from './column-dictionary.js';
import type { DataInput } from './data-input.js';
import type { DataOutput } from './data-output.js';
import {
  readDeletionTime, readRangeTombstone, readRow, writeDeletionTime, writeRangeTombstone, writeRow,
  type RowContext,
} from './row-serializer.js';

/**
 * What a partition holds beyond its key: partition deletion, range tombstones, static row and rows,
 * preceded by the header it is read with (base timestamp and columns by name).
 */

const HAS_PARTITION_DELETION = 0x01;
const HAS_STATIC_ROW = 0x02;

/** The parts of a partition update or unfiltered partition that are stored. */
export type PartitionContent = Pick<PartitionUpdate, 'partitionDeletion' | 'rangeTombstones' | 'staticRow' | 'rows'>;

/** The smallest timestamp a partition holds (0 when it holds none), the base its timestamps are written against. */
export function minTimestamp(p: PartitionContent): bigint {
  let min: bigint | null = null;
  const see = (t: bigint) => {
    if (min === null || t < min) min = t;
  };
  if (p.partitionDeletion !== null) see(p.partitionDeletion.markedForDeleteAt);
  for (const rt of p.rangeTombstones) see(rt.deletion.markedForDeleteAt);
  const seeRow = (row: Row) => {
    if (row.liveness !== null) see(row.liveness.timestamp);
    if (row.deletion !== null) see(row.deletion.markedForDeleteAt);
    for (const cell of row.cells.values()) see(cell.timestamp);
    if (row.complex !== undefined) {
      for (const column of row.complex.values()) {
        if (column.deletion !== null) see(column.deletion.markedForDeleteAt);
        for (const pc of column.cells) see(pc.cell.timestamp);
      }
    }
  };
  if (p.staticRow !== null) seeRow(p.staticRow);
  for (const row of p.rows) seeRow(row);
  return min ?? 0n;
}

/** The header of a partition: its own base timestamp and the columns it uses. */
export function partitionContext(p: PartitionContent): RowContext {
  const columns = new ColumnDictionary();
  if (p.staticRow !== null) columns.collect(p.staticRow);
  for (const row of p.rows) columns.collect(row);
  return { baseTimestamp: minTimestamp(p), columns };
}

export function writeContext(out: DataOutput, ctx: RowContext): void {
  out.writeLong(ctx.baseTimestamp);
  out.writeUVInt(ctx.columns.columnNames.length);
  for (const name of ctx.columns.columnNames) out.writeString(name);
}

export function readContext(input: DataInput): RowContext {
  const baseTimestamp = input.readLong();
  const names: string[] = [];
  for (let n = input.readUVInt(); n > 0; n--) names.push(input.readString());
  return { baseTimestamp, columns: ColumnDictionary.of(names) };
}

/** Partition deletion, range tombstones and static row: what a read of any slice needs. */
export function writePartitionHead(out: DataOutput, p: PartitionContent, ctx: RowContext): void {
  out.writeByte((p.partitionDeletion !== null ? HAS_PARTITION_DELETION : 0) | (p.staticRow !== null ? HAS_STATIC_ROW : 0));
  if (p.partitionDeletion !== null) writeDeletionTime(out, p.partitionDeletion, ctx.baseTimestamp);
  out.writeUVInt(p.rangeTombstones.length);
  for (const rt of p.rangeTombstones) writeRangeTombstone(out, rt, ctx.baseTimestamp);
  if (p.staticRow !== null) writeRow(out, p.staticRow, ctx);
}

export interface PartitionHead {
  readonly partitionDeletion: DeletionTime | null;
  readonly rangeTombstones: readonly RangeTombstone[];
  readonly staticRow: Row | null;
}

export function readPartitionHead(input: DataInput, ctx: RowContext): PartitionHead {
  const flags = input.readByte();
  const partitionDeletion = (flags & HAS_PARTITION_DELETION) !== 0 ? readDeletionTime(input, ctx.baseTimestamp) : null;
  const rangeTombstones: RangeTombstone[] = [];
  for (let n = input.readUVInt(); n > 0; n--) rangeTombstones.push(readRangeTombstone(input, ctx.baseTimestamp));
  const staticRow = (flags & HAS_STATIC_ROW) !== 0 ? readRow(input, ctx) : null;
  return { partitionDeletion, rangeTombstones, staticRow };
}

/** Head and rows, the rows preceded by their count. */
export function writePartitionContent(out: DataOutput, p: PartitionContent, ctx: RowContext): void {
  writePartitionHead(out, p, ctx);
  out.writeUVInt(p.rows.length);
  for (const row of p.rows) writeRow(out, row, ctx);
}

export function readPartitionContent(input: DataInput, ctx: RowContext): PartitionContent {
  const head = readPartitionHead(input, ctx);
  const count = input.readUVInt();
  const rows: Row[] = new Array<Row>(count);
  for (let i = 0; i < count; i++) rows[i] = readRow(input, ctx);
  return { ...head, rows };
}
