/**
 * `cassanova-cluster/jest/global-setup`: Jest's globalSetup; starts one cluster for the run (options from
 * CASSANOVA_OPTIONS, JSON), with its admin API on a free port for `resetBetweenTests()`, and hands it to
 * the tests through environment variables. Pair it with
 * `cassanova-cluster/jest/global-teardown`. Jest runs both in its main process, which shares globalThis
 * between them (and nothing with the test workers, which inherit the environment).
 */
import { startGlobalCluster } from './global-cluster.js';
import { JEST_CLUSTER } from './jest-cluster.js';

export default async function globalSetup(): Promise<void> {
  (globalThis as Record<symbol, unknown>)[JEST_CLUSTER] = await startGlobalCluster();
}
