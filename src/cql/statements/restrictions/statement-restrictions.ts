import { InvalidRequestError } from '../../../errors/index.js';
import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import { comparatorFor, splitFields, type CqlType } from '../../../types/index.js';
import type { Relation, Term } from '../../ast/index.js';
import { columnSpec, existingColumn } from '../table-columns.js';
import type { ExecutionContext, QueryOptions } from '../query-options.js';
import { prepareTerm, receiverMarkerIndex, type BindSpecifications, type PreparedTerm } from '../term-preparer.js';
import { ClusteringRestrictions, partOf, type ClusteringPart, type ClusteringSliceRestriction } from './clustering-restrictions.js';
import { indexSupports, type FilteredRelation } from './index-support.js';
import { prepareFilter, prepareMapEntryFilter, type BoundFilter, type FilterExpression } from './row-filter.js';
import { addRelation, prepareIn, requiredValue, tokenReceiver, type PreparedBound, type ValueRestriction } from './value-restriction.js';

export const FILTERING_MESSAGE = 'Cannot execute this query as it might involve data filtering and thus may have unpredictable '
  + 'performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING';

export type PartitionRestriction =
  | { readonly kind: 'keys'; readonly columns: readonly ValueRestriction[] }
  | { readonly kind: 'token'; readonly lower: PreparedBound | null; readonly upper: PreparedBound | null; readonly eq: boolean }
  | { readonly kind: 'none' };

export interface TokenBound {
  readonly token: bigint;
  readonly inclusive: boolean;
}

interface Classified {
  single: Map<string, ValueRestriction>;
  tuples: { columns: ColumnMetadata[]; relation: Relation }[];
  token: Relation[];
  filters: FilterExpression[];
  /** Relations on non-key columns (always filtering). */
  nonKeyFilterCount: number;
  /** Relations only a row filter (or an index) can serve, in the order written. */
  filtered: FilteredRelation[];
  /** Whether some relation selects rows within partitions: on a clustering or a regular column. */
  restrictsRows: boolean;
  /** Bind marker index per partition key column when it is restricted by `= ?` (drivers route by them). */
  pkBindIndexes: (number | undefined)[];
}

/** The WHERE clause of a statement, classified as Cassandra's StatementRestrictions does. */
export class StatementRestrictions {
  readonly partition: PartitionRestriction;
  readonly clustering: ClusteringRestrictions;
  readonly filters: readonly FilterExpression[];
  readonly pkBindIndexes: readonly (number | undefined)[];
  /** Whether rows are filtered after reading (ALLOW FILTERING was needed). */
  readonly usesFiltering: boolean;
  /**
   * No relation on clustering or regular columns: whole partitions are queried, so a partition with only
   * static content still yields a row (Cassandra's queriesFullPartitions).
   */
  readonly queriesFullPartitions: boolean;
  /** Whether the partition key is restricted at all: keys, token ranges, or filtered key parts. */
  readonly hasPartitionKeyRestrictions: boolean;
  /** The terms of a partition key restricted by EQ on every column, the usual case: then exactly one key. */
  private readonly eqKeyTerms: readonly PreparedTerm[] | null;
  /** Primary key columns restricted by a single-column equality. */
  private readonly eqColumns: ReadonlySet<string>;

  /** `type` is the statement's: UPDATE and DELETE must name whole partition keys. */
  constructor(
    readonly table: TableMetadata, where: readonly Relation[], binds: BindSpecifications, allowFiltering: boolean,
    type: 'select' | 'update' | 'delete' = 'select',
  ) {
    const c = classify(table, where, binds);
    if (type !== 'select') checkModificationKeys(table, c, type);
    this.eqColumns = new Set([...c.single].filter(([, r]) => r.kind === 'eq').map(([name]) => name));
    const filters = [...c.filters];
    this.partition = partitionRestriction(table, c, allowFiltering, binds, filters);
    const firstClustering = table.clustering[0] === undefined ? undefined : c.single.get(table.clustering[0].name);
    const parts = clusteringParts(table, c, binds, allowFiltering, filters);
    const rangeParts = this.partition.kind === 'keys' ? 0 : parts.length;
    const mayFilter = allowFiltering || servedByIndex(table, c, rangeParts, firstClustering);
    if (this.partition.kind !== 'keys' && parts.length > 0 && !mayFilter) throw new InvalidRequestError(FILTERING_MESSAGE);
    if (c.nonKeyFilterCount > 0 && !mayFilter) throw new InvalidRequestError(FILTERING_MESSAGE);
    this.clustering = new ClusteringRestrictions(table, parts);
    this.filters = filters;
    this.pkBindIndexes = c.pkBindIndexes;
    this.usesFiltering = filters.length > 0;
    this.queriesFullPartitions = !c.restrictsRows;
    this.hasPartitionKeyRestrictions = c.token.length > 0 || table.partitionKey.some((k) => c.single.has(k.name));
    const keyColumns = this.partition.kind === 'keys' ? this.partition.columns : [];
    this.eqKeyTerms = keyColumns.length > 0 && keyColumns.every(isEq) ? keyColumns.map((r) => r.term) : null;
  }

