import {
  clusterConfig, dataStorageBytes, layoutOf, type Addressing, type ClockMode, type ClusterConfig, type DataCenterLayout,
} from '../config/index.js';

import { LOG_LEVELS, type LineSink, type LogFormat, type LogLevel } from '../admin/index.js';
import { type ClientEncryptionOptions, type TlsOption } from '../transport/index.js';

export type { Addressing, ClientEncryptionOptions, ClockMode, DataCenterLayout, LogFormat, LogLevel, TlsOption };

const MIB = 1024 * 1024;

/** Options of startCluster: every field optional, Cassandra's defaults (cassandra.yaml 4.1) otherwise. */
export interface StartClusterOptions {
  /** Address of node 1 (default 127.0.0.1); in 'addresses' addressing node i listens on the i-th consecutive address. */
  readonly address?: string;
  /** Native transport port (default 9042); 0 picks a free port. In 'ports' addressing node i uses port + i − 1. */
  readonly port?: number;
  /** Number of nodes (default 1), all in `dataCenter`/`rack`; with `dataCenters`, their total if given. */
  readonly nodes?: number;
  /** Nodes per data center, optionally per rack: `{ dc1: 3, dc2: 2 }` or `{ dc1: { rack1: 2, rack2: 1 } }`. */
  readonly dataCenters?: Readonly<Record<string, DataCenterLayout>>;
  /**
   * 'addresses' (default): one address per node (127.0.0.1, .2, …), one port; every driver handles it.
   * 'ports': one address, consecutive ports, announced in system.peers_v2 (not for the Node.js driver).
   */
  readonly addressing?: Addressing;
  /** initial_token per node: one token per node, or a list per node, as decimal strings. */
  readonly initialTokens?: readonly (string | readonly string[])[];
  /** cluster_name, as system.local reports it (default 'Test Cluster'). */
  readonly clusterName?: string;
  /** Data center of every node when `dataCenters` is not given (default datacenter1). */
  readonly dataCenter?: string;
  /** Rack of every node when `dataCenters` is not given (default rack1). */
  readonly rack?: string;
  /** num_tokens: tokens per node when `initialTokens` does not fix them (default 16). */
  readonly numTokens?: number;
  /** Seed of every random choice (tokens, host ids, uuids, message loss); default 0: same seed, same cluster. */
  readonly seed?: number;
  /**
   * Where time comes from. 'system' (default): the real clock. 'virtual': time moves only through
   * `cluster.advanceTime(ms)` (TTLs, hint windows, timeouts without sleeping; seeded runs reproduce).
   * 'auto': a virtual clock that also jumps to the next timer by itself whenever the cluster is quiet and
   * a request or operation waits on it, so a request to a dead replica times out at once.
   */
  readonly clock?: ClockMode;
  /**
   * Where a 'virtual' or 'auto' clock starts: a Date or milliseconds since the epoch. Default: the real time
   * when the cluster starts, so that server-side timestamps agree with drivers' client-side ones.
   */
  readonly clockStart?: Date | number;
  /** native_transport_max_frame_size in bytes (default 16 MiB). */
  readonly maxFrameSizeBytes?: number;
  /**
   * native_transport_max_concurrent_requests_in_bytes: bytes of requests in flight per node (default a tenth
   * of V8's heap limit, as Cassandra takes a tenth of its heap). Past it, a client whose STARTUP asked
   * THROW_ON_OVERLOAD=1 is answered Overloaded; any other is no longer read from until bytes are released.
   */
  readonly nativeTransportMaxConcurrentRequestsInBytes?: number;
  /** native_transport_max_concurrent_requests_in_bytes_per_ip: the same per client address (default a fortieth of the heap limit). */
  readonly nativeTransportMaxConcurrentRequestsInBytesPerIp?: number;
  /** write_request_timeout in ms (default 2000): how long a coordinator waits for write acknowledgements. */
  readonly writeRequestTimeoutMs?: number;
  /** read_request_timeout in ms (default 5000): how long a coordinator waits for replicas' read answers. */
  readonly readRequestTimeoutMs?: number;
  /** max_hint_window in ms (default 3 h): how long coordinators keep hints for a replica that is down. */
  readonly maxHintWindowMs?: number;
  /** How often each node dispatches its hints to live replicas, in ms (default 10 s, Cassandra's fixed trigger). */
  readonly hintsDispatchIntervalMs?: number;
  /** truncate_request_timeout in ms (default 60000): how long a TRUNCATE waits for every node's answer. */
  readonly truncateRequestTimeoutMs?: number;
  /** Gossip round interval in ms (default 1000): heartbeats and failure detection follow it. */
  readonly gossipIntervalMs?: number;
  /** phi_convict_threshold (default 8): how sure a failure detector must be before it marks a peer down. */
  readonly phiConvictThreshold?: number;
  /** nodetool settraceprobability on every node from the start (default 0): requests traced unasked. */
  readonly traceProbability?: number;
  /**
   * user_defined_functions_enabled (default true: Cassanova runs UDF bodies in a sandbox, where cassandra.yaml
   * 4.1 ships false); false refuses CREATE FUNCTION with Cassandra's message.
   */
  readonly userDefinedFunctionsEnabled?: boolean;
  /** user_defined_functions_warn_timeout in ms (default 500): a longer body draws a client warning. */
  readonly userDefinedFunctionsWarnTimeoutMs?: number;
  /** user_defined_functions_fail_timeout in ms (default 1500): a longer body fails, and is stopped. */
  readonly userDefinedFunctionsFailTimeoutMs?: number;
  /** batch_size_warn_threshold: bytes, or a size as cassandra.yaml writes it ('5KiB', the default). */
  readonly batchSizeWarnThreshold?: number | string;
  /** batch_size_fail_threshold: bytes or a size ('50KiB', the default). */
  readonly batchSizeFailThreshold?: number | string;
  /** unlogged_batch_across_partitions_warn_threshold (default 10). */
  readonly unloggedBatchAcrossPartitionsWarnThreshold?: number;
  /** tombstone_warn_threshold (default 1000). */
  readonly tombstoneWarnThreshold?: number;
  /** tombstone_failure_threshold (default 100000). */
  readonly tombstoneFailureThreshold?: number;
  /**
   * sasi_indexes_enabled (default true, unlike cassandra.yaml 4.1, so that suites written for 3.11/4.0 run; CREATE
   * of a SASI index draws the experimental-feature warning). false refuses SASI indexes as Cassandra does.
   */
  readonly sasiIndexesEnabled?: boolean;
  /** materialized_views_enabled (default true here; cassandra.yaml 4.1 ships false). */
  readonly materializedViewsEnabled?: boolean;
  /**
   * authenticator, as in cassandra.yaml: 'AllowAllAuthenticator' (default: no login) or 'PasswordAuthenticator'
   * (clients log in with SASL PLAIN; the default superuser is cassandra/cassandra; roles live in system_auth).
   */
  readonly authenticator?: 'AllowAllAuthenticator' | 'PasswordAuthenticator';
  /**
   * authorizer, as in cassandra.yaml: 'AllowAllAuthorizer' (default: every statement allowed) or
   * 'CassandraAuthorizer' (GRANT/REVOKE permissions, checked on every statement; needs PasswordAuthenticator).
   */
  readonly authorizer?: 'AllowAllAuthorizer' | 'CassandraAuthorizer';
  /** Requests the activity log keeps, the latest ones (default 10,000); 0 turns the log off. */
  readonly activityLimit?: number;
  /** The host id (a uuid) of each node, in node order; default: drawn from the seed. */
  readonly hostIds?: readonly string[];
  /**
   * Port of the admin HTTP API on node 1's address (0: any free port; see `adminUrl`). Default: none,
   * since test files start many clusters at once and a fixed port would collide (the CLI uses 8187).
   */
  readonly adminPort?: number | null;
  /** The largest value the key-value API (`kv(namespace)`, /v1/kv) takes, in bytes (default 1 MiB); a larger one is refused with 413. */
  readonly kvMaxValueBytes?: number;
  /**
   * A folder the cluster keeps itself in (created if missing): who its nodes are (cassanova.json), its schema
   * (schema.cql) and a folder per node. Started again from the same folder, the cluster has the same nodes, host
   * ids and tokens and the same schema. Default: none, nothing touches the disk.
   */
  readonly dataDir?: string;
  /** commitlog_sync with a data folder: 'periodic' (default: fsync every commitlogSyncPeriodMs) or 'batch' (fsync before acknowledging). */
  readonly commitlogSync?: 'periodic' | 'batch';
  /** commitlog_sync_period in ms (default 10000). */
  readonly commitlogSyncPeriodMs?: number;
  /** commitlog_segment_size in MiB (default 32); a mutation may take half of it at most. */
  readonly commitlogSegmentSizeMb?: number;
  /**
   * commitlog_total_space in MiB (default 8192): past it, a node flushes the tables dirty in its oldest commit
   * log segments so that they can be deleted.
   */
  readonly commitlogTotalSpaceMb?: number;
  /** Memory a node's memtables may hold before the largest is flushed to an SSTable, in MiB (default 64). */
  readonly memtableSpaceMb?: number;
  /**
   * client_encryption_options: TLS on every node's native port. `{ cert, key, ca?, requireClientAuth?, optional? }`
   * with PEM text or file paths, or 'self-signed' (also `{ selfSigned: true, … }`): a CA generated at start and a
   * certificate per node address signed by it; `tlsCa` and `driverOptions()` hand clients that CA. Default: plain.
   */
  readonly tls?: TlsOption;
  /** Log level of the cluster's structured logs (pino's levels); default 'silent'. */
  readonly logLevel?: LogLevel;
  /** 'pretty' (one readable line each; the default on a terminal) or 'json' (one JSON object per line). */
  readonly logFormat?: LogFormat;
  /** Where log lines go (default process.stderr). */
  readonly logDestination?: LineSink & { readonly isTTY?: boolean };
}

