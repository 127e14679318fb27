/** Cassanova's public API: start a fake Cassandra cluster in-process. */
export {
  startCluster,
  type AddNodeOptions, type Addressing, type CassanovaCluster, type ClientEncryptionOptions, type ClockMode, type ClusterSnapshot, type ConsistencyName,
  type CqlParams, type CqlValue, type DataCenterLayout, type DecommissionOptions, type DriverOptions,
  type DriverSslOptions, type ExecuteOptions,
  type ExecuteResult, type FilterAction, type LinkSettings, type LinkSettingsChange, type MessageCounts,
  type MessageFilter, type Node, type NodeStatus, type RangeMovementResult, type RepairFailure, type RepairOptions,
  type RepairResult, type ResetHook, type ResultColumn, type Row, type SimulatedNetwork, type StartClusterOptions, type TlsOption,
  type TokenRange, type Verb,
  type ActivityFilter, type ActivityOutcome, type ActivityRecord, type ActivityStatement, type ErrorCodeName,
  type FailureReasonName, type PrimeHandle, type PrimeOpcode, type PrimeSpec, type PrimeThen, type PrimeWhen, type PrimedCloseConnection,
  type PrimedColumn, type PrimedDelay, type PrimedError, type PrimedFailure, type PrimedNoAnswer, type PrimedRows, type PrimedVoid,
  type WriteType,
} from './main.js';
export {
  KvClient, KvError,
  type KvConditionOptions, type KvConsistency, type KvDeleteOptions, type KvEntry, type KvErrorDetails, type KvErrorStatus, type KvFetch,
  type KvListOptions, type KvNamespace, type KvPage, type KvRequestOptions, type KvSetOptions, type KvWriteResult,
} from './kv/index.js';
