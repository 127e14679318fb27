import { InvalidRequestError } from '../../../errors/index.js';
import { invariant } from '../../../common/index.js';
import type { Mutation, ReadPartition } from '../../../data/index.js';
import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import type { DeleteStatement, InsertStatement, UpdateStatement } from '../../ast/index.js';
import { UNSET, type ExecutionContext, type QueryOptions } from '../query-options.js';
import { FILTERING_MESSAGE, StatementRestrictions } from '../restrictions/statement-restrictions.js';
import type { StatementEnvironment } from '../statement-environment.js';
import { columnSpec, existingColumn, isPrimaryKey } from '../table-columns.js';
import { prepareTerm, receiverMarkerIndex, type BindSpecifications, type PreparedTerm } from '../term-preparer.js';
import { applyOperations, type PendingValues, type RowTarget } from './apply-operations.js';
import { setOperation, updateOperation, type ColumnOperation } from './column-operations.js';
import { jsonInsert } from './json-insert.js';
import { deletionTargets, prepareDeletions, writeDeletion, type ColumnDeletion } from './deletions.js';
import { ListPaths } from './list-paths.js';
import { readRequiredLists, requiresRead } from './read-required-lists.js';
import { PartitionUpdateBuilder, type WriteTime } from './row-builder.js';
import { prepareWriteAttributes, type WriteAttributes } from './write-attributes.js';
import { decorateValidKey, validateClustering } from '../key-validation.js';
import {
  conditionsApplyToRegulars, conditionsApplyToStatics, prepareCasConditions, type CasConditions,
} from '../conditions/cas-conditions.js';

/** Where a write lands: partition key values and clustering values, each a list (IN gives several). */
interface KeyValues {
  partition(o: QueryOptions, c: ExecutionContext): Buffer[][];
  clustering(o: QueryOptions, c: ExecutionContext): Buffer[][];
}

/** What a conditional execution needs to know of where a statement writes (its restrictions). */
export interface WriteTargets {
  /** The partition key is restricted by IN (Cassandra's keyIsInRelation). */
  readonly keyIsInRelation: boolean;
  /** Some clustering column is restricted by IN. */
  readonly clusteringHasIn: boolean;
  /** A DELETE of a range of rows (Cassandra's hasSlices). */
  readonly hasSlices: boolean;
  /** Writes rows: every clustering column is given, or the table has none (updatesRegularRows). */
  readonly updatesRegularRows: boolean;
  /** Writes static columns (updatesStaticRow). */
  readonly updatesStaticRow: boolean;
  partitionKeys(o: QueryOptions, c: ExecutionContext): Buffer[][];
  /** The clusterings written; one empty clustering for the static row (or a table without clustering columns). */
  clusterings(o: QueryOptions, c: ExecutionContext): Buffer[][];
}

/** An INSERT, UPDATE or DELETE prepared against its table. */
export interface PreparedModification {
  readonly kind: 'modification';
  readonly type: 'insert' | 'update' | 'delete';
  readonly table: TableMetadata;
  readonly attributes: WriteAttributes;
  readonly isCounter: boolean;
  readonly pkBindIndexes: readonly (number | undefined)[];
  /** IF NOT EXISTS, IF EXISTS or IF conditions; null for an unconditional statement. */
  readonly conditions: CasConditions | null;
  readonly targets: WriteTargets;
  /**
   * The partition updates of one execution; `time` lets a batch share one timestamp. List operations that
   * need the current list read it through `env` at the statement's level, unless `prefetched` gives what a
   * conditional execution read in its Paxos round.
   */
  updates(
    o: QueryOptions, c: ExecutionContext, env: StatementEnvironment, time?: WriteTime, prefetched?: readonly ReadPartition[],
  ): Promise<PartitionUpdateBuilder[]>;
}

function valueOf(term: PreparedTerm, o: QueryOptions, c: ExecutionContext, column: string): Buffer {
  const v = term(o, c);
  if (v === null) throw new InvalidRequestError(`Invalid null value in condition for column ${column}`);
  if (v === UNSET) throw new InvalidRequestError(`Invalid unset value for column ${column}`);
  return v;
}

