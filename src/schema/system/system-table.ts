import { invariant } from '../../common/invariant.js';
import type { CqlType } from '../../types/index.js';
import { buildTable } from '../table-builder.js';
import type { TableMetadata, TableOptions } from '../table-metadata.js';
import { DEFAULT_TABLE_OPTIONS } from '../table-options.js';
import { systemTableId } from '../table-id.js';

/** A built-in table written the way Cassandra declares them: columns in order, then the primary key. */
export interface SystemTableSpec {
  readonly name: string;
  readonly comment: string;
  readonly columns: Readonly<Record<string, CqlType>>;
  readonly partitionKey: readonly string[];
  readonly clustering?: readonly string[];
  readonly options?: Partial<TableOptions>;
}

/** Builds the tables of a built-in keyspace; `keyspaceOptions` are the options its tables share. */
export function systemTables(
  keyspace: string,
  keyspaceOptions: Partial<TableOptions>,
  specs: readonly SystemTableSpec[],
  virtual = false,
): ReadonlyMap<string, TableMetadata> {
  return new Map(specs.map((spec) => [spec.name, systemTable(keyspace, keyspaceOptions, spec, virtual)]));
}

function systemTable(keyspace: string, shared: Partial<TableOptions>, spec: SystemTableSpec, virtual: boolean): TableMetadata {
  const typeOf = (name: string): CqlType => {
    const t = spec.columns[name];
    invariant(t !== undefined, `${keyspace}.${spec.name} declares no column ${name}`);
    return t;
  };
  const clustering = spec.clustering ?? [];
  const keyColumns = new Set([...spec.partitionKey, ...clustering]);
  return buildTable({
    keyspace,
    name: spec.name,
    id: systemTableId(keyspace, spec.name),
    partitionKey: spec.partitionKey.map((name) => ({ name, type: typeOf(name) })),
    clustering: clustering.map((name) => ({ name, type: typeOf(name), order: 'asc' })),
    staticColumns: [],
    regularColumns: Object.keys(spec.columns).filter((n) => !keyColumns.has(n)).map((name) => ({ name, type: typeOf(name) })),
    options: { ...DEFAULT_TABLE_OPTIONS, ...shared, ...spec.options, comment: spec.comment },
    virtual,
    isCounterTable: false,
    droppedColumns: new Map(),
    indexes: new Map(),
  });
}
