import { InvalidRequestError } from '../../errors/index.js';
import { isSystemKeyspace, type KeyspaceMetadata, type Schema } from '../../schema/index.js';
import { native, serialize, type CqlType } from '../../types/index.js';
import type { DescribeStatement, QualifiedName } from '../ast/index.js';
import {
  baseTables, byName, elementNames, keyspaceElement, keyspaceElements, tableElement, tableElements, typeElement, viewElement,
  viewsOf, type SchemaElement,
} from './schema-elements.js';
import { functionElements } from './function-elements.js';

/** What DESCRIBE CLUSTER reports; the range ownership comes from the ring, which cql/ cannot see. */
export interface ClusterDescription {
  readonly clusterName: string;
  /** Full class names, as cassandra.yaml gives them; DESCRIBE trims Cassandra's own package. */
  readonly partitioner: string;
  readonly snitch: string;
  /** For a user keyspace: each range's end token → its replicas' endpoints ('/127.0.0.1:7000'). */
  rangeOwnership(keyspace: string): ReadonlyMap<string, readonly string[]>;
}

export interface DescribeResult {
  readonly columns: readonly (readonly [string, CqlType])[];
  readonly rows: Buffer[][];
}

const text = native('text');
const LISTING_COLUMNS: readonly (readonly [string, CqlType])[] = [['keyspace_name', text], ['type', text], ['name', text]];
const ELEMENT_COLUMNS = [...LISTING_COLUMNS, ['create_statement', text] as const];

/**
 * Server-side DESCRIBE (Cassandra 4.0+ DescribeStatement, used by cqlsh): every row of the result at once;
 * `keyspace` is the session's (USE). Paging over the rows is the caller's.
 */
export function describe(
  statement: DescribeStatement,
  schema: Schema,
  keyspace: string | null,
  cluster: ClusterDescription,
): DescribeResult {
  switch (statement.target) {
    case 'cluster': return describeCluster(keyspace, cluster);
    case 'keyspaces': return listing(sortedKeyspaces(schema).map(keyspaceElement));
    case 'tables': return listing(listedKeyspaces(schema, keyspace).flatMap((ks) => baseTables(ks).map(tableElement)));
    case 'types': return listing(listedKeyspaces(schema, keyspace).flatMap((ks) => [...ks.userTypes.values()].sort(byName).map(typeElement)));
    case 'functions': return listing(listedKeyspaces(schema, keyspace).flatMap((ks) => functionElements(ks, 'function')));
    case 'aggregates': return listing(listedKeyspaces(schema, keyspace).flatMap((ks) => functionElements(ks, 'aggregate')));
    case 'schema': {
      const keyspaces = sortedKeyspaces(schema).filter((ks) => statement.full || !isSystemKeyspace(ks.name));
      return elements(keyspaces.flatMap((ks) => keyspaceElements(ks, false)), statement.withInternals);
    }
    case 'keyspace': {
      const ks = existingKeyspace(schema, statement.keyspace ?? currentKeyspace(keyspace));
      return elements(keyspaceElements(ks, statement.only), statement.withInternals);
    }
    case 'generic': return elements(genericElements(statement.name, schema, keyspace), statement.withInternals);
    default: return elements(namedElements(statement.target, statement.name, schema, keyspace), statement.withInternals);
  }
}

function namedElements(
  target: 'table' | 'type' | 'index' | 'materializedView' | 'function' | 'aggregate',
  name: QualifiedName,
  schema: Schema,
  keyspace: string | null,
): SchemaElement[] {
  const ks = existingKeyspace(schema, name.keyspace ?? currentKeyspace(keyspace));
  const notFound = (what: string): InvalidRequestError => new InvalidRequestError(`${what} '${name.name}' not found in '${ks.name}'`);
  switch (target) {
    case 'table': {
      const table = ks.tables.get(name.name);
      if (table === undefined || table.view !== undefined) {
        throw new InvalidRequestError(`Table '${name.name}' not found in keyspace '${ks.name}'`);
      }
      return tableElements(table, viewsOf(ks, table));
    }
    case 'index': return indexElement(ks, name.name);
    case 'type': {
      const type = ks.userTypes.get(name.name);
      if (type === undefined) throw notFound('User defined type');
      return [typeElement(type)];
    }
    case 'materializedView': {
      const view = ks.tables.get(name.name);
      if (view?.view === undefined) throw notFound('Materialized view');
      return [viewElement(view)];
    }
    case 'function': case 'aggregate': {
      const found = functionElements(ks, target, name.name);
      if (found.length === 0) throw notFound(target === 'function' ? 'User defined function' : 'User defined aggregate');
      return found;
    }
  }
}

