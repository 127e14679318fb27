import { invariant } from '../../../common/index.js';
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

/** The restriction one relation puts on its column (Relation.toRestriction for EQ, IN and slices). */
export function singleRestriction(relation: Relation, receiver: ColumnSpecification, binds: BindSpecifications): ValueRestriction {
  const op = relation.operator;
  if (op === '=') return { kind: 'eq', term: prepareTerm(relation.value as Term, receiver, binds) };
  if (op === 'IN') return { kind: 'in', values: prepareIn(relation, receiver, binds) };
  invariant(op === '<' || op === '<=' || op === '>' || op === '>=', 'only EQ, IN and slices restrict key columns');
  const bound: PreparedBound = { term: prepareTerm(relation.value as Term, receiver, binds), inclusive: op.endsWith('=') };
  return op.startsWith('>') ? { kind: 'slice', lower: bound, upper: null } : { kind: 'slice', lower: null, upper: bound };
}

/**
 * Two restrictions of one column as one (SingleColumnRestriction.mergeWith): nothing merges with an EQ or
 * an IN, and slices merge when they bound different ends. `column` names the column in the messages.
 */
export function mergeSingle(existing: ValueRestriction, added: ValueRestriction, column: string): ValueRestriction {
  if (existing.kind === 'eq') throw new InvalidRequestError(`${column} cannot be restricted by more than one relation if it includes an Equal`);
  if (existing.kind === 'in') throw new InvalidRequestError(`${column} cannot be restricted by more than one relation if it includes a IN`);
  if (added.kind !== 'slice') throw new InvalidRequestError(`Column "${column}" cannot be restricted by both an equality and an inequality relation`);
  if (existing.lower !== null && added.lower !== null) throw new InvalidRequestError(`More than one restriction was found for the start bound on ${column}`);
  if (existing.upper !== null && added.upper !== null) throw new InvalidRequestError(`More than one restriction was found for the end bound on ${column}`);
  return { kind: 'slice', lower: existing.lower ?? added.lower, upper: existing.upper ?? added.upper };
}

/** Adds a relation to what restricts its column already: the relation is prepared first, then merged. */
export function addRelation(
  existing: ValueRestriction | undefined, relation: Relation, receiver: ColumnSpecification, binds: BindSpecifications,
): ValueRestriction {
  const added = singleRestriction(relation, receiver, binds);
  return existing === undefined ? added : mergeSingle(existing, added, receiver.name);
}

/** The receiver of token(k1, k2) relations. */
export function tokenReceiver(keyspace: string, table: string): ColumnSpecification {
  return { keyspace, table, name: 'partition key token', type: native('bigint') };
}