/** One column an INSERT writes, with its prepared value and, for a bare bind marker, its index. */
export interface InsertValue {
  readonly column: ColumnMetadata;
  readonly term: PreparedTerm;
  readonly bindIndex?: number;
}

/** INSERT … (columns) VALUES (terms). */
function valuesInsert(table: TableMetadata, statement: InsertStatement, binds: BindSpecifications): InsertValue[] {
  const values = statement.values!;
  if (values.length !== statement.columns.length) throw new InvalidRequestError('Unmatched column names/values');
  // ParsedInsert checks the names as written, before looking any of them up.
  if (new Set(statement.columns).size !== statement.columns.length) throw new InvalidRequestError('The column names contains duplicates');
  return statement.columns.map((name, i) => {
    const column = existingColumn(table, name);
    const term = values[i]!;
    const prepared = isPrimaryKey(column) ? prepareTerm(term, columnSpec(table, column), binds) : setOperation(table, name, term, binds).term;
    const bindIndex = receiverMarkerIndex(term);
    return bindIndex === undefined ? { column, term: prepared } : { column, term: prepared, bindIndex };
  });
}

function insertKeys(table: TableMetadata, values: readonly InsertValue[], pkBindIndexes: (number | undefined)[]) {
  const key: PreparedTerm[] = [];
  const clustering: PreparedTerm[] = [];
  const operations: ColumnOperation[] = [];
  for (const { column, term, bindIndex } of values) {
    if (column.kind === 'partition_key') {
      key[column.position] = term;
      if (bindIndex !== undefined) pkBindIndexes[column.position] = bindIndex;
    } else if (column.kind === 'clustering') {
      clustering[column.position] = term;
    } else {
      operations.push({ kind: 'set', column, term });
    }
  }
  const missingKey = table.partitionKey.filter((k) => key[k.position] === undefined);
  if (missingKey.length > 0) throw new InvalidRequestError(`Some partition key parts are missing: ${missingKey.map((k) => k.name).join(', ')}`);
  const onlyStatic = operations.length > 0 && operations.every((op) => op.column.kind === 'static');
  const hasClustering = clustering.length > 0;
  const missingClustering = table.clustering.filter((k) => clustering[k.position] === undefined);
  if (missingClustering.length > 0 && !(onlyStatic && clustering.length === 0)) {
    throw new InvalidRequestError(`Some clustering keys are missing: ${missingClustering.map((k) => k.name).join(', ')}`);
  }
  const keys: KeyValues = {
    partition: (o, c) => [table.partitionKey.map((k) => valueOf(key[k.position]!, o, c, k.name))],
    clustering: (o, c) => (clustering.length === 0 ? [[]] : [table.clustering.map((k) => valueOf(clustering[k.position]!, o, c, k.name))]),
  };
  return { keys, operations, hasClustering };
}

/** The keys an UPDATE or DELETE names; StatementRestrictions has checked them against its kind. */
function whereKeys(restrictions: StatementRestrictions): KeyValues {
  invariant(restrictions.partition.kind === 'keys', 'UPDATE and DELETE restrictions name whole partition keys');
  if (restrictions.usesFiltering) throw new InvalidRequestError(FILTERING_MESSAGE);
  const clustering = restrictions.clustering;
  return {
    partition: (o, c) => restrictions.partitionKeys(o, c),
    clustering: (o, c) => clustering.prefixes(o, c),
  };
}

/** The parts of a prepared modification its kind decides. */
interface ModificationParts {
  readonly type: 'insert' | 'update' | 'delete';
  readonly table: TableMetadata;
  readonly attributes: WriteAttributes;
  readonly keys: KeyValues;
  readonly pkBindIndexes: readonly (number | undefined)[];
  readonly conditions: CasConditions | null;
  readonly targets: Omit<WriteTargets, 'partitionKeys' | 'clusterings'>;
  /** Some operation reads the current list first. */
  readonly requiresRead: boolean;
  write(target: RowTarget): void;
}