function indexElement(ks: KeyspaceMetadata, name: string): SchemaElement[] {
  const table = [...ks.tables.values()].find((t) => t.indexes.has(name));
  if (table === undefined) throw new InvalidRequestError(`Table for existing index '${name}' not found in '${ks.name}'`);
  return tableElements(table).filter((e) => e.type === 'index' && e.name === name);
}

/** DESCRIBE name / DESCRIBE ks.name: a keyspace, else a table, else an index, in that order. */
function genericElements(name: QualifiedName, schema: Schema, keyspace: string | null): SchemaElement[] {
  let ksName = name.keyspace;
  if (ksName === null) {
    const named = schema.keyspace(name.name);
    if (named !== undefined) return keyspaceElements(named, false);
    ksName = keyspace ?? name.name;
  }
  const ks = existingKeyspace(schema, ksName);
  const table = ks.tables.get(name.name);
  if (table !== undefined) return table.view === undefined ? tableElements(table, viewsOf(ks, table)) : [viewElement(table)];
  if ([...ks.tables.values()].some((t) => t.indexes.has(name.name))) return indexElement(ks, name.name);
  throw new InvalidRequestError(`'${name.name}' not found in keyspace '${ks.name}'`);
}

function describeCluster(keyspace: string | null, cluster: ClusterDescription): DescribeResult {
  const columns: [string, CqlType][] = [['cluster', text], ['partitioner', text], ['snitch', text]];
  const row = [
    serialize(text, cluster.clusterName),
    serialize(text, trimPrefix(cluster.partitioner, 'org.apache.cassandra.dht.')),
    serialize(text, trimPrefix(cluster.snitch, 'org.apache.cassandra.locator.')),
  ];
  if (keyspace !== null && !isSystemKeyspace(keyspace)) {
    const ownershipType: CqlType = { kind: 'map', key: text, value: { kind: 'list', element: text, frozen: true }, frozen: true };
    columns.push(['range_ownership', ownershipType]);
    row.push(serialize(ownershipType, [...cluster.rangeOwnership(keyspace)]));
  }
  return { columns, rows: [row] };
}

function trimPrefix(value: string, prefix: string): string {
  return value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

function sortedKeyspaces(schema: Schema): KeyspaceMetadata[] {
  return [...schema.keyspaces.values()].sort(byName);
}

/** Listings cover the session's keyspace, or every keyspace when there is none. */
function listedKeyspaces(schema: Schema, keyspace: string | null): KeyspaceMetadata[] {
  return keyspace === null ? sortedKeyspaces(schema) : [existingKeyspace(schema, keyspace)];
}

function currentKeyspace(keyspace: string | null): string {
  if (keyspace === null) throw new InvalidRequestError('No keyspace specified and no current keyspace');
  return keyspace;
}

function existingKeyspace(schema: Schema, name: string): KeyspaceMetadata {
  const ks = schema.keyspace(name);
  if (ks === undefined) throw new InvalidRequestError(`'${name}' not found in keyspaces`);
  return ks;
}

function listing(found: readonly SchemaElement[]): DescribeResult {
  return { columns: LISTING_COLUMNS, rows: found.map((e) => elementNames(e).map((v) => serialize(text, v))) };
}

function elements(found: readonly SchemaElement[], withInternals: boolean): DescribeResult {
  return {
    columns: ELEMENT_COLUMNS,
    rows: found.map((e) => [...elementNames(e), e.createStatement(withInternals)].map((v) => serialize(text, v))),
  };
}
