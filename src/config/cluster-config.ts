/** Every tunable of a Cassanova cluster, with Cassandra's defaults where Cassandra has one. */
export interface ClusterConfig {
  /** Address of the first node; node i listens on the i-th address after it when several nodes share the host. */
  readonly address: string;
  /** Native transport port (native_transport_port); 0 picks a free port. */
  readonly port: number;
  readonly nodeCount: number;
  readonly clusterName: string;
  readonly dataCenter: string;
  readonly rack: string;
  /** num_tokens per node. */
  readonly numTokens: number;
  /** Seed for every random choice (tokens, host ids, uuids): the same seed gives the same cluster. */
  readonly seed: number;
  readonly clock: 'system' | 'virtual';
  /** native_transport_max_frame_size. */
  readonly maxFrameSizeBytes: number;
  /** Requests in flight per connection before the connection stops reading (backpressure). */
  readonly maxRequestsInFlightPerConnection: number;
}

export const DEFAULT_CLUSTER_CONFIG: ClusterConfig = Object.freeze({
  address: '127.0.0.1',
  port: 9042,
  nodeCount: 1,
  clusterName: 'Test Cluster',
  dataCenter: 'datacenter1',
  rack: 'rack1',
  numTokens: 16,
  seed: 0,
  clock: 'system',
  maxFrameSizeBytes: 16 * 1024 * 1024,
  maxRequestsInFlightPerConnection: 32768,
});

/** Validates and completes user options into a config. */
export function clusterConfig(options: Partial<ClusterConfig>): ClusterConfig {
  const config = { ...DEFAULT_CLUSTER_CONFIG, ...dropUndefined(options) };
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) throw new RangeError(`Invalid port: ${config.port}`);
  if (!Number.isInteger(config.nodeCount) || config.nodeCount < 1) throw new RangeError(`Invalid node count: ${config.nodeCount}`);
  if (!Number.isInteger(config.numTokens) || config.numTokens < 1) throw new RangeError(`Invalid num_tokens: ${config.numTokens}`);
  if (config.maxFrameSizeBytes < 1024) throw new RangeError(`Invalid max frame size: ${config.maxFrameSizeBytes}`);
  return config;
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