function build(parts: ModificationParts): PreparedModification {
  const { type, table, attributes, keys, write } = parts;
  checkConditional(table, attributes, parts.conditions);
  return {
    kind: 'modification', type, table, attributes, isCounter: table.isCounterTable, pkBindIndexes: parts.pkBindIndexes,
    conditions: parts.conditions,
    targets: { ...parts.targets, partitionKeys: keys.partition, clusterings: keys.clustering },
    async updates(o, c, env, shared, prefetched) {
      const pending: PendingValues = new Map();
      const time: WriteTime = shared === undefined
        ? { timestamp: attributes.timestamp(o, c), ttlSeconds: attributes.ttlSeconds(o, c), nowInSec: c.nowInSec }
        : { ...shared, ttlSeconds: attributes.ttlSeconds(o, c) };
      const listPaths = new ListPaths(c);
      const clusterings = keys.clustering(o, c);
      const partitions = keys.partition(o, c).map((components) => {
        const { key, token } = decorateValidKey(env.partitioner, components);
        return { components, key, token };
      });
      for (const clustering of clusterings) if (clustering.length === table.clustering.length) validateClustering(clustering);
      const read = !parts.requiresRead ? [] : prefetched ?? await readRequiredLists(table, partitions, clusterings, o, c, env);
      return partitions.map(({ components, key, token }) => {
        const builder = new PartitionUpdateBuilder(table, key, token);
        const current = read.find((p) => p.key.equals(key));
        for (const clustering of clusterings) {
          write({ builder, keyComponents: components, clustering, time, options: o, ctx: c, current, pending, listPaths });
        }
        return builder;
      });
    },
  };
}

/** What the ModificationStatement constructor refuses of a conditional statement. */
function checkConditional(table: TableMetadata, attributes: WriteAttributes, conditions: CasConditions | null): void {
  if (conditions === null) return;
  if (table.isCounterTable) throw new InvalidRequestError('Conditional updates are not supported on counter tables');
  if (attributes.hasTimestamp) throw new InvalidRequestError('Cannot provide custom timestamp for conditional updates');
}

/**
 * Whether the operations and conditions touch static columns only (appliesOnlyToStaticColumns): then
 * the statement needs no clustering, and UPDATE and DELETE may not name one.
 */
function appliesOnlyToStatics(writesRegular: boolean, writesStatic: boolean, conditions: CasConditions | null): boolean {
  return !writesRegular && !conditionsApplyToRegulars(conditions) && (writesStatic || conditionsApplyToStatics(conditions));
}

export function prepareInsert(table: TableMetadata, statement: InsertStatement, binds: BindSpecifications): PreparedModification {
  const conditions = prepareCasConditions(table, statement.ifNotExists ? 'notExists' : { kind: 'none' }, binds);
  if (table.isCounterTable) throw new InvalidRequestError('INSERT statements are not allowed on counter tables, use UPDATE instead');
  const pkBindIndexes: (number | undefined)[] = [];
  const values = statement.json === null ? valuesInsert(table, statement, binds) : jsonInsert(table, statement.json, statement.jsonDefaultUnset, binds);
  const { keys, operations, hasClustering } = insertKeys(table, values, pkBindIndexes);
  const attributes = prepareWriteAttributes(table, statement.using, binds);
  const targets = {
    keyIsInRelation: false, clusteringHasIn: false, hasSlices: false,
    updatesRegularRows: table.clustering.length === 0 || hasClustering,
    updatesStaticRow: operations.some((op) => op.column.kind === 'static'),
  };
  return build({
    type: 'insert', table, attributes, keys, pkBindIndexes, conditions, targets, requiresRead: false,
    write: (target) => applyOperations(target, operations, true),
  });
}

