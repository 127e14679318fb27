/**
 * `cassanova-cluster/vitest`: a Vitest global setup that starts one cluster for the whole run, with its admin
 * API on a free port, and hands it to the tests through environment variables (read them with
 * `clusterFromEnv()` of `cassanova-cluster/testing`; `resetBetweenTests()` puts the cluster back before each test).
 *
 *   // vitest.config.ts
 *   export default defineConfig({ test: { globalSetup: ['cassanova-cluster/vitest'] } });
 *
 * Options come from CASSANOVA_OPTIONS (JSON), or from a setup file of the project's own:
 * `export default cassanovaGlobalSetup({ nodes: 3 })`.
 */
import type { StartClusterOptions } from '../main.js';
import { startGlobalCluster, stopGlobalCluster } from './global-cluster.js';

/** A global setup with these startCluster options: Vitest calls it once, and what it returns at the end. */
export function cassanovaGlobalSetup(options: StartClusterOptions = {}): () => Promise<() => Promise<void>> {
  return async () => {
    const cluster = await startGlobalCluster(options);
    return () => stopGlobalCluster(cluster);
  };
}

export default cassanovaGlobalSetup();
