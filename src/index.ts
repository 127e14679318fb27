/** Cassanova's public API: start a fake Cassandra cluster in-process. */
export {
  startCluster, CassanovaCluster, type StartClusterOptions, type AddNodeOptions, type DecommissionOptions,
  type RangeMovementResult, type RepairOptions, type RepairResult, type ClusterSnapshot, type ResetHook,
} from './main.js';
