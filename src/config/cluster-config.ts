import { getHeapStatistics } from 'node:v8';
import { checkNodeAddress } from './node-address.js';

/** Where one node sits. */
export interface NodePlacement {
  readonly dataCenter: string;
  readonly rack: string;
  /** Who the node was, when it comes back from a data folder: its id (ids of nodes that left stay unused), host id and tokens. */
  readonly restored?: RestoredIdentity;
}

export interface RestoredIdentity {
  readonly id: number;
  readonly hostId: string;
  readonly tokens: readonly bigint[];
}

/**
 * How nodes are reached: 'addresses' puts node i on the i-th consecutive address (127.0.0.1, .2, …) with
 * one port, the mode every driver handles (the Node.js driver reads only system.peers); 'ports' puts
 * every node on one address with consecutive ports, announced in system.peers_v2.
 */
export type Addressing = 'addresses' | 'ports';

/**
 * Where the cluster's time comes from: 'system', the real clock; 'virtual', a clock that moves only when a
 * test advances it; 'auto', a virtual clock that also jumps to the next timer by itself whenever the cluster
 * is quiet and something waits on it (a request, a topology change).
 */
export type ClockMode = 'system' | 'virtual' | 'auto';

/** Every tunable of a Cassanova cluster, with Cassandra's defaults where Cassandra has one. */
export interface ClusterConfig {
  /** Address of the first node. */
  readonly address: string;
  /** Native transport port (native_transport_port) of the first node; 0 picks a free port. */
  readonly port: number;
  readonly addressing: Addressing;
  /** One entry per node, in node order. */
  readonly layout: readonly NodePlacement[];
  readonly clusterName: string;
  /** num_tokens per node, when initialTokens does not fix them. */
  readonly numTokens: number;
  /** initial_token per node (one or more tokens each), or null for random allocation. */
  readonly initialTokens: readonly (readonly bigint[])[] | null;
  /** The host id (a uuid) of each node at start, or null to draw them from the seed. */
  readonly hostIds: readonly string[] | null;
  /** Seed for every random choice (tokens, host ids, uuids, message loss): the same seed gives the same run. */
  readonly seed: number;
  readonly clock: ClockMode;
  /** Where a virtual clock starts, in ms since the epoch; null: the real time when the cluster is made. */
  readonly clockStartMs: number | null;
  /** native_transport_max_frame_size. */
  readonly maxFrameSizeBytes: number;
  /** Requests in flight per connection before the connection stops reading (backpressure). */
  readonly maxRequestsInFlightPerConnection: number;
  /**
   * native_transport_max_concurrent_requests_in_bytes and ..._per_ip: bytes of requests in flight per node,
   * overall and per client address, past which a client is answered Overloaded or no longer read from.
   */
  readonly nativeTransportMaxConcurrentRequestsInBytes: number;
  readonly nativeTransportMaxConcurrentRequestsInBytesPerIp: number;
  /** write_request_timeout, read_request_timeout, range_request_timeout, cas_contention_timeout, truncate_request_timeout. */
  readonly writeRequestTimeoutMs: number;
  readonly readRequestTimeoutMs: number;
  readonly rangeRequestTimeoutMs: number;
  readonly casContentionTimeoutMs: number;
  readonly truncateRequestTimeoutMs: number;
  /** max_hint_window: hints are kept for a replica down at most this long. */
  readonly maxHintWindowMs: number;
  /**
   * How often a node sends its hints to the replicas it sees alive. Cassandra's HintsDispatchTrigger runs
   * every 10 s (not configurable there); shorter here lets system-clock tests deliver hints sooner.
   */
  readonly hintsDispatchIntervalMs: number;
  /** Gossip round interval and the phi-accrual conviction threshold (phi_convict_threshold). */
  readonly gossipIntervalMs: number;
  readonly phiConvictThreshold: number;
  /** nodetool settraceprobability for every node at start: the share of requests traced unasked. */
  readonly traceProbability: number;
  /** user_defined_functions_enabled: CREATE FUNCTION is refused when false. */
  readonly userDefinedFunctionsEnabled: boolean;
  /** user_defined_functions_warn_timeout / _fail_timeout: a body's run time that draws a warning, a failure. */
  readonly userDefinedFunctionsWarnTimeoutMs: number;
  readonly userDefinedFunctionsFailTimeoutMs: number;
  /** batch_size_warn_threshold and batch_size_fail_threshold: a batch's data size that draws a warning, a refusal. */
  readonly batchSizeWarnThresholdBytes: number;
  readonly batchSizeFailThresholdBytes: number;
  /** unlogged_batch_across_partitions_warn_threshold: partitions an unlogged batch may cover without a warning. */
  readonly unloggedBatchAcrossPartitionsWarnThreshold: number;
  /** tombstone_warn_threshold and tombstone_failure_threshold: tombstones one read may scan. */
  readonly tombstoneWarnThreshold: number;
  readonly tombstoneFailureThreshold: number;
  /**
   * sasi_indexes_enabled: whether CREATE CUSTOM INDEX … USING 'org.apache.cassandra.index.sasi.SASIIndex' is allowed.
   * On by default (cassandra.yaml 4.1 ships it off): test suites written for 3.11/4.0 create SASI indexes in their set-up.
   */
  readonly sasiIndexesEnabled: boolean;
  /** materialized_views_enabled: whether CREATE MATERIALIZED VIEW is allowed. */
  readonly materializedViewsEnabled: boolean;
  /** authenticator: whether clients log in (PasswordAuthenticator, roles in system_auth) or not. */
  readonly authenticator: Authenticator;
  /** authorizer: AllowAllAuthorizer (no permission checks) or CassandraAuthorizer (GRANT/REVOKE, system_auth). */
  readonly authorizer: Authorizer;
  /** Requests the activity log keeps (the latest ones); 0 turns it off. */
  readonly activityLimit: number;
  /** The cluster's data folder (see DataFolder), or null to keep everything in memory. */
  readonly dataDir: string | null;
  /** commitlog_sync: 'periodic' fsyncs every commitlogSyncPeriodMs, 'batch' before a write is acknowledged. */
  readonly commitlogSync: CommitlogSync;
  /** commitlog_sync_period. */
  readonly commitlogSyncPeriodMs: number;
  /** commitlog_segment_size; a mutation may take half of it at most (max_mutation_size). */
  readonly commitlogSegmentSizeBytes: number;
  /**
   * commitlog_total_space: when a node's commit log segments take more, the tables dirty in the oldest are
   * flushed so that those segments can go.
   */
  readonly commitlogTotalSpaceBytes: number;
  /** memtable_heap_space: a node flushes its largest memtable when its memtables hold more than this. */
  readonly memtableSpaceBytes: number;
}