  /** Whether `column` (of the primary key) is restricted by a single-column equality. */
  isRestrictedByEq(column: ColumnMetadata): boolean {
    return this.eqColumns.has(column.name);
  }

  /** Whether some partition key column is restricted by IN (Cassandra's keyIsInRelation). */
  get keyIsInRelation(): boolean {
    return this.partition.kind === 'keys' && this.eqKeyTerms === null;
  }

  /** The partition keys selected, as lists of components (the cartesian product of EQ/IN values). */
  partitionKeys(o: QueryOptions, ctx: ExecutionContext): Buffer[][] {
    if (this.partition.kind !== 'keys') return [];
    const eqTerms = this.eqKeyTerms;
    if (eqTerms !== null) {
      const key = new Array<Buffer>(eqTerms.length);
      for (let i = 0; i < eqTerms.length; i++) key[i] = requiredValue(eqTerms[i]!, o, ctx, this.table.partitionKey[i]!.name);
      return [key];
    }
    let keys: Buffer[][] = [[]];
    this.partition.columns.forEach((r, i) => {
      const name = this.table.partitionKey[i]!.name;
      const values = r.kind === 'eq' ? [requiredValue(r.term, o, ctx, name)] : r.kind === 'in' ? r.values(o, ctx) : [];
      keys = keys.flatMap((k) => values.map((v) => [...k, v]));
    });
    return this.sortedDistinct(keys);
  }

  /**
   * Keys in the order of their values and without repeats, as Cassandra's builder of IN keys (a sorted set)
   * gives them: `k IN (2, 1)` reads partition 1 first.
   */
  private sortedDistinct(keys: Buffer[][]): Buffer[][] {
    const comparators = this.table.partitionKey.map((c) => comparatorFor(c.type));
    const compare = (a: Buffer[], b: Buffer[]): number => {
      for (let i = 0; i < comparators.length; i++) {
        const c = comparators[i]!(a[i]!, b[i]!);
        if (c !== 0) return c;
      }
      return 0;
    };
    keys.sort(compare);
    return keys.filter((k, i) => i === 0 || compare(keys[i - 1]!, k) !== 0);
  }

  tokenBounds(o: QueryOptions, ctx: ExecutionContext): { lower: TokenBound | null; upper: TokenBound | null } {
    if (this.partition.kind !== 'token') return { lower: null, upper: null };
    const read = (b: PreparedBound | null): TokenBound | null =>
      b === null ? null : { token: requiredValue(b.term, o, ctx, 'partition key token').readBigInt64BE(0), inclusive: b.inclusive };
    return { lower: read(this.partition.lower), upper: read(this.partition.upper) };
  }

  boundFilters(o: QueryOptions, ctx: ExecutionContext): BoundFilter[] {
    return this.filters.map((f) => f(o, ctx));
  }
}

/**
 * A query that would filter needs no ALLOW FILTERING when its row filter holds one relation and an index
 * answers it (StatementRestrictions.needFiltering); clustering restrictions count when partitions are a
 * range. Cassanova still answers it by filtering: the rows are the same, only the cost differs.
 */
function servedByIndex(
  table: TableMetadata, c: Classified, rangeClusteringParts: number, firstClustering: ValueRestriction | undefined,
): boolean {
  if (table.indexes.size === 0 || c.filtered.length + rangeClusteringParts !== 1) return false;
  const only = c.filtered[0]
    ?? (firstClustering?.kind === 'eq' ? { column: table.clustering[0]!, operator: '=' as const } : null);
  return only !== null && indexSupports(table, only);
}

function isEq(r: ValueRestriction): r is Extract<ValueRestriction, { kind: 'eq' }> {
  return r.kind === 'eq';
}

