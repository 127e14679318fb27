import { describe, expect, it } from 'vitest';
import { native } from './cql-type.js';
import { marshalClassName } from './marshal-class.js';
import { parseMarshalType, TypeParserError } from './marshal-type-parser.js';
import { formatCqlType } from './type-format.js';

const M = 'org.apache.cassandra.db.marshal.';
const className = (text: string): string => marshalClassName(parseMarshalType(text));

function failure(text: string): [string, string] {
  try {
    parseMarshalType(text);
  } catch (e) {
    if (e instanceof TypeParserError) return [e.failure, e.message];
    throw e;
  }
  throw new Error(`${text} parsed`);
}

describe('parseMarshalType (TypeParser)', () => {
  it('reads classes with a CQL equivalent as that type, with or without the package', () => {
    expect(parseMarshalType('Int32Type')).toBe(native('int'));
    expect(parseMarshalType(`${M}UTF8Type`)).toBe(native('text'));
    expect(parseMarshalType(' BytesType ')).toBe(native('blob'));
    expect(parseMarshalType('DateType')).toBe(native('timestamp'));
    expect(formatCqlType(parseMarshalType('ListType(Int32Type)'))).toBe('list<int>');
    expect(formatCqlType(parseMarshalType('FrozenType(MapType(UTF8Type,SetType(Int32Type)))'))).toBe('frozen<map<text, frozen<set<int>>>>');
    expect(formatCqlType(parseMarshalType('TupleType(Int32Type, ListType(UTF8Type))'))).toBe('frozen<tuple<int, frozen<list<text>>>>');
  });

  it('reads text without a class name as BytesType and ignores what follows a type, as TypeParser.parse does', () => {
    expect(parseMarshalType('')).toBe(native('blob'));
    expect(parseMarshalType('  #x')).toBe(native('blob'));
    expect(parseMarshalType('Int32Type trailing')).toBe(native('int'));
  });

  it('names composites with full class names, as AbstractType.toString does', () => {
    expect(className('CompositeType(UTF8Type, Int32Type)')).toBe(`${M}CompositeType(${M}UTF8Type,${M}Int32Type)`);
    expect(className('ReversedType(CompositeType(UTF8Type,Int32Type))'))
      .toBe(`${M}ReversedType(${M}CompositeType(${M}UTF8Type,${M}Int32Type))`);
    expect(className('CompositeType(ReversedType(LongType), FrozenType(ListType(Int32Type)))'))
      .toBe(`${M}CompositeType(${M}ReversedType(${M}LongType),${M}FrozenType(${M}ListType(${M}Int32Type)))`);
    expect(className('Int32Type(reversed=true)')).toBe(`${M}ReversedType(${M}Int32Type)`);
    expect(className('Int32Type(reversed=false)')).toBe(`${M}Int32Type`);
  });

  it('prints DynamicCompositeType aliases in java.util.HashMap order: by byte value modulo 16, then as written', () => {
    expect(className('DynamicCompositeType(s => UTF8Type, i => Int32Type)'))
      .toBe(`${M}DynamicCompositeType(s=>${M}UTF8Type,i=>${M}Int32Type)`);
    expect(className('DynamicCompositeType(b=>BytesType,a=>AsciiType)')).toBe(`${M}DynamicCompositeType(a=>${M}AsciiType,b=>${M}BytesType)`);
    // 'q' (113) and 'a' (97) share a bucket: they stay in the order written.
    expect(className('DynamicCompositeType(q=>LongType,a=>AsciiType,x=>BytesType)'))
      .toBe(`${M}DynamicCompositeType(q=>${M}LongType,a=>${M}AsciiType,x=>${M}BytesType)`);
    expect(className('DynamicCompositeType(a=>AsciiType,a=>LongType)')).toBe(`${M}DynamicCompositeType(a=>${M}LongType)`);
    expect(className('DynamicCompositeType')).toBe(`${M}DynamicCompositeType()`);
  });

  it('sorts by byte value once more than 12 aliases make the table grow to 32', () => {
    const letters = 'abcdefghijklmnopq'.split('').reverse();
    const text = `DynamicCompositeType(${letters.map((l) => `${l}=>BytesType`).join(',')})`;
    const aliases = className(text).match(/[a-q]=>/g)!.map((a) => a[0]);
    expect(aliases).toEqual('abcdefghijklmnopq'.split(''));
  });

  it('keeps other packages\' classes opaque, with their parameters as written', () => {
    expect(parseMarshalType('com.example.MyType')).toEqual({ kind: 'custom', className: 'com.example.MyType', layout: { kind: 'opaque' } });
    expect(className('com.example.Pair(a, (b))')).toBe('com.example.Pair(a, (b))');
    expect(className('LexicalUUIDType')).toBe(`${M}LexicalUUIDType`);
  });

  it('fails as Cassandra does', () => {
    expect(failure('NoSuchType')).toEqual(['configuration', `Unable to find abstract-type class '${M}NoSuchType'`]);
    expect(failure('utf8type')).toEqual(['configuration', `Unable to find abstract-type class '${M}utf8type'`]);
    expect(failure('ReversedType(Int32Type, LongType)')).toEqual(['configuration', `Invalid definition for comparator ${M}ReversedType.`]);
    expect(failure('CompositeType')).toEqual(['configuration', `Invalid definition for comparator ${M}CompositeType.`]);
    expect(failure('CompositeType()')).toEqual(['configuration', `Invalid definition for comparator ${M}CompositeType.`]);
    expect(failure('DynamicCompositeType(ab=>Int32Type)')).toEqual(['configuration', `Invalid definition for comparator ${M}DynamicCompositeType.`]);
    expect(failure('Int32Type(reversed')).toEqual(['syntax', "Syntax error parsing 'Int32Type(reversed' at char 18: unexpected end of string"]);
    expect(failure('Int32Type(x y)')).toEqual(['syntax', "Syntax error parsing 'Int32Type(x y)' at char 12: unexpected character 'y'"]);
  });
});
