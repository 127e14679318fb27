import { referencesUserType, type KeyspaceMetadata, type TableMetadata } from '../../schema/index.js';
import { maybeQuoteIdentifier, type UserType } from '../../types/index.js';
import { indexCql, keyspaceCql, tableCql, typeCql, viewCql } from './create-statements.js';
import { functionElements } from './function-elements.js';

/** Something DESCRIBE can list or print (Cassandra's SchemaElement). */
export interface SchemaElement {
  readonly keyspace: string;
  readonly type: 'keyspace' | 'table' | 'type' | 'index' | 'function' | 'aggregate' | 'materialized_view';
  readonly name: string;
  /** The name is printed as it is (a function's signature), not quoted as an identifier. */
  readonly quoted?: boolean;
  createStatement(withInternals: boolean): string;
}

/** SchemaElement.NAME_COMPARATOR: by name, ignoring case. */
export function byName<T extends { readonly name: string }>(a: T, b: T): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export function keyspaceElement(ks: KeyspaceMetadata): SchemaElement {
  return { keyspace: ks.name, type: 'keyspace', name: ks.name, createStatement: () => keyspaceCql(ks) };
}

export function tableElement(table: TableMetadata): SchemaElement {
  return { keyspace: table.keyspace, type: 'table', name: table.name, createStatement: (internals) => tableCql(table, internals) };
}

export function typeElement(t: UserType): SchemaElement {
  return { keyspace: t.keyspace, type: 'type', name: t.name, createStatement: () => typeCql(t) };
}

export function viewElement(view: TableMetadata): SchemaElement {
  return { keyspace: view.keyspace, type: 'materialized_view', name: view.name, createStatement: (internals) => viewCql(view, internals) };
}

/** A table followed by its indexes, then its materialized views, each by name. */
export function tableElements(table: TableMetadata, views: readonly TableMetadata[] = []): SchemaElement[] {
  const indexes = [...table.indexes.values()].sort(byName).map((index): SchemaElement => ({
    keyspace: table.keyspace, type: 'index', name: index.name, createStatement: () => indexCql(table, index),
  }));
  return [tableElement(table), ...indexes, ...[...views].sort(byName).map(viewElement)];
}

/** The tables of a keyspace (views are not tables to DESCRIBE), each with the views kept from it. */
export function baseTables(ks: KeyspaceMetadata): TableMetadata[] {
  return [...ks.tables.values()].filter((t) => t.view === undefined).sort(byName);
}

export function viewsOf(ks: KeyspaceMetadata, table: TableMetadata): TableMetadata[] {
  return [...ks.tables.values()].filter((t) => t.view?.baseTableName === table.name);
}

/**
 * DESCRIBE KEYSPACE: the keyspace, its types (dependencies first), its functions and aggregates, then each
 * table with its indexes.
 */
export function keyspaceElements(ks: KeyspaceMetadata, onlyKeyspace: boolean): SchemaElement[] {
  if (onlyKeyspace) return [keyspaceElement(ks)];
  const tables = baseTables(ks).flatMap((t) => tableElements(t, viewsOf(ks, t)));
  const functions = [...functionElements(ks, 'function'), ...functionElements(ks, 'aggregate')];
  return [keyspaceElement(ks), ...typesInDependencyOrder(ks).map(typeElement), ...functions, ...tables];
}

/** Types.sortedStream: every type after the types its fields use, otherwise in name order. */
export function typesInDependencyOrder(ks: KeyspaceMetadata): UserType[] {
  const types = [...ks.userTypes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const sorted: UserType[] = [];
  const visit = (t: UserType): void => {
    if (sorted.includes(t)) return;
    for (const dependency of types) {
      if (dependency !== t && t.fields.some((f) => referencesUserType(f.type, ks.name, dependency.name))) visit(dependency);
    }
    sorted.push(t);
  };
  types.forEach(visit);
  return sorted;
}

/** The listing row of an element: keyspace, type and name, identifiers quoted when needed. */
export function elementNames(element: SchemaElement): [string, string, string] {
  return [maybeQuoteIdentifier(element.keyspace), element.type, element.quoted === true ? element.name : maybeQuoteIdentifier(element.name)];
}
