import {
  NO_DELETION_TIME,
  type Cell, type Clustering, type ClusteringComparator, type ComplexColumn, type DeletionTime, type LivenessInfo, type PathCell,
  type RangeTombstone, type Row, type SlicePositions,
} from '../data/index.js';
import { invariant } from '../common/index.js';
import { NO_CLUSTERING } from './retained-bytes.js';
import { smallRowStore, type RowStore } from './row-store.js';

/**
 * The compact form of a small memtable partition: its key and content serialized into one latin1 string
 * (one byte per character). A string is a single heap object with 16 bytes of header; the same content as
 * objects (key and value Buffers, a Row, its cells Map, Cell and liveness objects, BigInt timestamps) takes
 * hundreds of bytes. Strings are immutable, so copies of a partition share theirs, and collected one by one,
 * so no slab needs compacting.
 *
 * The layout is the memtable's own, never written out: it holds whatever the data model holds, exactly, and
 * needs no schema (column names go through a process-wide dictionary). Layout:
 *   key length (varint), key bytes, flags, row count (varint), base timestamp (8 bytes, signed),
 *   [partition deletion], [range tombstones], [static row], rows in clustering order.
 * Timestamps are written as differences from the base timestamp (the first one met while writing), in one
 * byte for a row marker and cells written by one statement.
 */

/** What a memtable partition holds besides its token: the tree form, changed in place by writes. */
export interface PartitionData {
  readonly key: Buffer;
  partitionDeletion: DeletionTime | null;
  /** Replaced, never changed in place: copies share it (and partitions without any share one empty list). */
  rangeTombstones: readonly StoredRangeTombstone[];
  staticRow: Row | null;
  rows: RowStore;
}

/** A range tombstone with its slice as positions, computed once. */
export interface StoredRangeTombstone {
  readonly tombstone: RangeTombstone;
  readonly positions: SlicePositions;
}

export const NO_RANGE_TOMBSTONES: readonly StoredRangeTombstone[] = [];

const HAS_PARTITION_DELETION = 1;
const HAS_RANGE_TOMBSTONES = 2;
const HAS_STATIC_ROW = 4;

const ROW_LIVENESS = 1;
const ROW_LIVENESS_TTL = 2;
const ROW_LIVENESS_EXPIRY = 4;
const ROW_DELETION = 8;
const ROW_COMPLEX = 16;

const CELL_TOMBSTONE = 1;
const CELL_TTL = 2;
const CELL_DELETION_TIME = 4;

/** Timestamp differences within ±2^50 take the short form (a zigzag varint, doubled to leave room for the marker). */
const SHORT_DELTA_LIMIT = 2 ** 50;
const LONG_TIMESTAMP = 1;

// ---- column names ----------------------------------------------------------------------------------

/** Column names as small numbers, for every table of the process: names come from schemas, so they stay few. */
const columnIds = new Map<string, number>();
const columnNames: string[] = [];

function columnId(name: string): number {
  let id = columnIds.get(name);
  if (id === undefined) {
    id = columnNames.length;
    columnNames.push(name);
    columnIds.set(name, id);
  }
  return id;
}

// ---- writing ---------------------------------------------------------------------------------------

/** One writer for the process: partitions are encoded one at a time, synchronously. */
let out = Buffer.allocUnsafeSlow(4096);
let pos = 0;
let writeBase = 0n;
let hasBase = false;

function ensure(n: number): void {
  if (pos + n <= out.length) return;
  let size = out.length * 2;
  while (size < pos + n) size *= 2;
  const grown = Buffer.allocUnsafeSlow(size);
  out.copy(grown, 0, 0, pos);
  out = grown;
}

