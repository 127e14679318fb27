import { describe, expect, it } from 'vitest';
import { native, type CqlType, type NativeTypeName, type UserType } from './cql-type.js';
import { serialize } from './codecs/serialization.js';
import { formatValue } from './literal-format.js';
import { opaqueCustomType } from './custom-types.js';
import { parseCqlType } from './type-parser.js';

const point: UserType = {
  kind: 'udt', keyspace: 'ks', name: 'point', frozen: true,
  fields: [{ name: 'x', type: native('int') }, { name: 'Label', type: native('text') }],
};
const type = (text: string): CqlType => parseCqlType(text, () => point);
const show = (t: CqlType, value: unknown): string => formatValue(t, serialize(t, value));

describe('formatValue', () => {
  it.each<[NativeTypeName, unknown, string]>([
    ['text', "it's", "'it''s'"],
    ['ascii', '', "''"],
    ['blob', Buffer.from('cafe', 'hex'), '0xcafe'],
    ['boolean', false, 'false'],
    ['int', -5, '-5'],
    ['bigint', 1n << 62n, '4611686018427387904'],
    ['varint', -(1n << 70n), '-1180591620717411303424'],
    ['decimal', { unscaled: 15n, scale: 1 }, '1.5'],
    ['float', 0.1, '0.1'],
    ['double', 1e7, '1.0E7'],
    ['double', NaN, 'NaN'],
    ['uuid', '123e4567-e89b-12d3-a456-426614174000', '123e4567-e89b-12d3-a456-426614174000'],
    ['inet', '::1', "'0:0:0:0:0:0:0:1'"],
    ['timestamp', 1704164645000n, "'2024-01-02T03:04:05.000Z'"],
    ['date', 19724, "'2024-01-02'"],
    ['time', 48654_234_000_000n, "'13:30:54.234000000'"],
    ['duration', { months: 0, days: 1, nanoseconds: 3_600_000_000_000n }, '1d1h'],
    ['duration', { months: 0, days: 0, nanoseconds: 0n }, '0s'],
  ])('%s %o → %s', (name, value, literal) => {
    expect(show(native(name), value)).toBe(literal);
  });

  it('prints empty values of non-text types as null', () => {
    expect(formatValue(native('int'), Buffer.alloc(0))).toBe('null');
    expect(formatValue(native('blob'), Buffer.alloc(0))).toBe('0x');
  });

  it('prints collections, tuples, UDTs and vectors', () => {
    expect(show(type('list<int>'), [1, 2])).toBe('[1, 2]');
    expect(show(type('set<text>'), ['b', 'a'])).toBe("{'a', 'b'}");
    expect(show(type('map<text, int>'), [['a', 1]])).toBe("{'a': 1}");
    expect(show(type('tuple<int, text>'), [1, null])).toBe('(1, null)');
    expect(show(point, [1, 'p'])).toBe(`{x: 1, "Label": 'p'}`);
    expect(show(type('vector<float, 2>'), [1, 2.5])).toBe('[1.0, 2.5]');
    expect(show(type('list<frozen<map<int, frozen<list<text>>>>>'), [[[1, ['x']]]])).toBe("[{1: ['x']}]");
    expect(show(opaqueCustomType('X'), Buffer.from('01', 'hex'))).toBe('0x01');
  });

  it('stops at the fields a short UDT value has', () => {
    expect(formatValue(point, Buffer.from('0000000400000007', 'hex'))).toBe('{x: 7}');
  });
});
