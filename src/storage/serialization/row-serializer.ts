import {
  NO_DELETION_TIME,
  type Cell, type Clustering, type ClusteringBound, type ComplexColumn, type DeletionTime, type LivenessInfo,
  type PathCell, type RangeTombstone, type Row,
} from '../../data/index.js';
import type { ColumnDictionary } from './column-dictionary.js';
import type { DataInput } from './data-input.js';
import type { DataOutput } from './data-output.js';

/**
 * Rows, cells and tombstones in bytes (see FORMAT.md in ../sstable). Timestamps are written relative to
 * a base timestamp of the enclosing unit (the smallest one it holds), so recent microsecond timestamps
 * take a few bytes; a cell written with its row's liveness timestamp stores none (Cassandra's
 * USE_ROW_TIMESTAMP).
 */

const ROW_HAS_LIVENESS = 0x01;
const ROW_HAS_DELETION = 0x02;
const ROW_HAS_CELLS = 0x04;
const ROW_HAS_COMPLEX = 0x08;

const CELL_IS_TOMBSTONE = 0x01;
const CELL_HAS_TTL = 0x02;
const CELL_HAS_LOCAL_TIME = 0x04;
const CELL_USES_ROW_TIMESTAMP = 0x08;

/** What one serialized unit shares: its base timestamp and its columns. */
export interface RowContext {
  readonly baseTimestamp: bigint;
  readonly columns: ColumnDictionary;
}

export function writeClustering(out: DataOutput, clustering: Clustering): void {
  out.writeUVInt(clustering.length);
  for (const value of clustering) out.writeBytes(value);
}

export function readClustering(input: DataInput): Buffer[] {
  const count = input.readUVInt();
  const values: Buffer[] = new Array<Buffer>(count);
  for (let i = 0; i < count; i++) values[i] = input.readBytes();
  return values;
}

export function writeDeletionTime(out: DataOutput, d: DeletionTime, base: bigint): void {
  out.writeVLong(d.markedForDeleteAt, base);
  out.writeLocalTime(d.localDeletionTime);
}

export function readDeletionTime(input: DataInput, base: bigint): DeletionTime {
  const markedForDeleteAt = input.readVLong(base);
  return { markedForDeleteAt, localDeletionTime: input.readLocalTime() };
}

function writeBound(out: DataOutput, bound: ClusteringBound): void {
  out.writeByte(bound.inclusive ? 1 : 0);
  writeClustering(out, bound.prefix);
}

function readBound(input: DataInput): ClusteringBound {
  const inclusive = input.readByte() === 1;
  return { inclusive, prefix: readClustering(input) };
}

export function writeRangeTombstone(out: DataOutput, rt: RangeTombstone, base: bigint): void {
  writeBound(out, rt.slice.start);
  writeBound(out, rt.slice.end);
  writeDeletionTime(out, rt.deletion, base);
}

export function readRangeTombstone(input: DataInput, base: bigint): RangeTombstone {
  const start = readBound(input);
  const end = readBound(input);
  return { slice: { start, end }, deletion: readDeletionTime(input, base) };
}

function writeCell(out: DataOutput, cell: Cell, base: bigint, rowTimestamp: bigint | null): void {
  const usesRow = cell.timestamp === rowTimestamp;
  const flags = (cell.value === null ? CELL_IS_TOMBSTONE : 0)
    | (cell.ttlSeconds !== 0 ? CELL_HAS_TTL : 0)
    | (cell.localDeletionTime !== NO_DELETION_TIME ? CELL_HAS_LOCAL_TIME : 0)
    | (usesRow ? CELL_USES_ROW_TIMESTAMP : 0);
  out.writeByte(flags);
  if (!usesRow) out.writeVLong(cell.timestamp, base);
  if (cell.ttlSeconds !== 0) out.writeUVInt(cell.ttlSeconds);
  if (cell.localDeletionTime !== NO_DELETION_TIME) out.writeLocalTime(cell.localDeletionTime);
  if (cell.value !== null) out.writeBytes(cell.value);
}

function readCell(input: DataInput, base: bigint, rowTimestamp: bigint | null): Cell {
  const flags = input.readByte();
  const timestamp = (flags & CELL_USES_ROW_TIMESTAMP) !== 0 && rowTimestamp !== null ? rowTimestamp : input.readVLong(base);
  const ttlSeconds = (flags & CELL_HAS_TTL) !== 0 ? input.readUVInt() : 0;
  const localDeletionTime = (flags & CELL_HAS_LOCAL_TIME) !== 0 ? input.readLocalTime() : NO_DELETION_TIME;
  const value = (flags & CELL_IS_TOMBSTONE) !== 0 ? null : input.readBytes();
  return { value, timestamp, ttlSeconds, localDeletionTime };
}

