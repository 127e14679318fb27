import { startCluster, type CassanovaCluster, type StartClusterOptions } from '../main.js';
import { ENV } from './environment.js';

/**
 * Starts the run's cluster (port 0: never in the way of another run) and announces it through the
 * environment, which the test processes inherit. `options` add to those of CASSANOVA_OPTIONS (JSON).
 */
export async function startGlobalCluster(options: StartClusterOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<CassanovaCluster> {
  const cluster = await startCluster({ port: 0, ...optionsFromEnv(env), ...options });
  env[ENV.contactPoints] = cluster.contactPoints.join(',');
  env[ENV.localDataCenter] = cluster.localDataCenter;
  env[ENV.port] = String(cluster.port);
  const adminUrl = adminUrlOf(cluster);
  if (adminUrl !== undefined) env[ENV.adminUrl] = adminUrl;
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

/** The admin API's URL, read from clusters that serve one (the admin API comes with its own option). */
function adminUrlOf(cluster: CassanovaCluster): string | undefined {
  const url: unknown = (cluster as Partial<Record<'adminUrl', unknown>>).adminUrl;
  return typeof url === 'string' ? url : undefined;
}
