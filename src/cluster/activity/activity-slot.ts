import type { BoundValue } from '../../common/index.js';
import type { CqlError } from '../../errors/index.js';
import type { CqlType } from '../../types/index.js';

/** The bind markers of a statement: their receivers (names and types) and the names written in the text. */
export interface StatementVariables {
  readonly boundColumns: readonly { readonly name: string; readonly type: CqlType }[];
  readonly boundNames: readonly (string | null)[];
}

/** The type of the bind marker the `index`th value was sent for: by position, or by name when the client named them. */
export function variableType(variables: StatementVariables, index: number, names: readonly string[] | null): CqlType | undefined {
  if (names === null) return variables.boundColumns[index]?.type;
  const name = names[index];
  const at = variables.boundColumns.findIndex((c, i) => (variables.boundNames[i] ?? c.name) === name);
  return variables.boundColumns[at]?.type;
}

/** Finds the bind markers of a statement sent as text (the node's QueryProcessor), when its values are shown. */
export interface StatementResolver {
  variablesOf(query: string, keyspace: string | null): StatementVariables | null;
}

/** The parameters of QUERY and EXECUTE as the protocol decoded them. */
export interface RecordedParameters {
  readonly consistency: number;
  readonly serialConsistency: number;
  readonly values: readonly BoundValue[];
  readonly valueNames: readonly string[] | null;
  readonly pageSize: number | null;
  readonly pagingState: Buffer | null;
}

/** One statement of a BATCH: its text (null when its id is unknown), its bind markers when prepared, its values. */
export interface RecordedBatchChild {
  readonly query: string | null;
  readonly variables: StatementVariables | null;
  readonly values: readonly BoundValue[];
}

/** How many bytes of bound values the records of a log may hold at once, and how many they do. */
export interface ValueBudget {
  heldBytes: number;
  readonly maxBytes: number;
}

/** The client end of a connection, as a record copies it (holding the connection would hold its socket). */
export interface RecordedConnection {
  readonly id: number;
  readonly address: string;
  readonly port: number;
}

/**
 * One place of the activity log's ring, reused for request after request so that recording allocates
 * nothing of its own: the transport fills it as the request arrives, is handled and is answered; the log
 * renders it into an ActivityRecord only when asked. Bound values are the request's own buffers, kept
 * while the log's value budget allows.
 */
export class ActivitySlot {
  seq = 0;
  timeMs = 0;
  nodeId = 0;
  connectionId = 0;
  clientAddress = '';
  clientPort = 0;
  streamId = 0;
  version = 0;
  opcode = '';
  keyspace: string | null = null;
  query: string | null = null;
  values: readonly BoundValue[] | null = null;
  valueNames: readonly string[] | null = null;
  /** EXECUTE: the prepared statement's bind markers; QUERY: found through `resolver` when rendered. */
  variables: StatementVariables | null = null;
  resolver: StatementResolver | null = null;
  batch: readonly RecordedBatchChild[] | null = null;
  /** Whether the batch's values fit in the budget (else only its statements are shown). */
  batchValuesHeld = false;
  batchType: 'LOGGED' | 'UNLOGGED' | 'COUNTER' | null = null;
  /** Wire codes; −1 when the request has none. */
  consistency = -1;
  serialConsistency = -1;
  pageSize: number | null = null;
  pagingState = false;
  replicas: readonly number[] | null = null;
  primeId = 0;
  heldBytes = 0;
  /** '' while in flight; then RESULT, ERROR, READY, SUPPORTED, ..., NO_ANSWER or CONNECTION_CLOSED. */
  outcome = '';
  endMs = 0;
  resultKind = '';
  rowCount = -1;
  hasMorePages = false;
  error: CqlError | null = null;

  constructor(private readonly budget: ValueBudget) {}

  /** Takes the slot for a new request, dropping what the previous one held. */
  reset(seq: number, timeMs: number, nodeId: number, connection: RecordedConnection, streamId: number, version: number, opcode: string): void {
    this.budget.heldBytes -= this.heldBytes;
    this.heldBytes = 0;
    this.seq = seq;
    this.timeMs = timeMs;
    this.nodeId = nodeId;
    this.connectionId = connection.id;
    this.clientAddress = connection.address;
    this.clientPort = connection.port;
    this.streamId = streamId;
    this.version = version;
    this.opcode = opcode;
    this.keyspace = this.query = null;
    this.values = this.valueNames = null;
    this.variables = null;
    this.resolver = null;
    this.batch = null;
    this.batchValuesHeld = false;
    this.batchType = null;
    this.consistency = this.serialConsistency = -1;
    this.pageSize = null;
    this.pagingState = false;
    this.replicas = null;
    this.primeId = 0;
    this.outcome = '';
    this.error = null;
  }

  /** QUERY (variables null: found by `resolver` if shown) or EXECUTE (the prepared statement's). */
  statement(
    keyspace: string | null, query: string | null, variables: StatementVariables | null, resolver: StatementResolver | null,
    parameters: RecordedParameters,
  ): void {
    this.keyspace = keyspace;
    this.query = query;
    this.variables = variables;
    this.resolver = resolver;
    this.consistency = parameters.consistency;
    this.serialConsistency = parameters.serialConsistency;
    this.pageSize = parameters.pageSize;
    this.pagingState = parameters.pagingState !== null;
    if (parameters.values.length === 0) return;
    if (this.hold(valueBytes(parameters.values))) {
      this.values = parameters.values;
      this.valueNames = parameters.valueNames;
    }
  }

  prepare(keyspace: string | null, query: string): void {
    this.keyspace = keyspace;
    this.query = query;
  }

  batchOf(
    keyspace: string | null, type: 'LOGGED' | 'UNLOGGED' | 'COUNTER', children: readonly RecordedBatchChild[],
    resolver: StatementResolver, consistency: number, serialConsistency: number,
  ): void {
    this.keyspace = keyspace;
    this.batchType = type;
    this.batch = children;
    this.resolver = resolver;
    this.consistency = consistency;
    this.serialConsistency = serialConsistency;
    let bytes = 0;
    for (const c of children) bytes += valueBytes(c.values);
    this.batchValuesHeld = this.hold(bytes);
  }

  /** The answer (or what became of the request), unless the slot went to another request meanwhile. */
  complete(seq: number, endMs: number, outcome: string, resultKind: string, rowCount: number, hasMorePages: boolean, error: CqlError | null): boolean {
    if (this.seq !== seq) return false;
    this.endMs = endMs;
    this.outcome = outcome;
    this.resultKind = resultKind;
    this.rowCount = rowCount;
    this.hasMorePages = hasMorePages;
    this.error = error;
    return true;
  }

  /** Whether `bytes` more fit in what is left of the budget; if so they count against it. */
  private hold(bytes: number): boolean {
    if (this.budget.heldBytes + bytes > this.budget.maxBytes) return false;
    this.budget.heldBytes += bytes;
    this.heldBytes += bytes;
    return true;
  }
}

function valueBytes(values: readonly BoundValue[]): number {
  let bytes = 0;
  for (const v of values) if (v instanceof Buffer) bytes += v.length;
  return bytes;
}
