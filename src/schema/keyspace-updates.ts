import type { CqlType, UserType } from '../types/index.js';
import { buildTable, tableDefinition, type ColumnDefinition } from './table-builder.js';
import type { KeyspaceMetadata, ReplicationOptions, TableMetadata } from './table-metadata.js';
import { referencesUserType, withUpdatedUserType } from './type-references.js';
import type { UserFunctionDefinition } from './user-functions.js';

/** Copy-on-write changes to one keyspace; each returns a new KeyspaceMetadata and leaves its input untouched. */

export function newKeyspace(name: string, replication: ReplicationOptions, durableWrites: boolean): KeyspaceMetadata {
  return { name, durableWrites, replication, tables: new Map(), userTypes: new Map(), virtual: false };
}

export function withParams(ks: KeyspaceMetadata, replication: ReplicationOptions, durableWrites: boolean): KeyspaceMetadata {
  return { ...ks, replication, durableWrites };
}

/** Adds or replaces a table. */
export function withTable(ks: KeyspaceMetadata, table: TableMetadata): KeyspaceMetadata {
  return { ...ks, tables: new Map(ks.tables).set(table.name, table) };
}

export function withoutTable(ks: KeyspaceMetadata, name: string): KeyspaceMetadata {
  const tables = new Map(ks.tables);
  tables.delete(name);
  return { ...ks, tables };
}

/**
 * Adds or replaces a user type. A replaced type is also swapped into the types and the table columns that
 * use it, as Cassandra's KeyspaceMetadata.withUpdatedUserType does, so readers never see the old fields.
 */
export function withUserType(ks: KeyspaceMetadata, udt: UserType): KeyspaceMetadata {
  const replacing = ks.userTypes.has(udt.name);
  const userTypes = new Map<string, UserType>();
  for (const [name, t] of ks.userTypes) {
    userTypes.set(name, replacing && name !== udt.name ? (withUpdatedUserType(t, udt) as UserType) : t);
  }
  userTypes.set(udt.name, udt);
  if (!replacing) return { ...ks, userTypes };
  const tables = new Map<string, TableMetadata>();
  for (const [name, table] of ks.tables) tables.set(name, withUpdatedTableType(table, udt));
  const functions = ks.functions?.map((f) => withUpdatedFunctionType(f, udt));
  return functions === undefined ? { ...ks, userTypes, tables } : { ...ks, userTypes, tables, functions };
}

/** A function or aggregate with `udt` swapped into its types (UDFunction.withUpdatedUserType). */
function withUpdatedFunctionType(f: UserFunctionDefinition, udt: UserType): UserFunctionDefinition {
  const uses = (t: CqlType): boolean => referencesUserType(t, udt.keyspace, udt.name);
  const types = [...f.argTypes, f.returnType, ...(f.kind === 'aggregate' ? [f.stateType] : [])];
  if (!types.some(uses)) return f;
  const swap = (t: CqlType): CqlType => withUpdatedUserType(t, udt);
  const updated = { ...f, argTypes: f.argTypes.map(swap), returnType: swap(f.returnType) };
  return updated.kind === 'aggregate' ? { ...updated, stateType: swap(updated.stateType) } : updated;
}

export function withoutUserType(ks: KeyspaceMetadata, name: string): KeyspaceMetadata {
  const userTypes = new Map(ks.userTypes);
  userTypes.delete(name);
  return { ...ks, userTypes };
}

function withUpdatedTableType(table: TableMetadata, udt: UserType): TableMetadata {
  const uses = [...table.columns.values()].some((c) => referencesUserType(c.type, udt.keyspace, udt.name));
  if (!uses) return table;
  const def = tableDefinition(table);
  const swap = <C extends ColumnDefinition>(c: C): C => ({ ...c, type: withUpdatedUserType(c.type, udt) });
  return buildTable({
    ...def,
    partitionKey: def.partitionKey.map(swap),
    clustering: def.clustering.map(swap),
    staticColumns: def.staticColumns.map(swap),
    regularColumns: def.regularColumns.map(swap),
  });
}
