import type { ConsistencyName, ErrorCodeName } from '../../errors/index.js';

/** What a node answered a request, or what became of it. */
export type ActivityOutcome =
  | {
      readonly type: 'RESULT';
      readonly kind: 'void' | 'rows' | 'set-keyspace' | 'prepared' | 'schema-change';
      /** Rows in this page (ROWS results only, else null). */
      readonly rowCount: number | null;
      /** A paging state went back: more pages follow. */
      readonly hasMorePages: boolean;
    }
  | { readonly type: 'ERROR'; readonly code: number; readonly error: ErrorCodeName; readonly message: string }
  | { readonly type: 'READY' | 'SUPPORTED' | 'AUTHENTICATE' | 'AUTH_CHALLENGE' | 'AUTH_SUCCESS' }
  /** A prime held the request without answering until its connection closed. */
  | { readonly type: 'NO_ANSWER' }
  /** A prime closed the connection instead of answering. */
  | { readonly type: 'CONNECTION_CLOSED' };

/** One statement of a BATCH: its CQL text (a prepared one's text) and its bound values. */
export interface ActivityStatement {
  /** null for a prepared statement the node no longer knows (UNPREPARED). */
  readonly query: string | null;
  readonly values: readonly unknown[] | null;
}

/**
 * One request a node received, as the activity log keeps it. Bound values are decoded by the statement's
 * bind markers into the JS forms of their types (int → number, bigint → bigint, text → string, blob →
 * Buffer, uuid → string, timestamp → bigint milliseconds, collections → arrays); unset values are
 * undefined, and a value that could not be decoded stays a Buffer.
 */
export interface ActivityRecord {
  /** Increases by one with every request the cluster receives, in the order they arrive. */
  readonly seq: number;
  /** When the request arrived, on the cluster's clock. */
  readonly time: Date;
  /** The node that received it (its coordinator). */
  readonly node: number;
  readonly clientAddress: string;
  readonly clientPort: number;
  /** The connection it came on, numbered per node from 1. */
  readonly connectionId: number;
  readonly streamId: number;
  readonly protocolVersion: number;
  /** QUERY, PREPARE, EXECUTE, BATCH, STARTUP, OPTIONS, REGISTER, AUTH_RESPONSE. */
  readonly opcode: string;
  /** The keyspace the statement runs in: the request's own (v5), the prepared statement's, or the connection's. */
  readonly keyspace: string | null;
  /** The CQL text; for EXECUTE, the prepared statement's (null when the node does not know the id). */
  readonly query: string | null;
  /** Bound values of QUERY and EXECUTE, in the order sent; null when none were sent or they were not kept. */
  readonly values: readonly unknown[] | null;
  /** The bind marker names the values were sent with, if the client named them. */
  readonly valueNames: readonly string[] | null;
  /** The statements of a BATCH, in order; null for other requests. */
  readonly statements: readonly ActivityStatement[] | null;
  readonly batchType: 'LOGGED' | 'UNLOGGED' | 'COUNTER' | null;
  /** The consistency level of QUERY, EXECUTE and BATCH; null for other requests. */
  readonly consistency: ConsistencyName | null;
  /** SERIAL when the client sent none, as Cassandra takes it. */
  readonly serialConsistency: ConsistencyName | null;
  /** The page size asked for (null: none sent). */
  readonly pageSize: number | null;
  /** Whether the request carried a paging state (it asked for a page after the first). */
  readonly pagingState: boolean;
  /** The id of the prime that answered it, or null. */
  readonly primed: number | null;
  /** null while the request is in flight. */
  readonly outcome: ActivityOutcome | null;
  /** From arrival to the answer, in microseconds of the cluster's clock; null while in flight. */
  readonly latencyMicros: number | null;
  /**
   * Reads and writes of replicated keyspaces: the ids of the replicas the coordinator contacted, in the
   * order it first did (live replicas for writes, the read plan's and any speculative or short-read
   * extra ones for reads, the Paxos participants, the leader of a counter update). Empty otherwise.
   */
  readonly replicas: readonly number[];
}

/** Which records `activity()` returns; every given condition must hold. */
export interface ActivityFilter {
  /** Requests received by this node. */
  readonly node?: number;
  /** A sequence number: only later requests; or a time: requests that arrived at it or later. */
  readonly since?: number | Date;
  /** The CQL text (or one of a BATCH's) contains this string, or matches this RegExp. */
  readonly match?: string | RegExp;
  /** Requests with this opcode (or one of these). */
  readonly opcode?: string | readonly string[];
}
