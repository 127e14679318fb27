import { describe, expect, it } from 'vitest';
import { serialize } from '../codecs/serialization.js';
import type { CqlType } from '../cql-type.js';
import { parseDuration } from '../duration.js';
import { formatCqlType } from '../type-format.js';
import { fromJsonValue } from './from-json.js';
import { parseJson } from './json-parser.js';
import { abcType, list, map, set, t, tuple, udt, vector } from './testing/json-test-types.js';
import { toJsonText } from './to-json.js';

const UUID_9 = '6bddc89a-5644-11e4-97fc-56847afe9799';
const TIME_UUID = '6bddc89a-5644-11e4-97fc-56847afe9799';

function roundTrip(type: CqlType, bytes: Buffer): Buffer | null {
  return fromJsonValue(type, parseJson(toJsonText(type, bytes)), 'v');
}

describe('values survive toJsonText then fromJsonValue', () => {
  it.each<[string, CqlType, unknown]>([
    ['ascii', t('ascii'), 'with "quotes" and \\ and \n'],
    ['text', t('text'), 'ΎΔδϠ 😀 \u0000\u001f'],
    ['bigint', t('bigint'), -(2n ** 63n)],
    ['bigint max', t('bigint'), 2n ** 63n - 1n],
    ['blob', t('blob'), Buffer.from('deadbeef00', 'hex')],
    ['boolean', t('boolean'), true],
    ['date', t('date'), -100000],
    ['decimal', t('decimal'), { unscaled: -123n, scale: 14 }],
    ['double', t('double'), 1.2345678901234567e-300],
    ['float', t('float'), Math.fround(3.4028235e38)],
    ['inet', t('inet'), '2001:db8:0:0:0:0:0:1'],
    ['int', t('int'), -(2 ** 31)],
    ['smallint', t('smallint'), -32768],
    ['tinyint', t('tinyint'), -128],
    ['time', t('time'), 86399999999999n],
    // A JSON integer that fits an int is refused by TimestampType, but the JSON of a timestamp is a string.
    ['timestamp', t('timestamp'), 1700000000123n],
    ['timeuuid', t('timeuuid'), TIME_UUID],
    ['uuid', t('uuid'), UUID_9],
    ['varint', t('varint'), -(10n ** 40n)],
    ['duration (testDurationJsonRoundtrip)', t('duration'), parseDuration('6h40m')],
    ['negative duration', t('duration'), parseDuration('-1y2mo3d4h5m6s7ms8us9ns')],
    ['list', list(t('text')), ['b', 'a', 'b']],
    ['set', set(t('int')), [3, 1, 2]],
    ['map', map(t('text'), list(t('int'), true)), [['x', [1]], ['y', []]]],
    ['map with timestamp keys', map(t('timestamp'), t('int')), [[0n, 1], [1700000000123n, 2]]],
    ['map with blob keys', map(t('blob'), t('int')), [[Buffer.of(1), 1]]],
    ['map with tuple keys', map(tuple(t('int'), t('text')), t('boolean')), [[[0, 'a'], true], [[1, 'b"'], false]]],
    ['nested map keys', map(map(set(t('text'), true), t('text'), true), t('boolean')), [[[[['0', '1'], 'a']], true]]],
    ['tuple', tuple(t('int'), t('text'), t('uuid')), [1, null, UUID_9]],
    ['UDT', abcType, [1, UUID_9, ['foo', 'bar']]],
    ['UDT with a case-sensitive field', udt('cs', [{ name: 'a', type: t('int') }, { name: 'Foo', type: t('int') }]), [0, 1]],
    ['vector', vector(t('double'), 2), [0.1, -2]],
  ])('%s', (_what, type, value) => {
    const bytes = serialize(type, value);
    expect(roundTrip(type, bytes)).toEqual(bytes);
  });
});

it('keeps a decimal\'s value but not always its scale, since a JSON number passes through a Double', () => {
  const bytes = serialize(t('decimal'), { unscaled: 5n, scale: -3 });
  expect(toJsonText(t('decimal'), bytes)).toBe('5E+3');
  expect(roundTrip(t('decimal'), bytes)).toEqual(serialize(t('decimal'), { unscaled: 50000n, scale: 1 }));
});

describe('JSON text survives fromJsonValue then toJsonText (SELECT JSON after INSERT JSON)', () => {
  const b = t('boolean');
  const cases: [CqlType, string][] = [
    [map(t('int'), b), '{"0": true, "1": false}'],
    [map(t('varint'), b), '{"0": true, "1": false}'],
    [map(b, b), '{"false": false, "true": true}'],
    [map(t('float'), b), '{"1.23": true, "4.56": false}'],
    [map(t('decimal'), b), '{"1.23": true, "4.56": false}'],
    [map(tuple(t('int'), t('text')), b), '{"[0, \\"a\\"]": true, "[1, \\"b\\"]": false}'],
    [map(udt('a', [{ name: 'a', type: t('int') }]), b), '{"{\\"a\\": 0}": true, "{\\"a\\": 1}": false}'],
    [map(set(t('int'), true), b), '{"[0, 1, 2]": true, "[3, 4, 5]": false}'],
    [map(set(t('text'), true), b), '{"[\\"0\\", \\"1\\"]": true, "[\\"3\\", \\"4\\"]": false}'],
    [map(set(t('int'), true), b, true), '{"[0, 1, 2]": true, "[3, 4, 5]": false}'],
    [udt('nested', [{ name: 'a', type: t('int') }, { name: 'b', type: set(t('int'), true) }, { name: 'c', type: tuple(t('int'), t('int')) }]),
      '{"a": 0, "b": [1, 2, 3], "c": [0, 1]}'],
  ];
  it.each(cases.map(([type, text]) => [formatCqlType(type), type, text] as const))('%s', (_name, type, text) => {
    const bytes = fromJsonValue(type, parseJson(text), 'v');
    expect(toJsonText(type, bytes!)).toBe(text);
  });
});
