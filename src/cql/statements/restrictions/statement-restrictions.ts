import { InvalidRequestError } from '../../../errors/index.js';
import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import { comparatorFor } from '../../../types/index.js';
import { relationText, type Relation, type Term } from '../../ast/index.js';
import { columnSpec, existingColumn } from '../table-columns.js';
import type { ExecutionContext, QueryOptions } from '../query-options.js';
import { prepareTerm, receiverMarkerIndex, type BindSpecifications, type PreparedTerm } from '../term-preparer.js';
import { buildClusteringRestrictions, type ClusteringRelation } from './clustering-restriction-set.js';
import { ClusteringRestrictions } from './clustering-restrictions.js';
import { indexSupports, type FilteredRelation } from './index-support.js';
import { checkModificationPartition, checkModificationRows, type ModificationType } from './modification-restrictions.js';
import { prepareFilter, prepareMapEntryFilter, restrictionAsFilter, type BoundFilter, type FilterExpression } from './row-filter.js';
import { mergeRelation, type ColumnRelations } from './relation-merge.js';
import { checkLikeIndexed, prepareSasiFilter, sasiIndexesOn } from './sasi-filter.js';
import { addRelation, requiredValue, tokenReceiver, type PreparedBound, type ValueRestriction } from './value-restriction.js';

export const FILTERING_MESSAGE = 'Cannot execute this query as it might involve data filtering and thus may have unpredictable '
  + 'performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING';

/** The token() relations merged (TokenRestriction): a slice of the ring, both ends the same token for EQ. */
export interface TokenSlice {
  readonly lower: PreparedBound | null;
  readonly upper: PreparedBound | null;
}

/**
 * Which partitions a statement reads: the keys its EQ/IN relations name (of those, only the ones within
 * `token` when token() relations restrict them too, Cassandra's TokenFilter), a token range, or all.
 */
export type PartitionRestriction =
  | { readonly kind: 'keys'; readonly columns: readonly ValueRestriction[]; readonly token: TokenSlice | null }
  | ({ readonly kind: 'token' } & TokenSlice)
  | { readonly kind: 'none' };

export interface TokenBound {
  readonly token: bigint;
  readonly inclusive: boolean;
}

interface Classified {
  single: Map<string, ValueRestriction>;
  /** Relations on clustering columns by EQ, IN or a slice, single- or multi-column, in the order written. */
  clustering: ClusteringRelation[];
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
  /** No relation on a clustering or regular column (what SELECT DISTINCT allows). */
  readonly restrictsOnlyPartitionKeyAndStatics: boolean;
  /** The terms of a partition key restricted by EQ on every column, the usual case: then exactly one key. */
  private readonly eqKeyTerms: readonly PreparedTerm[] | null;
  /** Primary key columns restricted by a single-column equality. */
  private readonly eqColumns: ReadonlySet<string>;

