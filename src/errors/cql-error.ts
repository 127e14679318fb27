/**
 * Request errors: one class per native-protocol error code (spec §9), each carrying the payload the
 * spec requires. They are thrown where the problem is found and encoded into ERROR frames in one
 * place (transport/error-response.ts).
 */
export type WriteType =
  | 'SIMPLE' | 'BATCH' | 'UNLOGGED_BATCH' | 'COUNTER' | 'BATCH_LOG' | 'CAS' | 'VIEW' | 'CDC';

/** Consistency levels as numbered on the wire (spec §3 [consistency]). */
export enum ConsistencyLevel {
  ANY = 0x0000,
  ONE = 0x0001,
  TWO = 0x0002,
  THREE = 0x0003,
  QUORUM = 0x0004,
  ALL = 0x0005,
  LOCAL_QUORUM = 0x0006,
  EACH_QUORUM = 0x0007,
  SERIAL = 0x0008,
  LOCAL_SERIAL = 0x0009,
  LOCAL_ONE = 0x000a,
}

/** A consistency level by name, as drivers and cqlsh spell it. */
export type ConsistencyName = keyof typeof ConsistencyLevel;

export abstract class CqlError extends Error {
  abstract readonly code: number;
}

export class ServerError extends CqlError {
  readonly code = 0x0000;
}
export class ProtocolError extends CqlError {
  readonly code = 0x000a;
}
export class AuthenticationError extends CqlError {
  readonly code = 0x0100;
}
export class UnavailableError extends CqlError {
  readonly code = 0x1000;
  constructor(
    readonly consistency: ConsistencyLevel,
    readonly required: number,
    readonly alive: number,
  ) {
    super('Cannot achieve consistency level ' + ConsistencyLevel[consistency]);
  }
}
export class OverloadedError extends CqlError {
  readonly code = 0x1001;
}
export class IsBootstrappingError extends CqlError {
  readonly code = 0x1002;
}
export class TruncateError extends CqlError {
  readonly code = 0x1003;
}
export class WriteTimeoutError extends CqlError {
  readonly code = 0x1100;
  constructor(
    readonly consistency: ConsistencyLevel,
    readonly received: number,
    readonly blockFor: number,
    readonly writeType: WriteType,
    readonly contentions = 0,
  ) {
    super(
      `Operation timed out - received only ${received} responses.`,
    );
  }
}
export class ReadTimeoutError extends CqlError {
  readonly code = 0x1200;
  constructor(
    readonly consistency: ConsistencyLevel,
    readonly received: number,
    readonly blockFor: number,
    readonly dataPresent: boolean,
  ) {
    super(`Operation timed out - received only ${received} responses.`);
  }
}
/** A replica's failure reason as reported in v5 reason maps. */
export interface FailureReason {
  address: Buffer;
  code: number;
  /** The replica as Cassandra names it in the message: /address:storage_port. */
  endpoint: string;
}

/** RequestFailureReason: the codes replicas report a failure with, by name. */
export const RequestFailureReason = {
  UNKNOWN: 0,
  READ_TOO_MANY_TOMBSTONES: 1,
  TIMEOUT: 2,
  INCOMPATIBLE_SCHEMA: 3,
  READ_SIZE: 4,
  NODE_DOWN: 5,
} as const;

const FAILURE_REASON_NAMES = new Map<number, string>(Object.entries(RequestFailureReason).map(([name, code]) => [code, name]));

/** RequestFailureException's message: "Operation failed - received N responses and M failures: REASON from /a:p, …". */
function failureMessage(received: number, failures: readonly FailureReason[]): string {
  const reasons = failures.map((f) => `${FAILURE_REASON_NAMES.get(f.code) ?? 'UNKNOWN'} from ${f.endpoint}`).join(', ');
  return `Operation failed - received ${received} responses and ${failures.length} failures: ${reasons}`;
}
export class ReadFailureError extends CqlError {
  readonly code = 0x1300;
  constructor(
    readonly consistency: ConsistencyLevel,
    readonly received: number,
    readonly blockFor: number,
    readonly failures: FailureReason[],
    readonly dataPresent: boolean,
  ) {
    super(failureMessage(received, failures));
  }
}
export class FunctionFailureError extends CqlError {
  readonly code = 0x1400;
  constructor(
    message: string,
    readonly keyspace: string,
    readonly functionName: string,
    readonly argTypes: string[],
  ) {
    super(message);
  }
}
export class WriteFailureError extends CqlError {
  readonly code = 0x1500;
  constructor(
    readonly consistency: ConsistencyLevel,
    readonly received: number,
    readonly blockFor: number,
    readonly failures: FailureReason[],
    readonly writeType: WriteType,
  ) {
    super(failureMessage(received, failures));
  }
}
export class CdcWriteFailureError extends CqlError {
  readonly code = 0x1600;
}
export class CasWriteUnknownError extends CqlError {
  readonly code = 0x1700;
  constructor(
    readonly consistency: ConsistencyLevel,
    readonly received: number,
    readonly blockFor: number,
  ) {
    super(`CAS operation result is unknown - proposal accepted by ${received} but not a quorum.`);
  }
}
export class SyntaxError extends CqlError {
  readonly code = 0x2000;
}
export class UnauthorizedError extends CqlError {
  readonly code = 0x2100;
}
/** Cassandra's InvalidRequestException: bad values, unknown tables, unsupported restrictions. */
export class InvalidRequestError extends CqlError {
  readonly code = 0x2200;
}
export class ConfigurationError extends CqlError {
  readonly code = 0x2300;
}
export class AlreadyExistsError extends CqlError {
  readonly code = 0x2400;
  constructor(
    readonly keyspace: string,
    readonly table: string,
  ) {
    // AlreadyExistsException's two messages, word for word.
    super(
      table === ''
        ? `Cannot add existing keyspace "${keyspace}"`
        : `Cannot add already existing table "${table}" to keyspace "${keyspace}"`,
    );
  }
}
export class UnpreparedError extends CqlError {
  readonly code = 0x2500;
  constructor(readonly statementId: Buffer) {
    super(`Prepared query with ID ${statementId.toString('hex')} not found (either the query was not prepared on this host (maybe the host has been restarted?) or you have prepared too many queries and it has been evicted from the internal cache)`);
  }
}

/** Every concrete request error: the ERROR encoder switches over this union exhaustively. */
export type AnyCqlError =
  | ServerError | ProtocolError | AuthenticationError | UnavailableError | OverloadedError
  | IsBootstrappingError | TruncateError | WriteTimeoutError | ReadTimeoutError | ReadFailureError
  | FunctionFailureError | WriteFailureError | CdcWriteFailureError | CasWriteUnknownError
  | SyntaxError | UnauthorizedError | InvalidRequestError | ConfigurationError | AlreadyExistsError
  | UnpreparedError;
