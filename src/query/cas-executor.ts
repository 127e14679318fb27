import { ConsistencyLevel, InvalidRequestError } from '../errors/index.js';
import {
  evaluateCas, type CasConditions, type ExecutionContext, type PreparedModification, type QueryOptions, type StatementEnvironment,
} from '../cql/index.js';
import type { Node } from '../cluster/index.js';
import type { QueryResult } from './query-result.js';
import { PartitionLocks } from './partition-locks.js';

const locksByNode = new WeakMap<Node, PartitionLocks>();

/**
 * A lightweight transaction on one node: read the row, check the IF conditions, write if they hold, with
 * the partition locked so that no other CAS on it interleaves (linearizable on one node). The
 * multi-node cluster replaces this with Paxos rounds across the replicas.
 */
export async function executeCas(
  node: Node, env: StatementEnvironment, plan: PreparedModification, conditions: CasConditions,
  options: QueryOptions, ctx: ExecutionContext,
): Promise<QueryResult> {
  const builders = await plan.updates(options, ctx, env);
  if (builders.length !== 1) throw new InvalidRequestError('IN on the partition key is not supported with conditional updates');
  const update = builders[0]!.build();
  const clusterings = new Set(update.rows.map((r) => r.clustering.map((c) => c.toString('hex')).join(':')));
  if (clusterings.size > 1) throw new InvalidRequestError('IN on the clustering key columns is not supported with conditional updates');
  const clustering = update.rows[0]?.clustering ?? [];
  const table = plan.table;
  let locks = locksByNode.get(node);
  if (locks === undefined) locksByNode.set(node, (locks = new PartitionLocks()));
  return locks.withLock(`${table.id.toString('hex')}/${update.key.toString('hex')}`, async () => {
    const partitions = await env.read({
      kind: 'single', table, key: update.key, token: update.token, nowInSec: ctx.nowInSec, rowLimit: 1,
      filter: clustering.length === table.clustering.length && clustering.length > 0
        ? { kind: 'names', clusterings: [clustering], reversed: false }
        : { kind: 'slices', slices: [{ start: { prefix: [], inclusive: true }, end: { prefix: [], inclusive: true } }], reversed: false },
    }, options.serialConsistency ?? ConsistencyLevel.SERIAL);
    const keyComponents = env.partitioner.splitKey(update.key, table.partitionKey.length);
    const outcome = evaluateCas(table, conditions, partitions[0], keyComponents, clustering, options, ctx);
    if (outcome.applied) {
      await env.mutate([{ keyspace: table.keyspace, key: update.key, token: update.token, updates: [update] }], options.consistency, 'CAS');
    }
    return { kind: 'rows', columns: outcome.columns, rows: [outcome.row], pagingState: null, skipMetadata: false, newMetadataId: null };
  });
}
