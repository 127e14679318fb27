/** Cassanova's public API: start a fake Cassandra cluster in-process. */
export { startCluster, CassanovaCluster, type StartClusterOptions } from './main.js';
