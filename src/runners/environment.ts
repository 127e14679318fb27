/**
 * The environment variables through which a test runner's global setup hands its cluster to the tests
 * (which may run in other processes: Vitest's forks, Jest's workers). Setting them is the setup's job;
 * reading them is what `clusterFromEnv` does in the tests.
 */
export const ENV = {
  /** Comma-separated `address:port` of every node. */
  contactPoints: 'CASSANOVA_CONTACT_POINTS',
  /** The drivers' local data center (node 1's). */
  localDataCenter: 'CASSANOVA_LOCAL_DATA_CENTER',
  /** The native port of node 1: the Node.js driver's protocolOptions.port. */
  port: 'CASSANOVA_PORT',
  /** The cluster's admin HTTP API, when the cluster serves one; unset otherwise. */
  adminUrl: 'CASSANOVA_ADMIN_URL',
  /** startCluster options for the ready-made global setups, as JSON: '{"nodes": 3}'. */
  options: 'CASSANOVA_OPTIONS',
} as const;

/** The cluster a global setup started, as tests see it through the environment. */
export interface ClusterFromEnv {
  /** Every node's `address:port`. */
  readonly contactPoints: string[];
  /** The drivers' local data center. */
  readonly localDataCenter: string;
  /** Node 1's native port. */
  readonly port: number;
  /** Undefined when the cluster serves no admin API. */
  readonly adminUrl: string | undefined;
  /** What a Node.js driver Client needs to reach every node, as cluster.driverOptions() gives it. */
  driverOptions(): { contactPoints: string[]; localDataCenter: string; protocolOptions: { port: number } };
}

/** Reads the cluster a global setup announced; a clear error when no setup ran. */
export function clusterFromEnv(env: NodeJS.ProcessEnv = process.env): ClusterFromEnv {
  const contactPoints = env[ENV.contactPoints];
  const localDataCenter = env[ENV.localDataCenter];
  const port = Number(env[ENV.port]);
  if (contactPoints === undefined || localDataCenter === undefined || !Number.isInteger(port)) {
    throw new Error(`No Cassanova cluster in the environment (${ENV.contactPoints}, ${ENV.localDataCenter}, ${ENV.port}): `
      + "is the test runner's global setup 'cassanova-cluster/vitest' (or 'cassanova-cluster/jest/global-setup') configured?");
  }
  const points = contactPoints.split(',');
  return {
    contactPoints: points,
    localDataCenter,
    port,
    adminUrl: env[ENV.adminUrl] || undefined,
    driverOptions: () => ({ contactPoints: [...points], localDataCenter, protocolOptions: { port } }),
  };
}
