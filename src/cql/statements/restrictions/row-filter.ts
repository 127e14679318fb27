import { invariant } from '../../../common/index.js';
import { InvalidRequestError } from '../../../errors/index.js';
import { referencesDuration, type ColumnMetadata } from '../../../schema/index.js';
import { comparatorFor, formatCqlType, isCollection, isMultiCell, type CqlType } from '../../../types/index.js';
import type { Relation, Term } from '../../ast/index.js';
import { collectionElements } from '../collection-elements.js';
import type { ColumnSpecification } from '../column-specification.js';
import type { ExecutionContext, QueryOptions } from '../query-options.js';
import { prepareTerm, type BindSpecifications } from '../term-preparer.js';
import { collectionPartSpec } from '../table-columns.js';
import { prepareIn, requiredValue, type ValueRestriction } from './value-restriction.js';
import { satisfies } from '../operator-comparison.js';
import { validateIndexExpressionValue } from '../key-validation.js';

/** A row's value for a column as filters see it (null when the column has no live cell). */
export type ColumnValueReader = (column: ColumnMetadata) => Buffer | null;

/** A bound filter expression (Cassandra's RowFilter.Expression) ready for one execution. */
export type BoundFilter = (read: ColumnValueReader) => boolean;

/** A prepared filter expression; binding it fixes its values for one execution. */
export type FilterExpression = (o: QueryOptions, c: ExecutionContext) => BoundFilter;

function elementType(column: ColumnMetadata, key: boolean): CqlType {
  const t = column.type;
  if (t.kind === 'map') return key ? t.key : t.value;
  if (t.kind === 'list' || t.kind === 'set') return t.element;
  throw new InvalidRequestError(`Cannot use CONTAINS on non-collection column ${column.name}`);
}

/**
 * Prepares one relation on a column as a filter applied to each candidate row. `indexed`: an index answers
 * the relation in Cassandra, whose value must then fit an index key (validateForIndexing).
 */
export function prepareFilter(
  column: ColumnMetadata, relation: Relation, receiver: ColumnSpecification, binds: BindSpecifications, indexed = false,
): FilterExpression {
  const op = relation.operator;
  // SingleColumnRelation.newSliceRestriction looks for durations first, then toReceivers refuses anything
  // but CONTAINS (and map entries) on a non-frozen collection or type.
  if (op === '<' || op === '<=' || op === '>' || op === '>=') checkSliceOnDurations(column.type);
  if (column.type.kind === 'udt' && !column.type.frozen) {
    throw new InvalidRequestError(`Non-frozen UDT column '${column.name}' (${formatCqlType(column.type)}) cannot be restricted by any relation`);
  }
  if (isMultiCell(column.type) && op !== 'CONTAINS' && op !== 'CONTAINS KEY') {
    throw new InvalidRequestError(`Collection column '${column.name}' (${formatCqlType(column.type)}) cannot be restricted by a '${op}' relation`);
  }
  if (op === 'IN') {
    const values = prepareIn(relation, receiver, binds);
    const cmp = comparatorFor(column.type);
    return (o, c) => {
      const bound = values(o, c);
      return (read) => {
        const v = read(column);
        return v !== null && bound.some((b) => cmp(v, b) === 0);
      };
    };
  }
  if (op === 'CONTAINS' || op === 'CONTAINS KEY') {
    const key = op === 'CONTAINS KEY';
    if (key && column.type.kind !== 'map') throw new InvalidRequestError(`Cannot use CONTAINS KEY on non-map column ${column.name}`);
    const type = elementType(column, key);
    const term = prepareTerm(relation.value as Term, { ...receiver, type }, binds);
    const cmp = comparatorFor(type);
    const isMap = column.type.kind === 'map';
    return (o, c) => {
      const wanted = requiredValue(term, o, c, column.name);
      if (indexed) validateIndexExpressionValue(wanted);
      return (read) => {
        const v = read(column);
        if (v === null) return false;
        const parts = collectionElements(v, isMap ? 2 : 1);
        const step = isMap ? 2 : 1;
        for (let i = isMap && !key ? 1 : 0; i < parts.length; i += step) if (cmp(parts[i]!, wanted) === 0) return true;
        return false;
      };
    };
  }
  invariant(op !== 'LIKE', 'LIKE is answered by a SASI index (prepareSasiFilter)');
  const term = prepareTerm(relation.value as Term, receiver, binds);
  const cmp = comparatorFor(column.type);
  return (o, c) => {
    const wanted = requiredValue(term, o, c, column.name);
    if (indexed) validateIndexExpressionValue(wanted);
    // A missing value never satisfies a comparison, not even !=, as in Cassandra's filtering.
    return (read) => {
      const v = read(column);
      return v !== null && satisfies(op, cmp(v, wanted));
    };
  };
}

