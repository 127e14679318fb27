import { InvalidRequestError } from '../../../errors/index.js';
import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import { isCollection, isCounter, isMultiCell } from '../../../types/index.js';
import { termText, type Assignment, type Term } from '../../ast/index.js';
import { collectionPartSpec, columnSpec, existingColumn, isPrimaryKey } from '../table-columns.js';
import { prepareTerm, type BindSpecifications, type PreparedTerm } from '../term-preparer.js';

/** What a write does to one non-key column (Cassandra's Operation subclasses). */
export type ColumnOperation =
  /** `c = v`, and the values of an INSERT. */
  | { readonly kind: 'set'; readonly column: ColumnMetadata; readonly term: PreparedTerm }
  | { readonly kind: 'counter'; readonly column: ColumnMetadata; readonly term: PreparedTerm; readonly negate: boolean }
  /** `c = c + v`, `c = v + c` (lists), `c = c - v` on a non-frozen collection. */
  | { readonly kind: 'collection'; readonly column: ColumnMetadata; readonly op: 'add' | 'prepend' | 'subtract'; readonly term: PreparedTerm }
  /** `l[i] = v`, `m[k] = v` on a non-frozen list or map. */
  | { readonly kind: 'setElement'; readonly column: ColumnMetadata; readonly key: PreparedTerm; readonly term: PreparedTerm }
  /** `DELETE l[i]`, `DELETE s[e]`, `DELETE m[k]`. */
  | { readonly kind: 'deleteElement'; readonly column: ColumnMetadata; readonly key: PreparedTerm }
  /** `u.f = v` and `DELETE u.f` (whose term yields null) on a non-frozen user type. */
  | { readonly kind: 'field'; readonly column: ColumnMetadata; readonly field: number; readonly term: PreparedTerm };

export function setOperation(table: TableMetadata, name: string, value: Term, binds: BindSpecifications): Extract<ColumnOperation, { kind: 'set' }> {
  const column = existingColumn(table, name);
  if (isCounter(column.type)) {
    throw new InvalidRequestError(`Cannot set the value of counter column ${column.name} (counters can only be incremented/decremented, not set)`);
  }
  return { kind: 'set', column, term: prepareTerm(value, columnSpec(table, column), binds) };
}

export function updateOperation(table: TableMetadata, a: Assignment, binds: BindSpecifications): ColumnOperation {
  const column = existingColumn(table, a.column);
  if (isPrimaryKey(column)) throw new InvalidRequestError(`PRIMARY KEY part ${column.name} found in SET part`);
  switch (a.kind) {
    case 'set':
      return setOperation(table, a.column, a.value, binds);
    case 'add':
    case 'subtract':
    case 'prepend': {
      if (a.kind === 'prepend' && (column.type.kind !== 'list' || !isMultiCell(column.type))) {
        const what = column.type.kind === 'list' ? 'frozen list' : 'non list';
        throw new InvalidRequestError(`Invalid operation (${column.name} = ${termText(a.value)} + ${column.name}) for ${what} column ${column.name}`);
      }
      if (isCounter(column.type)) {
        return { kind: 'counter', column, term: prepareTerm(a.value, columnSpec(table, column), binds), negate: a.kind === 'subtract' };
      }
      if (!isMultiCell(column.type) || column.type.kind === 'udt') {
        // Operation.Addition/Substraction.prepare; a user type is a TupleType to Cassandra.
        const sign = a.kind === 'subtract' ? '-' : '+';
        const tuple = a.kind === 'add' && (column.type.kind === 'tuple' || column.type.kind === 'udt');
        const what = isCollection(column.type) ? 'frozen collection' : tuple ? 'tuple' : 'non counter';
        throw new InvalidRequestError(`Invalid operation (${column.name} = ${column.name} ${sign} ${termText(a.value)}) for ${what} column ${column.name}`);
      }
      const t = column.type;
      // `s = s - {x}` on a set and `m = m - {k}` on a map name elements (map keys) to remove.
      const spec = a.kind === 'subtract' && t.kind === 'map'
        ? { ...columnSpec(table, column), type: { kind: 'set', element: t.key, frozen: false } as const }
        : columnSpec(table, column);
      return { kind: 'collection', column, op: a.kind, term: prepareTerm(a.value, spec, binds) };
    }
    case 'setElement': {
      // Operation.SetElement writes itself as `c[key] = value`, terms as written.
      const operation = `${column.name}[${termText(a.key)}] = ${termText(a.value)}`;
      if (column.type.kind !== 'map' && column.type.kind !== 'list') {
        throw new InvalidRequestError(`Invalid operation (${operation}) for non list/map column ${column.name}`);
      }
      if (!isMultiCell(column.type)) throw new InvalidRequestError(`Invalid operation (${operation}) for frozen collection column ${column.name}`);
      return {
        kind: 'setElement', column,
        key: prepareTerm(a.key, collectionPartSpec(columnSpec(table, column), column.type.kind === 'list' ? 'idx' : 'key'), binds),
        term: prepareTerm(a.value, collectionPartSpec(columnSpec(table, column), 'value'), binds),
      };
    }
    case 'setField':
      return fieldOperation(table, column, a.field, a.value, binds);
  }
}

/** `DELETE c[e]` (Operation.ElementDeletion): an index of a list, an element of a set, a key of a map. */
export function elementDeletion(table: TableMetadata, column: ColumnMetadata, element: Term, binds: BindSpecifications): ColumnOperation {
  const t = column.type;
  if (!isCollection(t)) throw new InvalidRequestError(`Invalid deletion operation for non collection column ${column.name}`);
  if (!isMultiCell(t)) throw new InvalidRequestError(`Invalid deletion operation for frozen collection column ${column.name}`);
  const part = t.kind === 'list' ? 'idx' : t.kind === 'set' ? 'value' : 'key';
  return { kind: 'deleteElement', column, key: prepareTerm(element, collectionPartSpec(columnSpec(table, column), part), binds) };
}

/** `u.f = v` (value given) or `DELETE u.f` (value null) on a non-frozen user type. */
export function fieldOperation(table: TableMetadata, column: ColumnMetadata, field: string, value: Term | null, binds: BindSpecifications): ColumnOperation {
  const t = column.type;
  if (value === null) {
    if (t.kind !== 'udt') throw new InvalidRequestError(`Invalid field deletion operation for non-UDT column ${column.name}`);
    if (t.frozen) throw new InvalidRequestError(`Frozen UDT column ${column.name} does not support field deletions`);
  } else {
    // Operation.SetField writes itself as `c.f = value`, the value as written.
    const operation = `${column.name}.${field} = ${termText(value)}`;
    if (t.kind !== 'udt') throw new InvalidRequestError(`Invalid operation (${operation}) for non-UDT column ${column.name}`);
    if (t.frozen) throw new InvalidRequestError(`Invalid operation (${operation}) for frozen UDT column ${column.name}`);
  }
  const index = t.fields.findIndex((f) => f.name === field);
  if (index < 0) throw new InvalidRequestError(`UDT column ${column.name} does not have a field named ${field}`);
  const spec = { ...columnSpec(table, column), name: `${column.name}.${field}`, type: t.fields[index]!.type };
  const term: PreparedTerm = value === null ? () => null : prepareTerm(value, spec, binds);
  return { kind: 'field', column, field: index, term };
}
