import type { CqlType, UserType } from '../types/cql-type.js';

/** Column kinds as system_schema.columns names them. */
export type ColumnKind = 'partition_key' | 'clustering' | 'static' | 'regular';

export type ClusteringOrder = 'asc' | 'desc' | 'none';

export interface ColumnMetadata {
  readonly name: string;
  readonly type: CqlType;
  readonly kind: ColumnKind;
  /** Position within the partition key or clustering; -1 for static and regular columns. */
  readonly position: number;
  /** 'asc'/'desc' for clustering columns, 'none' for the others (drivers call .upper() on it). */
  readonly clusteringOrder: ClusteringOrder;
}

/** Table options as reported in system_schema.tables; values kept as CQL literal text where textual. */
export interface TableOptions {
  readonly bloomFilterFpChance: number;
  readonly caching: ReadonlyMap<string, string>;
  readonly comment: string;
  readonly compaction: ReadonlyMap<string, string>;
  readonly compression: ReadonlyMap<string, string>;
  readonly crcCheckChance: number;
  readonly defaultTimeToLive: number;
  readonly gcGraceSeconds: number;
  readonly maxIndexInterval: number;
  readonly memtableFlushPeriodInMs: number;
  readonly minIndexInterval: number;
  readonly readRepair: string;
  readonly speculativeRetry: string;
  readonly additionalWritePolicy: string;
  readonly cdc: boolean;
  readonly extensions: ReadonlyMap<string, Buffer>;
}

export interface TableMetadata {
  readonly keyspace: string;
  readonly name: string;
  /** Table id (a time-based uuid, 16 bytes) as in system_schema.tables.id. */
  readonly id: Buffer;
  readonly partitionKey: readonly ColumnMetadata[];
  readonly clustering: readonly ColumnMetadata[];
  /** Static and regular columns, in name order as Cassandra lists them. */
  readonly staticColumns: readonly ColumnMetadata[];
  readonly regularColumns: readonly ColumnMetadata[];
  /** Every column by name. */
  readonly columns: ReadonlyMap<string, ColumnMetadata>;
  readonly options: TableOptions;
  /** Virtual tables (system_schema.*, system.local…) are read-only and live in system_virtual_schema or as local tables. */
  readonly virtual: boolean;
  readonly isCounterTable: boolean;
  /** Dropped columns with the timestamp of their drop: data written before it is ignored on reads. */
  readonly droppedColumns: ReadonlyMap<string, { type: CqlType; droppedAtMicros: bigint }>;
}

export type ReplicationOptions = ReadonlyMap<string, string>;

export interface KeyspaceMetadata {
  readonly name: string;
  readonly durableWrites: boolean;
  /** As reported: 'class' → full Java class name, 'replication_factor' or one entry per data center. */
  readonly replication: ReplicationOptions;
  readonly tables: ReadonlyMap<string, TableMetadata>;
  readonly userTypes: ReadonlyMap<string, UserType>;
  readonly virtual: boolean;
}
