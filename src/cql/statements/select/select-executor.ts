import { clientWarn } from '../../../common/index.js';
import { InvalidRequestError } from '../../../errors/index.js';
import { decorateValidKey } from '../key-validation.js';
import { clusteringComparatorFor, filterAfter, type ClusteringFilter, type PartitionBounds, type ReadCommand } from '../../../data/index.js';
import type { ExecutionContext, QueryOptions } from '../query-options.js';
import type { BoundFilter } from '../restrictions/row-filter.js';
import type { PrefixComparator } from '../restrictions/clustering-slices.js';
import { columnValue, type RowView } from '../selection/row-view.js';
import type { SelectorContext } from '../selection/selection.js';
import type { ReadPartition } from '../../../data/index.js';
import type { StatementEnvironment } from '../statement-environment.js';
import type { ResultSet } from '../result-set.js';
import { decodePagingState, encodePagingState, type PagingState } from './paging-state.js';
import type { PreparedSelect } from './select-statement.js';
import { groupRows } from './row-groups.js';

/** How many partitions a range read asks for at a time while filling a page. */
const RANGE_BATCH_PARTITIONS = 128;
const NO_ROWS = new Map();

interface PageCollector {
  readonly rows: (Buffer | null)[][];
  remaining: number;
  pageRoom: number;
  last: { key: Buffer; clustering: readonly Buffer[] | null; remainingInPartition: number } | null;
}

/**
 * Runs a prepared SELECT for one page: reads partitions through the environment (single partitions for
 * key queries, token-ordered ranges otherwise), filters, applies limits and records where to resume.
 */
export class SelectExecutor {
  private readonly cmp: PrefixComparator;
  private readonly filters: BoundFilter[];
  /** Rows per partition; with GROUP BY the limit counts groups instead (groupsPerPartition). */
  private readonly perPartitionLimit: number;
  private readonly groupsPerPartition: number;
  private readonly limit: number;
  private readonly state: PagingState | null;
  /** With GROUP BY, the groups still allowed in the partition a page resumes in. */
  private readonly resumeGroupsInPartition: number;
  private readonly selectorContext: SelectorContext;

  constructor(
    private readonly select: PreparedSelect,
    private readonly options: QueryOptions,
    private readonly ctx: ExecutionContext,
    private readonly env: StatementEnvironment,
  ) {
    this.cmp = select.restrictions.clustering.cmp;
    this.filters = select.restrictions.boundFilters(options, ctx);
    this.limit = select.limit(options, ctx);
    const perPartitionLimit = select.distinct ? 1 : select.perPartitionLimit(options, ctx);
    const grouped = select.groupBy !== null && !select.distinct;
    this.perPartitionLimit = grouped ? Infinity : perPartitionLimit;
    this.groupsPerPartition = perPartitionLimit;
    const state = options.pagingState === null ? null : decodePagingState(options.pagingState);
    // A grouped page records groups left in its partition, not rows: rows are read without that limit.
    this.state = state !== null && grouped ? { ...state, remainingInPartition: Infinity } : state;
    this.resumeGroupsInPartition = state?.remainingInPartition ?? perPartitionLimit;
    this.selectorContext = { ctx, options };
  }

  async execute(): Promise<ResultSet> {
    const sel = this.select.selection;
    // Rows of several partitions are sorted after reading them all, which a pager cannot resume: Cassandra
    // refuses such a query whenever it would be paged, that is with a page size below its LIMIT.
    if (this.needsPostQueryOrdering && this.options.pageSize > 0 && this.limit > this.options.pageSize) {
      throw new InvalidRequestError('Cannot page queries with both ORDER BY and a IN restriction on the partition key; you must either remove the ORDER BY or the IN and sort client side, or disable paging for this query');
    }
    if (this.select.groupBy !== null || sel.isAggregate) this.warnOnAggregation();
    if (this.select.groupBy !== null) return this.grouped(this.select.groupBy.clusteringPrefix);
    if (sel.isAggregate) return this.aggregate();
    const pageSize = this.options.pageSize > 0 ? this.options.pageSize : Infinity;
    const page: PageCollector = {
      rows: [], remaining: this.state?.remaining ?? this.limit, pageRoom: pageSize, last: null,
    };
    await this.collect(page, (row) => page.rows.push(sel.row(row, this.selectorContext)));
    const full = page.remaining > 0 && page.pageRoom === 0 && page.last !== null;
    const pagingState = full
      ? encodePagingState({ ...page.last!, remaining: page.remaining })
      : null;
    return { columns: sel.columns, rows: page.rows, pagingState };
  }

