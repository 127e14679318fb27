/** Cassanova's public API: start a fake Cassandra cluster in-process. */
export {
  startCluster, CassanovaCluster, type StartClusterOptions, type AddNodeOptions, type DecommissionOptions,
  type RangeMovementResult, type RepairOptions, type RepairResult,
  type ActivityFilter, type ActivityOutcome, type ActivityRecord, type ActivityStatement, type ConsistencyName, type ErrorCodeName,
  type FailureReasonName, type PrimeHandle, type PrimeOpcode, type PrimeSpec, type PrimeThen, type PrimeWhen, type PrimedCloseConnection,
  type PrimedColumn, type PrimedDelay, type PrimedError, type PrimedFailure, type PrimedNoAnswer, type PrimedRows, type PrimedVoid,
  type WriteType,
} from './main.js';
