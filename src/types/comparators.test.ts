import { describe, expect, it } from 'vitest';
import { native, type CqlType, type NativeTypeName } from './cql-type.js';
import { comparatorFor, compareValues } from './comparators.js';
import { serialize } from './codecs/serialization.js';
import { parseCqlType } from './type-parser.js';
import { maxTimeUuid, minTimeUuid, uuidFromString } from './uuid.js';

const type = (text: string): CqlType => parseCqlType(text, () => undefined);

/** Asserts that the values, serialized, sort in the order given (strictly increasing). */
function expectOrdered(t: CqlType, values: readonly unknown[]): void {
  const buffers = values.map((v) => (v instanceof Buffer ? v : serialize(t, v)));
  for (let i = 0; i + 1 < buffers.length; i++) {
    expect(Math.sign(compareValues(t, buffers[i]!, buffers[i + 1]!)), `${i} < ${i + 1}`).toBe(-1);
    expect(Math.sign(compareValues(t, buffers[i + 1]!, buffers[i]!)), `${i + 1} > ${i}`).toBe(1);
    expect(compareValues(t, buffers[i]!, buffers[i]!)).toBe(0);
  }
}

const EMPTY = Buffer.alloc(0);

describe('native comparators', () => {
  it.each<[NativeTypeName, unknown[]]>([
    ['int', [EMPTY, -2147483648, -1, 0, 1, 2147483647]],
    ['bigint', [EMPTY, -(1n << 63n), -4294967296n, -1n, 0n, 4294967295n, 4294967296n, (1n << 63n) - 1n]],
    ['counter', [-1n, 0n, 1n]],
    ['timestamp', [EMPTY, -86400000n, -1n, 0n, 1704164645000n]],
    ['smallint', [-32768, -1, 0, 32767]],
    ['tinyint', [-128, -1, 0, 127]],
    ['varint', [EMPTY, -(1n << 70n), -129n, -128n, -1n, 0n, 1n, 127n, 128n, 255n, 1n << 70n]],
    ['decimal', [EMPTY, '-1e10', '-1.5', '0', '0.001', '1', '1.5', '2e3']],
    ['float', [EMPTY, -Infinity, -1.5, -0, 0, 1e-30, 1, Infinity, NaN]],
    ['double', [EMPTY, -Infinity, -1e300, -0, 0, 5e-324, 1, Infinity, NaN]],
    ['boolean', [EMPTY, false, true]],
    ['text', ['', 'A', 'a', 'ab', 'b', 'é']],
    ['ascii', ['', 'A', 'a', 'b']],
    ['blob', [EMPTY, Buffer.from('00', 'hex'), Buffer.from('0000', 'hex'), Buffer.from('7f', 'hex'), Buffer.from('80', 'hex'), Buffer.from('ff', 'hex')]],
    // Plain unsigned bytes: an IPv6 address starting with zeros sorts before any IPv4 one.
    ['inet', ['::1', '0.0.0.1', '127.0.0.1', '255.255.255.255']],
    // SimpleDateType compares the unsigned wire form, which orders days as signed numbers.
    ['date', [-100, -1, 0, 1, 19724]],
    ['time', [0n, 1n, 86_399_999_999_999n]],
  ])('%s', (name, values) => {
    expectOrdered(native(name), values);
  });

  it('treats decimals of equal value as equal', () => {
    expect(compareValues(native('decimal'), serialize(native('decimal'), '1.0'), serialize(native('decimal'), '1.00'))).toBe(0);
    expect(compareValues(native('float'), serialize(native('float'), NaN), serialize(native('float'), NaN))).toBe(0);
  });

  it('orders timeuuids by time, then by signed clock sequence and node bytes', () => {
    const t1 = '00000000-0000-1000-8000-000000000000';
    const later = uuidFromString('00000001-0000-1000-0000-000000000000');
    const laterMid = uuidFromString('00000000-0001-1000-0000-000000000000');
    const laterHi = uuidFromString('00000000-0000-1001-0000-000000000000');
    expectOrdered(native('timeuuid'), [
      EMPTY, uuidFromString(t1), uuidFromString('00000000-0000-1000-ff00-000000000000'),
      uuidFromString('00000000-0000-1000-0000-000000000000'), uuidFromString('00000000-0000-1000-7f00-000000000000'),
      later, laterMid, laterHi,
    ]);
    expectOrdered(native('timeuuid'), [minTimeUuid(5), maxTimeUuid(5), minTimeUuid(6)]);
  });

  it('orders uuids by version, then time for version 1, then unsigned bytes', () => {
    expectOrdered(native('uuid'), [
      EMPTY,
      uuidFromString('ffffffff-ffff-1000-8000-000000000000'),
      uuidFromString('00000000-0000-1001-8000-000000000000'),
      uuidFromString('00000000-0000-1001-ff00-000000000000'),
      uuidFromString('00000000-0000-4000-8000-000000000000'),
      uuidFromString('00000000-0001-4000-8000-000000000000'),
      uuidFromString('ffffffff-0000-4000-8000-000000000000'),
    ]);
  });
});

describe('composite comparators', () => {
  it('compares frozen lists and sets element-wise, shorter first', () => {
    expectOrdered(type('frozen<list<int>>'), [EMPTY, [], [-1], [-1, 5], [0], [0, 0], [1]]);
    expectOrdered(type('frozen<set<text>>'), [[], ['a'], ['a', 'b'], ['b']]);
  });

  it('compares maps by key, then value, entry by entry', () => {
    expectOrdered(type('frozen<map<int, text>>'), [[], [[1, 'a']], [[1, 'b']], [[1, 'b'], [2, 'a']], [[2, 'a']]]);
  });

  it('compares tuples field by field with nulls first', () => {
    expectOrdered(type('tuple<int, text>'), [EMPTY, [null, 'z'], [-1, null], [-1, 'a'], [0, 'a'], [0, 'b']]);
    const t = type('tuple<int, text>');
    expect(compareValues(t, Buffer.from('0000000400000001', 'hex'), serialize(t, [1, null]))).toBe(0);
  });

  it('compares vectors element-wise', () => {
    expectOrdered(type('vector<float, 2>'), [[-1, 5], [0, -1], [0, 2]]);
    expectOrdered(type('vector<text, 2>'), [['a', 'z'], ['b', 'a'], ['b', 'b']]);
  });

  it('caches one comparator per type object', () => {
    expect(comparatorFor(native('int'))).toBe(comparatorFor(native('int')));
    const t = type('list<int>');
    expect(comparatorFor(t)).toBe(comparatorFor(t));
  });
});
