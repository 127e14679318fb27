import type { BoundValue, ReplicaSink } from '../../common/index.js';
import type { CqlError } from '../../errors/index.js';
import type { CqlType } from '../../types/index.js';
import { FIRST_CAPACITY_BYTES, RecordedValues, type ValueBudget } from './recorded-values.js';

export type { ValueBudget };

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

/** The client end of a connection, as a record copies it (holding the connection would hold its socket). */
export interface RecordedConnection {
  readonly id: number;
  readonly address: string;
  readonly port: number;
}

/**
 * What the slots made together share, side by side: their arrival and answer times (two per slot: a
 * number of fields of their own would each be an object apart, met cold) and the first region of their
 * bound values.
 */
export class SlotBlock {
  readonly times: Float64Array;
  readonly values: Buffer;

  constructor(readonly size: number) {
    this.times = new Float64Array(2 * size);
    this.values = Buffer.allocUnsafeSlow(size * FIRST_CAPACITY_BYTES);
  }
}

/**
 * One place of the activity log's ring, reused for request after request: the transport fills it as the
 * request arrives, is handled and is answered, and the log renders it into an ActivityRecord only when
 * asked. A slot keeps no object of the request it records (small values are copied, replica ids noted
 * as the coordinator contacts them), only things that outlive requests (prepared statements, their
 * texts, the node's resolver).
 */
export class ActivitySlot implements ReplicaSink {
  /**
   * The fields met again once the request has run (noting replicas, the answer) come first, side by side:
   * by then the slot has left the cache, and together they span two cache lines rather than most of the
   * slot's. V8 lays fields out in the order they are declared.
   */
  seq = 0;
  /** Where this slot's times are in `times`: arrival, then answer. */
  private readonly timeAt: number;
  private readonly times: Float64Array;
  replicaCount = 0;
  /**
   * The replicas contacted: the first three in fields of the slot (a log of 10,000 slots meets each one cold,
   * and every further object is one more miss per request), any more in `moreReplicaIds`.
   */
  private replica0 = 0;
  private replica1 = 0;
  private replica2 = 0;
  /** '' while in flight; then RESULT, ERROR, READY, SUPPORTED, ..., NO_ANSWER or CONNECTION_CLOSED. */
  outcome = '';
  resultKind = '';
  rowCount = -1;
  hasMorePages = false;
  error: CqlError | null = null;
  nodeId = 0;
  connectionId = 0;
  clientAddress = '';
  clientPort = 0;
  streamId = 0;
  version = 0;
  opcode = '';
  keyspace: string | null = null;
  query: string | null = null;
  valueNames: readonly string[] | null = null;
  /** EXECUTE: the prepared statement's bind markers; QUERY: found through `resolver` when rendered. */
  variables: StatementVariables | null = null;
  resolver: StatementResolver | null = null;
  readonly values: RecordedValues;
  /** Wire codes; −1 when the request has none. */
  consistency = -1;
  serialConsistency = -1;
  pageSize: number | null = null;
  pagingState = false;
  primeId = 0;
  batchType: 'LOGGED' | 'UNLOGGED' | 'COUNTER' | null = null;
  /** The statements of a BATCH: texts and bind markers (prepared ones), values in `values`; made by the first BATCH. */
  private batchQueries: (string | null)[] | null = null;
  private batchVariables: (StatementVariables | null)[] | null = null;
  /** Statements of the batch in the arrays above (reused: setting an array's length is a call into the runtime). */
  batchSize = 0;
  private moreReplicaIds: number[] | null = null;

  /** The `index`th slot of `block`. */
  constructor(budget: ValueBudget, block: SlotBlock, index: number) {
    this.times = block.times;
    this.timeAt = 2 * index;
    this.values = new RecordedValues(budget, block.values, index * FIRST_CAPACITY_BYTES);
  }

  /** When the request arrived (clock ms). */
  get timeMs(): number {
    return this.times[this.timeAt]!;
  }

  /** When it was answered (clock ms), once `outcome` is set. */
  get endMs(): number {
    return this.times[this.timeAt + 1]!;
  }

  /** Takes the slot for a new request, dropping what the previous one left. */
  reset(seq: number, timeMs: number, nodeId: number, connection: RecordedConnection, streamId: number, version: number, opcode: string): void {
    this.seq = seq;
    this.times[this.timeAt] = timeMs;
    this.nodeId = nodeId;
    this.connectionId = connection.id;
    this.clientAddress = connection.address;
    this.clientPort = connection.port;
    this.streamId = streamId;
    this.version = version;
    this.opcode = opcode;
    this.keyspace = this.query = null;
    this.valueNames = null;
    this.variables = null;
    this.resolver = null;
    this.values.clear();
    this.batchType = null;
    this.batchSize = 0;
    this.consistency = this.serialConsistency = -1;
    this.pageSize = null;
    this.pagingState = false;
    this.replicaCount = 0;
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
    this.valueNames = parameters.valueNames;
    this.values.add(parameters.values);
  }

  prepare(keyspace: string | null, query: string): void {
    this.keyspace = keyspace;
    this.query = query;
  }

  /** A BATCH; its statements follow with batchStatement(). */
  batch(keyspace: string | null, type: 'LOGGED' | 'UNLOGGED' | 'COUNTER', resolver: StatementResolver, consistency: number, serialConsistency: number): void {
    this.keyspace = keyspace;
    this.batchType = type;
    this.resolver = resolver;
    this.consistency = consistency;
    this.serialConsistency = serialConsistency;
  }

  /** One statement of a BATCH: its text (null when its id is unknown), its bind markers if prepared, its values. */
  batchStatement(query: string | null, variables: StatementVariables | null, values: readonly BoundValue[]): void {
    (this.batchQueries ??= [])[this.batchSize] = query;
    (this.batchVariables ??= [])[this.batchSize++] = variables;
    this.values.add(values);
  }

  batchQuery(index: number): string | null {
    return this.batchQueries?.[index] ?? null;
  }

  batchStatementVariables(index: number): StatementVariables | null {
    return this.batchVariables?.[index] ?? null;
  }

  /** A replica the coordinator of request `seq` contacted, noted once (unless the slot went to a later request). */
  replicaContacted(seq: number, nodeId: number): void {
    if (this.seq !== seq) return;
    const count = this.replicaCount;
    for (let i = 0; i < count; i++) if (this.replicaAt(i) === nodeId) return;
    if (count === 0) this.replica0 = nodeId;
    else if (count === 1) this.replica1 = nodeId;
    else if (count === 2) this.replica2 = nodeId;
    else (this.moreReplicaIds ??= [])[count - 3] = nodeId;
    this.replicaCount = count + 1;
  }

  private replicaAt(index: number): number {
    return index === 0 ? this.replica0 : index === 1 ? this.replica1 : index === 2 ? this.replica2 : this.moreReplicaIds![index - 3]!;
  }

  get replicas(): number[] {
    return Array.from({ length: this.replicaCount }, (_, i) => this.replicaAt(i));
  }

  /** The answer (or what became of the request), unless the slot went to another request meanwhile. */
  complete(seq: number, endMs: number, outcome: string, resultKind: string, rowCount: number, hasMorePages: boolean, error: CqlError | null): boolean {
    if (this.seq !== seq) return false;
    this.times[this.timeAt + 1] = endMs;
    this.outcome = outcome;
    this.resultKind = resultKind;
    this.rowCount = rowCount;
    this.hasMorePages = hasMorePages;
    this.error = error;
    return true;
  }
}
