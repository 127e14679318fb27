import { InvalidRequestError } from '../../../errors/index.js';
import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import { comparatorFor, splitFields, type CqlType } from '../../../types/index.js';
import { relationText, type Relation, type Term } from '../../ast/index.js';
import type { ExecutionContext, QueryOptions } from '../query-options.js';
import { columnSpec } from '../table-columns.js';
import { prepareTerm, type BindSpecifications } from '../term-preparer.js';
import { partOf, type ClusteringPart, type ClusteringSliceRestriction } from './clustering-restrictions.js';
import { restrictionAsFilter, type FilterExpression } from './row-filter.js';
import { mergeSingle, prepareIn, requiredValue, singleRestriction, type ValueRestriction } from './value-restriction.js';

/** A relation on clustering columns as written: on one column (`b > 1`) or on a tuple of them (`(b, c) > (1, 2)`). */
export interface ClusteringRelation {
  readonly columns: readonly ColumnMetadata[];
  readonly multi: boolean;
  readonly relation: Relation;
}

/** What restricts consecutive clustering columns from `columns[0]`, as RestrictionSet keeps it. */
interface ColumnsRestriction {
  readonly columns: readonly ColumnMetadata[];
  readonly multi: boolean;
  readonly kind: 'eq' | 'in' | 'slice';
  readonly part: ClusteringPart;
  /** A single-column restriction's own form: it merges with other single-column ones and can be filtered. */
  readonly single: ValueRestriction | null;
}

export interface ClusteringRestrictionSet {
  /** From the first clustering column: EQ/IN restrictions, then at most one slice. */
  readonly parts: ClusteringPart[];
  /** With ALLOW FILTERING, the restrictions after a gap or a slice, checked on each row. */
  readonly filters: FilterExpression[];
  /** Columns restricted by an equality, on one column or in a tuple (isColumnRestrictedByEq). */
  readonly eqColumns: readonly ColumnMetadata[];
}

/**
 * The clustering restrictions of a statement, added relation by relation in the order written as
 * Cassandra's ClusteringColumnRestrictions.mergeWith adds them: restrictions sharing a column merge (a
 * single-column one taking the multi-column form when the other is multi-column, MultiColumnRestriction.
 * mergeWith), then, without ALLOW FILTERING or an index for the relation, a relation after a slice or a
 * slice before another restriction is refused. `refuseGaps`: an unrestricted column before a restricted
 * one is refused too (UPDATE names missing columns itself).
 */
export function buildClusteringRestrictions(
  table: TableMetadata, relations: readonly ClusteringRelation[], binds: BindSpecifications, allowFiltering: boolean,
  indexed: (relation: ClusteringRelation) => boolean, refuseGaps = true,
): ClusteringRestrictionSet {
  let byPosition: (ColumnsRestriction | undefined)[] = new Array(table.clustering.length).fill(undefined);
  for (const relation of relations) {
    const added = restrictionOf(table, relation, binds);
    const before = byPosition;
    byPosition = withRestriction(before, added);
    if (!allowFiltering && !indexed(relation)) checkOrder(before, added);
  }
  return assemble(table, byPosition, allowFiltering || !refuseGaps);
}

function restrictionOf(table: TableMetadata, r: ClusteringRelation, binds: BindSpecifications): ColumnsRestriction {
  if (!r.multi) {
    const column = r.columns[0]!;
    const single = singleRestriction(r.relation, columnSpec(table, column), binds);
    return { columns: r.columns, multi: false, kind: single.kind, part: partOf(single, column), single };
  }
  r.columns.forEach((column, i) => {
    if (r.columns.indexOf(column) !== i) throw new InvalidRequestError(`Column "${column.name}" appeared twice in a relation: ${relationText(r.relation)}`);
    if (i > 0 && column.position !== r.columns[i - 1]!.position + 1) {
      throw new InvalidRequestError(`Clustering columns must appear in the PRIMARY KEY order in multi-column relations: ${relationText(r.relation)}`);
    }
  });
  const part = tuplePart(table, r.columns, r.relation, binds);
  const kind = part.kind === 'slice' ? 'slice' : part.isIn ? 'in' : 'eq';
  return { columns: r.columns, multi: true, kind, part, single: null };
}

