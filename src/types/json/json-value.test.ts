import { describe, expect, it } from 'vitest';
import { parseJson } from './json-parser.js';
import { jsonValueOf } from './json-value.js';

describe('jsonValueOf', () => {
  it('reads what JSON.parse made as parseJson reads the same text', () => {
    const text = '{"a": [1, -2.5, 1e+21, "x", true, null], "b": {"c": 0}}';
    expect(jsonValueOf(JSON.parse(text))).toEqual(parseJson(text));
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => jsonValueOf(Number.NaN)).toThrow('NaN is not a JSON number');
    expect(() => jsonValueOf([1n])).toThrow('a bigint is not a JSON value');
  });
});
