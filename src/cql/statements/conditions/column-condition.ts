import { InvalidRequestError } from '../../../errors/index.js';
import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import { comparatorFor, native, splitCollection, splitFields, type CqlType } from '../../../types/index.js';
import type { Condition, Term } from '../../ast/index.js';
import type { ColumnSpecification } from '../column-specification.js';
import type { ExecutionContext, QueryOptions } from '../query-options.js';
import { UNSET } from '../query-options.js';
import { prepareIn } from '../restrictions/value-restriction.js';
import { satisfies } from '../operator-comparison.js';
import { columnSpec, existingColumn, isPrimaryKey } from '../table-columns.js';
import { prepareTerm, type BindSpecifications, type PreparedTerm } from '../term-preparer.js';

/** A bound IF condition: true when the current value (null if absent) satisfies it. */
export type BoundCondition = (current: Buffer | null) => boolean;

/** An IF condition on one column of a lightweight transaction (Cassandra's ColumnCondition). */
export interface ColumnCondition {
  readonly column: ColumnMetadata;
  bind(o: QueryOptions, c: ExecutionContext): BoundCondition;
}

function bound(term: PreparedTerm, o: QueryOptions, c: ExecutionContext): Buffer | null {
  const v = term(o, c);
  return v === UNSET ? null : v;
}

/** The part of the current value a condition looks at: the whole column, an element or a field. */
function accessor(table: TableMetadata, column: ColumnMetadata, condition: Condition, binds: BindSpecifications) {
  const t = column.type;
  if (condition.field !== null) {
    if (t.kind !== 'udt') throw new InvalidRequestError(`Invalid field selection: ${column.name} is not a user type`);
    const index = t.fields.findIndex((f) => f.name === condition.field);
    if (index < 0) throw new InvalidRequestError(`Unknown field ${condition.field} for column ${column.name}`);
    return { type: t.fields[index]!.type, read: (v: Buffer) => splitFields(v, t.fields.length)[index] ?? null, key: null };
  }
  if (condition.element !== null) {
    if (t.kind !== 'map' && t.kind !== 'list') throw new InvalidRequestError(`Invalid element access syntax for non-collection column ${column.name}`);
    const keyType: CqlType = t.kind === 'map' ? t.key : native('int');
    const key = prepareTerm(condition.element, { ...columnSpec(table, column), name: `key(${column.name})`, type: keyType }, binds);
    const valueType = t.kind === 'map' ? t.value : t.element;
    return { type: valueType, read: null, key: { term: key, keyType, collection: t } };
  }
  return { type: t, read: (v: Buffer) => v, key: null };
}

function elementOf(collection: CqlType, keyType: CqlType, value: Buffer, key: Buffer): Buffer | null {
  if (collection.kind === 'list') return splitCollection(value, 'list')[key.readInt32BE(0)] ?? null;
  const parts = splitCollection(value, 'map');
  const cmp = comparatorFor(keyType);
  for (let i = 0; i < parts.length; i += 2) if (cmp(parts[i]!, key) === 0) return parts[i + 1] ?? null;
  return null;
}

export function prepareCondition(table: TableMetadata, condition: Condition, binds: BindSpecifications): ColumnCondition {
  const column = existingColumn(table, condition.column);
  if (isPrimaryKey(column)) throw new InvalidRequestError(`PRIMARY KEY column '${column.name}' cannot have IF conditions`);
  const access = accessor(table, column, condition, binds);
  const receiver: ColumnSpecification = { ...columnSpec(table, column), type: access.type };
  const cmp = comparatorFor(access.type);
  const values = condition.operator === 'IN'
    ? prepareIn({ target: { kind: 'column', name: column.name }, operator: 'IN', value: condition.value }, receiver, binds)
    : null;
  const single = values === null ? prepareTerm(condition.value as Term, receiver, binds) : null;
  const op = condition.operator;
  if (op === 'CONTAINS' || op === 'CONTAINS KEY' || op === 'LIKE') throw new InvalidRequestError(`Unsupported operator ${op} in condition`);
  return {
    column,
    bind(o, c) {
      const key = access.key === null ? null : bound(access.key.term, o, c);
      const select = (current: Buffer | null): Buffer | null => {
        if (current === null) return null;
        if (access.key !== null) return key === null ? null : elementOf(access.key.collection, access.key.keyType, current, key);
        return access.read!(current);
      };
      if (values !== null) {
        const list = values(o, c);
        return (current) => { const v = select(current); return v !== null && list.some((x) => cmp(v, x) === 0); };
      }
      const wanted = bound(single!, o, c);
      if (wanted === null && op !== '=' && op !== '!=') throw new InvalidRequestError(`Invalid comparison with null for operator "${op}"`);
      return (current) => {
        const v = select(current);
        if (wanted === null || v === null) return op === '=' ? v === wanted : v !== wanted;
        return satisfies(op, cmp(v, wanted));
      };
    },
  };
}
