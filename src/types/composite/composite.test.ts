import { describe, expect, it } from 'vitest';
import { InvalidRequestError, ServerError } from '../../errors/index.js';
import { validateValue } from '../codecs/validation.js';
import { compareValues } from '../comparators.js';
import type { CqlType } from '../cql-type.js';
import { parseMarshalType } from '../marshal-type-parser.js';
import { compositeLayoutOf } from './composite-layout.js';
import { compositeFromString } from './composite-string.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const utf8Hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');

/** Component: [short length][value][end-of-component]. */
const component = (valueHex: string, eoc = '00'): string =>
  (valueHex.length / 2).toString(16).padStart(4, '0') + valueHex + eoc;

function fromString(type: CqlType, text: string): Buffer {
  const layout = compositeLayoutOf(type);
  if (layout === undefined) throw new Error('not a composite');
  return compositeFromString(layout, text, validateValue);
}

const textInt = parseMarshalType('CompositeType(UTF8Type, Int32Type)');
const uuid = '2a7a2ee0-8a1c-11e5-8a1d-dbeb4fd40300';
const bytesTimeuuidVarint = parseMarshalType('CompositeType(BytesType, TimeUUIDType, IntegerType)');
const dynamic = parseMarshalType('DynamicCompositeType(s => UTF8Type, i => Int32Type)');

describe('CompositeType.fromString', () => {
  it('reads one component per type, separated by colons', () => {
    expect(fromString(textInt, 'abc:123').toString('hex')).toBe(component(utf8Hex('abc')) + component('0000007b'));
    // CompositeTypeTest.testFromString: hex bytes, a timeuuid and a varint.
    const key = fromString(bytesTimeuuidVarint, `${utf8Hex('test1')}:${uuid}:42`);
    expect(key.toString('hex')).toBe(component(utf8Hex('test1')) + component(uuid.replaceAll('-', '')) + component('2a'));
  });

  it('takes fewer components, and ends with end-of-component 1 after "!" or -1 after "_"', () => {
    expect(fromString(textInt, 'abc').toString('hex')).toBe(component(utf8Hex('abc')));
    expect(fromString(bytesTimeuuidVarint, `${utf8Hex('test1')}:${uuid}:!`).toString('hex'))
      .toBe(component(utf8Hex('test1')) + component(uuid.replaceAll('-', ''), '01'));
    expect(fromString(textInt, 'abc:_').toString('hex')).toBe(component(utf8Hex('abc'), 'ff'));
    expect(fromString(textInt, '').length).toBe(0);
  });

  it('keeps escaped colons in a component and drops the "!" that guards a final backslash', () => {
    expect(fromString(textInt, 'a\\:b:1').toString('hex')).toBe(component(utf8Hex('a:b')) + component('00000001'));
    expect(fromString(textInt, 'a\\!:1').toString('hex')).toBe(component(utf8Hex('a\\')) + component('00000001'));
    expect(fromString(textInt, ':').toString('hex')).toBe(component('') + component(''));
  });

  it('reports values its component types cannot read, as the types do', () => {
    expect(() => fromString(textInt, 'abc:x')).toThrow(new InvalidRequestError("Unable to make int from 'x'"));
    expect(() => fromString(bytesTimeuuidVarint, 'xyz')).toThrow(new InvalidRequestError("cannot parse 'xyz' as hex bytes"));
    expect(() => fromString(textInt, 'a:1:2')).toThrow(new ServerError('java.lang.ArrayIndexOutOfBoundsException: Index 2 out of bounds for length 2'));
  });

  it('reads DynamicCompositeType components as alias@value or ClassName@value', () => {
    expect(fromString(dynamic, 's@abc:i@7').toString('hex')).toBe(`8073${component(utf8Hex('abc'))}8069${component('00000007')}`);
    const named = fromString(dynamic, 'LongType@5').toString('hex');
    expect(named).toBe(`0008${utf8Hex('LongType')}${component('0000000000000005')}`);
    expect(() => fromString(dynamic, 'abc')).toThrow(new ServerError('java.lang.IllegalArgumentException: Invalid component representation: abc'));
    expect(() => fromString(dynamic, 'Nope@1')).toThrow(new ServerError(
      "java.lang.IllegalArgumentException: org.apache.cassandra.exceptions.ConfigurationException: Unable to find abstract-type class 'org.apache.cassandra.db.marshal.Nope'"));
  });
});