function writeLiveness(out: DataOutput, liveness: LivenessInfo, base: bigint): void {
  out.writeVLong(liveness.timestamp, base);
  out.writeUVInt(liveness.ttlSeconds);
  out.writeLocalTime(liveness.localExpirationTime);
}

function readLiveness(input: DataInput, base: bigint): LivenessInfo {
  const timestamp = input.readVLong(base);
  const ttlSeconds = input.readUVInt();
  return { timestamp, ttlSeconds, localExpirationTime: input.readLocalTime() };
}

function writeComplex(out: DataOutput, column: ComplexColumn, base: bigint, rowTimestamp: bigint | null): void {
  out.writeByte(column.deletion === null ? 0 : 1);
  if (column.deletion !== null) writeDeletionTime(out, column.deletion, base);
  out.writeUVInt(column.cells.length);
  for (const pc of column.cells) {
    out.writeBytes(pc.path);
    writeCell(out, pc.cell, base, rowTimestamp);
  }
}

function readComplex(input: DataInput, base: bigint, rowTimestamp: bigint | null): ComplexColumn {
  const deletion = input.readByte() === 1 ? readDeletionTime(input, base) : null;
  const count = input.readUVInt();
  const cells: PathCell[] = new Array<PathCell>(count);
  for (let i = 0; i < count; i++) {
    const path = input.readBytes();
    cells[i] = { path, cell: readCell(input, base, rowTimestamp) };
  }
  return { deletion, cells };
}

/** A row, its clustering included (empty for the static row). */
export function writeRow(out: DataOutput, row: Row, ctx: RowContext): void {
  const complexCount = row.complex?.size ?? 0;
  out.writeByte((row.liveness !== null ? ROW_HAS_LIVENESS : 0) | (row.deletion !== null ? ROW_HAS_DELETION : 0)
    | (row.cells.size > 0 ? ROW_HAS_CELLS : 0) | (complexCount > 0 ? ROW_HAS_COMPLEX : 0));
  writeClustering(out, row.clustering);
  const base = ctx.baseTimestamp;
  if (row.liveness !== null) writeLiveness(out, row.liveness, base);
  if (row.deletion !== null) writeDeletionTime(out, row.deletion, base);
  const rowTimestamp = row.liveness?.timestamp ?? null;
  if (row.cells.size > 0) {
    out.writeUVInt(row.cells.size);
    for (const [name, cell] of row.cells) {
      out.writeUVInt(ctx.columns.indexOf(name));
      writeCell(out, cell, base, rowTimestamp);
    }
  }
  if (complexCount > 0) {
    out.writeUVInt(complexCount);
    for (const [name, column] of row.complex!) {
      out.writeUVInt(ctx.columns.indexOf(name));
      writeComplex(out, column, base, rowTimestamp);
    }
  }
}

const NO_CELLS: ReadonlyMap<string, Cell> = new Map();

export function readRow(input: DataInput, ctx: RowContext): Row {
  const flags = input.readByte();
  const clustering = readClustering(input);
  const base = ctx.baseTimestamp;
  const liveness = (flags & ROW_HAS_LIVENESS) !== 0 ? readLiveness(input, base) : null;
  const deletion = (flags & ROW_HAS_DELETION) !== 0 ? readDeletionTime(input, base) : null;
  const rowTimestamp = liveness?.timestamp ?? null;
  let cells = NO_CELLS;
  if ((flags & ROW_HAS_CELLS) !== 0) {
    const map = new Map<string, Cell>();
    for (let n = input.readUVInt(); n > 0; n--) {
      const name = ctx.columns.nameAt(input.readUVInt());
      map.set(name, readCell(input, base, rowTimestamp));
    }
    cells = map;
  }
  if ((flags & ROW_HAS_COMPLEX) === 0) return { clustering, liveness, deletion, cells };
  const complex = new Map<string, ComplexColumn>();
  for (let n = input.readUVInt(); n > 0; n--) {
    const name = ctx.columns.nameAt(input.readUVInt());
    complex.set(name, readComplex(input, base, rowTimestamp));
  }
  return { clustering, liveness, deletion, cells, complex };
}
