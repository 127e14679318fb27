import { invariant } from '../../../common/index.js';
import { InvalidRequestError, ServerError } from '../../../errors/index.js';
import { decorateValidKey, validateIndexedValues } from '../key-validation.js';
import {
  clusteringComparatorFor, mergePartitions, type Cell, type Partitioner, type PartitionUpdate, type ReadPartition, type ReadRow,
  type SinglePartitionReadCommand,
} from '../../../data/index.js';
import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import type { PreparedModification } from '../modification/modification-statement.js';
import type { ExecutionContext, QueryOptions } from '../query-options.js';
import type { StatementEnvironment } from '../statement-environment.js';
import { conditionColumns } from './cas-conditions.js';
import type { BoundCondition } from './column-condition.js';

/** One statement of a conditional execution, with what it executes with. */
export interface CasStatement {
  readonly plan: PreparedModification;
  readonly options: QueryOptions;
  readonly ctx: ExecutionContext;
}

/** What must hold of one row (or of the static row) for the request to apply. */
type RowCondition =
  | { readonly kind: 'exists' | 'notExists' }
  | { readonly kind: 'columns'; readonly conditions: BoundCondition[] };

interface ConditionedRow {
  readonly clustering: readonly Buffer[];
  condition: RowCondition;
}

const rowId = (clustering: readonly Buffer[]): string => clustering.map((c) => c.toString('hex')).join(':');

/**
 * The conditions and updates of a conditional statement or batch on one partition (Cassandra's
 * CQL3CasRequest): conditions are kept per row they apply to, those on static columns apart; the
 * current values are read for those rows only, then either every condition holds and the updates of
 * every statement make one partition update, or none is made.
 */
export class CasRequest {
  private staticCondition: RowCondition | null = null;
  private readonly rowConditions = new Map<string, ConditionedRow>();
  private readonly statements: CasStatement[] = [];
  private readonly conditionStatics = new Set<string>();
  private readonly conditionRegulars = new Set<string>();
  private updatesRegularRows = false;
  private updatesStaticRow = false;
  /** The columns shown when the conditions do not hold; null for every column (IF [NOT] EXISTS). */
  columnsWithConditions: ColumnMetadata[] | null = [];

  constructor(readonly table: TableMetadata, readonly key: Buffer, readonly token: bigint, readonly keyComponents: readonly Buffer[]) {}

  /** Adds a statement's conditions (bound now) on the row `clustering` names (empty: the static row). */
  addConditions(statement: CasStatement, clustering: readonly Buffer[]): void {
    const conditions = statement.plan.conditions;
    if (conditions === null) return;
    this.updatesStaticRow ||= statement.plan.targets.updatesStaticRow;
    const isStatic = clustering.length === 0 && this.table.clustering.length > 0;
    if (conditions.kind !== 'columns') {
      this.addExistsCondition(isStatic ? null : clustering, conditions.kind);
      this.columnsWithConditions = null;
      return;
    }
    const { options: o, ctx: c } = statement;
    if (conditions.regular.length > 0) this.addColumnConditions(clustering, conditions.regular.map((cond) => cond.bind(o, c)));
    if (conditions.statics.length > 0) this.addColumnConditions(null, conditions.statics.map((cond) => cond.bind(o, c)));
    for (const column of conditionColumns(conditions)) {
      (column.kind === 'static' ? this.conditionStatics : this.conditionRegulars).add(column.name);
      this.columnsWithConditions?.push(column);
    }
  }

  /** Adds a statement whose updates are made when the conditions hold. */
  addUpdate(statement: CasStatement): void {
    this.statements.push(statement);
    this.updatesRegularRows ||= statement.plan.targets.updatesRegularRows;
  }

  private conditionOf(clustering: readonly Buffer[] | null): RowCondition | null {
    return clustering === null ? this.staticCondition : this.rowConditions.get(rowId(clustering))?.condition ?? null;
  }

  private setCondition(clustering: readonly Buffer[] | null, condition: RowCondition): void {
    if (clustering === null) this.staticCondition = condition;
    else this.rowConditions.set(rowId(clustering), { clustering, condition });
  }

  private addExistsCondition(clustering: readonly Buffer[] | null, kind: 'exists' | 'notExists'): void {
    const previous = this.conditionOf(clustering);
    if (previous === null) return this.setCondition(clustering, { kind });
    // Two statements of a batch on one row with the same condition: it is checked once.
    if (previous.kind === kind) return;
    throw new InvalidRequestError(previous.kind === 'columns'
      ? `Cannot mix IF conditions and IF ${kind === 'notExists' ? 'NOT ' : ''}EXISTS for the same row`
      : 'Cannot mix IF EXISTS and IF NOT EXISTS conditions for the same row');
  }

  private addColumnConditions(clustering: readonly Buffer[] | null, bound: BoundCondition[]): void {
    const previous = this.conditionOf(clustering);
    if (previous === null) return this.setCondition(clustering, { kind: 'columns', conditions: bound });
    if (previous.kind !== 'columns') throw new InvalidRequestError('Cannot mix IF conditions and IF NOT EXISTS for the same row');
    previous.conditions.push(...bound);
  }

