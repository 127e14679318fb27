import { Cluster, type Node, type SimulatedNetwork } from './cluster/index.js';
import { clusterConfig, layoutOf, type Addressing, type ClusterConfig, type DataCenterLayout } from './config/index.js';
import { NativeTransportServer } from './transport/index.js';

/** Options of startCluster: every field optional, Cassandra's defaults otherwise. */
export interface StartClusterOptions {
  /** Address of node 1 (default 127.0.0.1); with 'addresses' addressing node i listens on the i-th consecutive address. */
  readonly address?: string;
  /** Native transport port (default 9042); 0 picks a free port. With 'ports' addressing node i uses port + i − 1. */
  readonly port?: number;
  /** Number of nodes (default 1), all in one data center. */
  readonly nodes?: number;
  /** Nodes per data center, optionally per rack: `{ dc1: 3, dc2: 2 }` or `{ dc1: { rack1: 2, rack2: 1 } }`. */
  readonly dataCenters?: Readonly<Record<string, DataCenterLayout>>;
  readonly addressing?: Addressing;
  /** initial_token per node: one token or a list per node, as decimal strings. */
  readonly initialTokens?: readonly (string | readonly string[])[];
  readonly clusterName?: string;
  /** Data center and rack of every node when `dataCenters` is not given (default datacenter1/rack1). */
  readonly dataCenter?: string;
  readonly rack?: string;
  readonly numTokens?: number;
  /** Seed for tokens, host ids and every other random choice (default 0). */
  readonly seed?: number;
  /** 'virtual' makes time move only through cluster.advanceTime(ms). */
  readonly clock?: 'system' | 'virtual';
  readonly maxFrameSizeBytes?: number;
  readonly writeRequestTimeoutMs?: number;
  readonly readRequestTimeoutMs?: number;
  readonly maxHintWindowMs?: number;
  readonly gossipIntervalMs?: number;
  readonly phiConvictThreshold?: number;
}

/** A running cluster as a test suite sees it. */
export class CassanovaCluster {
  private closed = false;

  constructor(readonly cluster: Cluster, private readonly servers: readonly NativeTransportServer[]) {}

  /** host:port of every node, for the drivers' contactPoints. */
  get contactPoints(): string[] {
    return this.cluster.nodes.map((n) => `${n.identity.address}:${n.nativePort}`);
  }

  /** The data center of node 1: the drivers' localDataCenter. */
  get localDataCenter(): string {
    return this.cluster.nodes[0]!.identity.dataCenter;
  }

  /** The native port of node 1 (with 'addresses' addressing every node uses it). */
  get port(): number {
    return this.cluster.nodes[0]!.nativePort;
  }

  /** Node `id` (1-based). */
  node(id: number): Node {
    return this.cluster.node(id);
  }

  /**
   * The simulated network between the nodes (node ids are 1-based): `partition([1], [2, 3])`, `heal()`,
   * `set({ from: 1, to: 3, latencyMs: 200, loss: 0.1 })`, `addFilter(...)`, `reset()`.
   */
  get network(): SimulatedNetwork {
    return this.cluster.network;
  }

  /** Moves a virtual clock forward (TTL expiry and timers); needs `clock: 'virtual'`. */
  advanceTime(ms: number): void {
    this.cluster.advanceTime(ms);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.servers.map((s) => s.close()));
    this.cluster.close();
  }
}

function parseTokens(tokens: StartClusterOptions['initialTokens']): bigint[][] | undefined {
  return tokens?.map((t) => (typeof t === 'string' ? t.split(',') : [...t]).map((x) => BigInt(x.trim())));
}

export function configOf(options: StartClusterOptions): ClusterConfig {
  return clusterConfig({
    address: options.address,
    port: options.port,
    addressing: options.addressing,
    layout: layoutOf(options.nodes, options.dataCenters, options.dataCenter, options.rack),
    initialTokens: parseTokens(options.initialTokens),
    clusterName: options.clusterName,
    numTokens: options.numTokens,
    seed: options.seed,
    clock: options.clock,
    maxFrameSizeBytes: options.maxFrameSizeBytes,
    writeRequestTimeoutMs: options.writeRequestTimeoutMs,
    readRequestTimeoutMs: options.readRequestTimeoutMs,
    maxHintWindowMs: options.maxHintWindowMs,
    gossipIntervalMs: options.gossipIntervalMs,
    phiConvictThreshold: options.phiConvictThreshold,
  });
}

/**
 * Binds every node's listener. With port 0, node 1 picks a free port and the others take the same port
 * on their own addresses ('addresses') or the next ports ('ports'); a clash retries with a new port.
 */
async function listenAll(cluster: Cluster, servers: NativeTransportServer[]): Promise<void> {
  const config = cluster.config;
  for (let attempt = 0; ; attempt++) {
    try {
      const first = await servers[0]!.listen(cluster.nodes[0]!.identity.address, config.port);
      cluster.nodes[0]!.nativePort = first;
      for (let i = 1; i < servers.length; i++) {
        const node = cluster.nodes[i]!;
        node.nativePort = await servers[i]!.listen(node.identity.address, config.addressing === 'ports' ? first + i : first);
      }
      return;
    } catch (e) {
      await Promise.all(servers.map((s) => s.stopListening()));
      const retry = config.port === 0 && attempt < 5 && (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!retry) throw e;
    }
  }
}

/** Starts a cluster and its native transport listeners; resolves once every node accepts connections. */
export async function startCluster(options: StartClusterOptions = {}): Promise<CassanovaCluster> {
  const config = configOf(options);
  const cluster = new Cluster(config);
  const servers = cluster.nodes.map((node) => new NativeTransportServer(node, {
    maxFrameSizeBytes: config.maxFrameSizeBytes,
    maxRequestsInFlight: config.maxRequestsInFlightPerConnection,
  }));
  try {
    await listenAll(cluster, servers);
  } catch (e) {
    await Promise.all(servers.map((s) => s.close()));
    cluster.close();
    throw e;
  }
  cluster.start();
  return new CassanovaCluster(cluster, servers);
}
