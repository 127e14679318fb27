import type { RequestContext } from '../common/index.js';
import { InvalidRequestError, UnpreparedError, type ConsistencyLevel } from '../errors/index.js';
import {
  parseStatement, prepareStatement, UNSET, validateBatch, type BoundValue, type CqlPrepared, type ParsedStatement, type QueryOptions,
} from '../cql/index.js';
import type { Node } from '../cluster/index.js';
import { AccessControl, AuthenticatedUser, CassandraAuthorizer, RoleManager } from '../auth/index.js';
import { InternalAuthStore } from './internal-auth-store.js';
import { preparedStatementInvalidations, type Schema } from '../schema/index.js';
import { executePlan, QUERY_METADATA } from './plan-executor.js';
import { invalidationFilter } from './statement-tables.js';
import { authorizeStatement } from './statement-authorization.js';
import { executeCas } from './cas-executor.js';
import { executeModifications, statementEnvironment } from './statement-execution.js';
import type { QueryResult } from './query-result.js';
import { beginBatch, beginExecute, beginPrepare, beginQuery, traceParsing } from './trace-parameters.js';
import { LruCache, resultMetadataId, statementId, statementKey, type PreparedEntry } from './statement-cache.js';

/**
 * The per-connection state statements see: the keyspace chosen with USE, and who the connection acts as
 * (absent: the cluster's own statements, run as the system user).
 */
export interface ClientState {
  keyspace: string | null;
  user?: AuthenticatedUser;
}

/** Request parameters as the transport decoded them (structurally the protocol's QueryParameters). */
export interface RequestParameters {
  readonly consistency: ConsistencyLevel;
  readonly serialConsistency: ConsistencyLevel;
  readonly values: readonly BoundValue[];
  readonly valueNames: readonly string[] | null;
  readonly skipMetadata: boolean;
  readonly pageSize: number | null;
  readonly pagingState: Buffer | null;
  readonly timestamp: bigint | null;
  readonly keyspace: string | null;
  readonly nowInSeconds: number | null;
}

export interface BatchChildRequest {
  readonly query: string | null;
  readonly statementId: Buffer | null;
  readonly values: readonly BoundValue[];
}

const PARSE_CACHE_SIZE = 10_000;
const PREPARED_CACHE_SIZE = 50_000;

/**
 * Parses, prepares and executes CQL for one node (Cassandra's QueryProcessor): queries are parsed once
 * per text, prepared statements live per node by id. A schema change drops the statements it affects, as
 * Cassandra's schema listener does, so that clients get UNPREPARED and prepare them again; after any other
 * change a plan is re-made on its next use. Each request comes with its context: a traced one records
 * what was asked and the parsing steps.
 */
export class QueryProcessor {
  private readonly parsed = new LruCache<string, ParsedStatement>(PARSE_CACHE_SIZE);
  private readonly preparedById = new LruCache<string, PreparedEntry>(PREPARED_CACHE_SIZE);
  private roleManager: RoleManager | null = null;
  private cassandraAuthorizer: CassandraAuthorizer | null = null;

  constructor(private readonly node: Node) {}

  /** The node's roles (system_auth), made on first use: most processors never need them. */
  get roles(): RoleManager {
    this.roleManager ??= new RoleManager(
      new InternalAuthStore(this.node), this.node.random, this.node.cluster.config.authenticator === 'PasswordAuthenticator',
    );
    return this.roleManager;
  }

  /**
   * The permission checks for a connection's user: null with AllowAllAuthorizer (nothing is checked, at no
   * cost). The cluster's own statements (no user) run as the system user, which passes every check.
   */
  access(state: ClientState): AccessControl | null {
    if (this.node.cluster.config.authorizer !== 'CassandraAuthorizer') return null;
    this.cassandraAuthorizer ??= new CassandraAuthorizer(new InternalAuthStore(this.node), this.roles, this.node.clock);
    return new AccessControl(state.user ?? AuthenticatedUser.SYSTEM, this.cassandraAuthorizer);
  }

