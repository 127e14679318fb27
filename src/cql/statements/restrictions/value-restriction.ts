import { InvalidRequestError } from '../../../errors/index.js';
import { native, type CqlType } from '../../../types/index.js';
import type { Relation, Term } from '../../ast/index.js';
import { collectionElements } from '../collection-elements.js';
import type { ColumnSpecification } from '../column-specification.js';
import type { ExecutionContext, QueryOptions } from '../query-options.js';
import { UNSET } from '../query-options.js';
import { prepareTerm, type BindSpecifications, type PreparedTerm } from '../term-preparer.js';

/** One end of a slice: the bound value and whether it is included. */
export interface PreparedBound {
  readonly term: PreparedTerm;
  readonly inclusive: boolean;
}

/** What a relation says of a column: one value, a list of values, or a slice. */
export type ValueRestriction =
  | { readonly kind: 'eq'; readonly term: PreparedTerm }
  | { readonly kind: 'in'; readonly values: (o: QueryOptions, c: ExecutionContext) => Buffer[] }
  | { readonly kind: 'slice'; readonly lower: PreparedBound | null; readonly upper: PreparedBound | null };

/** A value a restriction needs: bound, not null, not unset. */
export function requiredValue(term: PreparedTerm, o: QueryOptions, c: ExecutionContext, column: string): Buffer {
  const v = term(o, c);
  if (v === null) throw new InvalidRequestError(`Invalid null value for column ${column}`);
  if (v === UNSET) throw new InvalidRequestError(`Invalid unset value for column ${column}`);
  return v;
}

function listOf(type: CqlType): CqlType {
  return { kind: 'list', element: type, frozen: false };
}

/** IN (a, b) or IN ?: the list of values, each validated against the column. */
export function prepareIn(relation: Relation, receiver: ColumnSpecification, binds: BindSpecifications) {
  const value = relation.value;
  if (value.kind === 'inList') {
    const terms = value.items.map((t) => prepareTerm(t, receiver, binds));
    return (o: QueryOptions, c: ExecutionContext): Buffer[] => terms.map((t) => requiredValue(t, o, c, receiver.name));
  }
  const whole = prepareTerm(value, { ...receiver, name: `in(${receiver.name})`, type: listOf(receiver.type) }, binds);
  return (o: QueryOptions, c: ExecutionContext): Buffer[] => {
    const v = whole(o, c);
    if (v === null || v === UNSET) throw new InvalidRequestError(`Invalid null value for column ${receiver.name}`);
    return collectionElements(v);
  };
}

/** Merges the relations on one column into a single restriction, rejecting what Cassandra rejects. */
export function addRelation(
  existing: ValueRestriction | undefined, relation: Relation, receiver: ColumnSpecification, binds: BindSpecifications,
): ValueRestriction {
  const op = relation.operator;
  if (op === '=' || op === 'IN') {
    if (existing !== undefined) {
      const what = existing.kind === 'slice' ? 'both a slice and an equality' : 'more than one relation if it includes an Equal';
      throw new InvalidRequestError(`${receiver.name} cannot be restricted by ${what}`);
    }
    return op === '='
      ? { kind: 'eq', term: prepareTerm(relation.value as Term, receiver, binds) }
      : { kind: 'in', values: prepareIn(relation, receiver, binds) };
  }
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    if (existing !== undefined && existing.kind !== 'slice') {
      throw new InvalidRequestError(`Column "${receiver.name}" cannot be restricted by both an equality and an inequality relation`);
    }
    const bound: PreparedBound = { term: prepareTerm(relation.value as Term, receiver, binds), inclusive: op.endsWith('=') };
    const isLower = op.startsWith('>');
    const current = existing?.kind === 'slice' ? existing : { kind: 'slice' as const, lower: null, upper: null };
    if ((isLower ? current.lower : current.upper) !== null) {
      throw new InvalidRequestError(`More than one restriction was found for the ${isLower ? 'start' : 'end'} bound on ${receiver.name}`);
    }
    return isLower ? { ...current, lower: bound } : { ...current, upper: bound };
  }
  throw new InvalidRequestError(`Unsupported "${op}" relation: ${receiver.name} ${op} ...`);
}

/** The receiver of token(k1, k2) relations. */
export function tokenReceiver(keyspace: string, table: string): ColumnSpecification {
  return { keyspace, table, name: 'partition key token', type: native('bigint') };
}
