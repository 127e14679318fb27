/**
 * A Cassanova cluster and a Node.js driver client for the tests of the control surface (priming and the
 * activity log): the client reaches every node on the cluster's port and routes by token.
 */
import { afterAll, beforeAll } from 'vitest';
import cassandra from 'cassandra-driver';
import { startCluster, type CassanovaCluster, type StartClusterOptions } from '../../src/index.js';

export interface ControlTarget {
  readonly cluster: CassanovaCluster;
  readonly client: cassandra.Client;
  /** Another client, shut down after the file; options override the defaults. */
  newClient(options?: Partial<cassandra.ClientOptions>): Promise<cassandra.Client>;
}

/** Starts a cluster (port 0) and a connected client before the file's tests; closes both after. */
export function useControlTarget(options: StartClusterOptions = {}, clientOptions: Partial<cassandra.ClientOptions> = {}): ControlTarget {
  let cluster: CassanovaCluster | undefined;
  const clients: cassandra.Client[] = [];
  const newClient = async (extra: Partial<cassandra.ClientOptions> = {}): Promise<cassandra.Client> => {
    if (cluster === undefined) throw new Error('the cluster is not started yet');
    const client = new cassandra.Client({
      contactPoints: cluster.contactPoints,
      localDataCenter: cluster.localDataCenter,
      protocolOptions: { port: cluster.port },
      ...clientOptions,
      ...extra,
    });
    clients.push(client);
    await client.connect();
    return client;
  };
  beforeAll(async () => {
    cluster = await startCluster({ port: 0, ...options });
    await newClient();
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.shutdown()));
    await cluster?.close();
  });
  return {
    get cluster() {
      if (cluster === undefined) throw new Error('the cluster is not started yet');
      return cluster;
    },
    get client() {
      const client = clients[0];
      if (client === undefined) throw new Error('the client is not connected yet');
      return client;
    },
    newClient,
  };
}

/** Resolves to what a promise rejected with; fails if it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected the request to fail');
}
