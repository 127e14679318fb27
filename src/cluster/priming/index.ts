export { PrimeRegistry, type PrimeAction, type PrimeContext, type PrimeHandle } from './prime-registry.js';
export type { CandidateStatement, PrimeCandidate } from './prime-matcher.js';
export { columnsText, rowsFitColumns, type CompiledRows } from './primed-rows.js';
export { PRIME_OPCODES } from './prime-spec.js';
export type {
  FailureReasonName, PrimeOpcode, PrimeSpec, PrimeThen, PrimeWhen, PrimedCloseConnection, PrimedColumn, PrimedDelay, PrimedError,
  PrimedFailure, PrimedNoAnswer, PrimedRows, PrimedVoid,
} from './prime-spec.js';
