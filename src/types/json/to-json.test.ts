import { describe, expect, it } from 'vitest';
import { serialize } from '../codecs/serialization.js';
import type { CqlType } from '../cql-type.js';
import { parseDuration } from '../duration.js';
import { abcType, list, map, set, t, tuple, udt, vector } from './testing/json-test-types.js';
import { toJsonText } from './to-json.js';

const UUID_8 = '6bddc89a-5644-11e4-97fc-56847afe9798';
const UUID_9 = '6bddc89a-5644-11e4-97fc-56847afe9799';
const PAGING_UUID = '2dd2cd62-6af3-4cf6-96fc-91b9ab62eedc';

function json(type: CqlType, value: unknown): string {
  return toJsonText(type, serialize(type, value));
}

describe('toJsonText of native types (JsonTest.testToJsonFct)', () => {
  it.each<[string, CqlType, unknown, string]>([
    ['ascii', t('ascii'), 'ascii text', '"ascii text"'],
    ['empty ascii', t('ascii'), '', '""'],
    ['bigint', t('bigint'), 123123123123n, '123123123123'],
    ['zero bigint', t('bigint'), 0n, '0'],
    ['negative bigint', t('bigint'), -123123123123n, '-123123123123'],
    ['blob', t('blob'), Buffer.of(0, 0, 0, 1), '"0x00000001"'],
    ['empty blob', t('blob'), Buffer.alloc(0), '"0x"'],
    ['true', t('boolean'), true, 'true'],
    ['false', t('boolean'), false, 'false'],
    ['date', t('date'), 6290, '"1987-03-23"'],
    ['decimal', t('decimal'), '123123.123123', '123123.123123'],
    ['small decimal', t('decimal'), '-1.23E-12', '-1.23E-12'],
    ['double', t('double'), 123123.123123, '123123.123123'],
    ['whole double', t('double'), 123123, '123123.0'],
    ['float', t('float'), Math.fround(123.123), '123.123'],
    ['whole float', t('float'), 123123, '123123.0'],
    ['inet', t('inet'), '127.0.0.1', '"127.0.0.1"'],
    ['inet6', t('inet'), '::1', '"0:0:0:0:0:0:0:1"'],
    ['int', t('int'), 123123, '123123'],
    ['zero int', t('int'), 0, '0'],
    ['negative int', t('int'), -123123, '-123123'],
    ['smallint', t('smallint'), 32767, '32767'],
    ['zero smallint', t('smallint'), 0, '0'],
    ['negative smallint', t('smallint'), -32768, '-32768'],
    ['tinyint', t('tinyint'), 127, '127'],
    ['zero tinyint', t('tinyint'), 0, '0'],
    ['negative tinyint', t('tinyint'), -128, '-128'],
    ['empty text', t('text'), '', '""'],
    ['text', t('text'), 'abcd', '"abcd"'],
    ['CJK text', t('text'), '\u8422', '"\u8422"'],
    ['NUL text', t('text'), '\u0000', '"\\u0000"'],
    ['time', t('time'), 123n, '"00:00:00.000000123"'],
    ['time of day', t('time'), 27307000111222n, '"07:35:07.000111222"'],
    ['timestamp', t('timestamp'), 1388534400000n, '"2014-01-01 00:00:00.000Z"'],
    ['timeuuid', t('timeuuid'), UUID_9, `"${UUID_9}"`],
    ['uuid', t('uuid'), UUID_9, `"${UUID_9}"`],
    ['varint', t('varint'), 123123123123123123123n, '123123123123123123123'],
    ['duration in µs', t('duration'), parseDuration('12µs'), '"12us"'],
    ['ISO duration', t('duration'), parseDuration('P1Y1M2DT10H5M'), '"1y1mo2d10h5m"'],
    ['negative duration', t('duration'), parseDuration('-6h40m'), '"-6h40m"'],
    ['counter', t('counter'), 42n, '42'],
  ])('%s', (_what, type, value, text) => {
    expect(json(type, value)).toBe(text);
  });

  it('writes NaN and infinities as null, which JSON has instead (testJsonWithNaNAndInfinity)', () => {
    for (const type of [t('float'), t('double')]) {
      expect([NaN, Infinity, -Infinity].map((v) => json(type, v))).toEqual(['null', 'null', 'null']);
    }
  });

  it('escapes text as Jackson does: short escapes, other control characters as \\u00XX', () => {
    expect(json(t('text'), 'a"b\\c/d\b\f\n\r\t\u0001\u001f\u007f\u2028é')).toBe(
      '"a\\"b\\\\c/d\\b\\f\\n\\r\\t\\u0001\\u001F\u007f\u2028é"');
  });

  it('writes an empty value of a non-text type as ""', () => {
    for (const type of [t('int'), t('boolean'), t('uuid'), t('timestamp'), t('decimal'), list(t('int'), true)]) {
      expect(toJsonText(type, Buffer.alloc(0))).toBe('""');
    }
  });
});

