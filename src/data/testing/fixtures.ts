import { buildTable, DEFAULT_TABLE_OPTIONS, type TableMetadata, type TableOptions } from '../../schema/index.js';
import { native, type CqlType } from '../../types/index.js';
import {
  NO_DELETION_TIME,
  type Cell, type Clustering, type ClusteringBound, type ComplexColumn, type DeletionTime, type LivenessInfo, type Mutation,
  type PartitionUpdate, type RangeTombstone, type Row, type Slice,
} from '../partition-update.js';

/** Hand-built metadata and rows for unit tests of data/ and storage/. */

export interface TableSpec {
  readonly name?: string;
  readonly partitionKey?: ReadonlyArray<[string, CqlType]>;
  readonly clustering?: ReadonlyArray<[string, CqlType, 'asc' | 'desc']>;
  readonly statics?: ReadonlyArray<[string, CqlType]>;
  readonly regular?: ReadonlyArray<[string, CqlType]>;
  readonly dropped?: ReadonlyArray<[string, bigint]>;
  /** Options other than the defaults (gc_grace_seconds, say). */
  readonly options?: Partial<TableOptions>;
}

let nextId = 1;

export function testTable(spec: TableSpec = {}): TableMetadata {
  const id = Buffer.alloc(16);
  id.writeUInt32BE(nextId++, 12);
  const plain = ([name, type]: [string, CqlType]) => ({ name, type });
  return buildTable({
    keyspace: 'ks',
    name: spec.name ?? 't',
    id,
    partitionKey: (spec.partitionKey ?? [['pk', native('int')]]).map(plain),
    clustering: (spec.clustering ?? []).map(([name, type, order]) => ({ name, type, order })),
    staticColumns: (spec.statics ?? []).map(plain),
    regularColumns: (spec.regular ?? [['v', native('text')]]).map(plain),
    options: { ...DEFAULT_TABLE_OPTIONS, ...spec.options },
    virtual: false,
    // A table with counters has counters only (CREATE TABLE refuses a mix).
    isCounterTable: [...(spec.statics ?? []), ...(spec.regular ?? [])].some(([, type]) => type.kind === 'native' && type.name === 'counter'),
    droppedColumns: new Map((spec.dropped ?? []).map(([name, droppedAtMicros]) =>
      [name, { type: native('text'), kind: 'regular', droppedAtMicros }])),
    indexes: new Map(),
  });
}

export function int(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

export function text(s: string): Buffer {
  return Buffer.from(s, 'utf8');
}

/** A live cell, or an expiring one when ttlSeconds is given (expiring at writtenAtSec + ttlSeconds). */
export function cell(value: Buffer | string, timestamp: number | bigint, ttlSeconds = 0, writtenAtSec = 0): Cell {
  return {
    value: typeof value === 'string' ? text(value) : value,
    timestamp: BigInt(timestamp),
    ttlSeconds,
    localDeletionTime: ttlSeconds === 0 ? NO_DELETION_TIME : writtenAtSec + ttlSeconds,
  };
}

export function tombstoneCell(timestamp: number | bigint, localDeletionTime = 100): Cell {
  return { value: null, timestamp: BigInt(timestamp), ttlSeconds: 0, localDeletionTime };
}

export function deletion(markedForDeleteAt: number | bigint, localDeletionTime = 100): DeletionTime {
  return { markedForDeleteAt: BigInt(markedForDeleteAt), localDeletionTime };
}

export function liveness(timestamp: number | bigint, ttlSeconds = 0, writtenAtSec = 0): LivenessInfo {
  return {
    timestamp: BigInt(timestamp),
    ttlSeconds,
    localExpirationTime: ttlSeconds === 0 ? NO_DELETION_TIME : writtenAtSec + ttlSeconds,
  };
}

export interface RowSpec {
  readonly liveness?: LivenessInfo | null;
  readonly deletion?: DeletionTime | null;
  /** Multi-cell columns by name, their cells already in path order. */
  readonly complex?: Record<string, ComplexColumn>;
}

export function row(clustering: Clustering, cells: Record<string, Cell> = {}, spec: RowSpec = {}): Row {
  const base = {
    clustering,
    liveness: spec.liveness ?? null,
    deletion: spec.deletion ?? null,
    cells: new Map(Object.entries(cells)),
  };
  return spec.complex === undefined ? base : { ...base, complex: new Map(Object.entries(spec.complex)) };
}

/** A multi-cell column from [path, cell] pairs given in path order. */
export function complex(deletionTime: DeletionTime | null, cells: ReadonlyArray<[Buffer, Cell]> = []): ComplexColumn {
  return { deletion: deletionTime, cells: cells.map(([path, c]) => ({ path, cell: c })) };
}

export interface UpdateSpec {
  readonly token?: bigint;
  readonly rows?: readonly Row[];
  readonly staticRow?: Row | null;
  readonly partitionDeletion?: DeletionTime | null;
  readonly rangeTombstones?: readonly RangeTombstone[];
}

/** A partition update; the token defaults to the key's int value, so tests control ring order. */
export function update(table: TableMetadata, key: Buffer, spec: UpdateSpec = {}): PartitionUpdate {
  return {
    table,
    key,
    token: spec.token ?? BigInt(key.length === 4 ? key.readInt32BE() : 0),
    partitionDeletion: spec.partitionDeletion ?? null,
    rangeTombstones: spec.rangeTombstones ?? [],
    staticRow: spec.staticRow ?? null,
    rows: spec.rows ?? [],
  };
}

export function mutation(...updates: PartitionUpdate[]): Mutation {
  const first = updates[0]!;
  return { keyspace: first.table.keyspace, key: first.key, token: first.token, updates };
}

export function bound(prefix: Clustering, inclusive = true): ClusteringBound {
  return { prefix, inclusive };
}

export function slice(start: ClusteringBound, end: ClusteringBound): Slice {
  return { start, end };
}

export const ALL: Slice = { start: { prefix: [], inclusive: true }, end: { prefix: [], inclusive: true } };

export function rangeTombstone(s: Slice, d: DeletionTime): RangeTombstone {
  return { slice: s, deletion: d };
}
