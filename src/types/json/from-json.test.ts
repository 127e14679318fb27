import { describe, expect, it } from 'vitest';
import { InvalidRequestError, ServerError } from '../../errors/index.js';
import { deserialize, serialize } from '../codecs/serialization.js';
import type { CqlType } from '../cql-type.js';
import { parseDuration } from '../duration.js';
import { fromJsonValue } from './from-json.js';
import { parseJson } from './json-parser.js';
import { abcType, list, map, set, t, tuple, udt, vector } from './testing/json-test-types.js';

const UUID_8 = '6bddc89a-5644-11e4-97fc-56847afe9798';
const UUID_9 = '6bddc89a-5644-11e4-97fc-56847afe9799';
const CAST_INTEGER = 'class java.lang.Integer cannot be cast to class java.lang.String '
  + "(java.lang.Integer and java.lang.String are in module java.base of loader 'bootstrap')";

/** fromJson(text) for a receiver of type `type`, as serialized bytes. */
function fromJson(type: CqlType, text: string): Buffer | null {
  return fromJsonValue(type, parseJson(text), 'v');
}

/** The decoded value fromJson(text) stores. */
function decoded(type: CqlType, text: string): unknown {
  const bytes = fromJson(type, text);
  return bytes === null ? null : deserialize(type, bytes);
}

function errorOf(type: CqlType, text: string): string {
  try {
    fromJson(type, text);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidRequestError);
    return (e as Error).message;
  }
  throw new Error(`no error for ${text}`);
}