/** Durations have no order to slice by (SingleColumnRelation.newSliceRestriction): refused before the value is read. */
function checkSliceOnDurations(type: CqlType): void {
  if (!referencesDuration(type)) return;
  if (isCollection(type)) throw new InvalidRequestError('Slice restrictions are not supported on collections containing durations');
  if (type.kind === 'tuple') throw new InvalidRequestError('Slice restrictions are not supported on tuples containing durations');
  if (type.kind === 'udt') throw new InvalidRequestError('Slice restrictions are not supported on UDTs containing durations');
  throw new InvalidRequestError('Slice restrictions are not supported on duration columns');
}

/**
 * `m['k'] = v` on a non-frozen map: rows whose map holds key k with value v (a ContainsRestriction on the
 * entry), with the checks and messages of SingleColumnRelation.toReceivers.
 */
export function prepareMapEntryFilter(
  column: ColumnMetadata, key: Term, relation: Relation, receiver: ColumnSpecification, binds: BindSpecifications,
): FilterExpression {
  const t = column.type;
  if (t.kind === 'list') throw new InvalidRequestError(`Indexes on list entries (${column.name}[index] = value) are not currently supported.`);
  if (t.kind !== 'map') throw new InvalidRequestError(`Column ${column.name} cannot be used as a map`);
  if (t.frozen) throw new InvalidRequestError(`Map-entry equality predicates on frozen map column ${column.name} are not supported`);
  if (relation.operator !== '=') throw new InvalidRequestError('Only EQ relations are supported on map entries');
  const keyTerm = prepareTerm(key, collectionPartSpec(receiver, 'key'), binds);
  const valueTerm = prepareTerm(relation.value as Term, collectionPartSpec(receiver, 'value'), binds);
  const keyCmp = comparatorFor(t.key);
  const valueCmp = comparatorFor(t.value);
  return (o, c) => {
    const wantedKey = requiredValue(keyTerm, o, c, column.name);
    const wantedValue = requiredValue(valueTerm, o, c, column.name);
    return (read) => {
      const v = read(column);
      if (v === null) return false;
      const parts = collectionElements(v, 2);
      for (let i = 0; i < parts.length; i += 2) {
        if (keyCmp(parts[i]!, wantedKey) === 0) return valueCmp(parts[i + 1]!, wantedValue) === 0;
      }
      return false;
    };
  };
}

/** With ALLOW FILTERING, key restrictions that cannot select data directly are checked on each row. */
export function restrictionAsFilter(column: ColumnMetadata, r: ValueRestriction): FilterExpression {
  return (o, ctx) => {
    const cmp = comparatorFor(column.type);
    if (r.kind === 'eq') {
      const v = requiredValue(r.term, o, ctx, column.name);
      return (read) => { const x = read(column); return x !== null && cmp(x, v) === 0; };
    }
    if (r.kind === 'in') {
      const vs = r.values(o, ctx);
      return (read) => { const x = read(column); return x !== null && vs.some((v) => cmp(x, v) === 0); };
    }
    const lo = r.lower && { v: requiredValue(r.lower.term, o, ctx, column.name), inclusive: r.lower.inclusive };
    const hi = r.upper && { v: requiredValue(r.upper.term, o, ctx, column.name), inclusive: r.upper.inclusive };
    return (read) => {
      const x = read(column);
      if (x === null) return false;
      if (lo && (lo.inclusive ? cmp(x, lo.v) < 0 : cmp(x, lo.v) <= 0)) return false;
      if (hi && (hi.inclusive ? cmp(x, hi.v) > 0 : cmp(x, hi.v) >= 0)) return false;
      return true;
    };
  };
}
