import { clientWarn, type RequestContext } from '../../common/index.js';
import { InvalidRequestError } from '../../errors/index.js';
import { mutationsDataSize, type Mutation } from '../../data/index.js';
import type { BatchStatement as RawBatch } from '../ast/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { maybeQuoteIdentifier } from '../../types/index.js';
import { formatJavaHashSet, prettyPrintMemory } from './java-format.js';
import type { PreparedModification } from './modification/modification-statement.js';
import { prepareWriteAttributes, type WriteAttributes } from './modification/write-attributes.js';
import type { BindSpecifications } from './term-preparer.js';

export type BatchType = 'LOGGED' | 'UNLOGGED' | 'COUNTER';

/** A BATCH of modifications sharing one timestamp unless told otherwise. */
export interface PreparedBatch {
  readonly kind: 'batch';
  readonly type: BatchType;
  readonly attributes: WriteAttributes;
  readonly statements: readonly PreparedModification[];
  /** Some statement has IF conditions: the batch runs as one Paxos round on one partition. */
  readonly hasConditions: boolean;
}

/** Rules Cassandra's BatchStatement.validate applies to the statements of a batch, in its order. */
export function validateBatch(type: BatchType, statements: readonly PreparedModification[], batchHasTimestamp: boolean): void {
  const hasConditions = statements.some((s) => s.conditions !== null);
  if (batchHasTimestamp) {
    if (hasConditions) throw new InvalidRequestError('Cannot provide custom timestamp for conditional BATCH');
    if (type === 'COUNTER') throw new InvalidRequestError('Cannot provide custom timestamp for counter BATCH');
  }
  for (const s of statements) {
    if (batchHasTimestamp && s.attributes.hasTimestamp) {
      throw new InvalidRequestError('Timestamp must be set either on BATCH or individual statements');
    }
  }
  const hasCounters = statements.some((s) => s.isCounter);
  const hasNonCounters = statements.some((s) => !s.isCounter);
  if (batchHasTimestamp && hasCounters) throw new InvalidRequestError('Cannot provide custom timestamp for a BATCH containing counters');
  if (type === 'COUNTER' && hasNonCounters) throw new InvalidRequestError('Cannot include non-counter statement in a counter batch');
  if (hasCounters && hasNonCounters) throw new InvalidRequestError('Counter and non-counter mutations cannot exist in the same batch');
  if (type === 'LOGGED' && hasCounters) throw new InvalidRequestError('Cannot include a counter statement in a logged batch');
  const first = statements[0]?.table;
  if (hasConditions && statements.some((s) => s.table.keyspace !== first?.keyspace || s.table.name !== first.name)) {
    throw new InvalidRequestError('Batch with conditions cannot span multiple tables');
  }
}

export function prepareBatch(
  raw: RawBatch, statements: readonly PreparedModification[], anyTable: TableMetadata | undefined, binds: BindSpecifications,
): PreparedBatch {
  if (raw.using.ttl !== null) throw new InvalidRequestError('Global TTL on the BATCH statement is not supported.');
  const table = anyTable ?? statements[0]?.table;
  const attributes = table === undefined
    ? { hasTimestamp: false, timestamp: (o: { timestamp: bigint | null }, c: { nowMicros: bigint }) => o.timestamp ?? c.nowMicros, ttlSeconds: () => 0 }
    : prepareWriteAttributes(table, raw.using, binds);
  validateBatch(raw.type, statements, attributes.hasTimestamp);
  return { kind: 'batch', type: raw.type, attributes, statements, hasConditions: statements.some((s) => s.conditions !== null) };
}

/** cassandra.yaml's batch limits: batch_size_warn/fail_threshold and unlogged_batch_across_partitions_warn_threshold. */
export interface BatchThresholds {
  readonly sizeWarnBytes: number;
  readonly sizeFailBytes: number;
  readonly unloggedPartitionsWarn: number;
}

const LOGGED_BATCH_LOW_GC_GRACE = 'Executing a LOGGED BATCH on table%s %s, configured with a gc_grace_seconds of 0. '
  + 'The gc_grace_seconds is used to TTL batchlog entries, so setting gc_grace_seconds too low on tables involved in '
  + 'an atomic batch might cause batchlog entries to expire before being replayed.';

/**
 * BatchStatement's checks of what a batch writes, in Cassandra's order: a logged batch on a table with
 * gc_grace_seconds 0 draws a warning; a batch over several partitions is measured (verifyBatchSize: a
 * warning past the warn threshold, "Batch too large" past the fail threshold), and an unlogged (or counter)
 * one covering too many partitions draws a warning (verifyBatchType). Table sets print as Java's HashSet does.
 */
export function verifyBatch(
  type: BatchType, tables: readonly TableMetadata[], mutations: readonly Mutation[], thresholds: BatchThresholds, request: RequestContext,
): void {
  if (type === 'LOGGED') {
    const lowGcGrace = new Set(tables.filter((t) => t.options.gcGraceSeconds === 0).map(tableName));
    if (lowGcGrace.size > 0) {
      clientWarn(request, LOGGED_BATCH_LOW_GC_GRACE.replace('%s', lowGcGrace.size === 1 ? '' : 's').replace('%s', formatJavaHashSet(lowGcGrace)));
    }
  }
  if (mutations.length <= 1) return;
  verifyBatchSize(mutations, thresholds, request);
  if (type !== 'LOGGED') verifyBatchType(mutations, thresholds, request);
}

function verifyBatchSize(mutations: readonly Mutation[], thresholds: BatchThresholds, request: RequestContext): void {
  const size = mutationsDataSize(mutations);
  const { sizeWarnBytes: warn, sizeFailBytes: fail } = thresholds;
  if (size <= warn) return;
  const tables = formatJavaHashSet(updatedTables(mutations));
  if (size > fail) {
    request.trace?.trace(`Batch for ${tables} is of size ${prettyPrintMemory(size)}, exceeding specified threshold of `
      + `${prettyPrintMemory(fail)} by ${prettyPrintMemory(size - fail)}. (see batch_size_fail_threshold)`);
    throw new InvalidRequestError('Batch too large');
  }
  clientWarn(request, `Batch for ${tables} is of size ${size}, exceeding specified threshold of ${warn} by ${size - warn}.`);
}

function verifyBatchType(mutations: readonly Mutation[], thresholds: BatchThresholds, request: RequestContext): void {
  const keys = new Set<string>();
  for (const m of mutations) keys.add(m.key.toString('latin1'));
  if (keys.size <= thresholds.unloggedPartitionsWarn) return;
  const tables = updatedTables(mutations);
  clientWarn(request, `Unlogged batch covering ${keys.size} partitions detected against table${tables.size === 1 ? '' : 's'} `
    + `${formatJavaHashSet(tables)}. You should use a logged batch for atomicity, or asynchronous writes for performance.`);
}

function updatedTables(mutations: readonly Mutation[]): Set<string> {
  const names = new Set<string>();
  for (const m of mutations) for (const u of m.updates) names.add(tableName(u.table));
  return names;
}

/** TableMetadata.toString: ks.table, each quoted when it must be. */
function tableName(table: TableMetadata): string {
  return `${maybeQuoteIdentifier(table.keyspace)}.${maybeQuoteIdentifier(table.name)}`;
}