/** A rule for one option as plain JavaScript may pass it: what it must be, said as the error says it. */
interface OptionRule {
  readonly ok: (value: unknown) => boolean;
  readonly expected: string;
}

const rule = (expected: string, ok: (value: unknown) => boolean): OptionRule => ({ expected, ok });
const isInteger = (v: unknown): v is number => Number.isSafeInteger(v);
const STRING = rule('a string', (v) => typeof v === 'string');
const NON_NEGATIVE = rule('a number, 0 or more', (v) => typeof v === 'number' && v >= 0);
const POSITIVE = rule('a number more than 0', (v) => typeof v === 'number' && v > 0);
const COUNT = rule('a whole number, 0 or more', (v) => isInteger(v) && v >= 0);
const SIZE = rule("bytes, or a size such as '5KiB'", (v) => (typeof v === 'number' && v >= 0) || typeof v === 'string');
const oneOf = (...values: string[]): OptionRule => rule(values.map((v) => `'${v}'`).join(' or '), (v) => values.includes(v as string));
const isNodeCount = (v: unknown): boolean => isInteger(v) && v >= 1;
const isTokenText = (v: unknown): boolean => typeof v === 'string' && /^\s*-?\d+\s*$/.test(v);
const isTokenList = (v: unknown): boolean => typeof v === 'string'
  ? v.split(',').every(isTokenText) : Array.isArray(v) && v.length > 0 && v.every(isTokenText);