function classify(table: TableMetadata, where: readonly Relation[], binds: BindSpecifications): Classified {
  const c: Classified = { single: new Map(), tuples: [], token: [], filters: [], nonKeyFilterCount: 0, filtered: [], restrictsRows: false, pkBindIndexes: [] };
  for (const relation of where) {
    const target = relation.target;
    if (target.kind === 'token') {
      c.token.push(relation);
    } else if (target.kind === 'tuple') {
      const columns = target.names.map((n) => existingColumn(table, n));
      if (columns.some((col) => col.kind !== 'clustering')) {
        throw new InvalidRequestError('Multi-column relations can only be applied to clustering columns but was applied to: '
          + columns.filter((col) => col.kind !== 'clustering').map((col) => col.name).join(', '));
      }
      c.tuples.push({ columns, relation });
      c.restrictsRows = true;
    } else if (target.kind === 'mapEntry') {
      const column = existingColumn(table, target.name);
      c.filters.push(prepareMapEntryFilter(column, target.key, relation, columnSpec(table, column), binds));
      c.nonKeyFilterCount++;
      c.filtered.push({ column, operator: '=', mapEntry: true });
      c.restrictsRows = true;
    } else {
      const column = existingColumn(table, target.name);
      const spec = columnSpec(table, column);
      if (column.kind === 'clustering' || column.kind === 'regular') c.restrictsRows = true;
      if (column.kind === 'partition_key' || column.kind === 'clustering') {
        if (['!=', 'CONTAINS', 'CONTAINS KEY', 'LIKE'].includes(relation.operator)) {
          if (relation.operator === '!=') throw new InvalidRequestError(`Unsupported "!=" relation: ${column.name} != ${'<value>'}`);
          c.filters.push(prepareFilter(column, relation, spec, binds));
          c.filtered.push({ column, operator: relation.operator });
          continue;
        }
        if (column.kind === 'partition_key' && relation.operator === '=') {
          c.pkBindIndexes[column.position] = receiverMarkerIndex(relation.value as Term);
        }
        c.single.set(column.name, addRelation(c.single.get(column.name), relation, spec, binds));
      } else {
        c.filters.push(prepareFilter(column, relation, spec, binds));
        c.nonKeyFilterCount++;
        c.filtered.push({ column, operator: relation.operator });
      }
    }
  }
  return c;
}

/** UPDATE and DELETE write to named partitions: no token ranges, no missing key parts (processPartitionKeyRestrictions). */
function checkModificationKeys(table: TableMetadata, c: Classified, type: 'update' | 'delete'): void {
  if (c.token.length > 0) throw new InvalidRequestError(`The token function cannot be used in WHERE clauses for ${type.toUpperCase()} statements`);
  const missing = table.partitionKey.filter((k) => !c.single.has(k.name));
  if (missing.length > 0) throw new InvalidRequestError(`Some partition key parts are missing: ${missing.map((k) => k.name).join(', ')}`);
  const nonKey = c.filtered.filter((r) => r.column.kind === 'regular' || r.column.kind === 'static');
  if (nonKey.length > 0) {
    throw new InvalidRequestError(`Non PRIMARY KEY columns found in where clause: ${nonKey.map((r) => r.column.name).join(', ')} `);
  }
}

function partitionRestriction(
  table: TableMetadata, c: Classified, allowFiltering: boolean, binds: BindSpecifications, filters: FilterExpression[],
): PartitionRestriction {
  const pkRestrictions = table.partitionKey.map((col) => c.single.get(col.name));
  if (c.token.length > 0) {
    if (pkRestrictions.some((r) => r !== undefined)) {
      throw new InvalidRequestError(`Columns "${table.partitionKey.map((k) => k.name).join(', ')}" cannot be restricted by both a normal relation and a token relation`);
    }
    return tokenRestriction(table, c.token, binds);
  }
  if (pkRestrictions.every((r) => r !== undefined && r.kind !== 'slice')) {
    return { kind: 'keys', columns: pkRestrictions as ValueRestriction[] };
  }
  if (pkRestrictions.every((r) => r === undefined)) return { kind: 'none' };
  if (!allowFiltering) {
    if (pkRestrictions.some((r) => r?.kind === 'slice')) {
      throw new InvalidRequestError('Only EQ and IN relation are supported on the partition key (unless you use the token() function)');
    }
    throw new InvalidRequestError(FILTERING_MESSAGE);
  }
  table.partitionKey.forEach((col, i) => {
    const r = pkRestrictions[i];
    if (r !== undefined) filters.push(restrictionAsFilter(col, r));
  });
  return { kind: 'none' };
}

function tokenRestriction(table: TableMetadata, relations: Relation[], binds: BindSpecifications): PartitionRestriction {
  const names = table.partitionKey.map((k) => k.name);
  let lower: PreparedBound | null = null;
  let upper: PreparedBound | null = null;
  let eq = false;
  const receiver = tokenReceiver(table.keyspace, table.name);
  for (const r of relations) {
    const args = (r.target as { names: readonly string[] }).names;
    if (args.length !== names.length || args.some((a, i) => a !== names[i])) {
      throw new InvalidRequestError(`The token function arguments must be in the partition key order: ${names.join(', ')}`);
    }
    const term = prepareTerm(r.value as Term, receiver, binds);
    if (r.operator === '=') {
      eq = true;
      lower = { term, inclusive: true };
      upper = { term, inclusive: true };
    } else if (r.operator === '>' || r.operator === '>=') {
      lower = { term, inclusive: r.operator === '>=' };
    } else if (r.operator === '<' || r.operator === '<=') {
      upper = { term, inclusive: r.operator === '<=' };
    } else {
      throw new InvalidRequestError(`${r.operator} cannot be used with the token function`);
    }
  }
  return { kind: 'token', lower, upper, eq };
}

