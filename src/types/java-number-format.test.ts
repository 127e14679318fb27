import { describe, expect, it } from 'vitest';
import { formatJavaDouble, formatJavaFloat } from './java-number-format.js';

describe('formatJavaDouble', () => {
  it.each([
    [1, '1.0'], [0.1, '0.1'], [1e7, '1.0E7'], [1234567, '1234567.0'], [1e-4, '1.0E-4'], [0.001, '0.001'],
    [1.5e300, '1.5E300'], [-2.5, '-2.5'], [NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'],
    [-0, '-0.0'], [0, '0.0'], [123.456, '123.456'], [9999999.5, '9999999.5'], [1.2345e-7, '1.2345E-7'],
  ])('%s → %s', (value, text) => {
    expect(formatJavaDouble(value)).toBe(text);
  });
});

describe('formatJavaFloat', () => {
  it.each([
    [0.1, '0.1'], [1.1, '1.1'], [3.4028235e38, '3.4028235E38'], [16777216, '1.6777216E7'], [0.5, '0.5'],
    [1e-10, '1.0E-10'], [NaN, 'NaN'],
  ])('%s → %s', (value, text) => {
    expect(formatJavaFloat(Math.fround(value))).toBe(text);
  });
});
