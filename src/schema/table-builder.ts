import type { CqlType } from '../types/index.js';
import type {
  ColumnMetadata, DroppedColumn, IndexMetadata, TableMetadata, TableOptions, ViewDefinition,
} from './table-metadata.js';

export interface ColumnDefinition {
  readonly name: string;
  readonly type: CqlType;
}

export interface ClusteringColumnDefinition extends ColumnDefinition {
  readonly order: 'asc' | 'desc';
}

/** Everything needed to build a TableMetadata; positions, name order and the column map are derived. */
export interface TableDefinition {
  readonly keyspace: string;
  readonly name: string;
  readonly id: Buffer;
  readonly partitionKey: readonly ColumnDefinition[];
  readonly clustering: readonly ClusteringColumnDefinition[];
  readonly staticColumns: readonly ColumnDefinition[];
  readonly regularColumns: readonly ColumnDefinition[];
  readonly options: TableOptions;
  readonly virtual: boolean;
  /** Set once at creation (Cassandra's COUNTER flag), not derived, so dropping columns cannot change it. */
  readonly isCounterTable: boolean;
  readonly droppedColumns: ReadonlyMap<string, DroppedColumn>;
  readonly indexes: ReadonlyMap<string, IndexMetadata>;
  /** Set for a materialized view. */
  readonly view?: ViewDefinition;
}

/**
 * Column names compare by their UTF-8 bytes, as Cassandra's ColumnIdentifier does. UTF-8 byte order is code
 * point order, which differs from JavaScript's UTF-16 order only where a surrogate pair meets U+E000..U+FFFF.
 */
export function compareNames(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Lifts surrogates (the start of code points above U+FFFF) above every other UTF-16 unit. */
function codePointRank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x10000 : unit;
}

export function buildTable(def: TableDefinition): TableMetadata {
  const partitionKey = def.partitionKey.map((c, i): ColumnMetadata =>
    ({ name: c.name, type: c.type, kind: 'partition_key', position: i, clusteringOrder: 'none' }));
  const clustering = def.clustering.map((c, i): ColumnMetadata =>
    ({ name: c.name, type: c.type, kind: 'clustering', position: i, clusteringOrder: c.order }));
  const byName = (a: ColumnDefinition, b: ColumnDefinition): number => compareNames(a.name, b.name);
  const staticColumns = [...def.staticColumns].sort(byName).map((c): ColumnMetadata =>
    ({ name: c.name, type: c.type, kind: 'static', position: -1, clusteringOrder: 'none' }));
  const regularColumns = [...def.regularColumns].sort(byName).map((c): ColumnMetadata =>
    ({ name: c.name, type: c.type, kind: 'regular', position: -1, clusteringOrder: 'none' }));
  const all = [...partitionKey, ...clustering, ...staticColumns, ...regularColumns];
  return Object.freeze({
    keyspace: def.keyspace,
    name: def.name,
    id: def.id,
    partitionKey,
    clustering,
    staticColumns,
    regularColumns,
    columns: new Map(all.map((c) => [c.name, c])),
    options: def.options,
    virtual: def.virtual,
    isCounterTable: def.isCounterTable,
    droppedColumns: def.droppedColumns,
    indexes: def.indexes,
    ...(def.view === undefined ? {} : { view: def.view }),
  });
}

/** The definition a table was built from, to derive an altered copy (copy-on-write). */
export function tableDefinition(table: TableMetadata): TableDefinition {
  const plain = (c: ColumnMetadata): ColumnDefinition => ({ name: c.name, type: c.type });
  return {
    keyspace: table.keyspace,
    name: table.name,
    id: table.id,
    partitionKey: table.partitionKey.map(plain),
    clustering: table.clustering.map((c) => ({ ...plain(c), order: c.clusteringOrder === 'desc' ? 'desc' : 'asc' })),
    staticColumns: table.staticColumns.map(plain),
    regularColumns: table.regularColumns.map(plain),
    options: table.options,
    virtual: table.virtual,
    isCounterTable: table.isCounterTable,
    droppedColumns: table.droppedColumns,
    indexes: table.indexes,
    ...(table.view === undefined ? {} : { view: table.view }),
  };
}

export function rebuildTable(table: TableMetadata, changes: Partial<TableDefinition>): TableMetadata {
  return buildTable({ ...tableDefinition(table), ...changes });
}