/** Every option's rule: the compiler makes sure a new option gets one. */
const RULES: { readonly [K in keyof Required<StartClusterOptions>]: OptionRule } = {
  address: STRING,
  port: rule('a port number from 0 to 65535', (v) => isInteger(v) && v >= 0 && v <= 65535),
  nodes: rule('a whole number, 1 or more', isNodeCount),
  dataCenters: rule('node counts by data center, such as { dc1: 3, dc2: { rack1: 1, rack2: 1 } }', (v) =>
    isPlainObject(v) && Object.keys(v).length > 0 && Object.values(v).every((dc) =>
      isNodeCount(dc) || (isPlainObject(dc) && Object.keys(dc).length > 0 && Object.values(dc).every(isNodeCount)))),
  addressing: oneOf('addresses', 'ports'),
  initialTokens: rule("a list with one token (or list of tokens) per node, as decimal strings: ['-9223372036854775808', '0']",
    (v) => Array.isArray(v) && v.every(isTokenList)),
  clusterName: STRING,
  dataCenter: STRING,
  rack: STRING,
  numTokens: rule('a whole number, 1 or more', isNodeCount),
  seed: rule('a whole number', isInteger),
  clock: oneOf('system', 'virtual', 'auto'),
  clockStart: rule('a Date or milliseconds since the epoch', (v) =>
    (v instanceof Date && !Number.isNaN(v.getTime())) || (typeof v === 'number' && Number.isFinite(v))),
  maxFrameSizeBytes: rule('a whole number of bytes, 1024 or more', (v) => isInteger(v) && v >= 1024),
  nativeTransportMaxConcurrentRequestsInBytes: rule('a whole number of bytes, 1 or more', (v) => isInteger(v) && v >= 1),
  nativeTransportMaxConcurrentRequestsInBytesPerIp: rule('a whole number of bytes, 1 or more', (v) => isInteger(v) && v >= 1),
  writeRequestTimeoutMs: POSITIVE,
  readRequestTimeoutMs: POSITIVE,
  maxHintWindowMs: NON_NEGATIVE,
  hintsDispatchIntervalMs: POSITIVE,
  truncateRequestTimeoutMs: POSITIVE,
  gossipIntervalMs: POSITIVE,
  phiConvictThreshold: POSITIVE,
  traceProbability: rule('a number from 0 to 1', (v) => typeof v === 'number' && v >= 0 && v <= 1),
  userDefinedFunctionsEnabled: rule('true or false', (v) => typeof v === 'boolean'),
  userDefinedFunctionsWarnTimeoutMs: POSITIVE,
  userDefinedFunctionsFailTimeoutMs: POSITIVE,
  batchSizeWarnThreshold: SIZE,
  batchSizeFailThreshold: SIZE,
  unloggedBatchAcrossPartitionsWarnThreshold: COUNT,
  tombstoneWarnThreshold: COUNT,
  tombstoneFailureThreshold: COUNT,
  sasiIndexesEnabled: rule('true or false', (v) => typeof v === 'boolean'),
  materializedViewsEnabled: rule('true or false', (v) => typeof v === 'boolean'),
  authenticator: oneOf('AllowAllAuthenticator', 'PasswordAuthenticator'),
  authorizer: oneOf('AllowAllAuthorizer', 'CassandraAuthorizer'),
  activityLimit: COUNT,
  hostIds: rule('a list of uuids, one per node', (v) => Array.isArray(v) && v.every((id) => typeof id === 'string')),
  adminPort: rule('a port number from 0 to 65535, or null for no admin API', (v) => v === null || (isInteger(v) && v >= 0 && v <= 65535)),
  dataDir: rule('a folder path', (v) => typeof v === 'string' && v.length > 0),
  commitlogSync: oneOf('periodic', 'batch'),
  commitlogSyncPeriodMs: POSITIVE,
  commitlogSegmentSizeMb: rule('a whole number of MiB, 1 or more', (v) => isInteger(v) && v >= 1),
  commitlogTotalSpaceMb: rule('a whole number of MiB, 1 or more', (v) => isInteger(v) && v >= 1),
  memtableSpaceMb: rule('a number of MiB more than 0', (v) => typeof v === 'number' && v > 0),
  kvMaxValueBytes: rule('a whole number of bytes, 1 or more', (v) => isInteger(v) && v >= 1),
  tls: rule("'self-signed', or { cert, key, ca?, requireClientAuth?, optional? } with PEM text or file paths (or selfSigned: true for cert and key)", isTlsOption),
  logLevel: oneOf(...LOG_LEVELS),
  logFormat: oneOf('pretty', 'json'),
  logDestination: rule('an object with a write(line) method', (v) => typeof (v as { write?: unknown } | null)?.write === 'function'),
};

