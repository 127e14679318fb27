import { InvalidRequestError } from '../../../errors/index.js';
import { referencesDuration, type ColumnMetadata, type TableMetadata } from '../../../schema/index.js';
import { isMultiCell } from '../../../types/index.js';

export type IndexTargetType = 'values' | 'keys' | 'entries' | 'full' | 'simple';

/** The name IndexTarget.Type prints in messages ('' for a plain column). */
function typeName(type: IndexTargetType): string {
  return type === 'simple' ? '' : type;
}

/** CreateIndexStatement.validateIndexTarget: which columns can be indexed, and how. */
export function validateIndexTarget(table: TableMetadata, column: ColumnMetadata, type: IndexTargetType): void {
  const t = column.type;
  const name = column.name;
  if (referencesDuration(t)) {
    if (t.kind === 'list' || t.kind === 'set' || t.kind === 'map') {
      throw new InvalidRequestError('Secondary indexes are not supported on collections containing durations');
    }
    if (t.kind === 'tuple') throw new InvalidRequestError('Secondary indexes are not supported on tuples containing durations');
    if (t.kind === 'udt') throw new InvalidRequestError('Secondary indexes are not supported on UDTs containing durations');
    throw new InvalidRequestError('Secondary indexes are not supported on duration columns');
  }
  if (column.kind === 'partition_key' && table.partitionKey.length === 1) {
    throw new InvalidRequestError(`Cannot create secondary index on the only partition key column ${name}`);
  }
  const isCollection = t.kind === 'list' || t.kind === 'set' || t.kind === 'map';
  const frozenCollection = isCollection && !isMultiCell(t);
  if (frozenCollection && type !== 'full') {
    throw new InvalidRequestError(
      `Cannot create ${typeName(type)}() index on frozen column ${name}. Frozen collections are immutable and must be fully indexed by using the 'full(${name})' modifier`,
    );
  }
  if (!frozenCollection && type === 'full') throw new InvalidRequestError('full() indexes can only be created on frozen collections');
  if (!isCollection && type !== 'simple') {
    throw new InvalidRequestError(`Cannot create ${typeName(type)}() index on ${name}. Non-collection columns only support simple indexes`);
  }
  if (!(t.kind === 'map' && isMultiCell(t)) && (type === 'keys' || type === 'entries')) {
    throw new InvalidRequestError(`Cannot create index on ${typeName(type)} of column ${name} with non-map type`);
  }
  if (t.kind === 'udt' && isMultiCell(t)) throw new InvalidRequestError(`Cannot create index on non-frozen UDT column ${name}`);
}