  /** SelectStatement's warnings for aggregation (and GROUP BY) over several partitions. */
  private warnOnAggregation(): void {
    const restrictions = this.select.restrictions;
    if (!restrictions.hasPartitionKeyRestrictions) clientWarn(this.ctx.request, 'Aggregation query used without partition key');
    else if (restrictions.keyIsInRelation) clientWarn(this.ctx.request, 'Aggregation query used on multiple partition keys (IN restriction)');
  }

  /** IN on the partition key with ORDER BY: rows of several partitions are sorted once all are read. */
  private get needsPostQueryOrdering(): boolean {
    return this.select.hasOrderBy && this.select.restrictions.keyIsInRelation;
  }

  /**
   * GROUP BY: every row from where the page resumes is read, partition by partition, then grouped; pages
   * count groups. With IN and ORDER BY, the groups of all partitions are then sorted, as Cassandra sorts
   * its result rows after grouping (such a query is never paged).
   */
  private async grouped(clusteringPrefix: number): Promise<ResultSet> {
    const sel = this.select.selection;
    const rows: RowView[] = [];
    await this.collect({ rows: [], remaining: Infinity, pageRoom: Infinity, last: null }, (row) => rows.push(row), false);
    const keyOf = (row: RowView): Buffer => this.env.partitioner.decorateKey(row.partitionKey).key;
    const resumesInPartition = this.state !== null && rows.length > 0 && keyOf(rows[0]!).equals(this.state.key);
    const sortAfter = this.needsPostQueryOrdering;
    const page = groupRows(rows, sel, this.selectorContext, clusteringPrefix, {
      pageSize: this.options.pageSize > 0 && !sortAfter ? this.options.pageSize : Infinity,
      remaining: sortAfter ? Infinity : this.state?.remaining ?? this.limit,
      perPartition: this.groupsPerPartition,
      firstPartitionRemaining: resumesInPartition ? this.resumeGroupsInPartition : this.groupsPerPartition,
    });
    if (sortAfter) {
      const direction = this.select.reversed ? -1 : 1;
      const order = page.rows.map((row, i) => ({ row, first: page.firsts[i]! }))
        .sort((a, b) => direction * this.cmp(a.first.clustering, b.first.clustering));
      return { columns: sel.columns, rows: order.slice(0, this.limit).map((o) => o.row), pagingState: null };
    }
    const after = page.resumeAfter;
    const pagingState = after === null ? null : encodePagingState({
      key: keyOf(after),
      clustering: after.clustering.length > 0 ? after.clustering : null,
      remaining: page.remaining,
      remainingInPartition: page.remainingInPartition,
    });
    return { columns: sel.columns, rows: page.rows, pagingState };
  }

  private async aggregate(): Promise<ResultSet> {
    const sel = this.select.selection;
    const aggregator = sel.aggregator(this.selectorContext);
    // An aggregate over every row ignores LIMIT when reading (SelectStatement.getDataLimits, AGGREGATE_EVERYTHING).
    const page: PageCollector = { rows: [], remaining: Infinity, pageRoom: Infinity, last: null };
    await this.collect(page, (row) => aggregator.add(row));
    return { columns: sel.columns, rows: [aggregator.result()], pagingState: null };
  }