const TLS_FIELDS: Readonly<Record<keyof ClientEncryptionOptions, 'string' | 'boolean'>> = {
  cert: 'string', key: 'string', selfSigned: 'boolean', ca: 'string', requireClientAuth: 'boolean', optional: 'boolean',
};

/** The shape of `tls`; how its fields combine is checked when the cluster starts, with a message for each rule. */
function isTlsOption(v: unknown): boolean {
  if (v === 'self-signed') return true;
  return isPlainObject(v) && Object.entries(v).every(([name, value]) =>
    value === undefined || (Object.hasOwn(TLS_FIELDS, name) && typeof value === TLS_FIELDS[name as keyof ClientEncryptionOptions]));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The checks TypeScript makes, made again for callers in plain JavaScript (or with `any`): an unknown
 * option name or a value of the wrong kind is refused with the option's name and what it takes.
 */
export function checkStartClusterOptions(options: unknown): asserts options is StartClusterOptions {
  if (options === undefined) return;
  if (!isPlainObject(options)) throw new TypeError(`startCluster takes an options object, not ${describe(options)}`);
  for (const [name, value] of Object.entries(options)) {
    if (!Object.hasOwn(RULES, name)) {
      const near = closestName(name);
      throw new TypeError(`Unknown startCluster option '${name}'${near === null ? '' : ` (did you mean '${near}'?)`}`);
    }
    const optionRule = RULES[name as keyof StartClusterOptions];
    if (value !== undefined && !optionRule.ok(value)) {
      throw new TypeError(`Invalid startCluster option ${name}: ${describe(value)} (expected ${optionRule.expected})`);
    }
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  return String(value);
}

/** The option name a typo most likely meant: at most two edits away. */
function closestName(name: string): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const known of Object.keys(RULES)) {
    const d = editDistance(name.toLowerCase(), known.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = row;
  }
  return previous[b.length]!;
}

function parseTokens(tokens: StartClusterOptions['initialTokens']): bigint[][] | undefined {
  return tokens?.map((t) => (typeof t === 'string' ? t.split(',') : [...t]).map((x) => BigInt(x.trim())));
}

/** The cluster configuration the options stand for, validated (checkStartClusterOptions, then the config's own rules). */
export function configOf(options: StartClusterOptions = {}): ClusterConfig {
  checkStartClusterOptions(options);
  const clockStart = options.clockStart instanceof Date ? options.clockStart.getTime() : options.clockStart;
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
    clockStartMs: clockStart,
    maxFrameSizeBytes: options.maxFrameSizeBytes,
    nativeTransportMaxConcurrentRequestsInBytes: options.nativeTransportMaxConcurrentRequestsInBytes,
    nativeTransportMaxConcurrentRequestsInBytesPerIp: options.nativeTransportMaxConcurrentRequestsInBytesPerIp,
    writeRequestTimeoutMs: options.writeRequestTimeoutMs,
    readRequestTimeoutMs: options.readRequestTimeoutMs,
    maxHintWindowMs: options.maxHintWindowMs,
    hintsDispatchIntervalMs: options.hintsDispatchIntervalMs,
    truncateRequestTimeoutMs: options.truncateRequestTimeoutMs,
    gossipIntervalMs: options.gossipIntervalMs,
    phiConvictThreshold: options.phiConvictThreshold,
    traceProbability: options.traceProbability,
    userDefinedFunctionsEnabled: options.userDefinedFunctionsEnabled,
    userDefinedFunctionsWarnTimeoutMs: options.userDefinedFunctionsWarnTimeoutMs,
    userDefinedFunctionsFailTimeoutMs: options.userDefinedFunctionsFailTimeoutMs,
    batchSizeWarnThresholdBytes: dataStorageBytes(options.batchSizeWarnThreshold, 'batchSizeWarnThreshold'),
    batchSizeFailThresholdBytes: dataStorageBytes(options.batchSizeFailThreshold, 'batchSizeFailThreshold'),
    unloggedBatchAcrossPartitionsWarnThreshold: options.unloggedBatchAcrossPartitionsWarnThreshold,
    tombstoneWarnThreshold: options.tombstoneWarnThreshold,
    tombstoneFailureThreshold: options.tombstoneFailureThreshold,
    sasiIndexesEnabled: options.sasiIndexesEnabled,
    materializedViewsEnabled: options.materializedViewsEnabled,
    authenticator: options.authenticator,
    authorizer: options.authorizer,
    activityLimit: options.activityLimit,
    hostIds: options.hostIds,
    dataDir: options.dataDir,
    commitlogSync: options.commitlogSync,
    commitlogSyncPeriodMs: options.commitlogSyncPeriodMs,
    commitlogSegmentSizeBytes: options.commitlogSegmentSizeMb === undefined ? undefined : options.commitlogSegmentSizeMb * MIB,
    commitlogTotalSpaceBytes: options.commitlogTotalSpaceMb === undefined ? undefined : options.commitlogTotalSpaceMb * MIB,
    memtableSpaceBytes: options.memtableSpaceMb === undefined ? undefined : Math.floor(options.memtableSpaceMb * MIB),
  });
}
