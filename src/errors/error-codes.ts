/**
 * The protocol's error codes (spec §9) by the names Cassandra's ExceptionCode gives them: how the activity
 * log reports an error and how a prime names the error to answer with.
 */
export const ERROR_CODES = {
  SERVER_ERROR: 0x0000,
  PROTOCOL_ERROR: 0x000a,
  BAD_CREDENTIALS: 0x0100,
  UNAVAILABLE: 0x1000,
  OVERLOADED: 0x1001,
  IS_BOOTSTRAPPING: 0x1002,
  TRUNCATE_ERROR: 0x1003,
  WRITE_TIMEOUT: 0x1100,
  READ_TIMEOUT: 0x1200,
  READ_FAILURE: 0x1300,
  FUNCTION_FAILURE: 0x1400,
  WRITE_FAILURE: 0x1500,
  CDC_WRITE_FAILURE: 0x1600,
  CAS_WRITE_UNKNOWN: 0x1700,
  SYNTAX_ERROR: 0x2000,
  UNAUTHORIZED: 0x2100,
  INVALID: 0x2200,
  CONFIG_ERROR: 0x2300,
  ALREADY_EXISTS: 0x2400,
  UNPREPARED: 0x2500,
} as const;

export type ErrorCodeName = keyof typeof ERROR_CODES;

const NAMES_BY_CODE = new Map<number, ErrorCodeName>(
  Object.entries(ERROR_CODES).map(([name, code]) => [code, name as ErrorCodeName]),
);

/** The name of a protocol error code (SERVER_ERROR for a code the protocol does not define). */
export function errorCodeName(code: number): ErrorCodeName {
  return NAMES_BY_CODE.get(code) ?? 'SERVER_ERROR';
}

export function isErrorCodeName(name: string): name is ErrorCodeName {
  return Object.hasOwn(ERROR_CODES, name);
}