  parse(query: string): ParsedStatement {
    let parsed = this.parsed.get(query);
    if (parsed === undefined) {
      parsed = parseStatement(query);
      this.parsed.set(query, parsed);
    }
    return parsed;
  }

  async query(query: string, params: RequestParameters, state: ClientState, protocolVersion: number, request: RequestContext): Promise<QueryResult> {
    const trace = request.trace;
    if (trace !== null) beginQuery(trace, query, params);
    const keyspace = params.keyspace ?? state.keyspace;
    traceParsing(trace, query);
    const prepared = prepareStatement(this.parse(query), this.node.schema(), keyspace);
    const options = this.options(prepared, params, keyspace, protocolVersion);
    return executePlan(this.node, prepared, options, state, QUERY_METADATA, request, this);
  }

  prepare(query: string, keyspaceOverride: string | null, state: ClientState, request: RequestContext): QueryResult {
    const trace = request.trace;
    if (trace !== null) beginPrepare(trace, query);
    const keyspace = keyspaceOverride ?? state.keyspace;
    const id = statementId(query, keyspace);
    traceParsing(trace, query);
    const parsed = this.parse(query);
    const prepared = prepareStatement(parsed, this.node.schema(), keyspace);
    const metadataId = resultMetadataId(prepared);
    const entry: PreparedEntry = {
      id, query, keyspace, parsed, prepared, schemaVersion: this.node.schema().version,
      preparedMetadataId: metadataId, resultMetadataId: metadataId,
    };
    this.preparedById.set(statementKey(id), entry);
    return {
      kind: 'prepared', statementId: id, resultMetadataId: entry.resultMetadataId,
      variables: prepared.boundColumns, partitionKeyIndexes: prepared.partitionKeyBindIndexes, resultColumns: prepared.resultColumns,
    };
  }

