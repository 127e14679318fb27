/**
 * The 64 KiB limits Cassandra puts on keys and indexed values: a partition key and each clustering value
 * are written with a two-byte length (QueryProcessor.validateKey, ModificationStatement.validateClustering),
 * and a built-in secondary index makes the indexed value the key of its own table (CassandraIndex).
 */
import { InvalidRequestError } from '../../errors/index.js';
import type { PartitionUpdate, Partitioner, Row } from '../../data/index.js';
import type { IndexMetadata, TableMetadata } from '../../schema/index.js';
import { maybeQuoteIdentifier } from '../../types/index.js';

/** FBUtilities.MAX_UNSIGNED_SHORT. */
export const MAX_UNSIGNED_SHORT = 65535;

function keyTooLong(length: number): InvalidRequestError {
  return new InvalidRequestError(`Key length of ${length} is longer than maximum of ${MAX_UNSIGNED_SHORT}`);
}

/**
 * The partition key of the components, with its token, once QueryProcessor.validateKey accepts it. A
 * component too big for CompositeType's two-byte length makes the composite too long as well: it is
 * refused with the length Cassandra's composite would have (two length bytes and an end byte a component).
 */
export function decorateValidKey(partitioner: Partitioner, components: readonly Buffer[]): { key: Buffer; token: bigint } {
  if (components.length > 1 && components.some((c) => c.length > MAX_UNSIGNED_SHORT)) {
    throw keyTooLong(components.reduce((sum, c) => sum + c.length + 3, 0));
  }
  const decorated = partitioner.decorateKey(components);
  if (decorated.key.length === 0) throw new InvalidRequestError('Key may not be empty');
  if (decorated.key.length > MAX_UNSIGNED_SHORT) throw keyTooLong(decorated.key.length);
  return decorated;
}

/** ModificationStatement.validateClustering: one value over the limit refuses the write, naming the clustering's whole size. */
export function validateClustering(clustering: readonly Buffer[]): void {
  if (!clustering.some((v) => v.length > MAX_UNSIGNED_SHORT)) return;
  throw keyTooLong(clustering.reduce((sum, v) => sum + v.length, 0));
}

/** RowFilter.Expression.validateForIndexing: the value an index looks up is a key of the index table. */
export function validateIndexExpressionValue(value: Buffer): void {
  if (value.length > MAX_UNSIGNED_SHORT) throw new InvalidRequestError('Index expression values may not be larger than 64K');
}

type TargetType = 'simple' | 'values' | 'keys' | 'entries' | 'full';

/**
 * CassandraIndex.validate(PartitionUpdate): every value a built-in index on a regular or static column
 * would store, refused from 65535 bytes on. Indexes on key columns and custom indexes have no such limit.
 */
export function validateIndexedValues(update: PartitionUpdate): void {
  const table = update.table;
  if (table.indexes.size === 0) return;
  for (const index of table.indexes.values()) {
    if (index.kind === 'CUSTOM') continue;
    const { type, column } = indexTarget(index);
    const metadata = table.columns.get(column);
    const kind = metadata?.kind;
    if (kind !== 'regular' && kind !== 'static') continue;
    // A set's elements are its cells' paths, as a map's keys are.
    const byPath = type === 'keys' || (type === 'values' && metadata!.type.kind === 'set');
    const rows = kind === 'static' ? (update.staticRow === null ? [] : [update.staticRow]) : update.rows;
    for (const row of rows) {
      for (const size of indexedSizes(row, column, type, byPath)) if (size >= MAX_UNSIGNED_SHORT) refuse(size, index, table, column);
    }
  }
}

function* indexedSizes(row: Row, column: string, type: TargetType, byPath: boolean): Generator<number> {
  const cell = row.cells.get(column);
  if (cell?.value != null) yield cell.value.length;
  for (const { path, cell: element } of row.complex?.get(column)?.cells ?? []) {
    if (element.value === null) continue;
    // entries() indexes CompositeType(key, value): a two-byte length and an end byte around each.
    if (byPath) yield path.length;
    else if (type === 'entries') yield path.length + element.value.length + 6;
    else yield element.value.length;
  }
}

function refuse(size: number, index: IndexMetadata, table: TableMetadata, column: string): never {
  const base = `${maybeQuoteIdentifier(table.keyspace)}.${maybeQuoteIdentifier(table.name)}`;
  throw new InvalidRequestError(
    `Cannot index value of size ${size} for index ${index.name} on ${base}(${column}) (maximum allowed size=${MAX_UNSIGNED_SHORT})`,
  );
}

/** An index target as system_schema.indexes keeps it: `v`, `"Quoted"`, `values(tags)`, `keys(m)`, `entries(m)`, `full(l)`. */
export function indexTarget(index: IndexMetadata): { type: TargetType; column: string } {
  const target = index.options.get('target') ?? '';
  const match = /^(keys|values|entries|full)\((.*)\)$/.exec(target);
  const type = (match?.[1] ?? 'simple') as TargetType;
  const written = match?.[2] ?? target;
  return { type, column: written.startsWith('"') ? written.slice(1, -1).replace(/""/g, '"') : written };
}