  /**
   * `type` is the statement's: UPDATE and DELETE must name whole partition keys, and rows as their
   * modification rules say (`onlyStatics`: the statement writes static columns only).
   */
  constructor(
    readonly table: TableMetadata, where: readonly Relation[], binds: BindSpecifications, allowFiltering: boolean,
    type: 'select' | ModificationType = 'select', onlyStatics = false,
  ) {
    const c = classify(table, where, binds, type === 'select');
    if (type !== 'select') checkModificationPartition(table, c.token, c.single, type);
    const filters = [...c.filters];
    this.partition = partitionRestriction(table, c, allowFiltering, binds, filters);
    const indexed = (r: ClusteringRelation) => r.columns.some((column) => indexSupports(table, { column, operator: r.relation.operator }));
    // An UPDATE's missing clustering columns are named as such rather than as a gap.
    const clustering = buildClusteringRestrictions(table, c.clustering, binds, allowFiltering, indexed, type !== 'update');
    if (type !== 'select') checkModificationRows(table, c.clustering, c.filtered, type, onlyStatics);
    const parts = clustering.parts;
    filters.push(...clustering.filters);
    if (!allowFiltering) checkContainsOnKeys(table, c);
    const rangeParts = this.partition.kind === 'keys' ? 0 : parts.length;
    const mayFilter = allowFiltering || servedByIndex(table, c, rangeParts);
    if (this.partition.kind !== 'keys' && parts.length > 0 && !mayFilter) throw new InvalidRequestError(FILTERING_MESSAGE);
    if (c.nonKeyFilterCount > 0 && !mayFilter) throw new InvalidRequestError(FILTERING_MESSAGE);
    this.clustering = new ClusteringRestrictions(table, parts);
    const eqKeyColumns = [...c.single].filter(([, r]) => r.kind === 'eq').map(([name]) => name);
    this.eqColumns = new Set([...eqKeyColumns, ...clustering.eqColumns.map((column) => column.name)]);
    this.filters = filters;
    this.pkBindIndexes = c.pkBindIndexes;
    this.usesFiltering = filters.length > 0;
    this.queriesFullPartitions = !c.restrictsRows;
    this.restrictsOnlyPartitionKeyAndStatics = c.clustering.length === 0
      && c.filtered.every((r) => r.column.kind === 'partition_key' || r.column.kind === 'static');
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

  /** The token range of a range read, or the one keys must fall in when token() relations filter them. */
  tokenBounds(o: QueryOptions, ctx: ExecutionContext): { lower: TokenBound | null; upper: TokenBound | null } {
    const slice = this.partition.kind === 'token' ? this.partition : this.partition.kind === 'keys' ? this.partition.token : null;
    if (slice === null) return { lower: null, upper: null };
    const read = (b: PreparedBound | null): TokenBound | null =>
      b === null ? null : { token: requiredValue(b.term, o, ctx, 'partition key token').readBigInt64BE(0), inclusive: b.inclusive };
    return { lower: read(slice.lower), upper: read(slice.upper) };
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
function servedByIndex(table: TableMetadata, c: Classified, rangeClusteringParts: number): boolean {
  if (table.indexes.size === 0 || c.filtered.length + rangeClusteringParts !== 1) return false;
  if (c.filtered.length === 1) return indexSupports(table, c.filtered[0]!);
  // The one clustering part: relations on the first clustering column alone, each answered by an index.
  return c.clustering.every((r) => !r.multi && r.columns[0] === table.clustering[0]
    && indexSupports(table, { column: r.columns[0]!, operator: r.relation.operator }));
}

function isEq(r: ValueRestriction): r is Extract<ValueRestriction, { kind: 'eq' }> {
  return r.kind === 'eq';
}

function classify(table: TableMetadata, where: readonly Relation[], binds: BindSpecifications, select: boolean): Classified {
  const c: Classified = { single: new Map(), clustering: [], token: [], filters: [], nonKeyFilterCount: 0, filtered: [], restrictsRows: false, pkBindIndexes: [] };
  const relationsOn = new Map<string, ColumnRelations>();
  for (const relation of where) {
    const target = relation.target;
    // Cassandra 4.1 has no restriction for != (Relation.toRestriction), whatever the column.
    if (relation.operator === 'IS NOT') throw new InvalidRequestError(`Unsupported restriction: ${relationText(relation)}`);
    if (relation.operator === '!=') throw new InvalidRequestError(`Unsupported "!=" relation: ${relationText(relation)}`);
    if (target.kind === 'token') {
      c.token.push(relation);
    } else if (target.kind === 'tuple') {
      const columns = target.names.map((n) => existingColumn(table, n));
      if (columns.some((col) => col.kind !== 'clustering')) {
        throw new InvalidRequestError('Multi-column relations can only be applied to clustering columns but was applied to: '
          + columns.filter((col) => col.kind !== 'clustering').map((col) => col.name).join(', '));
      }
      c.clustering.push({ columns, multi: true, relation });
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
      // As Relation.toRestriction then RestrictionSet.addRestriction: each relation is prepared (and checked),
      // then merged with the ones before it. Key columns merge in their own restriction sets; a LIKE merges
      // with nothing anywhere.
      const previous = relationsOn.get(column.name);
      const merging = column.kind === 'regular' || column.kind === 'static' || relation.operator === 'LIKE' || previous?.first === 'LIKE';
      const merge = (): void => {
        if (merging || previous === undefined) relationsOn.set(column.name, mergeRelation(merging ? previous : undefined, relation.operator, column.name));
      };
      if (column.kind === 'clustering' || column.kind === 'regular') c.restrictsRows = true;
      if (relation.operator === 'LIKE') {
        // The value is prepared against the column's type first (SingleColumnRelation.newLikeRestriction).
        c.filters.push(prepareSasiFilter(column, relation, spec, binds, sasiIndexesOn(table, column)));
        checkLikeIndexed(table, column, relation, select);
        merge();
        c.filtered.push({ column, operator: 'LIKE' });
        if (column.kind === 'regular' || column.kind === 'static') c.nonKeyFilterCount++;
        continue;
      }
      if (column.kind === 'partition_key' || column.kind === 'clustering') {
        merge();
        if (relation.operator === 'CONTAINS' || relation.operator === 'CONTAINS KEY') {
          c.filters.push(prepareFilter(column, relation, spec, binds));
          c.filtered.push({ column, operator: relation.operator });
          continue;
        }
        if (column.kind === 'clustering') {
          c.clustering.push({ columns: [column], multi: false, relation });
          continue;
        }
        if (relation.operator === '=') c.pkBindIndexes[column.position] = receiverMarkerIndex(relation.value as Term);
        c.single.set(column.name, addRelation(c.single.get(column.name), relation, spec, binds));
      } else {
        const indexed = indexSupports(table, { column, operator: relation.operator });
        const sasi = indexed ? sasiIndexesOn(table, column) : [];
        c.filters.push(sasi.some((i) => i.supports(relation.operator))
          ? prepareSasiFilter(column, relation, spec, binds, sasi)
          : prepareFilter(column, relation, spec, binds, indexed));
        merge();
        c.nonKeyFilterCount++;
        c.filtered.push({ column, operator: relation.operator });
      }
    }
  }
  return c;
}

/**
 * CONTAINS on a frozen collection in the primary key, with no index to answer it, needs ALLOW FILTERING:
 * Cassandra says so in its own words for clustering columns (processClusteringColumnsRestrictions), unless
 * an earlier clustering column has a slice (ClusteringColumnRestrictions.addRestriction objects first).
 */
function checkContainsOnKeys(table: TableMetadata, c: Classified): void {
  const unindexed = (kind: ColumnMetadata['kind']) => c.filtered.find((r) => r.column.kind === kind && !indexSupports(table, r));
  if (unindexed('partition_key') !== undefined) throw new InvalidRequestError(FILTERING_MESSAGE);
  const contains = unindexed('clustering');
  if (contains === undefined) return;
  const slice = c.clustering.find((r) => SLICE_OPERATORS.has(r.relation.operator) && r.columns[0]!.position < contains.column.position);
  if (slice !== undefined) {
    throw new InvalidRequestError(`Clustering column "${contains.column.name}" cannot be restricted (preceding column "${slice.columns[0]!.name}" is restricted by a non-EQ relation)`);
  }
  throw new InvalidRequestError('Clustering columns can only be restricted with CONTAINS with a secondary index or filtering');
}

const SLICE_OPERATORS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=']);

/** UPDATE and DELETE write to named partitions: no token ranges, no missing key parts (processPartitionKeyRestrictions). */
function partitionRestriction(
  table: TableMetadata, c: Classified, allowFiltering: boolean, binds: BindSpecifications, filters: FilterExpression[],
): PartitionRestriction {
  const pkRestrictions = table.partitionKey.map((col) => c.single.get(col.name));
  const token = c.token.length > 0 ? tokenSlice(table, c.token, binds) : null;
  if (pkRestrictions.every((r) => r !== undefined && r.kind !== 'slice')) {
    return { kind: 'keys', columns: pkRestrictions as ValueRestriction[], token };
  }
  if (pkRestrictions.every((r) => r === undefined)) return token === null ? { kind: 'none' } : { kind: 'token', ...token };
  if (!allowFiltering) {
    if (token === null && pkRestrictions.some((r) => r?.kind === 'slice')) {
      throw new InvalidRequestError('Only EQ and IN relation are supported on the partition key (unless you use the token() function)');
    }
    throw new InvalidRequestError(FILTERING_MESSAGE);
  }
  table.partitionKey.forEach((col, i) => {
    const r = pkRestrictions[i];
    if (r !== undefined) filters.push(restrictionAsFilter(col, r));
  });
  return token === null ? { kind: 'none' } : { kind: 'token', ...token };
}

/** The token() relations of a statement merged into one slice, with TokenRelation's and TokenRestriction's checks. */
function tokenSlice(table: TableMetadata, relations: readonly Relation[], binds: BindSpecifications): TokenSlice {
  const names = table.partitionKey.map((k) => k.name).join(', ');
  const receiver = tokenReceiver(table.keyspace, table.name);
  let slice = null as TokenSlice | null;
  let eq = false;
  for (const r of relations) {
    checkTokenArguments(table, r);
    if (!['=', '<', '<=', '>', '>='].includes(r.operator)) throw new InvalidRequestError(`${r.operator} cannot be used with the token function`);
    const term = prepareTerm(r.value as Term, receiver, binds);
    const bound: PreparedBound = { term, inclusive: r.operator !== '<' && r.operator !== '>' };
    const added: TokenSlice = r.operator === '=' ? { lower: bound, upper: bound } : r.operator.startsWith('>') ? { lower: bound, upper: null } : { lower: null, upper: bound };
    if (slice !== null) {
      if (eq) throw new InvalidRequestError(`${names} cannot be restricted by more than one relation if it includes an Equal`);
      if (r.operator === '=') throw new InvalidRequestError(`Columns "${names}" cannot be restricted by both an equality and an inequality relation`);
      if (slice.lower !== null && added.lower !== null) throw new InvalidRequestError(`More than one restriction was found for the start bound on ${names}`);
      if (slice.upper !== null && added.upper !== null) throw new InvalidRequestError(`More than one restriction was found for the end bound on ${names}`);
    }
    slice = { lower: slice?.lower ?? added.lower, upper: slice?.upper ?? added.upper };
    eq = r.operator === '=';
  }
  return slice!;
}

/** token() takes the partition key columns, each once, in order (TokenRelation.toReceivers). */
function checkTokenArguments(table: TableMetadata, relation: Relation): void {
  const args = (relation.target as { names: readonly string[] }).names.map((n) => existingColumn(table, n));
  const key = table.partitionKey;
  if (args.length === key.length && args.every((a, i) => a === key[i])) return;
  if (!key.every((k) => args.includes(k))) throw new InvalidRequestError('The token() function must be applied to all partition key components or none of them');
  if (new Set(args).size !== args.length) throw new InvalidRequestError('The token() function contains duplicate partition key components');
  if (args.some((a) => a.kind !== 'partition_key')) throw new InvalidRequestError('The token() function must contains only partition key components');
  throw new InvalidRequestError(`The token function arguments must be in the partition key order: ${key.map((k) => k.name).join(', ')}`);
}
