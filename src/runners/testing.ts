/**
 * `cassanova-cluster/testing`: what tests use next to a runner's global setup, in any worker process and
 * from CommonJS (Jest) too; it loads nothing of the cluster itself (the controls go through the admin API).
 */
export { clusterFromEnv, ENV, type ClusterFromEnv } from './environment.js';
export { freshKeyspace, type CqlClient, type FreshKeyspace, type FreshKeyspaceOptions } from './fresh-keyspace.js';
export {
  clusterControls, resetBetweenTests, type AdminTarget, type BetweenTests, type ClusterControls, type SnapshotInfo, type SnapshotOptions,
} from './cluster-controls.js';
export { AdminRequestError } from './admin-request.js';
