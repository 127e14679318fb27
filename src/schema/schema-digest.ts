import type { CqlType, UserType } from '../types/index.js';
import { isLocalSystemKeyspace } from './system/system-keyspaces.js';
import { nameUuid } from './table-id.js';
import type { KeyspaceMetadata, TableMetadata, TableOptions } from './table-metadata.js';
import { describeUserFunction, userFunctionsOf } from './user-functions.js';

/**
 * The schema version: a name uuid of a canonical description of every replicated keyspace, like Cassandra's
 * schema digest (an MD5 over system_schema without the node-local keyspaces). Nodes and runs holding the same
 * schema therefore report the same version, and any change yields a new one.
 */
export function schemaVersion(keyspaces: Iterable<KeyspaceMetadata>): Buffer {
  const parts = [...keyspaces]
    .filter((ks) => !ks.virtual && !isLocalSystemKeyspace(ks.name))
    .sort((a, b) => compare(a.name, b.name))
    .map(describedKeyspace);
  return nameUuid(Buffer.from(parts.join('\n'), 'utf8'));
}

/** Keyspace metadata is immutable and a schema change replaces only what it touches: describe each once. */
const descriptions = new WeakMap<KeyspaceMetadata, string>();

function describedKeyspace(ks: KeyspaceMetadata): string {
  let description = descriptions.get(ks);
  if (description === undefined) {
    description = describeKeyspace(ks);
    descriptions.set(ks, description);
  }
  return description;
}

function describeKeyspace(ks: KeyspaceMetadata): string {
  const types = [...ks.userTypes.values()].sort((a, b) => compare(a.name, b.name)).map(describeUserType);
  const tables = [...ks.tables.values()].sort((a, b) => compare(a.name, b.name)).map(describeTable);
  const functions = userFunctionsOf(ks).map(describeUserFunction).sort(compare);
  return [describeKeyspaceParams(ks), ...types, ...tables, ...functions].join('\n');
}

/** The keyspace's own definition (Cassandra's KeyspaceParams): name, durable writes, replication. */
export function describeKeyspaceParams(ks: KeyspaceMetadata): string {
  return `keyspace ${ks.name} ${ks.durableWrites} ${mapKey(ks.replication)}`;
}

/** A user type's definition: equal descriptions, equal types. */
export function describeUserType(t: UserType): string {
  return `type ${t.name}(${t.fields.map((f) => `${f.name} ${typeKey(f.type)}`).join(',')})`;
}

/** A table's whole definition (id, columns, options, dropped columns, indexes): equal descriptions, equal tables. */
export function describeTable(t: TableMetadata): string {
  const columns = [...t.columns.values()]
    .map((c) => `${c.name} ${c.kind} ${c.position} ${c.clusteringOrder} ${typeKey(c.type)}`)
    .sort(compare);
  const dropped = [...t.droppedColumns]
    .map(([name, d]) => `${name} ${d.kind} ${d.droppedAtMicros} ${typeKey(d.type)}`)
    .sort(compare);
  const indexes = [...t.indexes.values()].map((i) => `${i.name} ${i.kind} ${mapKey(i.options)}`).sort(compare);
  return [
    `table ${t.name} ${t.id.toString('hex')}`,
    `  columns ${columns.join(';')}`,
    `  options ${optionsKey(t.options)}`,
    `  dropped ${dropped.join(';')}`,
    `  indexes ${indexes.join(';')}`,
  ].join('\n');
}

function optionsKey(o: TableOptions): string {
  return Object.entries(o)
    .map(([k, v]) => `${k}=${v instanceof Map ? mapKey(v as ReadonlyMap<string, unknown>) : String(v)}`)
    .join(',');
}

function mapKey(m: ReadonlyMap<string, unknown>): string {
  const entries = [...m].map(([k, v]) => `${k}:${Buffer.isBuffer(v) ? v.toString('hex') : String(v)}`);
  return `{${entries.sort(compare).join(',')}}`;
}

function typeKey(t: CqlType): string {
  const frozen = (f: boolean): string => (f ? 'frozen ' : '');
  switch (t.kind) {
    case 'native': return t.name;
    case 'custom': return `'${t.className}'`;
    case 'list':
    case 'set': return `${frozen(t.frozen)}${t.kind}<${typeKey(t.element)}>`;
    case 'map': return `${frozen(t.frozen)}map<${typeKey(t.key)},${typeKey(t.value)}>`;
    case 'tuple': return `tuple<${t.elements.map(typeKey).join(',')}>`;
    case 'vector': return `vector<${typeKey(t.element)},${t.dimension}>`;
    case 'udt': return `${frozen(t.frozen)}${t.keyspace}.${t.name}`;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
