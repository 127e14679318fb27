// A three-node cluster that asks for passwords, started for a test file, and driver clients of one node each logged in
// as a given role (so that the login, and what the role may do, is checked by that node).
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll } from 'vitest';
import { startCluster, type StartClusterOptions } from '../../../src/index.js';

type Cluster = Awaited<ReturnType<typeof startCluster>>;

export interface AuthCluster {
  /** The cluster, once beforeAll has started it. */
  readonly cluster: () => Cluster;
  /** A client of node `node` (0-based) only, logged in as `user` with `password`; shut down after the file. */
  readonly connect: (user: string, password: string, node?: number) => Promise<cassandra.Client>;
}

export function useAuthCluster(options: StartClusterOptions): AuthCluster {
  let cluster: Cluster | undefined;
  const clients: cassandra.Client[] = [];
  beforeAll(async () => {
    cluster = await startCluster({ port: 0, nodes: 3, authenticator: 'PasswordAuthenticator', ...options });
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.shutdown()));
    await cluster?.close();
  });
  const started = (): Cluster => {
    if (cluster === undefined) throw new Error('the cluster starts in beforeAll');
    return cluster;
  };
  const connect = async (user: string, password: string, node = 0): Promise<cassandra.Client> => {
    const contactPoint = started().contactPoints[node]!;
    const client = new cassandra.Client({
      contactPoints: [contactPoint],
      localDataCenter: started().localDataCenter,
      protocolOptions: { port: Number(contactPoint.split(':').pop()) },
      authProvider: new cassandra.auth.PlainTextAuthProvider(user, password),
      policies: { loadBalancing: new cassandra.policies.loadBalancing.WhiteListPolicy(
        new cassandra.policies.loadBalancing.RoundRobinPolicy(), [contactPoint],
      ) },
    });
    clients.push(client);
    await client.connect();
    return client;
  };
  return { cluster: started, connect };
}
