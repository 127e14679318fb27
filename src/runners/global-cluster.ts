import { startCluster, type CassanovaCluster, type StartClusterOptions } from '../main.js';
import { ENV } from './environment.js';

/**
 * Starts the run's cluster and announces it through the environment, which the test processes inherit.
 * Native and admin ports are any free ones (never in the way of another run): the admin API is what the
 * tests' resetBetweenTests() and clusterControls() reach (adminPort: null turns it off). `options` add to
 * those of CASSANOVA_OPTIONS (JSON).
 */
export async function startGlobalCluster(options: StartClusterOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<CassanovaCluster> {
  const cluster = await startCluster({ port: 0, adminPort: 0, ...optionsFromEnv(env), ...options });
  env[ENV.contactPoints] = cluster.contactPoints.join(',');
  env[ENV.localDataCenter] = cluster.localDataCenter;
  env[ENV.port] = String(cluster.port);
  if (cluster.adminUrl !== null) env[ENV.adminUrl] = cluster.adminUrl;
  return cluster;
}

/** Closes the cluster and takes its announcement back. */
export async function stopGlobalCluster(cluster: CassanovaCluster, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await cluster.close();
  for (const name of [ENV.contactPoints, ENV.localDataCenter, ENV.port, ENV.adminUrl]) delete env[name];
}

function optionsFromEnv(env: NodeJS.ProcessEnv): StartClusterOptions {
  const text = env[ENV.options];
  if (text === undefined || text.trim() === '') return {};
  try {
    return JSON.parse(text) as StartClusterOptions;
  } catch (e) {
    throw new Error(`${ENV.options} is not JSON: ${(e as Error).message}`);
  }
}
