import { clientWarn, type RequestContext } from '../common/index.js';
import { InvalidRequestError } from '../errors/index.js';
import { SelectExecutor, describe, executeSchemaStatement, type CqlPrepared, type QueryOptions } from '../cql/index.js';
import type { Node } from '../cluster/index.js';
import { executeCas } from './cas-executor.js';
import { executeModifications, executionContext, statementEnvironment } from './statement-execution.js';
import type { ClientState } from './query-processor.js';
import type { QueryResult } from './query-result.js';

/** How the client wants result metadata: skipped (it has it) and, on v5, which version it holds. */
export interface MetadataRequest {
  readonly skipMetadata: boolean;
  readonly clientMetadataId: Buffer | null;
  readonly currentMetadataId: Buffer | null;
}

/** Executes a prepared plan on the node that received the request, for the client request `request`. */
export async function executePlan(
  node: Node, prepared: CqlPrepared, options: QueryOptions, state: ClientState, metadata: MetadataRequest, request: RequestContext,
): Promise<QueryResult> {
  const plan = prepared.plan;
  const ctx = executionContext(node, options, request);
  const env = statementEnvironment(node);
  switch (plan.kind) {
    case 'select': {
      const result = await new SelectExecutor(plan, options, ctx, env).execute();
      const changed = metadata.clientMetadataId !== null && metadata.currentMetadataId !== null
        && !metadata.clientMetadataId.equals(metadata.currentMetadataId);
      return {
        kind: 'rows', columns: result.columns, rows: result.rows, pagingState: result.pagingState,
        skipMetadata: metadata.skipMetadata && !changed,
        newMetadataId: changed ? metadata.currentMetadataId : null,
      };
    }
    case 'modification':
      await executeModifications(node, env, null, [{ plan, options }], options.timestamp, options.consistency, request);
      return { kind: 'void' };
    case 'cas':
      return executeCas(node, env, plan.modification, plan.conditions, options, ctx);
    case 'batch':
      await executeModifications(node, env, plan.type, plan.statements.map((s) => ({ plan: s, options })),
        plan.attributes.hasTimestamp ? plan.attributes.timestamp(options, ctx) : options.timestamp, options.consistency, request);
      return { kind: 'void' };
    case 'use': {
      if (node.schema().keyspace(plan.keyspace) === undefined) {
        throw new InvalidRequestError(`Keyspace '${plan.keyspace}' does not exist`);
      }
      state.keyspace = plan.keyspace;
      return { kind: 'setKeyspace', keyspace: plan.keyspace };
    }
    case 'truncate':
      await node.truncate(plan.table);
      return { kind: 'void' };
    case 'schema': {
      const { schema, change, warnings } = executeSchemaStatement(plan.statement, {
        schema: node.schema(), keyspace: options.keyspace, nowMicros: ctx.nowMicros, random: node.random,
        datacenters: node.cluster.dataCenterSizes(), sasiIndexesEnabled: node.cluster.config.sasiIndexesEnabled,
      });
      await node.applySchema(schema, change);
      for (const warning of warnings) clientWarn(request, warning);
      return change === null ? { kind: 'void' } : { kind: 'schemaChange', change };
    }
    case 'describe': {
      const result = describe(plan.statement, node.schema(), options.keyspace, node.clusterDescription());
      // Cassandra's DescribeStatement names its result columns after a pseudo table system.describe.
      const columns = result.columns.map(([name, type]) => ({ keyspace: 'system', table: 'describe', name, type }));
      return { kind: 'rows', columns, rows: result.rows, pagingState: null, skipMetadata: false, newMetadataId: null };
    }
  }
}