function writeVarint(v: number): void {
  ensure(8);
  while (v >= 0x80) {
    out[pos++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  out[pos++] = v;
}

function writeSigned(v: number): void {
  writeVarint(v >= 0 ? v * 2 : -v * 2 - 1);
}

function writeBytes(b: Buffer): void {
  writeVarint(b.length);
  ensure(b.length);
  b.copy(out, pos);
  pos += b.length;
}

function writeTimestamp(ts: bigint): void {
  if (!hasBase) {
    writeBase = ts;
    hasBase = true;
  }
  const delta = ts - writeBase;
  if (delta > -SHORT_DELTA_LIMIT && delta < SHORT_DELTA_LIMIT) {
    const d = Number(delta);
    writeVarint((d >= 0 ? d * 2 : -d * 2 - 1) * 2);
    return;
  }
  writeVarint(LONG_TIMESTAMP);
  ensure(8);
  out.writeBigInt64BE(ts, pos);
  pos += 8;
}

function writeDeletion(d: DeletionTime): void {
  writeTimestamp(d.markedForDeleteAt);
  writeSigned(d.localDeletionTime);
}

function writeClustering(c: Clustering): void {
  writeVarint(c.length);
  for (const v of c) writeBytes(v);
}

function writeCell(cell: Cell): void {
  const flags = (cell.value === null ? CELL_TOMBSTONE : 0) | (cell.ttlSeconds !== 0 ? CELL_TTL : 0)
    | (cell.localDeletionTime !== NO_DELETION_TIME ? CELL_DELETION_TIME : 0);
  writeVarint(flags);
  writeTimestamp(cell.timestamp);
  if (cell.ttlSeconds !== 0) writeSigned(cell.ttlSeconds);
  if (cell.localDeletionTime !== NO_DELETION_TIME) writeSigned(cell.localDeletionTime);
  if (cell.value !== null) writeBytes(cell.value);
}

function writeRow(row: Row, withClustering: boolean): void {
  if (withClustering) for (const v of row.clustering) writeBytes(v);
  const l = row.liveness;
  const flags = (l === null ? 0 : ROW_LIVENESS | (l.ttlSeconds !== 0 ? ROW_LIVENESS_TTL : 0)
    | (l.localExpirationTime !== NO_DELETION_TIME ? ROW_LIVENESS_EXPIRY : 0))
    | (row.deletion === null ? 0 : ROW_DELETION) | (row.complex === undefined ? 0 : ROW_COMPLEX);
  writeVarint(flags);
  if (l !== null) {
    writeTimestamp(l.timestamp);
    if (l.ttlSeconds !== 0) writeSigned(l.ttlSeconds);
    if (l.localExpirationTime !== NO_DELETION_TIME) writeSigned(l.localExpirationTime);
  }
  if (row.deletion !== null) writeDeletion(row.deletion);
  writeVarint(row.cells.size);
  for (const [name, cell] of row.cells) {
    writeVarint(columnId(name));
    writeCell(cell);
  }
  if (row.complex === undefined) return;
  writeVarint(row.complex.size);
  for (const [name, column] of row.complex) {
    writeVarint(columnId(name));
    writeVarint(column.deletion === null ? 0 : 1);
    if (column.deletion !== null) writeDeletion(column.deletion);
    writeVarint(column.cells.length);
    for (const { path, cell } of column.cells) {
      writeBytes(path);
      writeCell(cell);
    }
  }
}

/**
 * The compact form of a partition, or null when it would be longer than `maxLength` bytes (a partition
 * that large is kept as objects: rewriting it on every write would cost more than its objects weigh).
 */
export function encodePartition(data: PartitionData, maxLength: number): string | null {
  pos = 0;
  hasBase = false;
  writeBase = 0n;
  writeBytes(data.key);
  const flags = (data.partitionDeletion === null ? 0 : HAS_PARTITION_DELETION)
    | (data.rangeTombstones.length === 0 ? 0 : HAS_RANGE_TOMBSTONES) | (data.staticRow === null ? 0 : HAS_STATIC_ROW);
  writeVarint(flags);
  writeVarint(data.rows.size);
  const baseAt = pos;
  ensure(8);
  pos += 8;
  if (data.partitionDeletion !== null) writeDeletion(data.partitionDeletion);
  if (data.rangeTombstones.length > 0) {
    writeVarint(data.rangeTombstones.length);
    for (const { tombstone: { slice, deletion } } of data.rangeTombstones) {
      writeClustering(slice.start.prefix);
      writeVarint(slice.start.inclusive ? 1 : 0);
      writeClustering(slice.end.prefix);
      writeVarint(slice.end.inclusive ? 1 : 0);
      writeDeletion(deletion);
    }
  }
  if (data.staticRow !== null) writeRow(data.staticRow, false);
  for (const row of data.rows.all()) {
    writeRow(row, true);
    if (pos > maxLength) return null;
  }
  if (pos > maxLength) return null;
  out.writeBigInt64BE(writeBase, baseAt);
  return out.toString('latin1', 0, pos);
}

// ---- reading ---------------------------------------------------------------------------------------

/** The reader's state: partitions are decoded one at a time, synchronously. */
let input: Buffer = Buffer.alloc(0);
let at = 0;
let readBase = 0n;
let lastDelta = 0;
let lastTimestamp = 0n;

function readVarint(): number {
  let b = input[at++]!;
  if (b < 0x80) return b;
  let v = b & 0x7f;
  let scale = 0x80;
  for (;;) {
    b = input[at++]!;
    v += (b & 0x7f) * scale;
    if (b < 0x80) return v;
    scale *= 0x80;
  }
}

function readSigned(): number {
  const z = readVarint();
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}

function readBytes(): Buffer {
  const length = readVarint();
  const b = input.subarray(at, at + length);
  at += length;
  return b;
}

function readTimestamp(): bigint {
  const v = readVarint();
  if (v === LONG_TIMESTAMP) {
    const ts = input.readBigInt64BE(at);
    at += 8;
    return ts;
  }
  const z = v / 2;
  const delta = z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  // A row marker and the cells of one statement share a timestamp: they share one BigInt too.
  if (delta !== lastDelta) {
    lastDelta = delta;
    lastTimestamp = readBase + BigInt(delta);
  }
  return lastTimestamp;
}

function readDeletion(): DeletionTime {
  const markedForDeleteAt = readTimestamp();
  return { markedForDeleteAt, localDeletionTime: readSigned() };
}

function readClustering(): Clustering {
  const n = readVarint();
  if (n === 0) return NO_CLUSTERING;
  const c: Buffer[] = [];
  for (let i = 0; i < n; i++) c.push(readBytes());
  return c;
}

function readCell(): Cell {
  const flags = readVarint();
  const timestamp = readTimestamp();
  const ttlSeconds = (flags & CELL_TTL) === 0 ? 0 : readSigned();
  const localDeletionTime = (flags & CELL_DELETION_TIME) === 0 ? NO_DELETION_TIME : readSigned();
  const value = (flags & CELL_TOMBSTONE) === 0 ? readBytes() : null;
  return { value, timestamp, ttlSeconds, localDeletionTime };
}

function readRow(clusteringSize: number): Row {
  let clustering = NO_CLUSTERING;
  if (clusteringSize > 0) {
    const c: Buffer[] = [];
    for (let i = 0; i < clusteringSize; i++) c.push(readBytes());
    clustering = c;
  }
  const flags = readVarint();
  let liveness: LivenessInfo | null = null;
  if ((flags & ROW_LIVENESS) !== 0) {
    const timestamp = readTimestamp();
    const ttlSeconds = (flags & ROW_LIVENESS_TTL) === 0 ? 0 : readSigned();
    const localExpirationTime = (flags & ROW_LIVENESS_EXPIRY) === 0 ? NO_DELETION_TIME : readSigned();
    liveness = { timestamp, ttlSeconds, localExpirationTime };
  }
  const deletion = (flags & ROW_DELETION) === 0 ? null : readDeletion();
  const cells = new Map<string, Cell>();
  for (let n = readVarint(); n > 0; n--) {
    const name = columnNames[readVarint()]!;
    cells.set(name, readCell());
  }
  if ((flags & ROW_COMPLEX) === 0) return { clustering, liveness, deletion, cells };
  const complex = new Map<string, ComplexColumn>();
  for (let n = readVarint(); n > 0; n--) {
    const name = columnNames[readVarint()]!;
    const columnDeletion = readVarint() === 0 ? null : readDeletion();
    const elements: PathCell[] = [];
    for (let k = readVarint(); k > 0; k--) {
      const path = readBytes();
      elements.push({ path, cell: readCell() });
    }
    complex.set(name, { deletion: columnDeletion, cells: elements });
  }
  return { clustering, liveness, deletion, cells, complex };
}

/**
 * The content of a compact partition as objects. `detached`: its Buffers get memory of their own, to be
 * kept (a write's copy that may become the tree form); otherwise they are views of a pooled buffer, for a
 * read's short-lived answer.
 */
export function decodePartition(encoded: string, comparator: ClusteringComparator, detached: boolean): PartitionData {
  let b: Buffer;
  if (detached) {
    b = Buffer.allocUnsafeSlow(encoded.length);
    b.write(encoded, 'latin1');
  } else {
    b = Buffer.from(encoded, 'latin1');
  }
  input = b;
  at = 0;
  const key = readBytes();
  const flags = readVarint();
  const rowCount = readVarint();
  readBase = input.readBigInt64BE(at);
  at += 8;
  lastDelta = 0;
  lastTimestamp = readBase;
  const partitionDeletion = (flags & HAS_PARTITION_DELETION) === 0 ? null : readDeletion();
  let rangeTombstones = NO_RANGE_TOMBSTONES;
  if ((flags & HAS_RANGE_TOMBSTONES) !== 0) {
    const list: StoredRangeTombstone[] = [];
    for (let n = readVarint(); n > 0; n--) {
      const startPrefix = readClustering();
      const start = { prefix: startPrefix, inclusive: readVarint() === 1 };
      const endPrefix = readClustering();
      const end = { prefix: endPrefix, inclusive: readVarint() === 1 };
      const slice = { start, end };
      list.push({ tombstone: { slice, deletion: readDeletion() }, positions: comparator.positionsOf(slice) });
    }
    rangeTombstones = list;
  }
  const staticRow = (flags & HAS_STATIC_ROW) === 0 ? null : readRow(0);
  const rows: Row[] = [];
  for (let i = 0; i < rowCount; i++) rows.push(readRow(comparator.size));
  invariant(at === input.length, 'a compact partition is read to its end');
  input = EMPTY;
  return { key, partitionDeletion, rangeTombstones, staticRow, rows: smallRowStore(comparator, rows) };
}

const EMPTY = Buffer.alloc(0);

/** The key's length and where its bytes start in a compact partition. */
function keyExtent(encoded: string): { start: number; length: number } {
  let length = 0;
  let scale = 1;
  let i = 0;
  for (;;) {
    const b = encoded.charCodeAt(i++);
    length += (b & 0x7f) * scale;
    if (b < 0x80) return { start: i, length };
    scale *= 0x80;
  }
}

/** The key of a compact partition. */
export function encodedKey(encoded: string): Buffer {
  const { start, length } = keyExtent(encoded);
  const key = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) key[i] = encoded.charCodeAt(start + i);
  return key;
}

/** Whether a compact partition is that of `key`, without making its key a Buffer. */
export function hasEncodedKey(encoded: string, key: Buffer): boolean {
  // Keys shorter than 128 bytes (nearly all) have a one-byte length.
  const first = encoded.charCodeAt(0);
  const { start, length } = first < 0x80 ? { start: 1, length: first } : keyExtent(encoded);
  if (length !== key.length) return false;
  for (let i = 0; i < length; i++) if (encoded.charCodeAt(start + i) !== key[i]) return false;
  return true;
}

/** The number of rows of a compact partition (static row apart) and whether it has a static row. */
export function encodedRowCounts(encoded: string): { rows: number; hasStaticRow: boolean } {
  const { start, length } = keyExtent(encoded);
  let i = start + length;
  const flags = encoded.charCodeAt(i++);
  let rows = 0;
  let scale = 1;
  for (;;) {
    const b = encoded.charCodeAt(i++);
    rows += (b & 0x7f) * scale;
    if (b < 0x80) break;
    scale *= 0x80;
  }
  return { rows, hasStaticRow: (flags & HAS_STATIC_ROW) !== 0 };
}

/** A partition holding nothing but its key, with `rows` to hold its rows. */
export function emptyPartitionData(key: Buffer, rows: RowStore): PartitionData {
  return { key, partitionDeletion: null, rangeTombstones: NO_RANGE_TOMBSTONES, staticRow: null, rows };
}
