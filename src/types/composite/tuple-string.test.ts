import { describe, expect, it } from 'vitest';
import { deserialize, parseCqlType, validateValue } from '../index.js';
import { tupleFromString } from './tuple-string.js';

function read(type: string, text: string): unknown {
  const t = parseCqlType(type, () => undefined);
  if (t.kind !== 'tuple') throw new Error(`${type} is no tuple`);
  return deserialize(t, tupleFromString(t, text, validateValue));
}

describe('TupleType.fromString', () => {
  it('reads fields separated by colons, @ for null, escapes for both', () => {
    expect(read('tuple<int, text>', '0:foo')).toEqual([0, 'foo']);
    expect(read('tuple<int, text>', '@:1')).toEqual([null, '1']);
    expect(read('tuple<int, text>', '1:1\\:1')).toEqual([1, '1:1']);
    expect(read('tuple<int, text>', '2:\\@')).toEqual([2, '@']);
    expect(read('tuple<int, tuple<text, int>>', '1:x')).toEqual([1, ['x', null]]);
  });

  it('makes a short tuple of fewer fields and refuses more', () => {
    expect(read('tuple<int, text, double>', '5')).toEqual([5, null, null]);
    expect(() => read('tuple<int, text>', '1:2:3')).toThrow('Invalid tuple literal: too many elements. Type frozen<tuple<int, text>> expects 2 but got 3');
  });

  it('reads each field as its type does, with its refusal', () => {
    // A ':' inside a field must be escaped, as in Cassandra: the timestamp's own colon too.
    expect(read('tuple<timestamp, boolean, blob>', '2017-02-03 03\\:05+0000:true:0aff')).toEqual([BigInt(Date.UTC(2017, 1, 3, 3, 5)), true, Buffer.from([10, 255])]);
    expect(() => read('tuple<int>', 'x')).toThrow();
  });
});
