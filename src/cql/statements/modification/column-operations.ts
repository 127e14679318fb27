import { InvalidRequestError } from '../../../errors/index.js';
import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import { isCollection, isCounter, isMultiCell } from '../../../types/index.js';
import type { Assignment, Term } from '../../ast/index.js';
import { columnSpec, existingColumn, isPrimaryKey } from '../table-columns.js';
import { prepareTerm, type BindSpecifications, type PreparedTerm } from '../term-preparer.js';

/** What a write does to one non-key column. */
export type ColumnOperation =
  | { readonly kind: 'set'; readonly column: ColumnMetadata; readonly term: PreparedTerm }
  | { readonly kind: 'counter'; readonly column: ColumnMetadata; readonly term: PreparedTerm; readonly negate: boolean }
  | { readonly kind: 'collection'; readonly column: ColumnMetadata; readonly op: 'add' | 'prepend' | 'subtract' | 'setElement'; readonly term: PreparedTerm; readonly key: PreparedTerm | null }
  | { readonly kind: 'field'; readonly column: ColumnMetadata; readonly field: number; readonly term: PreparedTerm };

export function setOperation(table: TableMetadata, name: string, value: Term, binds: BindSpecifications): ColumnOperation {
  const column = existingColumn(table, name);
  if (isCounter(column.type)) {
    throw new InvalidRequestError(`Cannot set the value of counter column ${column.name} (counters can only be incremented/decremented, not set)`);
  }
  return { kind: 'set', column, term: prepareTerm(value, columnSpec(table, column), binds) };
}

function elementSpec(table: TableMetadata, column: ColumnMetadata, key: boolean) {
  const t = column.type;
  const type = t.kind === 'map' ? (key ? t.key : t.value) : t.kind === 'list' ? (key ? { kind: 'native', name: 'int' } as const : t.element) : t;
  return { ...columnSpec(table, column), name: key ? `idx(${column.name})` : `value(${column.name})`, type };
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
      if (isCounter(column.type)) {
        if (a.kind === 'prepend') throw new InvalidRequestError(`Invalid operation (${column.name} = ? + ${column.name}) for counter column ${column.name}`);
        return { kind: 'counter', column, term: prepareTerm(a.value, columnSpec(table, column), binds), negate: a.kind === 'subtract' };
      }
      if (!isMultiCell(column.type) || column.type.kind === 'udt') {
        const sign = a.kind === 'subtract' ? '-' : '+';
        const what = isCollection(column.type) ? 'frozen collection' : 'non counter';
        throw new InvalidRequestError(`Invalid operation (${column.name} = ${column.name} ${sign} ?) for ${what} column ${column.name}`);
      }
      const t = column.type;
      // `s = s - {x}` on a set and `m = m - {k}` on a map name elements (map keys) to remove.
      const spec = a.kind === 'subtract' && t.kind === 'map'
        ? { ...columnSpec(table, column), type: { kind: 'set', element: t.key, frozen: false } as const }
        : columnSpec(table, column);
      return { kind: 'collection', column, op: a.kind, term: prepareTerm(a.value, spec, binds), key: null };
    }
    case 'setElement': {
      if (column.type.kind !== 'map' && column.type.kind !== 'list') {
        throw new InvalidRequestError(`Invalid operation (${column.name}[?] = ?) for non list/map column ${column.name}`);
      }
      if (!isMultiCell(column.type)) {
        throw new InvalidRequestError(`Invalid operation (${column.name}[?] = ?) for frozen collection column ${column.name}`);
      }
      return {
        kind: 'collection', column, op: 'setElement',
        key: prepareTerm(a.key, elementSpec(table, column, true), binds),
        term: prepareTerm(a.value, elementSpec(table, column, false), binds),
      };
    }
    case 'setField':
      return fieldOperation(table, column, a.field, a.value, binds);
  }
}

/** `u.f = v` on a non-frozen user type. */
export function fieldOperation(table: TableMetadata, column: ColumnMetadata, field: string, value: Term | null, binds: BindSpecifications): ColumnOperation {
  const t = column.type;
  if (t.kind !== 'udt') throw new InvalidRequestError(`Invalid operation (${column.name}.${field} = ?) for non-UDT column ${column.name}`);
  if (t.frozen) throw new InvalidRequestError(`Invalid operation (${column.name}.${field} = ?) for frozen UDT column ${column.name}`);
  const index = t.fields.findIndex((f) => f.name === field);
  if (index < 0) throw new InvalidRequestError(`UDT column ${column.name} does not have a field named ${field}`);
  const spec = { ...columnSpec(table, column), name: `${column.name}.${field}`, type: t.fields[index]!.type };
  const term: PreparedTerm = value === null ? () => null : prepareTerm(value, spec, binds);
  return { kind: 'field', column, field: index, term };
}
