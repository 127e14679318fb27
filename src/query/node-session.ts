import { setImmediate as nextTurn } from 'node:timers/promises';
import { requestContext } from '../common/index.js';
import { splitCqlScript, type ColumnSpecification, type ScriptStatement } from '../cql/index.js';
import type { Node } from '../cluster/index.js';
import { ConsistencyLevel, InvalidRequestError, type ConsistencyName } from '../errors/index.js';
import { formatCqlType } from '../types/index.js';
import { boundValue, plainValue, type CqlValue } from './plain-values.js';
import { QueryProcessor, type ClientState, type RequestParameters } from './query-processor.js';
import type { QueryResult } from './query-result.js';

export type { ConsistencyName };

/** Bound values: in marker order, or by name for `:name` markers (and for `?` by column name). */
export type CqlParams = readonly unknown[] | { readonly [name: string]: unknown };

export interface ExecuteOptions {
  /** The keyspace of unqualified table names, as `USE` sets it for a connection. */
  readonly keyspace?: string;
  /** Default ONE, as cqlsh's. */
  readonly consistency?: ConsistencyName;
  /** For conditional statements: SERIAL (default) or LOCAL_SERIAL. */
  readonly serialConsistency?: 'SERIAL' | 'LOCAL_SERIAL';
  /** The write timestamp in microseconds since the epoch; by default the coordinator's clock gives it. */
  readonly timestamp?: bigint;
}

/** A result column: its name, its CQL type as CQL writes it ('map<text, int>'), and where it comes from. */
export interface ResultColumn {
  readonly name: string;
  readonly type: string;
  readonly keyspace: string;
  readonly table: string;
}

/** One row: each column's value by column name. */
export type Row = { readonly [column: string]: CqlValue };

/** What `execute` gives back: every row (no paging), the columns, and the client warnings of the request. */
export interface ExecuteResult {
  readonly rows: readonly Row[];
  readonly columns: readonly ResultColumn[];
  readonly warnings: readonly string[];
}

const NO_VALUES: RequestParameters = {
  consistency: ConsistencyLevel.ONE, serialConsistency: ConsistencyLevel.SERIAL, values: [], valueNames: null,
  skipMetadata: false, pageSize: null, pagingState: null, timestamp: null, keyspace: null, nowInSeconds: null,
};
/** The protocol version the session's requests are processed under (what drivers speak to Cassandra 4.1). */
const PROTOCOL_VERSION = 4;

/**
 * Statements run on one node as a client connected to it would run them (the node's coordinator, its
 * consistency levels, warnings, schema changes announced to connected drivers), without a driver: for
 * seeding a cluster from a test or a schema file. Each `execute` is a session of its own; a script keeps
 * one session from statement to statement, so `USE` carries over.
 */
export class NodeSession {
  private readonly processor: QueryProcessor;
  private readonly unsubscribe: () => void;

  constructor(private readonly node: Node) {
    this.processor = new QueryProcessor(node);
    this.unsubscribe = this.processor.followSchemaChanges();
  }

  execute(cql: string, params?: CqlParams, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    return this.run(cql, params, options, { keyspace: options.keyspace ?? null });
  }

  /**
   * Runs a script's statements in order; the first failure stops it with an error naming `source` and the
   * line the statement starts on (the original error is its cause).
   */
  async executeScript(script: string, options: ExecuteOptions = {}, source = 'script'): Promise<number> {
    const state: ClientState = { keyspace: options.keyspace ?? null };
    let statements: ScriptStatement[];
    try {
      statements = splitCqlScript(script);
    } catch (e) {
      throw new Error(`${source}: ${messageOf(e)}`, { cause: e });
    }
    for (const statement of statements) {
      try {
        await this.run(statement.text, undefined, options, state);
      } catch (e) {
        throw new Error(`${source}:${statement.line}: ${messageOf(e)} (in: ${statement.text.split('\n')[0]})`, { cause: e });
      }
    }
    return statements.length;
  }

  close(): void {
    this.unsubscribe();
  }

  private async run(cql: string, params: CqlParams | undefined, options: ExecuteOptions, state: ClientState): Promise<ExecuteResult> {
    // Each statement starts in an event loop turn of its own, as a client's request arriving on a socket does:
    // a loop of statements answered without I/O (a local replica at ONE) would otherwise keep the timers from
    // running, and with them the network's deliveries to the other replicas, until their links overflow.
    await nextTurn();
    const request = requestContext(null);
    const parameters: RequestParameters = {
      ...NO_VALUES,
      consistency: consistencyOf(options.consistency ?? 'ONE'),
      serialConsistency: consistencyOf(options.serialConsistency ?? 'SERIAL'),
      timestamp: options.timestamp ?? null,
    };
    let result: QueryResult;
    if (params === undefined) {
      result = await this.processor.query(cql, parameters, state, PROTOCOL_VERSION, request);
    } else {
      const prepared = this.processor.prepare(cql, null, state, request);
      if (prepared.kind !== 'prepared') throw new Error(`${cql} did not prepare`);
      const values = bind(prepared.variables, params);
      result = await this.processor.execute(prepared.statementId, null, { ...parameters, values }, state, PROTOCOL_VERSION, request);
    }
    return { ...rowsOf(result), warnings: request.warnings ?? [] };
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function consistencyOf(name: string): ConsistencyLevel {
  const level = (ConsistencyLevel as unknown as Record<string, ConsistencyLevel | undefined>)[name];
  if (typeof level !== 'number') throw new InvalidRequestError(`Unknown consistency level ${name}`);
  return level;
}

function bind(variables: readonly ColumnSpecification[], params: CqlParams): ReturnType<typeof boundValue>[] {
  if (Array.isArray(params)) {
    if (params.length !== variables.length) {
      throw new InvalidRequestError(`Invalid amount of bind variables: expected ${variables.length}, got ${params.length}`);
    }
    return variables.map((v, i) => boundValue(v.type, params[i]));
  }
  const byName = params as { readonly [name: string]: unknown };
  for (const name of Object.keys(byName)) {
    if (!variables.some((v) => v.name === name)) throw new InvalidRequestError(`No bind marker named ${name}`);
  }
  return variables.map((v) => boundValue(v.type, byName[v.name]));
}

/** A result's rows with their values as plain JavaScript values (none for a result without rows). */
export function rowsOf(result: QueryResult): Pick<ExecuteResult, 'rows' | 'columns'> {
  if (result.kind !== 'rows') return { rows: [], columns: [] };
  const columns = result.columns;
  return {
    columns: columns.map((c) => ({ name: c.name, type: formatCqlType(c.type), keyspace: c.keyspace, table: c.table })),
    rows: result.rows.map((values) => {
      const row: Record<string, CqlValue> = {};
      values.forEach((bytes, i) => {
        const column = columns[i]!;
        row[column.name] = bytes === null ? null : plainValue(column.type, bytes);
      });
      return row;
    }),
  };
}
