import { ConfigurationError } from '../../../errors/index.js';

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
 * to the text Cassandra reports: '99p', '50ms', 'ALWAYS', 'NONE', 'MIN(99p,50ms)'.
 */
export function speculativeRetryFromString(text: string): string {
  // Both options report errors under the name speculative_retry, as Cassandra does.
  const option = 'speculative_retry';
  const invalid = (): ConfigurationError => new ConfigurationError(`Invalid value ${text} for option '${option}'`);
  const upper = text.toUpperCase();
  if (upper === 'ALWAYS' || upper === 'NONE') return upper;
  const single = retryPolicy(text, option);
  if (single !== undefined) return single.text;
  const hybrid = /^(MIN|MAX)\(([0-9.]+[a-z]+)\s*,\s*([0-9.]+[a-z]+)\)$/i.exec(text);
  if (hybrid === null) throw invalid();
  const first = retryPolicy(hybrid[2]!, option);
  const second = retryPolicy(hybrid[3]!, option);
  if (first === undefined || second === undefined || first.kind === second.kind) throw invalid();
  const [percentile, fixed] = first.kind === 'percentile' ? [first, second] : [second, first];
  return `${hybrid[1]!.toUpperCase()}(${percentile.text},${fixed.text})`;
}

function retryPolicy(text: string, option: string): { kind: 'percentile' | 'fixed'; text: string } | undefined {
  const percentile = /^([0-9.]+)p(ercentile)?$/i.exec(text);
  if (percentile !== null) {
    const value = Number(percentile[1]);
    if (!(value > 0 && value < 100)) {
      throw new ConfigurationError(`Invalid value ${text} for option '${option}': must be between (0.0 and 100.0)`);
    }
    return { kind: 'percentile', text: `${formatDecimal(value)}p` };
  }
  const fixed = /^([0-9.]+)ms$/i.exec(text);
  if (fixed !== null && !Number.isNaN(Number(fixed[1]))) return { kind: 'fixed', text: `${Math.trunc(Number(fixed[1]))}ms` };
  return undefined;
}

/** DecimalFormat("#.####"): at most four fraction digits, none when whole (half-even rounding). */
function formatDecimal(value: number): string {
  return String(Number(value.toFixed(4)));
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
