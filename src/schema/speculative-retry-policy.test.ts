import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../errors/index.js';
import {
  formatSpeculativeRetryPolicy, parseSpeculativeRetryPolicy, speculationThresholdMs, type LatencySample,
} from './speculative-retry-policy.js';

const normalised = (text: string): string => formatSpeculativeRetryPolicy(parseSpeculativeRetryPolicy(text));

describe('speculative_retry as SpeculativeRetryPolicy.fromString reads it (SpeculativeRetryParseTest)', () => {
  it.each([
    ['NONE', 'NEVER'], ['None', 'NEVER'], ['Never', 'NEVER'], ['NEVER', 'NEVER'],
    ['ALWAYS', 'ALWAYS'], ['Always', 'ALWAYS'],
    ['95PERCENTILE', '95p'], ['99.5PERCENTILE', '99.5p'], ['99.99PERCENTILE', '99.99p'], ['21.1percentile', '21.1p'], ['78.11p', '78.11p'],
    ['1ms', '1ms'], ['121.1ms', '121ms'], ['21.7MS', '21ms'],
    ['max(99p,53ms)', 'MAX(99p,53ms)'], ['max(53ms,99p)', 'MAX(99p,53ms)'], ['MIN(70MS,90PERCENTILE)', 'MIN(90p,70ms)'],
    ['MIN(70MS,  90PERCENTILE)', 'MIN(90p,70ms)'],
  ])('reads %s as %s, which reads back the same', (text, printed) => {
    expect(normalised(text)).toBe(printed);
    expect(normalised(printed)).toBe(printed);
  });

  it.each([
    ['', "Invalid value  for option 'speculative_retry'"],
    ['-0.1PERCENTILE', "Invalid value -0.1PERCENTILE for option 'speculative_retry'"],
    ['100.1PERCENTILE', "Invalid value 100.1PERCENTILE for PERCENTILE option 'speculative_retry': must be between (0.0 and 100.0)"],
    ['0p', "Invalid value 0p for PERCENTILE option 'speculative_retry': must be between (0.0 and 100.0)"],
    ['1.2.3p', "Invalid value 1.2.3p for option 'speculative_retry'"],
    ['xPERCENTILE', "Invalid value xPERCENTILE for option 'speculative_retry'"],
    ['xyzms', "Invalid value xyzms for option 'speculative_retry'"],
    ['X', "Invalid value X for option 'speculative_retry'"],
    ['MIN(99p,98p)', "Invalid value MIN(99p,98p) for option 'speculative_retry': MIN()/MAX() arguments should be of different types, but both are of type PERCENTILE"],
    ['MAX(10ms,20ms)', "Invalid value MAX(10ms,20ms) for option 'speculative_retry': MIN()/MAX() arguments should be of different types, but both are of type FIXED"],
    ['MIN(150p,50ms)', "Invalid value MIN(150p,50ms) for option 'speculative_retry'"],
    ['MIN(99p,5s)', "Invalid value MIN(99p,5s) for option 'speculative_retry'"],
  ])('refuses %j', (text, message) => {
    expect(() => parseSpeculativeRetryPolicy(text)).toThrow(ConfigurationError);
    expect(() => parseSpeculativeRetryPolicy(text)).toThrow(message);
  });
});

describe('speculationThresholdMs (calculateThreshold)', () => {
  const none: LatencySample = { count: 0, valueAtMs: () => { throw new Error('no samples to read'); } };
  const sampled: LatencySample = { count: 100, valueAtMs: (q) => q * 10 };
  const threshold = (text: string, latency: LatencySample): number => speculationThresholdMs(parseSpeculativeRetryPolicy(text), latency, 2500);

  it('keeps the last threshold while a percentile has no samples, and reads the percentile once it has', () => {
    expect(threshold('99p', none)).toBe(2500);
    expect(threshold('99p', sampled)).toBeCloseTo(9.9);
    expect(threshold('MIN(50p,3ms)', none)).toBe(2500);
    expect(threshold('MIN(50p,3ms)', sampled)).toBe(3);
    expect(threshold('MAX(50p,3ms)', sampled)).toBe(5);
  });

  it('gives fixed delays, 0 for ALWAYS and never for NEVER, samples or not', () => {
    expect(threshold('50ms', none)).toBe(50);
    expect(threshold('ALWAYS', none)).toBe(0);
    expect(threshold('NONE', sampled)).toBe(Infinity);
  });
});
