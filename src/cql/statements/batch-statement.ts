import { InvalidRequestError } from '../../errors/index.js';
import type { BatchStatement as RawBatch } from '../ast/index.js';
import type { TableMetadata } from '../../schema/index.js';
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