describe('fromJsonValue of native types (JsonTest.testFromJsonFct)', () => {
  it.each<[CqlType, string, unknown]>([
    [t('ascii'), '"ascii text"', 'ascii text'],
    [t('ascii'), '"ascii \\" text"', 'ascii " text'],
    [t('bigint'), '123123123123', 123123123123n],
    [t('bigint'), '"123123123123"', 123123123123n],
    [t('blob'), '"0x00000001"', Buffer.of(0, 0, 0, 1)],
    [t('blob'), '"0x"', Buffer.alloc(0)],
    [t('boolean'), 'true', true],
    [t('boolean'), 'false', false],
    [t('boolean'), '"false"', false],
    [t('boolean'), '"TRUE"', true],
    [t('date'), '"1987-03-23"', 6290],
    [t('date'), '"2147483648"', 0],
    [t('decimal'), '123123.123123', { unscaled: 123123123123n, scale: 6 }],
    [t('decimal'), '123123', { unscaled: 123123n, scale: 0 }],
    [t('decimal'), '"123123.123123"', { unscaled: 123123123123n, scale: 6 }],
    [t('decimal'), '"-1.23E-12"', { unscaled: -123n, scale: 14 }],
    [t('double'), '123123.123123', 123123.123123],
    [t('double'), '123123', 123123],
    [t('double'), '"123123"', 123123],
    [t('float'), '123123.123123', Math.fround(123123.123123)],
    [t('float'), '123123', 123123],
    [t('float'), '"123123.0"', 123123],
    [t('inet'), '"127.0.0.1"', '127.0.0.1'],
    [t('inet'), '"::1"', '0:0:0:0:0:0:0:1'],
    [t('int'), '123123', 123123],
    [t('int'), '"123123"', 123123],
    [t('smallint'), '32767', 32767],
    [t('smallint'), '"32767"', 32767],
    [t('tinyint'), '127', 127],
    [t('tinyint'), '"127"', 127],
    [t('text'), '""', ''],
    [t('text'), '"abcd"', 'abcd'],
    [t('text'), '"some \\" text"', 'some " text'],
    [t('text'), '"\\u2013"', '\u2013'],
    [t('text'), '"a\\ud800b"', 'a?b'],
    [t('time'), '"07:35:07.000111222"', 27307000111222n],
    [t('timestamp'), '123123123123', 123123123123n],
    [t('timestamp'), '"2014-01-01"', 1388534400000n],
    [t('timestamp'), '"2014-01-01 00:00:00.000Z"', 1388534400000n],
    [t('timestamp'), '"123"', 123n],
    [t('timeuuid'), `"${UUID_9}"`, UUID_9],
    [t('timeuuid'), `"${UUID_9.toUpperCase()}"`, UUID_9],
    [t('uuid'), `"${UUID_9}"`, UUID_9],
    [t('uuid'), `"${UUID_9.toUpperCase()}"`, UUID_9],
    [t('varint'), '123123123123', 123123123123n],
    [t('varint'), '"1234567890123456789012345678901234567890"', 1234567890123456789012345678901234567890n],
    [t('varint'), '123456789012345678901234567890', 123456789012345678901234567890n],
    [t('duration'), '"53us"', parseDuration('53us')],
    [t('duration'), '"P2W"', { months: 0, days: 14, nanoseconds: 0n }],
  ])('%j from %s', (type, text, value) => {
    expect(decoded(type, text)).toEqual(value);
  });

  it('gives null for JSON null, whatever the type', () => {
    for (const type of [t('ascii'), map(t('ascii'), t('int'), true), abcType]) expect(fromJson(type, 'null')).toBeNull();
  });

  it('reads an empty string as an empty value where fromString does', () => {
    for (const type of [t('int'), t('bigint'), t('smallint'), t('tinyint'), t('float'), t('double'), t('uuid'),
      t('timeuuid'), t('timestamp'), t('inet'), t('duration')]) {
      expect(fromJson(type, '""')).toEqual(Buffer.alloc(0));
    }
    expect(decoded(t('boolean'), '""')).toBe(false);
  });

  it('reads numbers for floats and doubles as Java does', () => {
    expect(decoded(t('double'), '"1.5d"')).toBe(1.5);
    expect(decoded(t('double'), '" 2.5f "')).toBe(2.5);
    expect(decoded(t('double'), '"0x1.8p1"')).toBe(3);
    expect(decoded(t('double'), '"-Infinity"')).toBe(-Infinity);
    expect(decoded(t('double'), '"NaN"')).toBeNaN();
    expect(decoded(t('double'), '1e400')).toBe(Infinity);
    expect(decoded(t('double'), '123456789012345678901234567890')).toBe(1.2345678901234568e29);
  });

  it('reads a decimal written as a JSON number through a Double, as Cassandra does', () => {
    expect(decoded(t('decimal'), '0.1000000000000000055511151231257827')).toEqual({ unscaled: 1n, scale: 1 });
    expect(decoded(t('decimal'), '1e10')).toEqual({ unscaled: 10n, scale: -9 });
    expect(decoded(t('decimal'), '1E2')).toEqual({ unscaled: 1000n, scale: 1 });
    expect(decoded(t('decimal'), '"0.1000000000000000055511151231257827"'))
      .toEqual({ unscaled: 1000000000000000055511151231257827n, scale: 34 });
  });

  it('takes the timestamp "now" from the given clock', () => {
    const bytes = fromJsonValue(t('timestamp'), 'now', 'v', () => 1234);
    expect(deserialize(t('timestamp'), bytes!)).toBe(1234n);
  });
});

