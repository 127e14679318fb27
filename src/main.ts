import { Cluster } from './cluster/index.js';
import { clusterConfig, type ClusterConfig } from './config/index.js';
import { NativeTransportServer } from './transport/index.js';

/** Options of startCluster: every field optional, Cassandra's defaults otherwise. */
export interface StartClusterOptions {
  /** Address of node 1 (default 127.0.0.1); node i listens on the i-th consecutive address. */
  readonly address?: string;
  /** Native transport port (default 9042); 0 picks a free port. */
  readonly port?: number;
  /** Number of nodes (default 1). */
  readonly nodes?: number;
  readonly clusterName?: string;
  readonly dataCenter?: string;
  readonly rack?: string;
  readonly numTokens?: number;
  /** Seed for tokens, host ids and every other random choice (default 0). */
  readonly seed?: number;
  /** 'virtual' makes time move only through cluster.advanceTime(ms). */
  readonly clock?: 'system' | 'virtual';
  readonly maxFrameSizeBytes?: number;
}

/** A running cluster as a test suite sees it. */
export class CassanovaCluster {
  private closed = false;

  constructor(readonly cluster: Cluster, private readonly servers: readonly NativeTransportServer[]) {}

  /** host:port of every node, for the drivers' contactPoints. */
  get contactPoints(): string[] {
    return this.cluster.nodes.map((n) => `${n.identity.address}:${n.nativePort}`);
  }

  get localDataCenter(): string {
    return this.cluster.config.dataCenter;
  }

  /** The native port of node 1 (all nodes share it unless ports are assigned per node). */
  get port(): number {
    return this.cluster.nodes[0]!.nativePort;
  }

  /** Moves a virtual clock forward (TTL expiry and timers); needs `clock: 'virtual'`. */
  advanceTime(ms: number): void {
    this.cluster.advanceTime(ms);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.servers.map((s) => s.close()));
  }
}

/** Starts a cluster and its native transport listeners; resolves once every node accepts connections. */
export async function startCluster(options: StartClusterOptions = {}): Promise<CassanovaCluster> {
  const config: ClusterConfig = clusterConfig({
    address: options.address,
    port: options.port,
    nodeCount: options.nodes,
    clusterName: options.clusterName,
    dataCenter: options.dataCenter,
    rack: options.rack,
    numTokens: options.numTokens,
    seed: options.seed,
    clock: options.clock,
    maxFrameSizeBytes: options.maxFrameSizeBytes,
  });
  const cluster = new Cluster(config);
  const servers: NativeTransportServer[] = [];
  try {
    for (const node of cluster.nodes) {
      const server = new NativeTransportServer(node, {
        maxFrameSizeBytes: config.maxFrameSizeBytes,
        maxRequestsInFlight: config.maxRequestsInFlightPerConnection,
      });
      servers.push(server);
      node.nativePort = await server.listen(node.identity.address, config.port);
    }
  } catch (e) {
    await Promise.all(servers.map((s) => s.close()));
    throw e;
  }
  return new CassanovaCluster(cluster, servers);
}
