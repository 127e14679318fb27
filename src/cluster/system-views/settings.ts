import { formatJavaDouble } from '../../types/index.js';
import type { VirtualTablesNode } from '../node/virtual-tables-node.js';
import type { RowValues } from '../system-schema/row-builder.js';
import { MURMUR3_PARTITIONER_CLASS } from '../ring/murmur3-partitioner.js';

type Setting = readonly [name: string, value: string | null];

const DURATION_UNITS = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const;
type DurationUnit = (typeof DURATION_UNITS)[number][0];

/**
 * A duration as 4.1 names and prints it (DurationSpec: quantity and unit, "5000ms", "3h"), in the unit
 * Cassandra's own default uses when it fits exactly, and under its 4.0 name `<name>_in_ms` (Replacements).
 */
function duration(name: string, ms: number, unit: DurationUnit): Setting[] {
  const [, unitMs] = DURATION_UNITS.find(([u]) => u === unit)!;
  const spec = ms % unitMs === 0 ? `${ms / unitMs}${unit}` : `${ms}ms`;
  return [[name, spec], [`${name}_in_ms`, String(ms)]];
}

/** A size as 4.1 prints it (DataStorageSpec: "16MiB"), and under its 4.0 name `<name>_in_mb`, in whole MiB. */
function mebibytes(name: string, bytes: number): Setting[] {
  const spec = bytes % 1_048_576 === 0 ? `${bytes / 1_048_576}MiB` : bytes % 1024 === 0 ? `${bytes / 1024}KiB` : `${bytes}B`;
  return [[name, spec], [`${name}_in_mb`, String(Math.floor(bytes / 1_048_576))]];
}

/**
 * system_views.settings (SettingsTable): the cassandra.yaml settings whose behaviour Cassanova has, under
 * their 4.1 names and, where 4.1 renamed them, their 4.0 names too, with this node's values. Cassanova
 * keeps no key, row or counter cache (sizes 0, as system_views.caches shows).
 */
export function settingRows(node: VirtualTablesNode): RowValues[] {
  const config = node.cluster.config;
  const initialTokens = config.initialTokens?.[node.identity.id - 1];
  const settings: Setting[] = [
    ['authenticator', config.authenticator],
    ['authorizer', config.authorizer],
    ...duration('cas_contention_timeout', config.casContentionTimeoutMs, 'ms'),
    ['cluster_name', config.clusterName],
    ...mebibytes('counter_cache_size', 0),
    ['enable_materialized_views', String(config.materializedViewsEnabled)],
    ['enable_sasi_indexes', String(config.sasiIndexesEnabled)],
    ['hinted_handoff_enabled', 'true'],
    ['initial_token', initialTokens === undefined ? null : initialTokens.join(',')],
    ...mebibytes('key_cache_size', 0),
    ['listen_address', node.identity.address],
    ['materialized_views_enabled', String(config.materializedViewsEnabled)],
    ...duration('max_hint_window', config.maxHintWindowMs, 'h'),
    ...mebibytes('native_transport_max_frame_size', config.maxFrameSizeBytes),
    ['native_transport_port', String(node.nativePort)],
    ['num_tokens', String(config.numTokens)],
    ['partitioner', MURMUR3_PARTITIONER_CLASS],
    ['phi_convict_threshold', formatJavaDouble(config.phiConvictThreshold)],
    ...duration('range_request_timeout', config.rangeRequestTimeoutMs, 'ms'),
    ...duration('read_request_timeout', config.readRequestTimeoutMs, 'ms'),
    ...mebibytes('row_cache_size', 0),
    ['rpc_address', node.identity.address],
    ['sasi_indexes_enabled', String(config.sasiIndexesEnabled)],
    ['start_native_transport', 'true'],
    ['storage_port', String(node.cluster.storagePortOf(node.identity.id))],
    ...duration('truncate_request_timeout', config.truncateRequestTimeoutMs, 'ms'),
    ['user_defined_functions_enabled', String(config.userDefinedFunctionsEnabled)],
    ['user_defined_functions_fail_timeout', `${config.userDefinedFunctionsFailTimeoutMs}ms`],
    ['user_defined_functions_warn_timeout', `${config.userDefinedFunctionsWarnTimeoutMs}ms`],
    ...duration('write_request_timeout', config.writeRequestTimeoutMs, 'ms'),
  ];
  return settings.map(([name, value]) => ({ name, value }));
}
