/** `cassanova-cluster/jest/global-teardown`: closes the cluster `cassanova-cluster/jest/global-setup` started. */
import type { CassanovaCluster } from '../main.js';
import { stopGlobalCluster } from './global-cluster.js';
import { JEST_CLUSTER } from './jest-cluster.js';

export default async function globalTeardown(): Promise<void> {
  const store = globalThis as Record<symbol, CassanovaCluster | undefined>;
  const cluster = store[JEST_CLUSTER];
  delete store[JEST_CLUSTER];
  if (cluster !== undefined) await stopGlobalCluster(cluster);
}