describe('fromJsonValue errors for native types (JsonTest.testFromJsonFct)', () => {
  it.each<[CqlType, string, string]>([
    [t('ascii'), '"\\u1fff\\u2013\\u33B4\\u2014"',
      'Invalid ASCII character in string literal: java.nio.charset.UnmappableCharacterException: Input length = 1'],
    [t('ascii'), '"\ud83d\ude00"',
      'Invalid ASCII character in string literal: java.nio.charset.UnmappableCharacterException: Input length = 2'],
    [t('ascii'), '"a\\ud800"',
      'Invalid ASCII character in string literal: java.nio.charset.MalformedInputException: Input length = 1'],
    [t('ascii'), '123', 'Expected an ascii string, but got a Integer: 123'],
    [t('bigint'), '9223372036854775808', 'Expected a bigint value, but got a BigInteger: 9223372036854775808'],
    [t('bigint'), '123.456', 'Expected a bigint value, but got a Double: 123.456'],
    [t('bigint'), '"abc"', "Unable to make long from 'abc'"],
    [t('bigint'), '["abc"]', 'Expected a bigint value, but got a ArrayList: [abc]'],
    [t('blob'), '"xyzz"', "Value 'xyzz' is not a valid blob representation: String representation of blob is missing 0x prefix: xyzz"],
    [t('blob'), '"123"', "Value '123' is not a valid blob representation: String representation of blob is missing 0x prefix: 123"],
    [t('blob'), '"0x123"', "Value '0x123' is not a valid blob representation: cannot parse '123' as hex bytes"],
    [t('blob'), '"0xzz"', "Value '0xzz' is not a valid blob representation: cannot parse 'zz' as hex bytes"],
    [t('blob'), '123', `Value '123' is not a valid blob representation: ${CAST_INTEGER}`],
    [t('boolean'), '"abc"', "Unable to make boolean from 'abc'"],
    [t('boolean'), '123', 'Expected a boolean value, but got a Integer: 123'],
    [t('date'), '123', 'Expected a string representation of a date value, but got a Integer: 123'],
    [t('date'), '"xyz"', "Unable to coerce 'xyz' to a formatted date (long)"],
    [t('decimal'), '"xyzz"', "Value 'xyzz' is not a valid representation of a decimal value"],
    [t('decimal'), 'true', "Value 'true' is not a valid representation of a decimal value"],
    [t('decimal'), '""', "Value '' is not a valid representation of a decimal value"],
    [t('decimal'), '1e400', "Value 'Infinity' is not a valid representation of a decimal value"],
    [t('double'), '"xyzz"', "Unable to make double from 'xyzz'"],
    [t('double'), 'true', 'Expected a double value, but got a Boolean: true'],
    [t('float'), '"xyzz"', "Unable to make float from 'xyzz'"],
    [t('float'), 'true', 'Expected a float value, but got a Boolean: true'],
    [t('inet'), '"xyzz"', "Unable to make inet address from 'xyzz'"],
    [t('inet'), '123', 'Expected a string representation of an inet value, but got a Integer: 123'],
    [t('int'), '2147483648', 'Expected an int value, but got a Long: 2147483648'],
    [t('int'), '123.456', 'Expected an int value, but got a Double: 123.456'],
    [t('int'), '1.0', 'Expected an int value, but got a Double: 1.0'],
    [t('int'), '"xyzz"', "Unable to make int from 'xyzz'"],
    [t('int'), '" 1"', "Unable to make int from ' 1'"],
    [t('int'), 'true', 'Expected an int value, but got a Boolean: true'],
    [t('int'), '{"a": [1, null]}', 'Expected an int value, but got a LinkedHashMap: {a=[1, null]}'],
    [t('smallint'), '32768', "Unable to make short from '32768'"],
    [t('smallint'), '123.456', "Unable to make short from '123.456'"],
    [t('smallint'), '1e2', "Unable to make short from '100.0'"],
    [t('smallint'), '"xyzz"', "Unable to make short from 'xyzz'"],
    [t('smallint'), 'true', 'Expected a short value, but got a Boolean: true'],
    [t('tinyint'), '128', "Unable to make byte from '128'"],
    [t('tinyint'), '123.456', "Unable to make byte from '123.456'"],
    [t('tinyint'), '"xyzz"', "Unable to make byte from 'xyzz'"],
    [t('tinyint'), 'true', 'Expected a byte value, but got a Boolean: true'],
    [t('text'), '123', 'Expected a UTF-8 string, but got a Integer: 123'],
    [t('time'), '123456', 'Expected a string representation of a time value, but got a Integer: 123456'],
    [t('time'), '"xyz"', "(TimeType) Unable to coerce 'xyz' to a formatted time (long)"],
    [t('timestamp'), '123.456', 'Expected a long or a datestring representation of a timestamp value, but got a Double: 123.456'],
    // TimestampType.fromJSONObject takes a Long but not an Integer.
    [t('timestamp'), '123', 'Expected a long or a datestring representation of a timestamp value, but got a Integer: 123'],
    [t('timestamp'), '"abcd"', "Unable to parse a date/time from 'abcd'"],
    [t('timeuuid'), '"00000000-0000-0000-0000-000000000000"', 'TimeUUID supports only version 1 UUIDs'],
    [t('timeuuid'), '123', 'Expected a string representation of a timeuuid, but got a Integer: 123'],
    [t('timeuuid'), '"abc"', 'Unknown timeuuid representation: abc'],
    [t('uuid'), '"00000000-0000-0000-zzzz-000000000000"', "Unable to make UUID from '00000000-0000-0000-zzzz-000000000000'"],
    [t('uuid'), '123', 'Expected a string representation of a uuid, but got a Integer: 123'],
    [t('varint'), '123123.123', "Value '123123.123' is not a valid representation of a varint value"],
    [t('varint'), '"xyzz"', "Value 'xyzz' is not a valid representation of a varint value"],
    [t('varint'), '""', "Value '' is not a valid representation of a varint value"],
    [t('varint'), 'true', "Value 'true' is not a valid representation of a varint value"],
    [t('duration'), '"xyz"', "Unable to convert 'xyz' to a duration"],
    [t('duration'), '123', 'Expected a string representation of a duration, but got a Integer: 123'],
  ])('%j from %s', (type, text, message) => {
    expect(errorOf(type, text)).toBe(message);
  });

  it('refuses counters as Cassandra does, with a server error', () => {
    expect(() => fromJson(t('counter'), '1')).toThrow(ServerError);
  });
});

