import { ConfigurationError } from '../errors/index.js';

/**
 * A table's speculative_retry or additional_write_policy (Cassandra's SpeculativeRetryPolicy): when a
 * coordinator asks one more replica than the consistency level needs. NEVER: not at all; ALWAYS: at once;
 * PERCENTILE: after that percentile of the table's coordinator latency; FIXED: after so many
 * milliseconds; HYBRID: the smaller (MIN) or larger (MAX) of a percentile and a fixed delay.
 */
export type SpeculativeRetryPolicy =
  | { readonly kind: 'NEVER' }
  | { readonly kind: 'ALWAYS' }
  | PercentilePolicy
  | FixedPolicy
  | { readonly kind: 'HYBRID'; readonly fn: 'MIN' | 'MAX'; readonly percentile: PercentilePolicy; readonly fixed: FixedPolicy };

interface PercentilePolicy {
  readonly kind: 'PERCENTILE';
  readonly percentile: number;
}

interface FixedPolicy {
  readonly kind: 'FIXED';
  readonly ms: number;
}

/** Both options report errors under this name, as TableParams.Option.SPECULATIVE_RETRY. */
const OPTION = 'speculative_retry';
const PERCENTILE = /^(?<val>[0-9.]+)p(ercentile)?$/i;
const FIXED = /^(?<val>[0-9.]+)ms$/i;
const HYBRID = /^(?<fn>MIN|MAX)\((?<val1>[0-9.]+[a-z]+)\s*,\s*(?<val2>[0-9.]+[a-z]+)\)$/i;

const invalid = (text: string): ConfigurationError => new ConfigurationError(`Invalid value ${text} for option '${OPTION}'`);

/** SpeculativeRetryPolicy.fromString, with its error messages. */
export function parseSpeculativeRetryPolicy(text: string): SpeculativeRetryPolicy {
  const upper = text.toUpperCase();
  if (upper === 'ALWAYS') return { kind: 'ALWAYS' };
  if (upper === 'NEVER' || upper === 'NONE') return { kind: 'NEVER' };
  const percentileMatch = PERCENTILE.exec(text);
  if (percentileMatch !== null) return percentilePolicy(text, percentileMatch.groups!['val']!);
  const fixedMatch = FIXED.exec(text);
  if (fixedMatch !== null) return { kind: 'FIXED', ms: Math.trunc(javaDouble(text, fixedMatch.groups!['val']!)) };
  const hybrid = HYBRID.exec(text);
  if (hybrid === null) throw invalid(text);
  let first: SpeculativeRetryPolicy;
  let second: SpeculativeRetryPolicy;
  try {
    first = parseSpeculativeRetryPolicy(hybrid.groups!['val1']!);
    second = parseSpeculativeRetryPolicy(hybrid.groups!['val2']!);
  } catch (e) {
    if (e instanceof ConfigurationError) throw invalid(text);
    throw e;
  }
  if (first.kind === second.kind) {
    throw new ConfigurationError(`Invalid value ${text} for option '${OPTION}': MIN()/MAX() arguments should be of different types, but both are of type ${first.kind}`);
  }
  // Only a percentile and a fixed delay match `[0-9.]+[a-z]+` twice with different kinds.
  const [percentile, fixed] = (first.kind === 'PERCENTILE' ? [first, second] : [second, first]) as [PercentilePolicy, FixedPolicy];
  return { kind: 'HYBRID', fn: hybrid.groups!['fn']!.toUpperCase() as 'MIN' | 'MAX', percentile, fixed };
}

function percentilePolicy(text: string, value: string): PercentilePolicy {
  const percentile = javaDouble(text, value);
  if (percentile <= 0 || percentile >= 100) {
    throw new ConfigurationError(`Invalid value ${text} for PERCENTILE option '${OPTION}': must be between (0.0 and 100.0)`);
  }
  return { kind: 'PERCENTILE', percentile };
}

/** Double.parseDouble of `[0-9.]+`: one dot at most and a digit somewhere. */
function javaDouble(text: string, value: string): number {
  if (!/^(\d+\.?\d*|\.\d+)$/.test(value)) throw invalid(text);
  return Number(value);
}

/** The policy as Cassandra prints it (system_schema, DESCRIBE): '99p', '50ms', 'ALWAYS', 'NEVER', 'MIN(99p,50ms)'. */
export function formatSpeculativeRetryPolicy(policy: SpeculativeRetryPolicy): string {
  switch (policy.kind) {
    case 'NEVER':
    case 'ALWAYS':
      return policy.kind;
    case 'PERCENTILE':
      return `${formatDecimal(policy.percentile)}p`;
    case 'FIXED':
      return `${policy.ms}ms`;
    case 'HYBRID':
      return `${policy.fn}(${formatSpeculativeRetryPolicy(policy.percentile)},${formatSpeculativeRetryPolicy(policy.fixed)})`;
  }
}

/** DecimalFormat("#.####"): at most four fraction digits, none when whole. */
function formatDecimal(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** What a threshold is computed from: the recorded latencies (count and percentiles, in milliseconds). */
export interface LatencySample {
  readonly count: number;
  valueAtMs(quantile: number): number;
}

/**
 * SpeculativeRetryPolicy.calculateThreshold: the delay in milliseconds after which to speculate, from the
 * table's coordinator latencies; a policy that needs samples keeps `existingMs` while there are none.
 */
export function speculationThresholdMs(policy: SpeculativeRetryPolicy, latency: LatencySample, existingMs: number): number {
  switch (policy.kind) {
    case 'NEVER':
      return Infinity;
    case 'ALWAYS':
      return 0;
    case 'FIXED':
      return policy.ms;
    case 'PERCENTILE':
      return latency.count <= 0 ? existingMs : latency.valueAtMs(policy.percentile / 100);
    case 'HYBRID': {
      if (latency.count <= 0) return existingMs;
      const fromPercentile = latency.valueAtMs(policy.percentile.percentile / 100);
      return policy.fn === 'MIN' ? Math.min(fromPercentile, policy.fixed.ms) : Math.max(fromPercentile, policy.fixed.ms);
    }
  }
}