export type CommitlogSync = 'periodic' | 'batch';

/** cassandra.yaml's authenticator: AllowAllAuthenticator (no login) or PasswordAuthenticator. */
export type Authenticator = 'AllowAllAuthenticator' | 'PasswordAuthenticator';

/** cassandra.yaml's authorizer: AllowAllAuthorizer (everything allowed) or CassandraAuthorizer (permissions). */
export type Authorizer = 'AllowAllAuthorizer' | 'CassandraAuthorizer';

export const DEFAULT_CLUSTER_CONFIG: ClusterConfig = Object.freeze({
  address: '127.0.0.1',
  port: 9042,
  addressing: 'addresses',
  layout: [{ dataCenter: 'datacenter1', rack: 'rack1' }],
  clusterName: 'Test Cluster',
  numTokens: 16,
  initialTokens: null,
  hostIds: null,
  seed: 0,
  clock: 'system',
  clockStartMs: null,
  maxFrameSizeBytes: 16 * 1024 * 1024,
  maxRequestsInFlightPerConnection: 32768,
  // Cassandra's defaults: a tenth of the heap overall, a fortieth per client address (here V8's heap limit).
  nativeTransportMaxConcurrentRequestsInBytes: Math.floor(getHeapStatistics().heap_size_limit / 10),
  nativeTransportMaxConcurrentRequestsInBytesPerIp: Math.floor(getHeapStatistics().heap_size_limit / 40),
  writeRequestTimeoutMs: 2000,
  readRequestTimeoutMs: 5000,
  rangeRequestTimeoutMs: 10000,
  casContentionTimeoutMs: 1000,
  truncateRequestTimeoutMs: 60000,
  maxHintWindowMs: 3 * 60 * 60 * 1000,
  hintsDispatchIntervalMs: 10000,
  gossipIntervalMs: 1000,
  phiConvictThreshold: 8,
  traceProbability: 0,
  dataDir: null,
  commitlogSync: 'periodic',
  commitlogSyncPeriodMs: 10_000,
  commitlogSegmentSizeBytes: 32 * 1024 * 1024,
  // Cassandra 4.1 takes the smaller of 8192 MiB and a quarter of the commit log's volume: the first, here.
  commitlogTotalSpaceBytes: 8192 * 1024 * 1024,
  memtableSpaceBytes: 64 * 1024 * 1024,
  userDefinedFunctionsEnabled: true,
  userDefinedFunctionsWarnTimeoutMs: 500,
  userDefinedFunctionsFailTimeoutMs: 1500,
  batchSizeWarnThresholdBytes: 5 * 1024,
  batchSizeFailThresholdBytes: 50 * 1024,
  unloggedBatchAcrossPartitionsWarnThreshold: 10,
  tombstoneWarnThreshold: 1000,
  tombstoneFailureThreshold: 100_000,
  sasiIndexesEnabled: true,
  materializedViewsEnabled: true,
  authenticator: 'AllowAllAuthenticator',
  authorizer: 'AllowAllAuthorizer',
  activityLimit: 10_000,
});

