import { ConfigurationError } from '../../../errors/index.js';
import { LEVELED_COMPACTION, SIZE_TIERED_COMPACTION, TIME_WINDOW_COMPACTION } from '../../../schema/index.js';
import { validateStrategyOptions, validateThresholds } from './compaction-strategy-options.js';

const COMPACTION_PACKAGE = 'org.apache.cassandra.db.compaction.';
const DATE_TIERED_COMPACTION = `${COMPACTION_PACKAGE}DateTieredCompactionStrategy`;

/** Options every strategy understands (AbstractCompactionStrategy and CompactionParams). */
const COMMON_OPTIONS = [
  'enabled', 'min_threshold', 'max_threshold', 'tombstone_threshold', 'tombstone_compaction_interval',
  'unchecked_tombstone_compaction', 'log_all', 'only_purge_repaired_tombstones', 'provide_overlapping_tombstones',
];
const SIZE_TIERED_OPTIONS = ['bucket_low', 'bucket_high', 'min_sstable_size'];

/** The options each strategy of Cassandra 4.1 accepts; anything else is rejected. */
const STRATEGY_OPTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [SIZE_TIERED_COMPACTION, new Set([...COMMON_OPTIONS, ...SIZE_TIERED_OPTIONS])],
  [LEVELED_COMPACTION, new Set([...COMMON_OPTIONS, ...SIZE_TIERED_OPTIONS, 'sstable_size_in_mb', 'fanout_size'])],
  [TIME_WINDOW_COMPACTION, new Set([
    ...COMMON_OPTIONS, ...SIZE_TIERED_OPTIONS, 'compaction_window_unit', 'compaction_window_size',
    'timestamp_resolution', 'expired_sstable_check_frequency_seconds', 'unsafe_aggressive_sstable_expiration',
  ])],
  [DATE_TIERED_COMPACTION, new Set([
    ...COMMON_OPTIONS, ...SIZE_TIERED_OPTIONS, 'timestamp_resolution', 'max_sstable_age_days', 'base_time_seconds',
    'max_window_size_seconds', 'expired_sstable_check_frequency_seconds',
  ])],
]);

/**
 * The `compaction` option as CompactionParams.fromMap reads it: the class resolved to its full name, the
 * default thresholds added, the strategy's options checked. Returns the map system_schema reports.
 */
export function compactionFromMap(map: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  const options = new Map(map);
  const name = options.get('class');
  if (name === undefined) throw new ConfigurationError("Missing sub-option 'class' for the 'compaction' option");
  options.delete('class');
  const className = name.includes('.') ? name : COMPACTION_PACKAGE + name;
  const known = STRATEGY_OPTIONS.get(className);
  if (known === undefined) throw new ConfigurationError(`Unable to find compaction strategy class '${className}'`);
  if (!options.has('min_threshold')) options.set('min_threshold', '4');
  if (!options.has('max_threshold')) options.set('max_threshold', '32');
  validateStrategyOptions(className, options);
  const unknown = [...options.keys()].filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new ConfigurationError(`Properties specified [${unknown.join(', ')}] are not understood by ${className.slice(className.lastIndexOf('.') + 1)}`);
  }
  validateThresholds(options);
  return new Map([['class', className], ...options]);
}

/** The bloom filter chance a table gets when it sets none (CompactionParams.defaultBloomFilterFbChance). */
export function defaultBloomFilterFpChance(compaction: ReadonlyMap<string, string>): number {
  return compaction.get('class') === LEVELED_COMPACTION ? 0.1 : 0.01;
}
