import { invariant } from '../../../common/index.js';
import { InvalidRequestError } from '../../../errors/index.js';
import type { Cell } from '../../../data/index.js';
import { referencesDuration, type ColumnMetadata, type TableMetadata } from '../../../schema/index.js';
import {
  comparatorFor, isCollection, isCounter, isMultiCell, splitCollection, splitFields, validateValue, type CqlType,
  type ValueComparator,
} from '../../../types/index.js';
import { normalizeValue } from '../normalize-value.js';
import type { Condition, Operator, Term } from '../../ast/index.js';
import type { ColumnSpecification } from '../column-specification.js';
import { UNSET, type ExecutionContext, type QueryOptions } from '../query-options.js';
import { satisfies } from '../operator-comparison.js';
import { collectionPartSpec, columnSpec, existingColumn, isPrimaryKey } from '../table-columns.js';
import { prepareTerm, type BindSpecifications, type PreparedTerm } from '../term-preparer.js';

/** The cells of the row (or static row) a condition is checked against; null when there is none. */
export type ConditionRow = ReadonlyMap<string, Cell> | null;

/** A condition with its values bound for one execution (Cassandra's ColumnCondition.Bound). */
export interface BoundCondition {
  readonly column: ColumnMetadata;
  appliesTo(row: ConditionRow): boolean;
}

/** An IF condition on one column, an element of it or a field of it (Cassandra's ColumnCondition). */
export interface ColumnCondition {
  readonly column: ColumnMetadata;
  /** Binds the values; unset or null values where Cassandra refuses them fail here, before any Paxos round. */
  bind(o: QueryOptions, c: ExecutionContext): BoundCondition;
}

/** The part of the current value a condition reads: the whole column, a collection element, a UDT field. */
interface Access {
  readonly valueType: CqlType;
  /** Reads the compared value from the column's value, given the bound element (list index, map key) if any. */
  read(value: Buffer, element: Buffer | null): Buffer | null;
  readonly element: PreparedTerm | null;
}

const EMPTY_COLLECTION = Buffer.alloc(4);

export function prepareCondition(table: TableMetadata, condition: Condition, binds: BindSpecifications): ColumnCondition {
  const column = existingColumn(table, condition.column);
  if (isCounter(column.type)) throw new InvalidRequestError('Conditions on counters are not supported');
  const receiver = columnSpec(table, column);
  const access = prepareAccess(column, receiver, condition, binds);
  const valueReceiver: ColumnSpecification = access === null ? receiver : partReceiver(receiver, condition, access.valueType);
  validateOperationOnDurations(valueReceiver.type, condition.operator);
  const values = prepareValues(condition, valueReceiver, binds);
  if (isPrimaryKey(column)) throw new InvalidRequestError(`PRIMARY KEY column '${column.name}' cannot have IF conditions`);
  // IN compares with equality, one value after the other.
  const operator = condition.operator === 'IN' ? '=' : condition.operator;
  const comparator = comparatorFor(valueReceiver.type);
  const wholeMultiCellCollection = access === null && isMultiCell(column.type) && isCollection(column.type);
  return {
    column,
    bind(o, c) {
      const bound = values(o, c);
      const element = access === null ? null : boundElement(access, column, o, c);
      const current = (row: ConditionRow): Buffer | null => {
        const value = row?.get(column.name)?.value ?? null;
        return value === null || access === null ? value : access.read(value, element);
      };
      return {
        column,
        appliesTo: wholeMultiCellCollection
          ? (row) => bound.some((v) => multiCellCollectionApplies(operator, comparator, v, current(row)))
          : (row) => {
            const value = current(row);
            return bound.some((v) => compareWithOperator(operator, comparator, v, value));
          },
      };
    },
  };
}

/** The receiver of a condition's values on an element (`value(l)`, `value(m)`) or a field (`u.f`). */
function partReceiver(receiver: ColumnSpecification, condition: Condition, type: CqlType): ColumnSpecification {
  if (condition.field !== null) return { ...receiver, name: `${receiver.name}.${condition.field}`, type };
  return collectionPartSpec(receiver, 'value');
}

function prepareAccess(column: ColumnMetadata, receiver: ColumnSpecification, condition: Condition, binds: BindSpecifications): Access | null {
  const t = column.type;
  if (condition.element !== null) {
    if (!isCollection(t)) throw new InvalidRequestError(`Invalid element access syntax for non-collection column ${column.name}`);
    if (t.kind === 'set') throw new InvalidRequestError(`Invalid element access syntax for set column ${column.name}`);
    if (t.kind === 'list') {
      const element = prepareTerm(condition.element, collectionPartSpec(receiver, 'idx'), binds);
      return { valueType: t.element, element, read: (v, index) => splitCollection(v, 'list')[index!.readInt32BE(0)] ?? null };
    }
    if (t.kind !== 'map') throw new InvalidRequestError(`Invalid element access syntax for non-collection column ${column.name}`);
    const element = prepareTerm(condition.element, collectionPartSpec(receiver, 'key'), binds);
    const keys = comparatorFor(t.key);
    return { valueType: t.value, element, read: (v, key) => mapValue(v, key!, keys) };
  }
  if (condition.field !== null) {
    if (t.kind !== 'udt') throw new InvalidRequestError(`Invalid field selection: ${column.name} is not a user type`);
    const index = t.fields.findIndex((f) => f.name === condition.field);
    if (index < 0) throw new InvalidRequestError(`Unknown field ${condition.field} for column ${column.name}`);
    return { valueType: t.fields[index]!.type, element: null, read: (v) => splitFields(v, t.fields.length)[index] ?? null };
  }
  return null;
}

