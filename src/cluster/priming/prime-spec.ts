import type { ConsistencyName, WriteType } from '../../errors/index.js';

/** The requests a node receives, which the activity log records and a prime may match. */
export const PRIME_OPCODES = ['STARTUP', 'OPTIONS', 'QUERY', 'PREPARE', 'EXECUTE', 'BATCH', 'REGISTER', 'AUTH_RESPONSE'] as const;
export type PrimeOpcode = (typeof PRIME_OPCODES)[number];

/** Which requests a prime answers: every given condition must hold. */
export interface PrimeWhen {
  /** The node that received the request (or one of these). */
  readonly node?: number | readonly number[];
  /**
   * The request's opcode (or one of these). By default QUERY, EXECUTE and BATCH, the requests that run
   * statements: a prime on a statement's text then answers its executions, not its PREPARE.
   */
  readonly opcode?: PrimeOpcode | readonly PrimeOpcode[];
  /**
   * The CQL text, exactly as sent, or a RegExp it matches. EXECUTE is matched by its prepared statement's
   * text; a BATCH when one of its statements matches (together with `values`, if given).
   */
  readonly query?: string | RegExp;
  /** The request's consistency level (or one of these). */
  readonly consistency?: ConsistencyName | readonly ConsistencyName[];
  /**
   * Bound values, each compared with the one sent once serialized by the type of its bind marker (so `1`
   * matches an int, `1n` or `1` a bigint); an undefined entry matches any value.
   */
  readonly values?: readonly unknown[];
}

/** Why a replica failed, in ReadFailure and WriteFailure (Cassandra's RequestFailureReason). */
export type FailureReasonName = 'UNKNOWN' | 'READ_TOO_MANY_TOMBSTONES' | 'TIMEOUT' | 'INCOMPATIBLE_SCHEMA' | 'READ_SIZE' | 'NODE_DOWN';

/** One replica's failure: the node and the reason (default UNKNOWN). */
export interface PrimedFailure {
  readonly node: number;
  readonly reason?: FailureReasonName;
}

interface Delayed {
  /** Answer only after this many milliseconds of the cluster's clock. */
  readonly delayMs?: number;
}

/**
 * A protocol error, with its fields. `consistency` defaults to the request's; `message` to Cassandra's
 * message for the error (those with fields compute it from them, as Cassandra does).
 */
export type PrimedError = Delayed & (
  | {
      readonly error: 'SERVER_ERROR' | 'PROTOCOL_ERROR' | 'BAD_CREDENTIALS' | 'OVERLOADED' | 'IS_BOOTSTRAPPING' | 'TRUNCATE_ERROR'
        | 'CDC_WRITE_FAILURE' | 'SYNTAX_ERROR' | 'UNAUTHORIZED' | 'INVALID' | 'CONFIG_ERROR';
      readonly message?: string;
    }
  | { readonly error: 'UNAVAILABLE'; readonly consistency?: ConsistencyName; readonly required: number; readonly alive: number }
  | {
      readonly error: 'WRITE_TIMEOUT'; readonly consistency?: ConsistencyName; readonly received: number; readonly blockFor: number;
      readonly writeType: WriteType; readonly contentions?: number;
    }
  | {
      readonly error: 'READ_TIMEOUT'; readonly consistency?: ConsistencyName; readonly received: number; readonly blockFor: number;
      readonly dataPresent?: boolean;
    }
  | {
      readonly error: 'READ_FAILURE'; readonly consistency?: ConsistencyName; readonly received: number; readonly blockFor: number;
      readonly dataPresent?: boolean; readonly failures?: readonly PrimedFailure[];
    }
  | {
      readonly error: 'WRITE_FAILURE'; readonly consistency?: ConsistencyName; readonly received: number; readonly blockFor: number;
      readonly writeType: WriteType; readonly failures?: readonly PrimedFailure[];
    }
  | { readonly error: 'CAS_WRITE_UNKNOWN'; readonly consistency?: ConsistencyName; readonly received: number; readonly blockFor: number }
  | {
      readonly error: 'FUNCTION_FAILURE'; readonly keyspace: string; readonly function: string; readonly argTypes: readonly string[];
      readonly message?: string;
    }
  | { readonly error: 'ALREADY_EXISTS'; readonly keyspace: string; readonly table?: string }
  /** `id` (hex) defaults to the statement id an EXECUTE sent. */
  | { readonly error: 'UNPREPARED'; readonly id?: string }
);

/** A column of primed rows: its name and its CQL type ('int', 'map<text, frozen<list<int>>>'). */
export interface PrimedColumn {
  readonly name: string;
  readonly type: string;
}

/**
 * A ROWS result: one array per row with a value per column, in the JS forms the column types take
 * (numbers or bigints for integers, strings for text, uuid and inet, Buffers for blobs, Dates or numbers
 * for timestamps, arrays for lists, sets and tuples, Maps or [key, value] arrays for maps, null).
 * The columns' keyspace and table default to the request's keyspace and "primed".
 */
export interface PrimedRows extends Delayed {
  readonly columns: readonly PrimedColumn[];
  readonly rows: readonly (readonly unknown[])[];
  /**
   * The values are in the JSON forms of INSERT JSON and fromJson() instead (bigints as numbers or
   * strings, blobs as '0x…' strings, timestamps as strings, maps and UDTs as objects): what a JSON
   * body of the admin API carries.
   */
  readonly json?: boolean;
  readonly keyspace?: string;
  readonly table?: string;
}

/** A VOID result: the statement seems to have run, and changed nothing. */
export interface PrimedVoid extends Delayed {
  readonly void: true;
}

/** The real answer, after `delayMs`: the request runs once the delay has passed. */
export interface PrimedDelay {
  readonly delayMs: number;
}

/** No answer at all: the request is held until its connection closes (the client times out). */
export interface PrimedNoAnswer {
  readonly noAnswer: true;
}

/** The connection is closed instead of answering (after `delayMs`, if given). */
export interface PrimedCloseConnection extends Delayed {
  readonly closeConnection: true;
}

export type PrimeThen = PrimedError | PrimedRows | PrimedVoid | PrimedDelay | PrimedNoAnswer | PrimedCloseConnection;

/** A prime: which requests it answers, how, and how many times. */
export interface PrimeSpec {
  /** Default: every QUERY, EXECUTE and BATCH. */
  readonly when?: PrimeWhen;
  readonly then: PrimeThen;
  /** How many requests it answers before it removes itself (1 or 'once': once); default until removed. */
  readonly times?: number | 'once';
}
