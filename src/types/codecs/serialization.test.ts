import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../errors/index.js';
import { native, type CqlType, type NativeTypeName, type UserType } from '../cql-type.js';
import { parseCqlType } from '../type-parser.js';
import { validateValue } from './validation.js';
import { deserialize, serialize } from './serialization.js';

const address: UserType = {
  kind: 'udt', keyspace: 'ks', name: 'address', frozen: true,
  fields: [{ name: 'street', type: native('text') }, { name: 'zip', type: native('int') }],
};
const type = (text: string): CqlType => parseCqlType(text, (_, name) => (name === 'address' ? address : undefined));

/** Serializes to the expected hex, validates, and reads back `back` (the input itself by default). */
function check(t: CqlType, value: unknown, hex: string, back: unknown = value): void {
  const bytes = serialize(t, value);
  expect(bytes.toString('hex')).toBe(hex);
  validateValue(t, bytes);
  expect(deserialize(t, bytes)).toEqual(back);
}

describe('native codecs (spec §6)', () => {
  it.each<[NativeTypeName, unknown, string, unknown?]>([
    ['ascii', 'abc', '616263'],
    ['text', 'héllo', '68c3a96c6c6f'],
    ['blob', Buffer.from('cafe', 'hex'), 'cafe'],
    ['boolean', true, '01'],
    ['boolean', false, '00'],
    ['tinyint', -1, 'ff'],
    ['smallint', 258, '0102'],
    ['int', 1, '00000001'],
    ['int', -2, 'fffffffe'],
    ['int', 5n, '00000005', 5],
    ['bigint', 1n, '0000000000000001'],
    ['bigint', -1n, 'ffffffffffffffff'],
    ['bigint', 7, '0000000000000007', 7n],
    ['counter', 3n, '0000000000000003'],
    ['varint', 128n, '0080'],
    ['varint', -1n, 'ff'],
    ['varint', 0n, '00'],
    ['float', 1.5, '3fc00000'],
    ['double', 1.5, '3ff8000000000000'],
    ['double', -0, '8000000000000000'],
    ['decimal', { unscaled: 15n, scale: 1 }, '000000010f'],
    ['decimal', '1.5', '000000010f', { unscaled: 15n, scale: 1 }],
    ['decimal', 100n, '0000000064', { unscaled: 100n, scale: 0 }],
    ['timestamp', 1704164645000n, '0000018cc820d888'],
    ['timestamp', new Date(1704164645000), '0000018cc820d888', 1704164645000n],
    ['timestamp', -1n, 'ffffffffffffffff'],
    ['date', 0, '80000000'],
    ['date', -1, '7fffffff'],
    ['date', 19724, '80004d0c'],
    ['date', new Date(Date.UTC(2024, 0, 2, 13)), '80004d0c', 19724],
    ['time', 48654_234_000_000n, '00002c4032559a80'],
    ['uuid', '123e4567-e89b-12d3-a456-426614174000', '123e4567e89b12d3a456426614174000'],
    ['timeuuid', '13814000-1dd2-11b2-8080-808080808080', '138140001dd211b28080808080808080'],
    ['inet', '127.0.0.1', '7f000001'],
    ['inet', '::1', '00000000000000000000000000000001', '0:0:0:0:0:0:0:1'],
    ['duration', { months: 1, days: 2, nanoseconds: 3n }, '020406'],
    ['duration', { months: 0, days: 0, nanoseconds: 1 }, '000002', { months: 0, days: 0, nanoseconds: 1n }],
  ])('%s %o → %s', (name, value, hex, back) => {
    check(native(name), value, hex, back === undefined ? value : back);
  });

  it('reads empty values as null, except for text and blobs', () => {
    expect(deserialize(native('int'), Buffer.alloc(0))).toBeNull();
    expect(deserialize(native('timestamp'), Buffer.alloc(0))).toBeNull();
    expect(deserialize(native('text'), Buffer.alloc(0))).toBe('');
    expect(deserialize(native('blob'), Buffer.alloc(0))).toEqual(Buffer.alloc(0));
  });

  it.each<[NativeTypeName, unknown]>([
    ['int', 2 ** 31], ['int', 1.5], ['int', '1'], ['tinyint', 128], ['smallint', -32769], ['bigint', 1n << 63n],
    ['text', 1], ['boolean', 1], ['uuid', 'nope'], ['inet', 'host'], ['date', 2 ** 31], ['decimal', NaN],
    ['duration', { months: 1 }],
  ])('rejects %s %o', (name, value) => {
    expect(() => serialize(native(name), value)).toThrow(InvalidRequestError);
  });
});

describe('collection, tuple, UDT and vector codecs', () => {
  it('lists: [int n] then [int len][bytes] per element', () => {
    check(type('list<int>'), [1, 2], '00000002' + '0000000400000001' + '0000000400000002');
    check(type('frozen<list<text>>'), [], '00000000');
  });

  it('sets: sorted by the element order, without duplicates', () => {
    check(type('set<int>'), new Set([3, -1, 3]), '00000002' + '00000004ffffffff' + '0000000400000003', [-1, 3]);
    check(type('set<text>'), ['b', 'a', 'b'], '00000002' + '0000000161' + '0000000162', ['a', 'b']);
  });

  it('maps: entries sorted by key; Map, entries or an object', () => {
    const hex = '00000002' + '0000000161' + '0000000400000001' + '0000000162' + '0000000400000002';
    check(type('map<text, int>'), [['b', 2], ['a', 1]], hex, [['a', 1], ['b', 2]]);
    expect(serialize(type('map<text, int>'), new Map([['a', 1], ['b', 2]])).toString('hex')).toBe(hex);
    expect(serialize(type('map<text, int>'), { b: 2, a: 1 }).toString('hex')).toBe(hex);
  });

  it('nested frozen collections', () => {
    check(type('list<frozen<list<int>>>'), [[7]], '00000001' + '0000000c' + '00000001' + '0000000400000007');
  });

  it('tuples: [int len][bytes] per field, -1 for null', () => {
    check(type('tuple<int, text>'), [1, null], '0000000400000001' + 'ffffffff');
    check(type('tuple<int, text>'), [1], '0000000400000001' + 'ffffffff', [1, null]);
    expect(deserialize(type('tuple<int, text>'), Buffer.from('0000000400000001', 'hex'))).toEqual([1, null]);
  });

  it('UDTs: fields in declaration order; arrays or objects by field name', () => {
    const hex = '000000026869' + '0000000400000005';
    check(address, ['hi', 5], hex);
    expect(serialize(address, { zip: 5, street: 'hi' }).toString('hex')).toBe(hex);
    expect(serialize(address, { zip: 5 }).toString('hex')).toBe('ffffffff0000000400000005');
    expect(() => serialize(address, { city: 'x' })).toThrow(InvalidRequestError);
  });

  it('vectors: fixed-size elements packed, others with unsigned vint lengths', () => {
    check(type('vector<float, 2>'), [1.5, -2], '3fc00000c0000000');
    check(type('vector<text, 2>'), ['a', 'bc'], '0161' + '026263');
    check(type('vector<smallint, 2>'), [1, 2], '020001' + '020002');
    expect(() => serialize(type('vector<float, 2>'), [1])).toThrow(new InvalidRequestError('Required 2 elements, but saw 1'));
  });

  it('refuses nulls inside collections', () => {
    expect(() => serialize(type('list<int>'), [1, null])).toThrow(new InvalidRequestError('null is not supported inside collections'));
  });

  it('reads empty collection values as null', () => {
    expect(deserialize(type('list<int>'), Buffer.alloc(0))).toBeNull();
  });
});