  /**
   * The read of the current values: the rows with conditions, or only the first row when the conditions
   * are all on the static row (enough to tell a partition with rows from one without).
   */
  readCommand(nowInSec: number): SinglePartitionReadCommand {
    const base = { kind: 'single', table: this.table, key: this.key, token: this.token, nowInSec } as const;
    if (this.rowConditions.size === 0) {
      const all = { start: { prefix: [], inclusive: true }, end: { prefix: [], inclusive: true } };
      return { ...base, rowLimit: 1, filter: { kind: 'slices', slices: [all], reversed: false } };
    }
    const comparator = clusteringComparatorFor(this.table);
    const clusterings = [...this.rowConditions.values()].map((r) => r.clustering).sort((a, b) => comparator.compare(a, b));
    return { ...base, rowLimit: Infinity, filter: { kind: 'names', clusterings, reversed: false } };
  }

  /**
   * The current partition as the conditions see it: static columns only if the statements write the
   * static row or have conditions on them, regular columns only if they write rows or have conditions
   * on them (CQL3CasRequest.columnsToRead).
   */
  current(read: ReadPartition | undefined): ReadPartition | undefined {
    if (read === undefined) return undefined;
    const keep = (names: ReadonlySet<string>) => (cells: ReadonlyMap<string, Cell>) => new Map([...cells].filter(([name]) => names.has(name)));
    const staticCells = this.updatesStaticRow ? read.staticCells : keep(this.conditionStatics)(read.staticCells);
    const keepRegulars = keep(this.conditionRegulars);
    const rows = this.updatesRegularRows ? read.rows : read.rows.map((r): ReadRow => ({ ...r, cells: keepRegulars(r.cells) }));
    return { ...read, staticCells, rows };
  }

  /** Whether every condition holds of `current` (as current() restricted it). */
  appliesTo(current: ReadPartition | undefined): boolean {
    const statics = current?.staticCells;
    if (this.staticCondition !== null && !holds(this.staticCondition, statics !== undefined && statics.size > 0 ? statics : null)) return false;
    for (const { clustering, condition } of this.rowConditions.values()) {
      const row = current?.rows.find((r) => rowId(r.clustering) === rowId(clustering));
      if (!holds(condition, row?.cells ?? null)) return false;
    }
    return true;
  }

  /**
   * The updates of every statement as one partition update written at the ballot's time. Cells two
   * statements both write are reconciled as Cassandra does (the greater value, or the tombstone, wins a
   * timestamp tie); list operations that read first see `current`, as Cassandra's prefetched rows, rather
   * than reading again.
   */
  async makeUpdates(current: ReadPartition | undefined, timestampMicros: bigint, env: StatementEnvironment): Promise<PartitionUpdate> {
    const prefetched = current === undefined ? [] : [current];
    const updates: PartitionUpdate[] = [];
    for (const { plan, options, ctx } of this.statements) {
      const time = { timestamp: timestampMicros, ttlSeconds: 0, nowInSec: ctx.nowInSec };
      for (const builder of await plan.updates(options, ctx, env, time, prefetched)) {
        const update = builder.build();
        validateIndexedValues(update);
        updates.push(update);
      }
    }
    const { reversed: _reversed, ...merged } = mergePartitions(updates.map((u) => ({ ...u, reversed: false })));
    return merged;
  }
}

function holds(condition: RowCondition, row: ReadonlyMap<string, Cell> | null): boolean {
  switch (condition.kind) {
    case 'exists': return row !== null;
    case 'notExists': return row === null;
    case 'columns': return condition.conditions.every((c) => c.appliesTo(row));
  }
}

/**
 * Builds the request of a conditional statement or batch (ModificationStatement.makeCasRequest,
 * BatchStatement.makeCasRequest): every statement on one partition and, unless it deletes a range, on
 * one row; the conditions are bound and grouped per row.
 */
export function makeCasRequest(statements: readonly CasStatement[], partitioner: Partitioner, isBatch: boolean): CasRequest {
  let request: CasRequest | null = null;
  for (const statement of statements) {
    const { plan, options: o, ctx: c } = statement;
    const targets = plan.targets;
    const components = targets.partitionKeys(o, c);
    const kind = plan.type === 'update' ? 'updates' : 'deletions';
    if (targets.keyIsInRelation) {
      // Cassandra throws an IllegalArgumentException here, which its clients get as a server error.
      if (isBatch) throw new ServerError('java.lang.IllegalArgumentException: Batch with conditions cannot span multiple partitions (you cannot use IN on the partition key)');
      throw new InvalidRequestError(`IN on the partition key is not supported with conditional ${kind}`);
    }
    const { key, token } = decorateValidKey(partitioner, components[0]!);
    if (request === null) request = new CasRequest(plan.table, key, token, components[0]!);
    else if (!key.equals(request.key)) throw new InvalidRequestError('Batch with conditions cannot span multiple partitions');
    if (targets.clusteringHasIn) throw new InvalidRequestError(`IN on the clustering key columns is not supported with conditional ${kind}`);
    if (!targets.hasSlices) request.addConditions(statement, targets.clusterings(o, c)[0]!);
    request.addUpdate(statement);
  }
  invariant(request !== null, 'a conditional batch has a conditional statement');
  return request;
}
