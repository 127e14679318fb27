import { ConsistencyLevel, InvalidRequestError } from '../../../errors/index.js';
import type { ClusteringFilter, ReadPartition } from '../../../data/index.js';
import type { TableMetadata } from '../../../schema/index.js';
import type { ExecutionContext, QueryOptions } from '../query-options.js';
import type { StatementEnvironment } from '../statement-environment.js';
import type { ColumnOperation } from './column-operations.js';

/**
 * Whether an operation needs the column's current value (Operation.requiresRead): list elements are
 * found by index (`l[i] = v`, `DELETE l[i]`) or by value (`l = l - [v]`) among those stored.
 */
export function requiresRead(op: ColumnOperation): boolean {
  if (op.column.type.kind !== 'list') return false;
  return op.kind === 'setElement' || op.kind === 'deleteElement' || (op.kind === 'collection' && op.op === 'subtract');
}

/** A partition an execution writes to. */
export interface WrittenPartition {
  readonly key: Buffer;
  readonly token: bigint;
}

/**
 * Reads the rows an execution writes before it writes them, for its list operations
 * (ModificationStatement.readRequiredLists): every partition at the statement's consistency level, as
 * any read at that level, so that a replica that missed writes does not hide the list from the others.
 * A statement without clustering (static columns only) reads the static row alone.
 */
export async function readRequiredLists(
  table: TableMetadata, partitions: readonly WrittenPartition[], clusterings: readonly Buffer[][],
  o: QueryOptions, c: ExecutionContext, env: StatementEnvironment,
): Promise<ReadPartition[]> {
  checkReadBeforeWriteLevel(o.consistency);
  const staticOnly = table.clustering.length > 0 && clusterings.every((clustering) => clustering.length === 0);
  const filter: ClusteringFilter = staticOnly
    ? { kind: 'slices', slices: [], reversed: false }
    : { kind: 'names', clusterings, reversed: false };
  const reads = await Promise.all(partitions.map(({ key, token }) => env.read(
    { kind: 'single', table, key, token, filter, nowInSec: c.nowInSec, rowLimit: Infinity }, o.consistency, c.request,
  )));
  return reads.flat();
}

/**
 * The level must allow a write (serial levels are for conditions: validateForWrite comes first) and a
 * read (ConsistencyLevel.validateForRead, reworded as readRequiredLists words it).
 */
function checkReadBeforeWriteLevel(cl: ConsistencyLevel): void {
  if (cl === ConsistencyLevel.SERIAL || cl === ConsistencyLevel.LOCAL_SERIAL) {
    throw new InvalidRequestError('You must use conditional updates for serializable writes');
  }
  if (cl === ConsistencyLevel.ANY) {
    throw new InvalidRequestError(`Write operation require a read but consistency ${ConsistencyLevel[cl]} is not supported on reads`);
  }
}