describe('toJsonText of decimals (BigDecimal.toString)', () => {
  it.each<[bigint, number, string]>([
    [1n, -3, '1E+3'], [123n, -2, '1.23E+4'], [0n, -2, '0E+2'], [0n, 2, '0.00'], [0n, 0, '0'], [-5n, 1, '-0.5'],
    [1n, 6, '0.000001'], [1n, 7, '1E-7'], [12n, 8, '1.2E-7'], [123456789n, 4, '12345.6789'],
    [-123456789012345678901234567890n, 10, '-12345678901234567890.1234567890'],
  ])('%s × 10^-%s → %s', (unscaled, scale, text) => {
    expect(json(t('decimal'), { unscaled, scale })).toBe(text);
  });
});

describe('toJsonText of timestamps (SimpleDateFormat yyyy-MM-dd HH:mm:ss.SSSX in UTC)', () => {
  it.each<[bigint, string]>([
    [0n, '1970-01-01 00:00:00.000Z'],
    [-1n, '1969-12-31 23:59:59.999Z'],
    [123123123123n, '1973-11-26 00:52:03.123Z'],
    [253402300800000n, '10000-01-01 00:00:00.000Z'],
    [-12219292800000n, '1582-10-15 00:00:00.000Z'],
    // java.util's calendar is Julian before the Gregorian reform, and counts years of the era.
    [-12219292800001n, '1582-10-04 23:59:59.999Z'],
    [-62135596800000n, '0001-01-03 00:00:00.000Z'],
    [-62135769600000n, '0001-01-01 00:00:00.000Z'],
    [-62135769600001n, '0001-12-31 23:59:59.999Z'],
  ])('%s → %s', (ms, text) => {
    expect(json(t('timestamp'), ms)).toBe(`"${text}"`);
  });
});

describe('toJsonText of collections, tuples and UDTs (JsonTest)', () => {
  it.each<[string, CqlType, unknown, string]>([
    ['list', list(t('int')), [1, 2, 3], '[1, 2, 3]'],
    ['frozen list', list(t('int'), true), [1, 2, 3], '[1, 2, 3]'],
    ['empty frozen list', list(t('int'), true), [], '[]'],
    ['set', set(t('uuid')), [UUID_9, UUID_8], `["${UUID_8}", "${UUID_9}"]`],
    ['map', map(t('ascii'), t('int')), [['a', 1], ['b', 2]], '{"a": 1, "b": 2}'],
    ['tuple', tuple(t('int'), t('ascii'), t('uuid')), [1, 'foobar', UUID_9], `[1, "foobar", "${UUID_9}"]`],
    ['tuple with null', tuple(t('int'), t('ascii'), t('uuid')), [1, 'foobar', null], '[1, "foobar", null]'],
    ['UDT', abcType, [1, UUID_9, ['foo', 'bar']], `{"a": 1, "b": "${UUID_9}", "c": ["bar", "foo"]}`],
    ['UDT with null', abcType, [1, UUID_9, null], `{"a": 1, "b": "${UUID_9}", "c": null}`],
    ['vector', vector(t('float'), 3), [1, 2.5, -0.125], '[1.0, 2.5, -0.125]'],
    ['vector of text', vector(t('text'), 2), ['a', 'b"'], '["a", "b\\""]'],
    ['frozen tuple key', tuple(t('uuid'), t('int')), [PAGING_UUID, 2], `["${PAGING_UUID}", 2]`],
    ['map of tuples', map(t('int'), tuple(t('uuid'), t('int')), true), [[1, [PAGING_UUID, 1]], [2, [PAGING_UUID, 2]]],
      `{"1": ["${PAGING_UUID}", 1], "2": ["${PAGING_UUID}", 2]}`],
    ['set of tuples', set(tuple(list(t('int'), true), t('int')), true), [[[1, 2], 1], [[2, 3], 2]],
      '[[[1, 2], 1], [[2, 3], 2]]'],
    ['list of tuples', list(tuple(t('uuid'), t('int')), true), [[PAGING_UUID, 2], [PAGING_UUID, 3]],
      `[["${PAGING_UUID}", 2], ["${PAGING_UUID}", 3]]`],
    ['UDT with a list', udt('abl', [{ name: 'a', type: t('int') }, { name: 'b', type: t('int') }, { name: 'c', type: list(t('text')) }]),
      [1, 2, ['1', '2']], '{"a": 1, "b": 2, "c": ["1", "2"]}'],
  ])('%s', (_what, type, value, text) => {
    expect(json(type, value)).toBe(text);
  });

  it('quotes UDT field names that are not lower case, and only those (testCaseSensitivity)', () => {
    const type = udt('cs', [{ name: 'a', type: t('int') }, { name: 'Foo', type: t('int') }, { name: 'select', type: t('int') }]);
    expect(json(type, [0, 0, 1])).toBe('{"a": 0, "\\"Foo\\"": 0, "select": 1}');
  });

  it('writes fields missing at the end of a UDT value as null (testAlterUDT)', () => {
    const before = udt('ab', [{ name: 'a', type: t('int') }]);
    const after = udt('ab', [{ name: 'a', type: t('int') }, { name: 'b', type: t('boolean') }]);
    expect(toJsonText(after, serialize(before, [0]))).toBe('{"a": 0, "b": null}');
  });
});

