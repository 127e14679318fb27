import type { RequestContext } from '../common/index.js';
import { ConsistencyLevel } from '../errors/index.js';
import {
  casResultSet, makeCasRequest, type CasResultSet, type CasStatement, type PreparedModification, type QueryOptions,
  type StatementEnvironment,
} from '../cql/index.js';
import type { CasRequest as PaxosCasRequest, Node } from '../cluster/index.js';
import { executionContext } from './statement-execution.js';
import type { QueryResult } from './query-result.js';

/**
 * A conditional statement or batch (ModificationStatement.executeWithCondition,
 * BatchStatement.executeWithConditions): its statements are checked to target one partition and their
 * conditions bound, then the partition's replicas run Paxos; each time a ballot is prepared the rows
 * with conditions are read, and when every condition holds the updates of all the statements are
 * proposed as one, written at the ballot's time.
 */
export async function executeCas(
  node: Node, env: StatementEnvironment, statements: readonly { plan: PreparedModification; options: QueryOptions }[],
  options: QueryOptions, isBatch: boolean, client: RequestContext,
): Promise<QueryResult> {
  const cas: CasStatement[] = statements.map((s) => ({ ...s, ctx: executionContext(node, s.options, client) }));
  const request = makeCasRequest(cas, env.partitioner, isBatch);
  const table = request.table;
  const shown = { withConditions: request.columnsWithConditions, isBatch };
  const paxos: PaxosCasRequest<CasResultSet> = {
    readCommand: request.readCommand(cas[0]!.ctx.nowInSec),
    async propose(read, timestampMicros) {
      const current = request.current(read);
      if (!request.appliesTo(current)) {
        return { update: null, result: casResultSet(table, request.keyComponents, current, false, shown) };
      }
      const update = await request.makeUpdates(current, timestampMicros, env);
      return { update, result: casResultSet(table, request.keyComponents, current, true, shown) };
    },
  };
  const result = await node.cas(paxos, options.serialConsistency ?? ConsistencyLevel.SERIAL, options.consistency, client);
  return { kind: 'rows', columns: result.columns, rows: result.rows, pagingState: null, skipMetadata: false, newMetadataId: null };
}
