import { clientWarn, type RequestContext } from '../common/index.js';
import { InvalidRequestError } from '../errors/index.js';
import { SelectExecutor, describe, executeSchemaStatement, type CqlPrepared, type QueryOptions } from '../cql/index.js';
import type { Node } from '../cluster/index.js';
import { executeCas } from './cas-executor.js';
import { executeModifications, executionContext, statementEnvironment } from './statement-execution.js';
import { AuthenticatedUser, executeRoleStatement, type AccessControl, type RoleManager } from '../auth/index.js';
import { afterSchemaChange, authorizeStatement, resourceExists } from './statement-authorization.js';
import type { ClientState } from './query-processor.js';
import type { QueryResult } from './query-result.js';

/**
 * What decides the result metadata of rows: whether the client asked to skip it, the result metadata id it
 * holds (v5 EXECUTE, else null), the id announced when the statement was prepared and the current plan's
 * (both null for QUERY).
 */
export interface MetadataRequest {
  readonly skipMetadata: boolean;
  readonly clientMetadataId: Buffer | null;
  readonly preparedMetadataId: Buffer | null;
  readonly currentMetadataId: Buffer | null;
}

/** QUERY messages always get full metadata. */
export const QUERY_METADATA: MetadataRequest = Object.freeze({
  skipMetadata: false, clientMetadataId: null, preparedMetadataId: null, currentMetadataId: null,
});

/**
 * Cassandra's ExecuteMessage rules for the rows of a prepared SELECT. v5: a client holding another id than
 * the rows' gets Metadata_changed and the new id with full metadata; otherwise metadata is skipped if asked.
 * Before v5 there is no id on the wire: metadata is skipped only if asked and the rows' metadata is still
 * the one the PREPARED result announced, so a client never reads rows with stale metadata.
 */
function rowsMetadata(request: MetadataRequest): { skipMetadata: boolean; newMetadataId: Buffer | null } {
  const current = request.currentMetadataId;
  if (current === null) return { skipMetadata: false, newMetadataId: null };
  if (request.clientMetadataId !== null) {
    const changed = !request.clientMetadataId.equals(current);
    return { skipMetadata: request.skipMetadata && !changed, newMetadataId: changed ? current : null };
  }
  const unchanged = request.preparedMetadataId !== null && request.preparedMetadataId.equals(current);
  return { skipMetadata: request.skipMetadata && unchanged, newMetadataId: null };
}

/** Executes a prepared plan on the node that received the request, for the client request `request`. */
export async function executePlan(
  node: Node, prepared: CqlPrepared, options: QueryOptions, state: ClientState, metadata: MetadataRequest, request: RequestContext,
  auth: { readonly roles: RoleManager; access(state: ClientState): AccessControl | null },
): Promise<QueryResult> {
  const plan = prepared.plan;
  // Every statement is authorized here, for QUERY and EXECUTE alike; the system user (no user) is not checked,
  // but what it drops still takes its grants along.
  const access = auth.access(state);
  if (access !== null && !access.user.isSystem) await authorizeStatement(prepared, access, options.keyspace, node.schema());
  const ctx = executionContext(node, options, request);
  const env = statementEnvironment(node);
  switch (plan.kind) {
    case 'select': {
      const result = await new SelectExecutor(plan, options, ctx, env).execute();
      return { kind: 'rows', columns: result.columns, rows: result.rows, pagingState: result.pagingState, ...rowsMetadata(metadata) };
    }
    case 'modification':
      if (plan.conditions !== null) return executeCas(node, env, [{ plan, options }], options, false, request);
      await executeModifications(node, env, null, [{ plan, options }], options.timestamp, options.consistency, request);
      return { kind: 'void' };
    case 'batch': {
      const statements = plan.statements.map((s) => ({ plan: s, options }));
      if (plan.hasConditions) return executeCas(node, env, statements, options, true, request);
      await executeModifications(node, env, plan.type, statements,
        plan.attributes.hasTimestamp ? plan.attributes.timestamp(options, ctx) : options.timestamp, options.consistency, request);
      return { kind: 'void' };
    }
    case 'use': {
      if (node.schema().keyspace(plan.keyspace) === undefined) {
        throw new InvalidRequestError(`Keyspace '${plan.keyspace}' does not exist`);
      }
      state.keyspace = plan.keyspace;
      return { kind: 'setKeyspace', keyspace: plan.keyspace };
    }
    case 'truncate':
      if (plan.table.view !== undefined) {
        throw new InvalidRequestError('Cannot TRUNCATE materialized view directly; must truncate base table instead');
      }
      await node.truncate(plan.table, request);
      return { kind: 'void' };
    case 'schema': {
      const before = node.schema();
      const { schema, change, warnings } = executeSchemaStatement(plan.statement, {
        schema: node.schema(), keyspace: options.keyspace, nowMicros: ctx.nowMicros, random: node.random,
        datacenters: node.cluster.dataCenterSizes(), sasiIndexesEnabled: node.cluster.config.sasiIndexesEnabled,
        materializedViewsEnabled: node.cluster.config.materializedViewsEnabled,
        userDefinedFunctionsEnabled: node.cluster.config.userDefinedFunctionsEnabled,
      });
      await node.applySchema(schema, change);
      if (access !== null && change !== null) await afterSchemaChange(plan.statement, access, options.keyspace, before);
      for (const warning of warnings) clientWarn(request, warning);
      return change === null ? { kind: 'void' } : { kind: 'schemaChange', change };
    }
    case 'role': {
      const schema = node.schema();
      const result = await executeRoleStatement(plan.statement, {
        user: state.user ?? AuthenticatedUser.SYSTEM, roles: auth.roles, access, keyspace: options.keyspace,
        exists: (r) => (r.kind === 'role' ? auth.roles.isExistingRole(r.role) : Promise.resolve(resourceExists(schema, r))),
      });
      // Grants and role changes made here show on this node at once (other nodes: within the cache's validity).
      access?.authorizer.invalidate();
      return result.kind === 'void' ? result : { ...result, pagingState: null, skipMetadata: false, newMetadataId: null };
    }
    case 'describe': {
      const result = describe(plan.statement, node.schema(), options.keyspace, node.clusterDescription());
      // Cassandra's DescribeStatement names its result columns after a pseudo table system.describe.
      const columns = result.columns.map(([name, type]) => ({ keyspace: 'system', table: 'describe', name, type }));
      return { kind: 'rows', columns, rows: result.rows, pagingState: null, skipMetadata: false, newMetadataId: null };
    }
  }
}
