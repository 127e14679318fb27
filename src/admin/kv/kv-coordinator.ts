import { requestContext } from '../../common/index.js';
import type { Cluster, Node, RecordedConnection } from '../../cluster/index.js';
import { CqlError, type ConsistencyLevel } from '../../errors/index.js';
import { QueryProcessor, type PreparedEntry, type QueryResult } from '../../query/index.js';
import { KvError } from '../../kv/index.js';
import { primedKvAnswer } from './kv-primes.js';

/** The protocol version KV statements run under (what drivers speak to Cassandra 4.1). */
const PROTOCOL_VERSION = 4;

/** RESULT kinds as the activity log names them (the protocol's). */
const RESULT_KINDS: Readonly<Record<QueryResult['kind'], string>> = {
  void: 'void', rows: 'rows', setKeyspace: 'set-keyspace', schemaChange: 'schema-change', prepared: 'prepared',
};

/** How one statement of a KV request runs: on which coordinator, at which levels, for which client. */
export interface KvCall {
  readonly node: Node;
  readonly consistency: ConsistencyLevel;
  readonly serialConsistency: ConsistencyLevel;
  /** The HTTP client, recorded in the activity log and traces as a driver's connection is; null from TypeScript. */
  readonly client: RecordedConnection | null;
}

/** A node's QueryProcessor for KV statements, with the ids of the statements prepared on it. */
interface NodeStatements {
  readonly processor: QueryProcessor;
  readonly ids: Map<string, Buffer>;
  readonly unsubscribe: () => void;
}

/**
 * Runs the CQL statements of KV requests on a coordinator node exactly as a client connected to that node
 * would have them run: the node's QueryProcessor and Coordinator (replicas, consistency levels, timeouts,
 * the simulated network's faults), statements prepared once per node, each request recorded in the
 * activity log and traced at the node's trace probability when it comes over HTTP, as over the native
 * protocol; primes answer its statements as they answer a driver's (kv-primes.ts).
 */
export class KvCoordinator {
  private readonly nodes = new Map<Node, NodeStatements>();
  private nextNode = 0;

  constructor(private readonly cluster: Cluster) {}

  /** Node `id`, which must be up; by default the next member of the ring that is up, round-robin. */
  coordinator(id: number | undefined): Node {
    const members = this.cluster.ringMembers();
    if (id !== undefined) {
      const node = members.find((n) => n.identity.id === id);
      if (node === undefined) throw new KvError(400, `No node ${id} in the ring (nodes ${members.map((n) => n.identity.id).join(', ')})`);
      if (node.status !== 'up') throw new KvError(503, `Node ${id} is ${node.status}: it cannot coordinate the request`);
      return node;
    }
    for (let i = 0; i < members.length; i++) {
      const node = members[(this.nextNode + i) % members.length]!;
      if (node.status === 'up') {
        this.nextNode = (this.nextNode + i + 1) % members.length;
        return node;
      }
    }
    throw new KvError(503, 'No node is up to coordinate the request');
  }

  /** Runs a prepared statement with its bound values (prepared on the node the first time). */
  execute(call: KvCall, cql: string, values: readonly (Buffer | null)[]): Promise<QueryResult> {
    const statements = this.statementsOf(call.node);
    const entry = this.prepared(statements, cql);
    return this.run(call, 'EXECUTE', entry.query, entry, values, (context, params) =>
      statements.processor.executePrepared(entry, null, params, { keyspace: null }, PROTOCOL_VERSION, context));
  }

  /** Runs a statement without values (schema changes), as a QUERY. */
  query(call: KvCall, cql: string): Promise<QueryResult> {
    const { processor } = this.statementsOf(call.node);
    return this.run(call, 'QUERY', cql, null, [], (context, params) => processor.query(cql, params, { keyspace: null }, PROTOCOL_VERSION, context));
  }

  close(): void {
    for (const statements of this.nodes.values()) statements.unsubscribe();
    this.nodes.clear();
  }

  private async run(
    call: KvCall, opcode: 'EXECUTE' | 'QUERY', cql: string, entry: PreparedEntry | null, values: readonly (Buffer | null)[],
    process: (context: ReturnType<typeof requestContext>, params: Parameters<QueryProcessor['query']>[1]) => Promise<QueryResult>,
  ): Promise<QueryResult> {
    const { node, client } = call;
    const params = {
      consistency: call.consistency, serialConsistency: call.serialConsistency, values, valueNames: null, skipMetadata: false,
      pageSize: null, pagingState: null, timestamp: null, keyspace: null, nowInSeconds: null,
    };
    const activity = this.cluster.activity;
    const slot = client === null ? null : activity.begin(node.identity.id, client, 0, PROTOCOL_VERSION, opcode);
    const seq = slot?.seq ?? 0;
    slot?.statement(null, cql, entry?.prepared ?? null, null, params);
    const trace = client !== null && node.tracing.shouldTraceProbabilistically() ? node.tracing.newSession(client.address) : null;
    const real = (): Promise<QueryResult> => process(requestContext(trace, slot, seq), params);
    try {
      const primed = primedKvAnswer(this.cluster, {
        nodeId: node.identity.id, opcode, cql, entry, values, consistency: call.consistency, timeoutMs: this.timeoutMs(entry),
      }, real);
      if (primed !== null && slot !== null) slot.primeId = primed.primeId;
      const result = await this.cluster.awaiting(primed?.answer ?? real());
      if (slot !== null) activity.complete(slot, seq, 'RESULT', RESULT_KINDS[result.kind], result.kind === 'rows' ? result.rows.length : -1);
      return result;
    } catch (e) {
      if (slot !== null) activity.complete(slot, seq, 'ERROR', '', -1, false, e instanceof CqlError ? e : null);
      throw e;
    } finally {
      trace?.stop();
    }
  }

  /** How long a statement may wait for its coordinator: the read timeout for a SELECT, else the write timeout. */
  private timeoutMs(entry: PreparedEntry | null): number {
    const config = this.cluster.config;
    return entry !== null && entry.prepared.resultColumns.length > 0 ? config.readRequestTimeoutMs : config.writeRequestTimeoutMs;
  }

  private statementsOf(node: Node): NodeStatements {
    let statements = this.nodes.get(node);
    if (statements === undefined) {
      const processor = new QueryProcessor(node);
      // Statements a schema change affects are dropped; they are prepared again at their next use.
      statements = { processor, ids: new Map(), unsubscribe: processor.followSchemaChanges() };
      this.nodes.set(node, statements);
    }
    return statements;
  }

  private prepared(statements: NodeStatements, cql: string): PreparedEntry {
    const id = statements.ids.get(cql);
    const known = id === undefined ? undefined : statements.processor.findPrepared(id);
    if (known !== undefined) return known;
    const result = statements.processor.prepare(cql, null, { keyspace: null }, requestContext(null));
    if (result.kind !== 'prepared') throw new Error(`${cql} did not prepare`);
    statements.ids.set(cql, result.statementId);
    return statements.processor.findPrepared(result.statementId)!;
  }
}