export function prepareUpdate(table: TableMetadata, statement: UpdateStatement, binds: BindSpecifications): PreparedModification {
  const conditions = prepareCasConditions(table, statement.conditions, binds);
  const operations = statement.assignments.map((a) => updateOperation(table, a, binds));
  const writesStatic = operations.some((op) => op.column.kind === 'static');
  const onlyStatics = appliesOnlyToStatics(operations.some((op) => op.column.kind !== 'static'), writesStatic, conditions);
  const restrictions = new StatementRestrictions(table, statement.where, binds, false, 'update', onlyStatics);
  const keys = whereKeys(restrictions);
  const attributes = prepareWriteAttributes(table, statement.using, binds);
  if (table.isCounterTable && statement.using.ttl !== null) throw new InvalidRequestError('Cannot provide custom TTL for counter updates');
  return build({
    type: 'update', table, attributes, keys, pkBindIndexes: restrictions.pkBindIndexes, conditions,
    targets: whereTargets(table, restrictions, writesStatic, false),
    requiresRead: operations.some(requiresRead),
    write: (target) => applyOperations(target, operations, false),
  });
}

export function prepareDelete(table: TableMetadata, statement: DeleteStatement, binds: BindSpecifications): PreparedModification {
  const conditions = prepareCasConditions(table, statement.conditions, binds);
  const deletions: ColumnDeletion[] = prepareDeletions(table, statement.columns, binds);
  // A DELETE of no column deletes whole rows, regular columns included (Operations.appliesToRegularColumns).
  const deletesRegular = deletions.length === 0 || deletions.some((d) => d.column.kind !== 'static');
  const deletesStatic = deletions.some((d) => d.column.kind === 'static');
  const onlyStatics = appliesOnlyToStatics(deletesRegular, deletesStatic, conditions);
  const restrictions = new StatementRestrictions(table, statement.where, binds, false, 'delete', onlyStatics);
  const clustering = restrictions.clustering;
  if (conditions !== null && (clustering.hasSlice || clustering.restrictedCount < table.clustering.length)) {
    // Not every primary key column is restricted by EQ or IN (hasAllPKColumnsRestrictedByEqualities).
    if (deletesRegular) throw new InvalidRequestError(`${DELETE_RESTRICTIONS} in order to delete non static columns`);
    if (conditionsApplyToRegulars(conditions)) throw new InvalidRequestError(`${DELETE_RESTRICTIONS} in order to use IF condition on non static columns`);
  }
  const where = rangeOfColumns(table, deletions.length > 0 && !onlyStatics, restrictions) ?? whereKeys(restrictions);
  const attributes = prepareWriteAttributes(table, { ttl: null, timestamp: statement.timestamp }, binds);
  const targets = deletionTargets(table, restrictions);
  // A range deletion writes its range tombstones once per partition, not once per clustering prefix.
  const keys: KeyValues = deletions.length === 0 && targets.ranged ? { ...where, clustering: () => [[]] } : where;
  return build({
    type: 'delete', table, attributes, keys, pkBindIndexes: restrictions.pkBindIndexes, conditions,
    targets: whereTargets(table, restrictions, deletesStatic, deletions.length === 0 && targets.ranged),
    requiresRead: deletions.some((d) => d.part !== null && requiresRead(d.part)),
    write: (target) => writeDeletion(target, deletions, targets),
  });
}

const DELETE_RESTRICTIONS = 'DELETE statements must restrict all PRIMARY KEY columns with equality relations';

/**
 * The keys of a DELETE of columns that names no whole row: Cassandra refuses it when it executes
 * (DeleteStatement.addUpdateForKey), not when it prepares. Undefined when rows are whole.
 */
function rangeOfColumns(table: TableMetadata, deletesColumns: boolean, restrictions: StatementRestrictions): KeyValues | undefined {
  const clustering = restrictions.clustering;
  if (!deletesColumns || (!clustering.hasSlice && clustering.restrictedCount === table.clustering.length)) return undefined;
  return {
    partition: whereKeys(restrictions).partition,
    clustering: () => { throw new InvalidRequestError('Range deletions are not supported for specific columns'); },
  };
}

function whereTargets(table: TableMetadata, restrictions: StatementRestrictions, updatesStaticRow: boolean, hasSlices: boolean) {
  const clustering = restrictions.clustering;
  return {
    keyIsInRelation: restrictions.keyIsInRelation,
    clusteringHasIn: clustering.hasIn,
    hasSlices,
    updatesRegularRows: table.clustering.length === 0 || clustering.parts.length > 0,
    updatesStaticRow,
  };
}

export type { Mutation };
