import type { CqlType, UserType } from '../types/index.js';

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
  /** As system_schema.tables.caching reports it: 'keys' and 'rows_per_partition'. */
  readonly caching: ReadonlyMap<string, string>;
  readonly comment: string;
  /** As reported: 'class' (full Java class name) plus the strategy's options, thresholds included. */
  readonly compaction: ReadonlyMap<string, string>;
  /** As reported: 'class' and 'chunk_length_in_kb', or only 'enabled' → 'false'. */
  readonly compression: ReadonlyMap<string, string>;
  /** The memtable configuration key (Cassandra 4.1's `memtable` option), 'default' unless set. */
  readonly memtable: string;
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

/** A secondary index as system_schema.indexes records it. */
export interface IndexMetadata {
  readonly name: string;
  readonly kind: 'COMPOSITES' | 'KEYS' | 'CUSTOM';
  /** 'target' → the indexed column as CQL (`c`, `keys(m)`, `full(l)`…); custom indexes add 'class_name'. */
  readonly options: ReadonlyMap<string, string>;
}

/** A column removed by ALTER TABLE DROP: cells written at or before droppedAtMicros are ignored. */
export interface DroppedColumn {
  readonly type: CqlType;
  readonly kind: 'regular' | 'static';
  readonly droppedAtMicros: bigint;
}

/** A relation of a view's WHERE clause other than IS NOT NULL, on a base column, its values serialized. */
export interface ViewRestriction {
  readonly column: string;
  readonly operator: '=' | '<' | '<=' | '>' | '>=' | 'IN';
  /** One value, or the IN list. */
  readonly values: readonly Buffer[];
}

/**
 * What makes a table a materialized view (Cassandra's ViewMetadata next to the view's TableMetadata): the
 * base table it is kept from, whether it selects every column (new base columns join it), its WHERE clause.
 */
export interface ViewDefinition {
  readonly baseTableId: Buffer;
  readonly baseTableName: string;
  readonly includeAllColumns: boolean;
  /** The WHERE clause as CQL, as system_schema.views.where_clause holds it. */
  readonly whereClause: string;
  /** The relations a base row must satisfy to have a view row, IS NOT NULL left out. */
  readonly filter: readonly ViewRestriction[];
  /**
   * The base column outside the base primary key that is in the view's (at most one): its liveness is the
   * view row's (View.enforceStrictLiveness), so other cells cannot keep a view row alive without it.
   */
  readonly baseNonKeyColumnInKey: string | null;
}

export interface TableMetadata {
  readonly keyspace: string;
  readonly name: string;
  /** Table id (a time-based uuid, 16 bytes) as in system_schema.tables.id. */
  readonly id: Buffer;
  readonly partitionKey: readonly ColumnMetadata[];
  readonly clustering: readonly ColumnMetadata[];
  /** Static and regular columns, each in name order (UTF-8 bytes), as `SELECT *` lists them. */
  readonly staticColumns: readonly ColumnMetadata[];
  readonly regularColumns: readonly ColumnMetadata[];
  /** Every column by name. */
  readonly columns: ReadonlyMap<string, ColumnMetadata>;
  readonly options: TableOptions;
  /** Virtual tables (system_virtual_schema.*, system_views.*) are read-only and absent from system_schema. */
  readonly virtual: boolean;
  readonly isCounterTable: boolean;
  /** Dropped columns by name, with the timestamp of their drop: data written before it is ignored on reads. */
  readonly droppedColumns: ReadonlyMap<string, DroppedColumn>;
  /** Secondary indexes by name. */
  readonly indexes: ReadonlyMap<string, IndexMetadata>;
  /** Set when the table is a materialized view (kept among the keyspace's tables, as Cassandra's stores are). */
  readonly view?: ViewDefinition;
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