describe('fromJsonValue of collections, tuples and UDTs (JsonTest)', () => {
  it.each<[CqlType, string, unknown]>([
    [list(t('int')), '[1, 2, 3]', [1, 2, 3]],
    [list(t('int'), true), '[1, 2, 3]', [1, 2, 3]],
    [list(t('int')), '["1", 2]', [1, 2]],
    [set(t('uuid')), `["${UUID_9}", "${UUID_8}"]`, [UUID_8, UUID_9]],
    [set(t('uuid')), `["${UUID_8}", "${UUID_8}", "${UUID_9}"]`, [UUID_8, UUID_9]],
    [set(t('int'), true), '[3, 1, 2]', [1, 2, 3]],
    [map(t('ascii'), t('int')), '{"a": 1, "b": 2}', [['a', 1], ['b', 2]]],
    [map(t('ascii'), t('int'), true), '{"b": 2, "a": 1}', [['a', 1], ['b', 2]]],
    [map(t('text'), t('boolean')), '{"a": true, "b": false}', [['a', true], ['b', false]]],
    [tuple(t('int'), t('ascii'), t('uuid')), `[1, "foobar", "${UUID_9}"]`, [1, 'foobar', UUID_9]],
    [tuple(t('int'), t('ascii'), t('uuid')), `[1, null, "${UUID_9}"]`, [1, null, UUID_9]],
    [tuple(t('int'), t('boolean')), '[0, true]', [0, true]],
    [abcType, `{"a": 1, "b": "${UUID_9}", "c": ["foo", "bar"]}`, [1, UUID_9, ['bar', 'foo']]],
    [abcType, `{"b": "${UUID_9}", "a": 1, "c": ["foo", "bar"]}`, [1, UUID_9, ['bar', 'foo']]],
    [abcType, `{"a": null, "b": "${UUID_9}", "c": ["foo", "bar"]}`, [null, UUID_9, ['bar', 'foo']]],
    [abcType, `{"a": 1, "b": "${UUID_9}"}`, [1, UUID_9, null]],
    [abcType, `{"A": 1}`, [1, null, null]],
    [vector(t('float'), 3), '[1, 2.5, "-0.125"]', [1, 2.5, -0.125]],
    // Collections, tuples and UDTs may also come as a string holding their JSON.
    [list(t('int')), '"[1, 2]"', [1, 2]],
    [tuple(t('int'), t('text')), '"[0, \\"a\\"]"', [0, 'a']],
  ])('%j from %s', (type, text, value) => {
    expect(decoded(type, text)).toEqual(value);
  });

  it('builds empty collections from [] and {}', () => {
    expect(fromJson(list(t('int')), '[]')).toEqual(serialize(list(t('int')), []));
    expect(fromJson(set(t('uuid')), '[]')).toEqual(serialize(set(t('uuid')), []));
    expect(fromJson(map(t('ascii'), t('int')), '{}')).toEqual(serialize(map(t('ascii'), t('int')), []));
  });

  it('reads nested tuples and UDTs (testInsertJsonSyntaxWithTuplesAndUDTs)', () => {
    const type = udt('nested', [
      { name: 'a', type: t('int') }, { name: 'b', type: set(t('int'), true) }, { name: 'c', type: tuple(t('int'), t('int')) },
    ]);
    expect(decoded(type, '{"a": 0, "b": [1, 2, 3], "c": [0, 1]}')).toEqual([0, [1, 2, 3], [0, 1]]);
    expect(decoded(type, '{"a": 0, "b": [1, 2, 3], "c": null}')).toEqual([0, [1, 2, 3], null]);
  });

  it('resolves UDT field names as Cassandra does: "quoted" keeps case, others are lower-cased (testCaseSensitivity)', () => {
    const type = udt('cs', [{ name: 'a', type: t('int') }, { name: 'Foo', type: t('int') }]);
    expect(decoded(type, '{"a": 0, "\\"Foo\\"": 1}')).toEqual([0, 1]);
    expect(decoded(type, '{"A": 0, "\\"Foo\\"": 1}')).toEqual([0, 1]);
    expect(errorOf(type, '{"a": 0, "Foo": 1}')).toBe("Unknown field 'foo' in value of user defined type cs");
    expect(errorOf(type, '{"\\"foo\\"": 1}')).toBe("Unknown field 'foo' in value of user defined type cs");
  });

  it.each<[CqlType, string, string]>([
    [list(t('int')), '123', 'Expected a list, but got a Integer: 123'],
    [list(t('int')), '["abc"]', "Unable to make int from 'abc'"],
    [list(t('int')), '[null]', 'Invalid null element in list'],
    [list(t('int')), '{"a": 1}', 'Expected a list, but got a LinkedHashMap: {a=1}'],
    [set(t('uuid')), '123', 'Expected a list (representing a set), but got a Integer: 123'],
    [set(t('uuid')), '["abc"]', "Unable to make UUID from 'abc'"],
    [set(t('uuid')), '[null]', 'Invalid null element in set'],
    [map(t('ascii'), t('int')), '123', 'Expected a map, but got a Integer: 123'],
    [map(t('ascii'), t('int')), '{"\\u1fff\\u2013\\u33B4\\u2014": 1}',
      'Invalid ASCII character in string literal: java.nio.charset.UnmappableCharacterException: Input length = 1'],
    [map(t('ascii'), t('int')), '{"a": null}', 'Invalid null value in map'],
    [map(t('int'), t('int')), '{"x": 1}', "Unable to make int from 'x'"],
    [tuple(t('int'), t('ascii'), t('uuid')), `[1, "foobar", "${UUID_9}", 1, 2, 3]`,
      `Tuple contains extra items (expected 3): [1, foobar, ${UUID_9}, 1, 2, 3]`],
    [tuple(t('int'), t('ascii'), t('uuid')), '[1, "foobar"]', 'Tuple is missing items (expected 3): [1, foobar]'],
    [tuple(t('int'), t('ascii'), t('uuid')), `["not an int", "foobar", "${UUID_9}"]`, "Unable to make int from 'not an int'"],
    [tuple(t('int')), 'true', 'Expected a list representation of a tuple, but got a Boolean: true'],
    [abcType, '{"xxx": 1}', "Unknown field 'xxx' in value of user defined type abc"],
    [abcType, '{"a": "foobar"}', "Unable to make int from 'foobar'"],
    [abcType, '{"a": "foobar", "xxx": 1}', "Unable to make int from 'foobar'"],
    [abcType, '[1]', 'Expected a map, but got a ArrayList: [1]'],
    [vector(t('float'), 2), '[1, 2, 3]', 'List had incorrect size: expected 2 but given 3; [1, 2, 3]'],
    [vector(t('float'), 2), '[1, null]', 'Invalid null element in list'],
    [vector(t('float'), 2), '{}', 'Expected a list, but got a LinkedHashMap: {}'],
  ])('%j from %s', (type, text, message) => {
    expect(errorOf(type, text)).toBe(message);
  });

  it('reports a collection string that is not JSON', () => {
    expect(errorOf(list(t('int')), '"abc"'))
      .toBe('Error decoding JSON string: Unexpected character "a" (code 97): expected a JSON value at line 1, column 1');
  });
});