/** A data center's nodes: a count (all in rack1) or a count per rack. */
export type DataCenterLayout = number | Readonly<Record<string, number>>;

/** Expands `{ dc1: 3, dc2: { r1: 1, r2: 1 } }` (or a plain node count) into one placement per node. */
export function layoutOf(nodes: number | undefined, dataCenters: Readonly<Record<string, DataCenterLayout>> | undefined, dataCenter = 'datacenter1', rack = 'rack1'): NodePlacement[] {
  if (dataCenters === undefined) return Array.from({ length: nodes ?? 1 }, () => ({ dataCenter, rack }));
  const layout: NodePlacement[] = [];
  for (const [dc, spec] of Object.entries(dataCenters)) {
    const racks = typeof spec === 'number' ? { rack1: spec } : spec;
    // Racks take turns, as operators usually spread nodes, so a DC's first nodes are on distinct racks.
    const remaining = new Map(Object.entries(racks));
    while ([...remaining.values()].some((n) => n > 0)) {
      for (const [r, n] of remaining) {
        if (n <= 0) continue;
        layout.push({ dataCenter: dc, rack: r });
        remaining.set(r, n - 1);
      }
    }
  }
  if (nodes !== undefined && nodes !== layout.length) throw new RangeError(`nodes (${nodes}) does not match the data center layout (${layout.length} nodes)`);
  return layout;
}

/** Validates and completes user options into a config. */
export function clusterConfig(options: Partial<ClusterConfig>): ClusterConfig {
  const config = { ...DEFAULT_CLUSTER_CONFIG, ...dropUndefined(options) };
  const check = (ok: boolean, what: string): void => { if (!ok) throw new RangeError(what); };
  check(Number.isInteger(config.port) && config.port >= 0 && config.port <= 65535, `Invalid port: ${config.port}`);
  check(config.layout.length >= 1, 'A cluster needs at least one node');
  check(config.layout.length <= 254, 'At most 254 nodes');
  check(Number.isInteger(config.numTokens) && config.numTokens >= 1, `Invalid num_tokens: ${config.numTokens}`);
  check(config.maxFrameSizeBytes >= 1024, `Invalid max frame size: ${config.maxFrameSizeBytes}`);
  check(Number.isInteger(config.nativeTransportMaxConcurrentRequestsInBytes) && config.nativeTransportMaxConcurrentRequestsInBytes >= 1,
    `Invalid native_transport_max_concurrent_requests_in_bytes: ${config.nativeTransportMaxConcurrentRequestsInBytes}`);
  check(Number.isInteger(config.nativeTransportMaxConcurrentRequestsInBytesPerIp) && config.nativeTransportMaxConcurrentRequestsInBytesPerIp >= 1,
    `Invalid native_transport_max_concurrent_requests_in_bytes_per_ip: ${config.nativeTransportMaxConcurrentRequestsInBytesPerIp}`);
  check(config.initialTokens === null || config.initialTokens.length === config.layout.length,
    `initialTokens has ${config.initialTokens?.length} entries for ${config.layout.length} nodes`);
  check(CLOCK_MODES.includes(config.clock), `Invalid clock: '${String(config.clock)}' (expected ${CLOCK_MODES.map((m) => `'${m}'`).join(', ')})`);
  check(config.clockStartMs === null || config.clock !== 'system', "A clock start needs clock 'virtual' or 'auto' (the system clock is the real time)");
  check(config.clockStartMs === null || Number.isFinite(config.clockStartMs), `Invalid clock start: ${config.clockStartMs}`);
  for (const [name, value] of POSITIVE.map((key) => [key, config[key]] as const)) {
    check(Number.isFinite(value) && value > 0, `Invalid ${name}: ${value} (a number more than 0)`);
  }
  check(Number.isFinite(config.maxHintWindowMs) && config.maxHintWindowMs >= 0, `Invalid maxHintWindowMs: ${config.maxHintWindowMs} (milliseconds, 0 or more)`);
  checkNodeAddress(config.address, config.addressing, config.layout.length);
  checkHostIds(config.hostIds, config.layout.length);
  checkTraceProbability(config.traceProbability);
  check(config.authenticator === 'AllowAllAuthenticator' || config.authenticator === 'PasswordAuthenticator', `Invalid authenticator: '${String(config.authenticator)}' (expected 'AllowAllAuthenticator' or 'PasswordAuthenticator')`);
  check(config.authorizer === 'AllowAllAuthorizer' || config.authorizer === 'CassandraAuthorizer', `Invalid authorizer: '${String(config.authorizer)}' (expected 'AllowAllAuthorizer' or 'CassandraAuthorizer')`);
  // AuthConfig.applyAuth: an authorizer that needs roles needs an authenticator that logs them in.
  check(config.authorizer === 'AllowAllAuthorizer' || config.authenticator !== 'AllowAllAuthenticator', `${config.authenticator} can't be used with ${config.authorizer}`);
  check(config.commitlogSync === 'periodic' || config.commitlogSync === 'batch', `Invalid commitlog_sync: '${String(config.commitlogSync)}' (expected 'periodic' or 'batch')`);
  check(config.hintsDispatchIntervalMs > 0, `Invalid hints dispatch interval: ${config.hintsDispatchIntervalMs}`);
  for (const [name, value] of THRESHOLDS.map((key) => [key, config[key]] as const)) {
    check(Number.isSafeInteger(value) && value >= 0, `Invalid ${name}: ${value} (a whole number, 0 or more)`);
  }
  return config;
}