/** With ALLOW FILTERING, key restrictions that cannot select data directly are checked on each row. */
function restrictionAsFilter(column: ColumnMetadata, r: ValueRestriction): FilterExpression {
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

function tupleType(columns: readonly ColumnMetadata[]): CqlType {
  return { kind: 'tuple', elements: columns.map((col) => col.type) };
}

function tuplePart(table: TableMetadata, columns: ColumnMetadata[], relation: Relation, binds: BindSpecifications): ClusteringPart {
  const receiver = { keyspace: table.keyspace, table: table.name, name: `(${columns.map((col) => col.name).join(',')})`, type: tupleType(columns) };
  const split = (v: Buffer): Buffer[] => tupleElements(v, columns.length);
  if (relation.operator === 'IN') {
    const values = prepareIn(relation, receiver, binds);
    return { kind: 'values', width: columns.length, isIn: true, tuples: (o, ctx) => values(o, ctx).map(split) };
  }
  const term = prepareTerm(relation.value as Term, receiver, binds);
  const read = (o: QueryOptions, ctx: ExecutionContext) => split(requiredValue(term, o, ctx, receiver.name));
  if (relation.operator === '=') return { kind: 'values', width: columns.length, isIn: false, tuples: (o, ctx) => [read(o, ctx)] };
  const inclusive = relation.operator.endsWith('=');
  const bound = { values: read, inclusive };
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

/** `(b, c) > (?, ?) AND (b, c) <= (?, ?)`: bounds on the same columns make one slice. */
function mergeTupleParts(parts: ClusteringPart[]): ClusteringPart {
  if (parts.length === 1) return parts[0]!;
  let lower: ClusteringSliceRestriction['lower'] = null;
  let upper: ClusteringSliceRestriction['upper'] = null;
  for (const p of parts) {
    if (p.kind !== 'slice') throw new InvalidRequestError('Multi-column relations on the same columns must all be slices when there are several');
    if (p.lower !== null) {
      if (lower !== null) throw new InvalidRequestError('More than one restriction was found for the start bound on the multi-column relation');
      lower = p.lower;
    }
    if (p.upper !== null) {
      if (upper !== null) throw new InvalidRequestError('More than one restriction was found for the end bound on the multi-column relation');
      upper = p.upper;
    }
  }
  return { kind: 'slice', width: parts[0]!.width, lower, upper };
}

function clusteringParts(
  table: TableMetadata, c: Classified, binds: BindSpecifications, allowFiltering: boolean, filters: FilterExpression[],
): ClusteringPart[] {
  const parts: ClusteringPart[] = [];
  let i = 0;
  let stoppedBy: { column: ColumnMetadata; slice: boolean } | null = null;
  const clustering = table.clustering;
  while (i < clustering.length && stoppedBy === null) {
    const col = clustering[i]!;
    const tuples = c.tuples.filter((t) => t.columns[0] === col);
    const single = c.single.get(col.name);
    if (tuples.length > 0) {
      const tuple = tuples[0]!;
      for (const t of tuples) {
        if (t.columns.some((tc, j) => clustering[i + j] !== tc)) {
          throw new InvalidRequestError(`Clustering columns must appear in the PRIMARY KEY order in multi-column relations: ${t.columns.map((x) => x.name).join(', ')}`);
        }
      }
      const part = mergeTupleParts(tuples.map((t) => tuplePart(table, t.columns, t.relation, binds)));
      parts.push(part);
      c.tuples = c.tuples.filter((t) => !tuples.includes(t));
      i += tuple.columns.length;
      if (part.kind === 'slice') stoppedBy = { column: col, slice: true };
    } else if (single !== undefined) {
      parts.push(partOf(single, col));
      c.single.delete(col.name);
      i++;
      if (single.kind === 'slice') stoppedBy = { column: col, slice: true };
    } else {
      stoppedBy = { column: col, slice: false };
    }
  }
  if (c.tuples.length > 0) throw new InvalidRequestError('Mixing single column relations and multi column relations on clustering columns is not allowed');
  for (const col of clustering.slice(i)) {
    const r = c.single.get(col.name);
    if (r === undefined) continue;
    if (!allowFiltering) {
      const prev = stoppedBy!;
      throw new InvalidRequestError(prev.slice
        ? `Clustering column "${col.name}" cannot be restricted (preceding column "${prev.column.name}" is restricted by a non-EQ relation)`
        : `PRIMARY KEY column "${col.name}" cannot be restricted as preceding column "${prev.column.name}" is not restricted`);
    }
    filters.push(restrictionAsFilter(col, r));
  }
  return parts;
}


