import { ConsistencyLevel, InvalidRequestError } from '../errors/index.js';
import {
  evaluateCas, type CasConditions, type CasOutcome, type ExecutionContext, type PreparedModification, type QueryOptions,
  type StatementEnvironment,
} from '../cql/index.js';
import type { SinglePartitionReadCommand } from '../data/index.js';
import type { CasRequest, Node } from '../cluster/index.js';
import type { QueryResult } from './query-result.js';

/**
 * A lightweight transaction (Cassandra's ModificationStatement.executeWithCondition): the statement is
 * checked to target one row, then its coordinator runs Paxos among the partition's replicas; each time a
 * ballot is prepared, the conditions are checked against the current row and, when they hold, the update
 * is made afresh with the ballot's timestamp.
 */
export async function executeCas(
  node: Node, env: StatementEnvironment, plan: PreparedModification, conditions: CasConditions,
  options: QueryOptions, ctx: ExecutionContext,
): Promise<QueryResult> {
  if (plan.attributes.hasTimestamp) throw new InvalidRequestError('Cannot provide custom timestamp for conditional updates');
  const builders = await plan.updates(options, ctx, env);
  if (builders.length !== 1) throw new InvalidRequestError('IN on the partition key is not supported with conditional updates');
  const target = builders[0]!.build();
  const clusterings = new Set(target.rows.map((r) => r.clustering.map((c) => c.toString('hex')).join(':')));
  if (clusterings.size > 1) throw new InvalidRequestError('IN on the clustering key columns is not supported with conditional updates');
  const clustering = target.rows[0]?.clustering ?? [];
  const table = plan.table;
  const readCommand: SinglePartitionReadCommand = {
    kind: 'single', table, key: target.key, token: target.token, nowInSec: ctx.nowInSec, rowLimit: 1,
    filter: clustering.length === table.clustering.length && clustering.length > 0
      ? { kind: 'names', clusterings: [clustering], reversed: false }
      : { kind: 'slices', slices: [{ start: { prefix: [], inclusive: true }, end: { prefix: [], inclusive: true } }], reversed: false },
  };
  const keyComponents = env.partitioner.splitKey(target.key, table.partitionKey.length);
  const request: CasRequest<CasOutcome> = {
    readCommand,
    async propose(current, timestampMicros) {
      const outcome = evaluateCas(table, conditions, current, keyComponents, clustering, options, ctx);
      if (!outcome.applied) return { update: null, result: outcome };
      const time = { timestamp: timestampMicros, ttlSeconds: 0, nowInSec: ctx.nowInSec };
      const [builder] = await plan.updates(options, ctx, env, time);
      return { update: builder!.build(), result: outcome };
    },
  };
  const outcome = await node.cas(request, options.serialConsistency ?? ConsistencyLevel.SERIAL, options.consistency, ctx.request);
  return { kind: 'rows', columns: outcome.columns, rows: [outcome.row], pagingState: null, skipMetadata: false, newMetadataId: null };
}
