import {
  AlreadyExistsError, AuthenticationError, CasWriteUnknownError, CdcWriteFailureError, ConfigurationError, ConsistencyLevel,
  FunctionFailureError, InvalidRequestError, IsBootstrappingError, OverloadedError, ProtocolError, ReadFailureError,
  ReadTimeoutError, RequestFailureReason, ServerError, SyntaxError, TruncateError, UnauthorizedError, UnavailableError,
  UnpreparedError, WriteFailureError, WriteTimeoutError, ERROR_CODES, errorCodeName, isErrorCodeName, type AnyCqlError,
  type ErrorCodeName, type FailureReason, type WriteType,
} from '../../errors/index.js';
import { checkPrime, consistencyLevel, oneOf, optionalString, wholeNumber } from './prime-checks.js';
import type { FailureReasonName, PrimedError, PrimedFailure } from './prime-spec.js';

/** Makes the primed error for one request: its consistency level, and the statement id it executed (EXECUTE). */
export type ErrorBuilder = (consistency: ConsistencyLevel, statementId: Buffer | null) => AnyCqlError;

/** Where a node's failure is reported from: its address bytes and its name as Cassandra prints it. */
export type FailureEndpoints = (nodeId: number) => Omit<FailureReason, 'code'> | undefined;

type MessageOnly = Extract<PrimedError, { readonly message?: string }>['error'];

/** The errors that carry only a message, with the class and the message Cassandra gives them. */
const MESSAGE_ONLY: Readonly<Record<Exclude<MessageOnly, 'FUNCTION_FAILURE'>, [new (message: string) => AnyCqlError, string]>> = {
  SERVER_ERROR: [ServerError, 'java.lang.RuntimeException: primed server error'],
  PROTOCOL_ERROR: [ProtocolError, 'Primed protocol error'],
  BAD_CREDENTIALS: [AuthenticationError, 'Provided username and/or password are incorrect'],
  OVERLOADED: [OverloadedError, 'Server is in overloaded state. Cannot accept more requests at this point'],
  IS_BOOTSTRAPPING: [IsBootstrappingError, 'Cannot read from a bootstrapping node'],
  TRUNCATE_ERROR: [TruncateError, 'Error during truncate: primed truncate error'],
  CDC_WRITE_FAILURE: [CdcWriteFailureError, 'Rejecting mutation: primed CDC write failure'],
  SYNTAX_ERROR: [SyntaxError, 'Primed syntax error'],
  UNAUTHORIZED: [UnauthorizedError, 'Primed unauthorized request'],
  INVALID: [InvalidRequestError, 'Primed invalid request'],
  CONFIG_ERROR: [ConfigurationError, 'Primed configuration error'],
};

const WRITE_TYPES: readonly WriteType[] = ['SIMPLE', 'BATCH', 'UNLOGGED_BATCH', 'COUNTER', 'BATCH_LOG', 'CAS', 'VIEW', 'CDC'];
const REASONS = Object.keys(RequestFailureReason) as FailureReasonName[];

/**
 * Checks a primed error's fields once, when primed, and returns what builds it for each request it
 * answers (the error classes of errors/, encoded like any other). Unset consistency levels are the request's.
 */
export function compileError(given: PrimedError, endpoints: FailureEndpoints): ErrorBuilder {
  const name = errorCodeNameOf(given.error);
  checkPrime(name !== undefined, 'then.error', `a protocol error: ${Object.keys(ERROR_CODES).join(', ')} (or its code)`, given.error);
  const spec = { ...given, error: name } as PrimedError;
  const fixed = 'consistency' in spec && spec.consistency !== undefined ? consistencyLevel(spec.consistency, 'then.consistency') : null;
  const level = (c: ConsistencyLevel): ConsistencyLevel => fixed ?? c;
  switch (spec.error) {
    case 'UNAVAILABLE': {
      const [required, alive] = [wholeNumber(spec.required, 'then.required'), wholeNumber(spec.alive, 'then.alive')];
      return (c) => new UnavailableError(level(c), required, alive);
    }
    case 'WRITE_TIMEOUT': {
      const [received, blockFor] = counts(spec);
      const writeType = oneOf(spec.writeType, 'then.writeType', WRITE_TYPES);
      const contentions = wholeNumber(spec.contentions ?? 0, 'then.contentions');
      return (c) => new WriteTimeoutError(level(c), received, blockFor, writeType, contentions);
    }
    case 'READ_TIMEOUT': {
      const [received, blockFor] = counts(spec);
      const dataPresent = flag(spec.dataPresent, 'then.dataPresent');
      return (c) => new ReadTimeoutError(level(c), received, blockFor, dataPresent);
    }
    case 'READ_FAILURE': {
      const [received, blockFor] = counts(spec);
      const dataPresent = flag(spec.dataPresent, 'then.dataPresent');
      const failures = failuresOf(spec.failures, endpoints);
      return (c) => new ReadFailureError(level(c), received, blockFor, [...failures], dataPresent);
    }
    case 'WRITE_FAILURE': {
      const [received, blockFor] = counts(spec);
      const writeType = oneOf(spec.writeType, 'then.writeType', WRITE_TYPES);
      const failures = failuresOf(spec.failures, endpoints);
      return (c) => new WriteFailureError(level(c), received, blockFor, [...failures], writeType);
    }
    case 'CAS_WRITE_UNKNOWN': {
      const [received, blockFor] = counts(spec);
      return (c) => new CasWriteUnknownError(level(c), received, blockFor);
    }
    default:
      return compileFieldless(spec);
  }
}