  /** `mergeOrdered`: rows of several partitions with ORDER BY come merged in that order (else partition by partition). */
  private async collect(page: PageCollector, emit: (row: RowView) => void, mergeOrdered = true): Promise<void> {
    const restrictions = this.select.restrictions;
    if (restrictions.partition.kind === 'keys') {
      const keys = this.withinTokens(this.decorated(restrictions.partitionKeys(this.options, this.ctx)));
      if (keys.length > 1 && this.select.hasOrderBy && mergeOrdered) return this.collectOrdered(keys, page, emit);
      let start = 0;
      let resumeFirst: PagingState | null = null;
      const stoppedAt = this.state === null ? -1 : keys.findIndex((k) => k.key.equals(this.state!.key));
      if (stoppedAt >= 0 && this.state!.clustering === null) start = stoppedAt + 1;
      else if (stoppedAt >= 0) [start, resumeFirst] = [stoppedAt, this.state];
      for (let i = start; i < keys.length && page.remaining > 0 && page.pageRoom > 0; i++) {
        const resume = i === start ? resumeFirst : null;
        const filter = this.filterFor(resume);
        const k = keys[i]!;
        const rowLimit = this.rowLimit(page, resume?.remainingInPartition ?? this.perPartitionLimit);
        const partitions = await this.env.read(
          { kind: 'single', table: this.select.table, key: k.key, token: k.token, filter, nowInSec: this.ctx.nowInSec, rowLimit },
          this.options.consistency, this.ctx.request,
        );
        for (const p of partitions) this.processPartition(p, resume, page, emit);
      }
      return;
    }
    await this.collectRange(page, emit);
  }

  /** IN on the partition key with ORDER BY: rows of all partitions merged in clustering order. */
  private async collectOrdered(keys: { key: Buffer; token: bigint }[], page: PageCollector, emit: (row: RowView) => void): Promise<void> {
    const all: RowView[] = [];
    const collector: PageCollector = { rows: [], remaining: Infinity, pageRoom: Infinity, last: null };
    for (const k of keys) {
      const partitions = await this.env.read(
        { kind: 'single', table: this.select.table, key: k.key, token: k.token, filter: this.filterFor(null), nowInSec: this.ctx.nowInSec, rowLimit: Infinity },
        this.options.consistency, this.ctx.request,
      );
      for (const p of partitions) this.processPartition(p, null, collector, (r) => all.push(r));
    }
    const direction = this.select.reversed ? -1 : 1;
    all.sort((a, b) => direction * this.cmp(a.clustering, b.clustering));
    for (const row of all.slice(0, Math.min(page.remaining, all.length))) emit(row);
    page.remaining -= Math.min(page.remaining, all.length);
  }

  /** Keys come sorted and distinct from the restrictions: decorate them with their tokens (each a valid key, as getSliceCommands checks). */
  private decorated(components: Buffer[][]): { key: Buffer; token: bigint }[] {
    return components.map((c) => decorateValidKey(this.env.partitioner, c));
  }

  /** TokenFilter: with token() relations beside EQ/IN on the key, only the keys in their range are read. */
  private withinTokens(keys: { key: Buffer; token: bigint }[]): { key: Buffer; token: bigint }[] {
    const partition = this.select.restrictions.partition;
    if (partition.kind !== 'keys' || partition.token === null) return keys;
    const { lower, upper } = this.select.restrictions.tokenBounds(this.options, this.ctx);
    return keys.filter(({ token }) => (lower === null || (lower.inclusive ? token >= lower.token : token > lower.token))
      && (upper === null || (upper.inclusive ? token <= upper.token : token < upper.token)));
  }

  /**
   * The rows a read may return: what is left of the page and of the LIMIT, and of the partition's limit
   * (`inPartition`). Rows that filtering may drop cannot be counted by the read: then it is unlimited.
   */
  private rowLimit(page: PageCollector, inPartition: number): number {
    if (this.filters.length > 0) return Infinity;
    return Math.min(page.remaining, page.pageRoom, inPartition);
  }

  private filterFor(resume: PagingState | null): ClusteringFilter {
    const filter = this.select.restrictions.clustering.filter(this.options, this.ctx, this.select.reversed);
    if (resume === null || resume.clustering === null) return filter;
    return filterAfter(filter, resume.clustering, clusteringComparatorFor(this.select.table));
  }

