import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import type { ClusteringBound, ClusteringFilter, Slice } from '../../../data/index.js';
import type { ExecutionContext, QueryOptions } from '../query-options.js';
import { allRows, filterFor, prefixComparator, type PrefixComparator } from './clustering-slices.js';
import { mixedOrderSlices } from './mixed-order-slices.js';
import { requiredValue, type PreparedBound, type ValueRestriction } from './value-restriction.js';

/** Values for `width` consecutive clustering columns: one tuple (EQ) or several (IN). */
export interface ClusteringValues {
  readonly kind: 'values';
  readonly width: number;
  /** Restricted by IN, whatever the number of values. */
  readonly isIn: boolean;
  readonly tuples: (o: QueryOptions, c: ExecutionContext) => Buffer[][];
}

/** A slice on `width` consecutive clustering columns (width > 1 for tuple relations). */
export interface ClusteringSliceRestriction {
  readonly kind: 'slice';
  readonly width: number;
  readonly lower: { readonly values: (o: QueryOptions, c: ExecutionContext) => Buffer[]; readonly inclusive: boolean } | null;
  readonly upper: { readonly values: (o: QueryOptions, c: ExecutionContext) => Buffer[]; readonly inclusive: boolean } | null;
}

export type ClusteringPart = ClusteringValues | ClusteringSliceRestriction;

/** Filters are read-only, so the one for statements without clustering restrictions is made once. */
const EVERY_ROW = allRows(false);
const EVERY_ROW_REVERSED = allRows(true);

/** Single-column restriction → clustering part. */
export function partOf(r: ValueRestriction, column: ColumnMetadata): ClusteringPart {
  if (r.kind === 'eq') return { kind: 'values', width: 1, isIn: false, tuples: (o, c) => [[requiredValue(r.term, o, c, column.name)]] };
  if (r.kind === 'in') return { kind: 'values', width: 1, isIn: true, tuples: (o, c) => r.values(o, c).map((v) => [v]) };
  const bound = (b: PreparedBound | null) => b === null ? null : {
    values: (o: QueryOptions, c: ExecutionContext) => [requiredValue(b.term, o, c, column.name)], inclusive: b.inclusive,
  };
  return { kind: 'slice', width: 1, lower: bound(r.lower), upper: bound(r.upper) };
}

/**
 * The clustering restrictions of a statement: a run of parts covering clustering columns from the
 * first, values (EQ/IN) first and at most one slice, last. Builds the ClusteringFilter for a read.
 */
export class ClusteringRestrictions {
  /** The clustering order of (prefixes of) the table's clusterings. */
  readonly cmp: PrefixComparator;

  constructor(readonly table: TableMetadata, readonly parts: readonly ClusteringPart[]) {
    this.cmp = prefixComparator(table.clustering);
  }

  /** Number of clustering columns restricted by the parts. */
  get restrictedCount(): number {
    return this.parts.reduce((n, p) => n + p.width, 0);
  }

  get hasSlice(): boolean {
    return this.parts.some((p) => p.kind === 'slice');
  }

  get hasIn(): boolean {
    return this.parts.some((p) => p.kind === 'values' && p.isIn);
  }

  /** The clustering prefixes selected by the EQ/IN parts (the cartesian product). */
  prefixes(o: QueryOptions, c: ExecutionContext): Buffer[][] {
    let prefixes: Buffer[][] = [[]];
    for (const part of this.parts) {
      if (part.kind !== 'values') break;
      const tuples = part.tuples(o, c);
      prefixes = prefixes.flatMap((p) => tuples.map((t) => [...p, ...t]));
    }
    return prefixes;
  }

  filter(o: QueryOptions, c: ExecutionContext, reversed: boolean): ClusteringFilter {
    if (this.parts.length === 0) return reversed ? EVERY_ROW_REVERSED : EVERY_ROW;
    const prefixes = this.prefixes(o, c);
    const slice = this.parts.find((p): p is ClusteringSliceRestriction => p.kind === 'slice');
    if (slice === undefined) return filterFor(prefixes, this.table.clustering.length, reversed, this.cmp);
    const first = this.parts.slice(0, this.parts.indexOf(slice)).reduce((n, p) => n + p.width, 0);
    const columns = this.table.clustering.slice(first, first + slice.width);
    const lower = slice.lower && { values: slice.lower.values(o, c), inclusive: slice.lower.inclusive };
    const upper = slice.upper && { values: slice.upper.values(o, c), inclusive: slice.upper.inclusive };
    return filterFor(prefixes, this.table.clustering.length, reversed, this.cmp, (p) => sliceWithin(p, columns, lower, upper, this.cmp));
  }
}

type Bound = { values: Buffer[]; inclusive: boolean } | null;

/**
 * The slices on the columns after `prefix`, in clustering order: DESC columns swap the ends, and columns
 * of mixed order split the slice (mixedOrderSlices).
 */
function sliceWithin(prefix: Buffer[], columns: readonly ColumnMetadata[], lower: Bound, upper: Bound, cmp: PrefixComparator): Slice[] {
  const descending = columns[0]!.clusteringOrder === 'desc';
  if (columns.some((c) => (c.clusteringOrder === 'desc') !== descending)) return mixedOrderSlices(prefix, columns, lower, upper, cmp);
  const [first, last] = descending ? [upper, lower] : [lower, upper];
  const start: ClusteringBound = first === null ? { prefix, inclusive: true } : { prefix: [...prefix, ...first.values], inclusive: first.inclusive };
  const end: ClusteringBound = last === null ? { prefix, inclusive: true } : { prefix: [...prefix, ...last.values], inclusive: last.inclusive };
  // An empty slice (start after end) selects nothing.
  if (first !== null && last !== null) {
    const order = cmp(start.prefix, end.prefix);
    if (order > 0 || (order === 0 && !(start.inclusive && end.inclusive))) return [];
  }
  return [{ start, end }];
}