function compileFieldless(spec: Extract<PrimedError, { error: MessageOnly | 'ALREADY_EXISTS' | 'UNPREPARED' }>): ErrorBuilder {
  switch (spec.error) {
    case 'FUNCTION_FAILURE': {
      const keyspace = requiredString(spec.keyspace, 'then.keyspace');
      const fn = requiredString(spec.function, 'then.function');
      checkPrime(Array.isArray(spec.argTypes) && spec.argTypes.every((t) => typeof t === 'string'), 'then.argTypes', 'a list of CQL type names', spec.argTypes);
      const argTypes = [...spec.argTypes];
      const message = optionalString(spec.message, 'then.message') ?? `execution of '${keyspace}.${fn}[${argTypes.join(', ')}]' failed: primed function failure`;
      return () => new FunctionFailureError(message, keyspace, fn, argTypes);
    }
    case 'ALREADY_EXISTS': {
      const keyspace = requiredString(spec.keyspace, 'then.keyspace');
      const table = optionalString(spec.table, 'then.table') ?? '';
      return () => new AlreadyExistsError(keyspace, table);
    }
    case 'UNPREPARED': {
      const id = optionalString(spec.id, 'then.id');
      checkPrime(id === undefined || /^([0-9a-f]{2})+$/i.test(id), 'then.id', 'a statement id in hex', id);
      const fixedId = id === undefined ? null : Buffer.from(id, 'hex');
      return (_c, statementId) => new UnpreparedError(fixedId ?? statementId ?? Buffer.alloc(16));
    }
    default: {
      const [ErrorClass, defaultMessage] = MESSAGE_ONLY[spec.error];
      const message = optionalString(spec.message, 'then.message') ?? defaultMessage;
      return () => new ErrorClass(message);
    }
  }
}

/** Other names of errors than ExceptionCode's, once spelt without case or separators. */
const ALIASES: Readonly<Record<string, ErrorCodeName>> = {
  SERVER: 'SERVER_ERROR', PROTOCOL: 'PROTOCOL_ERROR', AUTHENTICATIONERROR: 'BAD_CREDENTIALS', AUTHENTICATION: 'BAD_CREDENTIALS',
  UNAVAILABLEEXCEPTION: 'UNAVAILABLE', TRUNCATE: 'TRUNCATE_ERROR', INVALIDREQUEST: 'INVALID', CONFIGURATIONERROR: 'CONFIG_ERROR',
  CONFIG: 'CONFIG_ERROR', SYNTAX: 'SYNTAX_ERROR',
};

/**
 * An error named as Cassandra's ExceptionCode does (WRITE_TIMEOUT), in another case or spelling
 * (WriteTimeout, Write_timeout, the spec's words), or by its code (0x1100).
 */
function errorCodeNameOf(given: unknown): ErrorCodeName | undefined {
  if (typeof given === 'number') return Object.values(ERROR_CODES).includes(given as never) ? errorCodeName(given) : undefined;
  if (typeof given !== 'string') return undefined;
  const squashed = given.replace(/[^a-z0-9]/gi, '').toUpperCase();
  const name = Object.keys(ERROR_CODES).find((n) => n.replace(/_/g, '') === squashed);
  return name !== undefined && isErrorCodeName(name) ? name : ALIASES[squashed];
}

function counts(spec: { readonly received: number; readonly blockFor: number }): [number, number] {
  return [wholeNumber(spec.received, 'then.received'), wholeNumber(spec.blockFor, 'then.blockFor')];
}

function flag(value: boolean | undefined, field: string): boolean {
  checkPrime(value === undefined || typeof value === 'boolean', field, 'true or false', value);
  return value ?? false;
}

function requiredString(value: unknown, field: string): string {
  checkPrime(typeof value === 'string', field, 'a string', value);
  return value;
}

function failuresOf(failures: readonly PrimedFailure[] | undefined, endpoints: FailureEndpoints): FailureReason[] {
  checkPrime(failures === undefined || Array.isArray(failures), 'then.failures', 'a list of { node, reason }', failures);
  return (failures ?? []).map((f, i) => {
    const node = wholeNumber(f.node, `then.failures[${i}].node`);
    const endpoint = endpoints(node);
    checkPrime(endpoint !== undefined, `then.failures[${i}].node`, 'the id of a node of the cluster', node);
    const reason = oneOf(f.reason ?? 'UNKNOWN', `then.failures[${i}].reason`, REASONS);
    return { ...endpoint, code: RequestFailureReason[reason] };
  });
}
