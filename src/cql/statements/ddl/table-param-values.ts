import { ConfigurationError } from '../../../errors/index.js';
import { formatSpeculativeRetryPolicy, parseSpeculativeRetryPolicy } from '../../../schema/index.js';

/** The `caching` option as CachingParams.fromMap reads it; keys not given mean NONE. */
export function cachingFromMap(map: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  const options = new Map(map);
  const keys = options.get('keys');
  const rows = options.get('rows_per_partition');
  options.delete('keys');
  options.delete('rows_per_partition');
  if (options.size > 0) {
    throw new ConfigurationError(
      `Invalid caching sub-options [${[...options.keys()].join(', ')}]: only 'keys' and 'rows_per_partition' are allowed`,
    );
  }
  return new Map([['keys', cachedKeys(keys)], ['rows_per_partition', cachedRows(rows)]]);
}

function cachedKeys(value: string | undefined): string {
  if (value === undefined) return 'NONE';
  const upper = value.toUpperCase();
  if (upper === 'ALL' || upper === 'NONE') return upper;
  throw new ConfigurationError(`Invalid value '${value}' for caching sub-option 'keys': only 'ALL' and 'NONE' are allowed`);
}

function cachedRows(value: string | undefined): string {
  if (value === undefined) return 'NONE';
  const upper = value.toUpperCase();
  if (upper === 'ALL' || upper === 'NONE') return upper;
  if (/^\d+$/.test(value) && Number(value) <= 2147483647) return Number(value) === 0 ? 'NONE' : String(Number(value));
  throw new ConfigurationError(
    `Invalid value '${value}' for caching sub-option 'rows_per_partition': only 'ALL', 'NONE', and integer values are allowed`,
  );
}

/**
 * speculative_retry and additional_write_policy as SpeculativeRetryPolicy.fromString reads them, normalised
 * to the text Cassandra reports: '99p', '50ms', 'ALWAYS', 'NEVER', 'MIN(99p,50ms)'.
 */
export function speculativeRetryFromString(text: string): string {
  return formatSpeculativeRetryPolicy(parseSpeculativeRetryPolicy(text));
}

/** read_repair as ReadRepairStrategy.fromString reads it. */
export function readRepairFromString(text: string): string {
  const upper = text.toUpperCase();
  if (upper === 'BLOCKING' || upper === 'NONE') return upper;
  throw new ConfigurationError(`No enum constant org.apache.cassandra.service.reads.repair.ReadRepairStrategy.${upper}`);
}

/** memtable: a configuration key of cassandra.yaml; Cassanova has only the default one. */
export function memtableFromString(text: string): string {
  if (text === 'default') return text;
  throw new ConfigurationError(`Memtable configuration "${text}" not found.`);
}
