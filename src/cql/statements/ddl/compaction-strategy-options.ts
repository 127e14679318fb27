import { ConfigurationError } from '../../../errors/index.js';
import { LEVELED_COMPACTION, SIZE_TIERED_COMPACTION, TIME_WINDOW_COMPACTION } from '../../../schema/index.js';
import { formatJavaDouble } from '../../../types/index.js';
import { parseJavaDouble, parseJavaInt } from './property-definitions.js';

type Options = ReadonlyMap<string, string>;

/**
 * The checks of each strategy's static validateOptions in Cassandra 4.1 (AbstractCompactionStrategy,
 * SizeTieredCompactionStrategyOptions, LeveledCompactionStrategy, TimeWindowCompactionStrategyOptions), in
 * their order; ConfigurationException messages word for word, Java's number formats included.
 */
export function validateStrategyOptions(className: string, options: Options): void {
  validateCommonOptions(options);
  if (className === LEVELED_COMPACTION) validateLeveledOptions(options);
  if (className === TIME_WINDOW_COMPACTION) validateTimeWindowOptions(options);
  if (className === SIZE_TIERED_COMPACTION || className === LEVELED_COMPACTION || className === TIME_WINDOW_COMPACTION) {
    validateSizeTieredOptions(options);
  }
}

/** CompactionParams.validate, after the strategy's own checks: the thresholds. */
export function validateThresholds(options: Options): void {
  for (const key of ['min_threshold', 'max_threshold']) {
    const text = options.get(key);
    // StringUtils.isNumeric: digits only, so no sign either.
    if (text !== undefined && !/^\d+$/.test(text)) {
      throw new ConfigurationError(`Invalid value ${text} for '${key}' compaction sub-option - must be an integer`);
    }
  }
  const min = parseJavaInt(options.get('min_threshold') ?? '4') ?? 4;
  const max = parseJavaInt(options.get('max_threshold') ?? '32') ?? 32;
  if (min <= 0 || max <= 0) {
    throw new ConfigurationError("Disabling compaction by setting compaction thresholds to 0 has been removed, set the compaction option 'enabled' to false instead.");
  }
  if (min <= 1) throw new ConfigurationError(`Min compaction threshold cannot be less than 2 (got ${min})`);
  if (min > max) throw new ConfigurationError(`Min compaction threshold (got ${min}) cannot be greater than max compaction threshold (got ${max})`);
}

function validateCommonOptions(options: Options): void {
  const threshold = options.get('tombstone_threshold');
  if (threshold !== undefined) {
    const value = parseJavaDouble(threshold);
    if (value === undefined) throw notParsableInt(threshold, 'tombstone_threshold');
    if (value < 0) throw new ConfigurationError(`tombstone_threshold must be greater than 0, but was ${value.toFixed(6)}`);
  }
  const interval = options.get('tombstone_compaction_interval');
  if (interval !== undefined) {
    const value = parseJavaLong(interval);
    if (value === undefined) throw notParsableInt(interval, 'tombstone_compaction_interval');
    if (value < 0n) throw new ConfigurationError(`tombstone_compaction_interval must be greater than 0, but was ${value}`);
  }
  const unchecked = options.get('unchecked_tombstone_compaction');
  if (unchecked !== undefined && !isJavaBoolean(unchecked)) {
    throw new ConfigurationError(`'unchecked_tombstone_compaction' should be either 'true' or 'false', not '${unchecked}'`);
  }
  const logAll = options.get('log_all');
  if (logAll !== undefined && !isJavaBoolean(logAll)) throw new ConfigurationError(`'log_all' should either be 'true' or 'false', not ${logAll}`);
  const enabled = options.get('enabled');
  if (enabled !== undefined && !isJavaBoolean(enabled)) throw new ConfigurationError(`enabled should either be 'true' or 'false', not ${enabled}`);
}

function validateSizeTieredOptions(options: Options): void {
  const minSize = options.get('min_sstable_size');
  if (minSize !== undefined) {
    const value = parseJavaLong(minSize);
    if (value === undefined) throw notParsableInt(minSize, 'min_sstable_size');
    if (value < 0n) throw new ConfigurationError(`min_sstable_size must be non negative: ${value}`);
  }
  const low = parseFloatOption(options, 'bucket_low', 0.5);
  const high = parseFloatOption(options, 'bucket_high', 1.5);
  if (high <= low) {
    throw new ConfigurationError(`bucket_high value (${formatJavaDouble(high)}) is less than or equal to the bucket_low value (${formatJavaDouble(low)})`);
  }
}

function validateLeveledOptions(options: Options): void {
  for (const key of ['sstable_size_in_mb', 'fanout_size']) {
    const text = options.get(key);
    if (text === undefined) continue;
    const value = parseJavaInt(text);
    // LeveledCompactionStrategy names the sstable size in the fanout's parse error, as it does.
    if (value === undefined) throw notParsableInt(key === 'fanout_size' ? (options.get('sstable_size_in_mb') ?? '1') : text, key);
    if (value < 1) throw new ConfigurationError(`${key} must be larger than 0, but was ${value}`);
  }
}

function validateTimeWindowOptions(options: Options): void {
  const timeUnit = (key: string, valid: readonly string[]) => {
    const text = options.get(key);
    if (text !== undefined && !valid.includes(text)) throw new ConfigurationError(`${text} is not valid for ${key}`);
  };
  timeUnit('timestamp_resolution', ['SECONDS', 'MILLISECONDS', 'MICROSECONDS', 'NANOSECONDS']);
  timeUnit('compaction_window_unit', ['MINUTES', 'HOURS', 'DAYS']);
  const size = options.get('compaction_window_size');
  if (size !== undefined) {
    const value = parseJavaInt(size);
    if (value === undefined) throw notParsableInt(size, 'compaction_window_size');
    if (value < 1) throw new ConfigurationError(`${value} must be greater than 1 for compaction_window_size`);
  }
  const frequency = options.get('expired_sstable_check_frequency_seconds');
  if (frequency !== undefined) {
    const value = parseJavaLong(frequency);
    if (value === undefined) throw notParsableInt(frequency, 'expired_sstable_check_frequency_seconds');
    if (value < 0n) throw new ConfigurationError(`expired_sstable_check_frequency_seconds must not be negative, but was ${value}`);
  }
  const aggressive = options.get('unsafe_aggressive_sstable_expiration');
  if (aggressive !== undefined) {
    if (!isJavaBoolean(aggressive)) throw new ConfigurationError(`unsafe_aggressive_sstable_expiration is not 'true' or 'false' (${aggressive})`);
    // The system property that allows it is never set on a simulated node.
    if (aggressive.toLowerCase() === 'true') {
      throw new ConfigurationError('unsafe_aggressive_sstable_expiration is requested but not allowed, restart cassandra with '
        + '-Dcassandra.allow_unsafe_aggressive_sstable_expiration=true to allow it');
    }
  }
}

function parseFloatOption(options: Options, key: string, fallback: number): number {
  const text = options.get(key);
  if (text === undefined) return fallback;
  const value = parseJavaDouble(text);
  if (value === undefined) throw new ConfigurationError(`${text} is not a parsable float for ${key}`);
  return value;
}

/** Long.parseLong: an optional sign and decimal digits within 64 bits. */
function parseJavaLong(text: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value >= -(2n ** 63n) && value < 2n ** 63n ? value : undefined;
}

function isJavaBoolean(text: string): boolean {
  const lower = text.toLowerCase();
  return lower === 'true' || lower === 'false';
}

function notParsableInt(text: string, key: string): ConfigurationError {
  return new ConfigurationError(`${text} is not a parsable int (base10) for ${key}`);
}