function mapValue(map: Buffer, key: Buffer, keys: ValueComparator): Buffer | null {
  const parts = splitCollection(map, 'map');
  for (let i = 0; i < parts.length; i += 2) if (keys(parts[i]!, key) === 0) return parts[i + 1] ?? null;
  return null;
}

/** The bound list index or map key of an element condition (ElementAccessBound's checks). */
function boundElement(access: Access, column: ColumnMetadata, o: QueryOptions, c: ExecutionContext): Buffer | null {
  if (access.element === null) return null;
  const element = access.element(o, c);
  const isMap = column.type.kind === 'map';
  if (element === null || element === UNSET) throw new InvalidRequestError(`Invalid null value for ${isMap ? 'map' : 'list'} element access`);
  if (!isMap && element.readInt32BE(0) < 0) throw new InvalidRequestError(`Invalid negative list index ${element.readInt32BE(0)}`);
  return element;
}

/** Slice conditions on durations (or values holding them) are refused, as they have no order. */
function validateOperationOnDurations(type: CqlType, operator: Operator): void {
  if (!referencesDuration(type) || !['<', '<=', '>', '>='].includes(operator)) return;
  if (isCollection(type)) throw new InvalidRequestError('Slice conditions are not supported on collections containing durations');
  if (type.kind === 'tuple') throw new InvalidRequestError('Slice conditions are not supported on tuples containing durations');
  if (type.kind === 'udt') throw new InvalidRequestError('Slice conditions are not supported on UDTs containing durations');
  throw new InvalidRequestError(`Slice conditions ( ${operator} ) are not supported on durations`);
}

/**
 * The values a condition compares with, bound: one for an operator, any number for IN, where unset
 * values are skipped and null stands for "no value" (ColumnCondition.bindAndGetTerms).
 */
function prepareValues(condition: Condition, receiver: ColumnSpecification, binds: BindSpecifications) {
  const value = condition.value;
  if (condition.operator !== 'IN') {
    const term = prepareTerm(value as Term, receiver, binds);
    return (o: QueryOptions, c: ExecutionContext): (Buffer | null)[] => {
      const v = term(o, c);
      if (v === UNSET) throw new InvalidRequestError(`Invalid 'unset' value in condition`);
      return [v];
    };
  }
  if (value.kind === 'inList') {
    const terms = value.items.map((t) => prepareTerm(t, receiver, binds));
    return (o: QueryOptions, c: ExecutionContext): (Buffer | null)[] => {
      const out: (Buffer | null)[] = [];
      for (const term of terms) {
        const v = term(o, c);
        if (v !== UNSET) out.push(v);
      }
      return out;
    };
  }
  // `IN ?`: a list whose elements may be null, unlike other lists (ListSerializer allows it for IN values).
  invariant(value.kind === 'bind', 'the parser gives IN a list of terms or a bind marker');
  binds.set(value.index, { ...receiver, name: `in(${receiver.name})`, type: { kind: 'list', element: receiver.type, frozen: false } });
  return (o: QueryOptions): (Buffer | null)[] => {
    const v = o.values[value.index];
    if (v === undefined) throw new InvalidRequestError(`There were ${value.index} markers(?) in CQL but ${o.values.length} bound variables`);
    if (v === null) throw new InvalidRequestError('Invalid null list in IN condition');
    if (v === UNSET) throw new InvalidRequestError(`Invalid 'unset' value in condition`);
    return splitCollection(v, 'list').map((e) => {
      if (e !== null) validateValue(receiver.type, e);
      return e === null ? null : normalizeValue(receiver.type, e);
    });
  };
}

/** Whether `current operator value` holds, with Cassandra's rules for nulls (Bound.compareWithOperator). */
function compareWithOperator(operator: Operator, comparator: ValueComparator, value: Buffer | null, current: Buffer | null): boolean {
  if (value === null) {
    if (operator === '=') return current === null;
    if (operator === '!=') return current !== null;
    throw new InvalidRequestError(`Invalid comparison with null for operator "${operator}"`);
  }
  if (current === null) return operator === '!=';
  return satisfies(operator, comparator(current, value));
}

/**
 * A whole non-frozen collection (MultiCellCollectionBound): one without elements is null and empty at
 * once, so `= null` and `= []` both hold for it and `< [x]` does too.
 */
function multiCellCollectionApplies(operator: Operator, comparator: ValueComparator, value: Buffer | null, current: Buffer | null): boolean {
  if (value === null) return compareWithOperator(operator, comparator, null, current);
  return satisfies(operator, comparator(current ?? EMPTY_COLLECTION, value));
}