  /** Not an async function: handing back executePlan's own promise saves wrapping it in another. */
  execute(
    id: Buffer, clientMetadataId: Buffer | null, params: RequestParameters, state: ClientState, protocolVersion: number,
    request: RequestContext,
  ): Promise<QueryResult> {
    try {
      return this.executePrepared(this.lookup(id), clientMetadataId, params, state, protocolVersion, request);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** EXECUTE of a statement already looked up (findPrepared), so that the transport looks it up once. */
  executePrepared(
    entry: PreparedEntry, clientMetadataId: Buffer | null, params: RequestParameters, state: ClientState, protocolVersion: number,
    request: RequestContext,
  ): Promise<QueryResult> {
    try {
      const options = this.options(entry.prepared, params, entry.keyspace ?? state.keyspace, protocolVersion);
      if (request.trace !== null) beginExecute(request.trace, entry.query, params, entry.prepared.boundColumns, options.values);
      return executePlan(this.node, entry.prepared, options, state, {
        skipMetadata: params.skipMetadata, clientMetadataId,
        preparedMetadataId: entry.preparedMetadataId, currentMetadataId: entry.resultMetadataId,
      }, request, this);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** The prepared statement `id` names (re-planned if the schema changed), or undefined if this node has none. */
  findPrepared(id: Buffer): PreparedEntry | undefined {
    const entry = this.preparedById.get(statementKey(id));
    if (entry === undefined) return undefined;
    const schema = this.node.schema();
    // The same snapshot carries the same version Buffer: compare bytes only when it is another one.
    if (entry.schemaVersion !== schema.version && !entry.schemaVersion.equals(schema.version)) {
      entry.prepared = prepareStatement(entry.parsed, schema, entry.keyspace);
      entry.schemaVersion = schema.version;
      entry.resultMetadataId = resultMetadataId(entry.prepared);
    }
    return entry;
  }

  /**
   * The bind markers of a statement sent as text, prepared against the current schema, or null if it
   * does not prepare (the activity log decodes values with them, primes compare values with them).
   */
  variablesOf(query: string, keyspace: string | null): CqlPrepared | null {
    try {
      return prepareStatement(this.parse(query), this.node.schema(), keyspace);
    } catch {
      return null;
    }
  }

  async batch(
    type: 'LOGGED' | 'UNLOGGED' | 'COUNTER', children: readonly BatchChildRequest[], params: RequestParameters,
    state: ClientState, protocolVersion: number, request: RequestContext,
  ): Promise<QueryResult> {
    const trace = request.trace;
    if (trace !== null) beginBatch(trace, params);
    const keyspace = params.keyspace ?? state.keyspace;
    const statements = children.map((child) => {
      if (child.statementId === null) traceParsing(trace, child.query!);
      const prepared = child.statementId !== null
        ? this.lookup(child.statementId).prepared
        : prepareStatement(this.parse(child.query!), this.node.schema(), keyspace);
      const plan = prepared.plan;
      if (plan.kind !== 'modification') throw new InvalidRequestError('Invalid statement in batch: only UPDATE, INSERT and DELETE statements are allowed.');
      const options = this.options(prepared, { ...params, values: child.values, valueNames: null, pagingState: null }, keyspace, protocolVersion);
      return { plan, options, prepared };
    });
    validateBatch(type, statements.map((s) => s.plan), false);
    const access = state.user === undefined ? null : this.access(state);
    if (access !== null) for (const s of statements) await authorizeStatement(s.prepared, access, keyspace, this.node.schema());
    const env = statementEnvironment(this.node);
    const batchOptions = statements[0]?.options;
    if (batchOptions !== undefined && statements.some((s) => s.plan.conditions !== null)) {
      return executeCas(this.node, env, statements, batchOptions, true, request);
    }
    await executeModifications(this.node, env, type, statements, params.timestamp, params.consistency, request);
    return { kind: 'void' };
  }

  /**
   * Follows the cluster's schema changes with schemaChanged, as the statements of a connection's node do
   * when the session is not a connection (seeding, the key-value API). Returns the unsubscribe.
   */
  followSchemaChanges(): () => void {
    return this.node.cluster.onSchemaChange((_change, before, after) => this.schemaChanged(before, after));
  }

  /**
   * Drops the prepared statements a schema change affects (Cassandra's StatementInvalidatingListener):
   * those on a dropped keyspace or table, or on a table whose columns, indexes, default TTL or
   * gc_grace_seconds changed. Their next EXECUTE is answered UNPREPARED.
   */
  schemaChanged(before: Schema, after: Schema): void {
    const invalidated = preparedStatementInvalidations(before, after);
    if (invalidated.length === 0) return;
    const touches = invalidationFilter(invalidated);
    this.preparedById.deleteWhere((entry) => touches(entry.prepared));
  }

  /** How many prepared statements this node holds. */
  get preparedCount(): number {
    return this.preparedById.size;
  }

  /** Finds a prepared statement, re-planning it if the schema changed since it was prepared. */
  private lookup(id: Buffer): PreparedEntry {
    const entry = this.findPrepared(id);
    if (entry === undefined) throw new UnpreparedError(id);
    return entry;
  }

  private options(prepared: CqlPrepared, params: RequestParameters, keyspace: string | null, protocolVersion: number): QueryOptions {
    const expected = prepared.boundColumns.length;
    let values = params.values;
    if (params.valueNames !== null) {
      const byName = new Map<string, BoundValue>(params.valueNames.map((n, i) => [n, params.values[i]!]));
      values = prepared.boundColumns.map((c, i): BoundValue => byName.get(prepared.boundNames[i] ?? c.name) ?? UNSET);
    }
    if (values.length !== expected) {
      throw new InvalidRequestError(`Invalid amount of bind variables: expected ${expected}, got ${values.length}`);
    }
    return {
      consistency: params.consistency,
      serialConsistency: params.serialConsistency,
      values,
      pageSize: params.pageSize ?? -1,
      pagingState: params.pagingState,
      timestamp: params.timestamp,
      nowInSeconds: params.nowInSeconds,
      keyspace,
      protocolVersion,
    };
  }
}