describe('toJsonText of maps with non-string keys (testInsertJsonSyntaxWithNonNativeMapKeys)', () => {
  const b = t('boolean');
  it.each<[string, CqlType, unknown, string]>([
    ['int', map(t('int'), b), [[0, true], [1, false]], '{"0": true, "1": false}'],
    ['bigint', map(t('bigint'), b), [[0n, true], [1n, false]], '{"0": true, "1": false}'],
    ['varint', map(t('varint'), b), [[0n, true], [1n, false]], '{"0": true, "1": false}'],
    ['smallint', map(t('smallint'), b), [[0, true], [1, false]], '{"0": true, "1": false}'],
    ['tinyint', map(t('tinyint'), b), [[0, true], [1, false]], '{"0": true, "1": false}'],
    ['boolean', map(b, b), [[true, true], [false, false]], '{"false": false, "true": true}'],
    ['float', map(t('float'), b), [[1.23, true], [4.56, false]], '{"1.23": true, "4.56": false}'],
    ['double', map(t('double'), b), [[1.23, true], [4.56, false]], '{"1.23": true, "4.56": false}'],
    ['decimal', map(t('decimal'), b), [['1.23', true], ['4.56', false]], '{"1.23": true, "4.56": false}'],
    ['tuple', map(tuple(t('int'), t('text')), b), [[[0, 'a'], true], [[1, 'b'], false]],
      '{"[0, \\"a\\"]": true, "[1, \\"b\\"]": false}'],
    ['UDT', map(udt('a', [{ name: 'a', type: t('int') }]), b), [[[0], true], [[1], false]],
      '{"{\\"a\\": 0}": true, "{\\"a\\": 1}": false}'],
    ['set<int>', map(set(t('int'), true), b), [[[0, 1, 2], true], [[3, 4, 5], false]], '{"[0, 1, 2]": true, "[3, 4, 5]": false}'],
    ['list<int>', map(list(t('int'), true), b), [[[0, 1, 2], true], [[3, 4, 5], false]], '{"[0, 1, 2]": true, "[3, 4, 5]": false}'],
    ['set<text>', map(set(t('text'), true), b), [[['0', '1'], true], [['3', '4'], false]],
      '{"[\\"0\\", \\"1\\"]": true, "[\\"3\\", \\"4\\"]": false}'],
    ['map<set<text>, text>', map(map(set(t('text'), true), t('text'), true), b),
      [[[[['0', '1'], 'a']], true], [[[['3', '4'], 'b']], false]],
      '{"{\\"[\\\\\\"0\\\\\\", \\\\\\"1\\\\\\"]\\": \\"a\\"}": true, "{\\"[\\\\\\"3\\\\\\", \\\\\\"4\\\\\\"]\\": \\"b\\"}": false}'],
    ['NaN', map(t('double'), b), [[NaN, true]], '{"null": true}'],
  ])('%s keys', (_what, type, value, text) => {
    expect(json(type, value)).toBe(text);
  });
});