describe('AbstractCompositeType.validate', () => {
  it('accepts what fromString makes, static values and a non-zero end-of-component last', () => {
    for (const text of [`${utf8Hex('test1')}:${uuid}:42`, utf8Hex('test1'), `${utf8Hex('test1')}:${uuid}:!`]) {
      expect(() => validateValue(bytesTimeuuidVarint, fromString(bytesTimeuuidVarint, text))).not.toThrow();
    }
    expect(() => validateValue(textInt, hex(`ffff${component('61')}`))).not.toThrow();
    expect(() => validateValue(dynamic, fromString(dynamic, 's@abc:LongType@5'))).not.toThrow();
  });

  it('refuses malformed values with Cassandra\'s messages', () => {
    const cases: [CqlType, string, string][] = [
      [textInt, component('61') + component('00000001') + component('00'), 'Too many bytes for comparator'],
      [textInt, '00', 'Not enough bytes to read value size of component 0'],
      [textInt, '000561', 'Not enough bytes to read value of component 0'],
      [textInt, '000161', 'Not enough bytes to read the end-of-component byte of component0'],
      [textInt, component('61', '01') + component('00000001'), 'Invalid bytes remaining after an end-of-component at component0'],
      [textInt, component('61') + component('0001'), 'Expected 4 or 0 byte int (2)'],
      [bytesTimeuuidVarint, component('61') + component('00'.repeat(16)), 'Invalid version for TimeUUID type.'],
      [dynamic, '80', 'Not enough bytes to header of the comparator part of component 0'],
      [dynamic, `807a${component('61')}`, 'Cannot find comparator for component 0'],
      [dynamic, `0009${utf8Hex('Int32')}`, 'Not enough bytes to read comparator name of component 0'],
    ];
    for (const [type, bytes, message] of cases) expect(() => validateValue(type, hex(bytes)), message).toThrow(new InvalidRequestError(message));
  });
});

describe('AbstractCompositeType.compare', () => {
  const sorted = (type: CqlType, texts: string[]): string[] =>
    [...texts].sort((a, b) => compareValues(type, fromString(type, a), fromString(type, b)));

  it('orders component by component with each type\'s order, a prefix first', () => {
    expect(sorted(textInt, ['b:1', 'a:10', 'a:-5', 'a', 'a:2'])).toEqual(['a', 'a:-5', 'a:2', 'a:10', 'b:1']);
    const descending = parseMarshalType('CompositeType(UTF8Type, ReversedType(Int32Type))');
    expect(sorted(descending, ['a:1', 'a:3', 'b:0', 'a:2'])).toEqual(['a:3', 'a:2', 'a:1', 'b:0']);
  });

  it('puts a bound ending in -1 before the values it prefixes and one ending in 1 after them', () => {
    expect(sorted(textInt, ['a:5', 'a:!', 'b', 'a:_', 'a'])).toEqual(['a:_', 'a', 'a:5', 'a:!', 'b']);
  });

  it('orders an empty value first and static CompositeType values before the others', () => {
    const staticValue = hex(`ffff${component('7a')}`);
    const plain = fromString(textInt, 'a');
    expect(compareValues(textInt, Buffer.alloc(0), plain)).toBeLessThan(0);
    expect(compareValues(textInt, staticValue, plain)).toBeLessThan(0);
  });

  it('orders DynamicCompositeType components of different types by class name, then by value', () => {
    // Int32Type < UTF8Type by simple class name, whatever the values.
    expect(sorted(dynamic, ['s@a', 'i@99', 'UTF8Type@0', 'i@1'])).toEqual(['i@1', 'i@99', 'UTF8Type@0', 's@a']);
  });
});