const CLOCK_MODES: readonly ClockMode[] = ['system', 'virtual', 'auto'];

/** Timeouts, the gossip interval and the conviction threshold: 0 would stop the cluster from working. */
const POSITIVE = [
  'writeRequestTimeoutMs', 'readRequestTimeoutMs', 'rangeRequestTimeoutMs', 'casContentionTimeoutMs', 'gossipIntervalMs',
  'phiConvictThreshold', 'commitlogSyncPeriodMs', 'commitlogSegmentSizeBytes', 'commitlogTotalSpaceBytes',
  'memtableSpaceBytes',
] as const;

const THRESHOLDS = [
  'batchSizeWarnThresholdBytes', 'batchSizeFailThresholdBytes', 'unloggedBatchAcrossPartitionsWarnThreshold',
  'tombstoneWarnThreshold', 'tombstoneFailureThreshold', 'activityLimit',
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One distinct uuid per node. */
function checkHostIds(hostIds: readonly string[] | null, nodeCount: number): void {
  if (hostIds === null) return;
  if (hostIds.length !== nodeCount) throw new RangeError(`hostIds has ${hostIds.length} entries for ${nodeCount} nodes`);
  for (const id of hostIds) if (!UUID.test(id)) throw new RangeError(`Invalid host id '${id}': a uuid such as 6ab1e0a2-5f1d-4c47-9d2e-3b1f0c8a7e55`);
  if (new Set(hostIds.map((id) => id.toLowerCase())).size !== hostIds.length) throw new RangeError('hostIds lists a host id twice');
}

/** nodetool settraceprobability's rule. */
export function checkTraceProbability(probability: number): void {
  if (!(probability >= 0 && probability <= 1)) throw new RangeError('Trace probability must be between 0 and 1');
}

const DATA_STORAGE_UNITS: Readonly<Record<string, number>> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/**
 * A size as cassandra.yaml writes it (DataStorageSpec: '5KiB', '512B', '1MiB', '1GiB'), or a number of
 * bytes; undefined stays undefined (the default applies).
 */
export function dataStorageBytes(value: number | string | undefined, name: string): number | undefined {
  if (value === undefined || typeof value === 'number') return value;
  const match = /^(\d+)(B|KiB|MiB|GiB)$/.exec(value.trim());
  if (match === null) throw new RangeError(`Invalid data storage for ${name}: '${value}' (a number of bytes, or a size such as '5KiB')`);
  return Number(match[1]) * DATA_STORAGE_UNITS[match[2]!]!;
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