  private async collectRange(page: PageCollector, emit: (row: RowView) => void): Promise<void> {
    const { lower, upper } = this.select.restrictions.tokenBounds(this.options, this.ctx);
    let resume = this.state;
    if (resume !== null && resume.clustering !== null) {
      // Finish the partition the previous page stopped in, then go on after it.
      const token = this.env.partitioner.decorateKey(this.env.partitioner.splitKey(resume.key, this.select.table.partitionKey.length)).token;
      const partitions = await this.env.read(
        {
          kind: 'single', table: this.select.table, key: resume.key, token, filter: this.filterFor(resume), nowInSec: this.ctx.nowInSec,
          rowLimit: this.rowLimit(page, resume.remainingInPartition),
        },
        this.options.consistency, this.ctx.request,
      );
      for (const p of partitions) this.processPartition(p, resume, page, emit);
    }
    let after: { token: bigint; key: Buffer } | null = resume === null
      ? null
      : { token: this.env.partitioner.decorateKey(this.env.partitioner.splitKey(resume.key, this.select.table.partitionKey.length)).token, key: resume.key };
    resume = null;
    while (page.remaining > 0 && page.pageRoom > 0) {
      const bounds: PartitionBounds = {
        start: after ?? (lower === null ? null : { token: lower.token, key: null }),
        startInclusive: after === null && lower !== null && lower.inclusive,
        end: upper === null ? null : { token: upper.token, key: null },
        endInclusive: upper?.inclusive ?? true,
      };
      const command: ReadCommand = {
        kind: 'range', table: this.select.table, bounds, filter: this.filterFor(null), nowInSec: this.ctx.nowInSec,
        rowLimit: this.rowLimit(page, Infinity),
        perPartitionLimit: this.filters.length > 0 ? Infinity : this.perPartitionLimit,
        partitionLimit: RANGE_BATCH_PARTITIONS,
      };
      const partitions = await this.env.read(command, this.options.consistency, this.ctx.request);
      for (const p of partitions) {
        if (page.remaining <= 0 || page.pageRoom <= 0) return;
        this.processPartition(p, null, page, emit);
      }
      if (partitions.length < RANGE_BATCH_PARTITIONS) return;
      const last = partitions[partitions.length - 1]!;
      after = { token: last.token, key: last.key };
    }
  }

  /** Emits the rows of one partition that pass the filters, within the limits, recording the last one. */
  private processPartition(p: ReadPartition, resume: PagingState | null, page: PageCollector, emit: (row: RowView) => void): void {
    const keyComponents = this.env.partitioner.splitKey(p.key, this.select.table.partitionKey.length);
    let inPartition = resume !== null ? resume.remainingInPartition : this.perPartitionLimit;
    const filters = this.filters;
    const visit = (row: RowView): boolean => {
      if (filters.length > 0 && !filters.every((f) => f((c) => columnValue(row, c)))) return true;
      emit(row);
      page.remaining--;
      page.pageRoom--;
      inPartition--;
      page.last = row.clustering.length > 0
        ? { key: p.key, clustering: row.clustering, remainingInPartition: inPartition }
        : { key: p.key, clustering: null, remainingInPartition: this.perPartitionLimit };
      return page.remaining > 0 && page.pageRoom > 0 && inPartition > 0;
    };
    if (this.select.distinct) {
      if (p.rows.length > 0 || p.staticCells.size > 0) {
        visit({ partitionKey: keyComponents, token: p.token, clustering: [], cells: NO_ROWS, staticCells: p.staticCells });
      }
      return;
    }
    if (p.rows.length === 0) {
      if (this.select.returnsStaticOnlyRows && p.staticCells.size > 0 && resume === null) {
        visit({ partitionKey: keyComponents, token: p.token, clustering: [], cells: NO_ROWS, staticCells: p.staticCells });
      }
      return;
    }
    for (const r of p.rows) {
      if (resume?.clustering && this.isNotAfter(r.clustering, resume.clustering)) continue;
      if (!visit({ partitionKey: keyComponents, token: p.token, clustering: r.clustering, cells: r.cells, staticCells: p.staticCells })) {
        if (inPartition <= 0) page.last = { key: p.key, clustering: null, remainingInPartition: this.perPartitionLimit };
        return;
      }
    }
    // The partition is exhausted: the next page starts at the next partition.
    if (page.last !== null && page.last.key === p.key) {
      page.last = { key: p.key, clustering: null, remainingInPartition: this.perPartitionLimit };
    }
  }

  private isNotAfter(clustering: readonly Buffer[], last: readonly Buffer[]): boolean {
    const c = this.cmp(clustering, last);
    return this.select.reversed ? c >= 0 : c <= 0;
  }
}