/** RestrictionSet.addRestriction: each restriction already on one of the new one's columns merges with it. */
function withRestriction(before: readonly (ColumnsRestriction | undefined)[], added: ColumnsRestriction): (ColumnsRestriction | undefined)[] {
  const after = [...before];
  const existing = new Set(added.columns.map((c) => before[c.position]).filter((r) => r !== undefined));
  if (existing.size === 0) for (const c of added.columns) after[c.position] = added;
  for (const e of existing) {
    const merged = merge(e, added);
    for (const c of merged.columns) after[c.position] = merged;
  }
  return after;
}

function merge(existing: ColumnsRestriction, added: ColumnsRestriction): ColumnsRestriction {
  if (!existing.multi && !added.multi) {
    const column = existing.columns[0]!;
    const single = mergeSingle(existing.single!, added.single!, column.name);
    return { ...existing, kind: single.kind, part: partOf(single, column), single };
  }
  // Either side multi-column: both are taken as multi-column restrictions (MultiColumnRestriction.doMergeWith).
  const commons = existing.columns.filter((c) => added.columns.includes(c)).map((c) => c.name).join(' ,');
  if (existing.kind === 'eq') throw new InvalidRequestError(`${commons} cannot be restricted by more than one relation if it includes an Equal`);
  if (existing.kind === 'in') throw new InvalidRequestError(`${commons} cannot be restricted by more than one relation if it includes a IN`);
  if (added.kind !== 'slice') throw new InvalidRequestError(`Column "${commons}" cannot be restricted by both an equality and an inequality relation`);
  const [first, other] = [existing.columns[0]!, added.columns[0]!];
  if (first !== other) {
    const later = first.position > other.position ? first : other;
    throw new InvalidRequestError(`Column "${later.name}" cannot be restricted by two inequalities not starting with the same column`);
  }
  const a = existing.part as ClusteringSliceRestriction;
  const b = added.part as ClusteringSliceRestriction;
  if (a.lower !== null && b.lower !== null) throw new InvalidRequestError(`More than one restriction was found for the start bound on ${commons}`);
  if (a.upper !== null && b.upper !== null) throw new InvalidRequestError(`More than one restriction was found for the end bound on ${commons}`);
  const columns = existing.columns.length >= added.columns.length ? existing.columns : added.columns;
  const part: ClusteringSliceRestriction = { kind: 'slice', width: columns.length, lower: a.lower ?? b.lower, upper: a.upper ?? b.upper };
  return { columns, multi: true, kind: 'slice', part, single: null };
}

/** ClusteringColumnRestrictions.mergeWith's checks, against the restrictions before `added`. */
function checkOrder(before: readonly (ColumnsRestriction | undefined)[], added: ColumnsRestriction): void {
  let last: ColumnsRestriction | undefined;
  for (const r of before) if (r !== undefined) last = r;
  if (last === undefined) return;
  const lastStart = last.columns[0]!;
  const newStart = added.columns[0]!;
  if (last.kind === 'slice' && newStart.position > lastStart.position) {
    throw new InvalidRequestError(`Clustering column "${newStart.name}" cannot be restricted (preceding column "${lastStart.name}" is restricted by a non-EQ relation)`);
  }
  if (newStart.position < lastStart.position && added.kind === 'slice') {
    const next = before.find((r, i) => r !== undefined && i > newStart.position)!.columns[0]!;
    throw new InvalidRequestError(`PRIMARY KEY column "${next.name}" cannot be restricted (preceding column "${newStart.name}" is restricted by a non-EQ relation)`);
  }
}

