/** Where Jest's global setup leaves the cluster for the global teardown (a registered symbol: both bundles agree on it). */
export const JEST_CLUSTER = Symbol.for('cassanova-cluster.jest');