/** The prefix of restrictions the clustering filter uses, and what is left: refused, or filtered with ALLOW FILTERING. */
function assemble(table: TableMetadata, byPosition: readonly (ColumnsRestriction | undefined)[], allowFiltering: boolean): ClusteringRestrictionSet {
  const parts: ClusteringPart[] = [];
  let i = 0;
  let stoppedBy: { column: ColumnMetadata; slice: boolean } | null = null;
  while (i < byPosition.length && stoppedBy === null) {
    const r = byPosition[i];
    if (r === undefined) {
      stoppedBy = { column: table.clustering[i]!, slice: false };
      break;
    }
    parts.push(r.part);
    i += r.columns.length;
    if (r.kind === 'slice') stoppedBy = { column: r.columns[0]!, slice: true };
  }
  const left = [...new Set(byPosition.slice(i).filter((r) => r !== undefined))];
  const first = left[0];
  if (first !== undefined && !allowFiltering) {
    const prev = stoppedBy!;
    const name = first.columns[0]!.name;
    throw new InvalidRequestError(prev.slice
      ? `Clustering column "${name}" cannot be restricted (preceding column "${prev.column.name}" is restricted by a non-EQ relation)`
      : `PRIMARY KEY column "${name}" cannot be restricted as preceding column "${prev.column.name}" is not restricted`);
  }
  const restricted = [...new Set(byPosition.filter((r) => r !== undefined))];
  return {
    parts,
    filters: left.map((r) => (r.single !== null ? restrictionAsFilter(r.columns[0]!, r.single) : tupleFilter(r))),
    eqColumns: restricted.filter((r) => r.kind === 'eq').flatMap((r) => r.columns),
  };
}

/**
 * A tuple relation the clustering filter cannot use, as its row filter expressions (MultiColumnRestriction.
 * addRowFilterTo): one equality per column, for an EQ or an IN of one tuple; slices are refused.
 */
function tupleFilter(r: ColumnsRestriction): FilterExpression {
  const part = r.part;
  const comparators = r.columns.map((c) => comparatorFor(c.type));
  return (o, ctx) => {
    if (part.kind === 'slice') throw new InvalidRequestError('Slice restrictions are not supported on indexed columns');
    const tuples = part.tuples(o, ctx);
    if (tuples.length !== 1) throw new InvalidRequestError('IN restrictions are not supported on indexed columns');
    const wanted = tuples[0]!;
    return (read) => r.columns.every((c, i) => {
      const x = read(c);
      return x !== null && comparators[i]!(x, wanted[i]!) === 0;
    });
  };
}

function tupleType(columns: readonly ColumnMetadata[]): CqlType {
  return { kind: 'tuple', elements: columns.map((col) => col.type) };
}

function tuplePart(table: TableMetadata, columns: readonly ColumnMetadata[], relation: Relation, binds: BindSpecifications): ClusteringPart {
  const receiver = { keyspace: table.keyspace, table: table.name, name: `(${columns.map((col) => col.name).join(',')})`, type: tupleType(columns) };
  const split = (v: Buffer): Buffer[] => tupleElements(v, columns.length);
  if (relation.operator === 'IN') {
    const values = prepareIn(relation, receiver, binds);
    return { kind: 'values', width: columns.length, isIn: true, tuples: (o, ctx) => values(o, ctx).map(split) };
  }
  const term = prepareTerm(relation.value as Term, receiver, binds);
  const read = (o: QueryOptions, ctx: ExecutionContext) => split(requiredValue(term, o, ctx, receiver.name));
  if (relation.operator === '=') return { kind: 'values', width: columns.length, isIn: false, tuples: (o, ctx) => [read(o, ctx)] };
  const bound = { values: read, inclusive: relation.operator.endsWith('=') };
  return relation.operator.startsWith('>')
    ? { kind: 'slice', width: columns.length, lower: bound, upper: null }
    : { kind: 'slice', width: columns.length, lower: null, upper: bound };
}

/** The element values of a tuple bound to a multi-column relation; none may be null. */
function tupleElements(value: Buffer, count: number): Buffer[] {
  const parts = splitFields(value, count);
  if (parts.length !== count || parts.some((p) => p === null)) throw new InvalidRequestError('Invalid null value in tuple relation');
  return parts as Buffer[];
}
