import { describe, expect, it } from 'vitest';
import { native, type CqlType, type UserType } from './cql-type.js';
import { marshalClassName, nativeTypeOfMarshalClass } from './marshal-class.js';
import { parseCqlType } from './type-parser.js';

const P = 'org.apache.cassandra.db.marshal.';
const address: UserType = {
  kind: 'udt', keyspace: 'ks', name: 'address', frozen: false,
  fields: [{ name: 'street', type: native('text') }, { name: 'tags', type: { kind: 'list', element: native('int'), frozen: true } }],
};
const type = (text: string): CqlType => parseCqlType(text, (_, name) => (name === 'address' ? address : undefined));

describe('marshalClassName', () => {
  it.each([
    ['int', `${P}Int32Type`], ['text', `${P}UTF8Type`], ['duration', `${P}DurationType`],
    ['date', `${P}SimpleDateType`], ['time', `${P}TimeType`], ['smallint', `${P}ShortType`],
    ['tinyint', `${P}ByteType`], ['varint', `${P}IntegerType`], ['timestamp', `${P}TimestampType`],
    ['counter', `${P}CounterColumnType`],
    ['list<int>', `${P}ListType(${P}Int32Type)`],
    ['frozen<list<int>>', `${P}FrozenType(${P}ListType(${P}Int32Type))`],
    ['list<frozen<set<int>>>', `${P}ListType(${P}FrozenType(${P}SetType(${P}Int32Type)))`],
    ['frozen<list<frozen<set<int>>>>', `${P}FrozenType(${P}ListType(${P}SetType(${P}Int32Type)))`],
    ['map<text, duration>', `${P}MapType(${P}UTF8Type,${P}DurationType)`],
    ['tuple<int, frozen<list<int>>>', `${P}TupleType(${P}Int32Type,${P}ListType(${P}Int32Type))`],
    ['vector<float, 3>', `${P}VectorType(${P}FloatType , 3)`],
    ["'org.example.X'", 'org.example.X'],
    ['address', `${P}UserType(ks,61646472657373,737472656574:${P}UTF8Type,74616773:${P}FrozenType(${P}ListType(${P}Int32Type)))`],
    ['frozen<address>', `${P}FrozenType(${P}UserType(ks,61646472657373,737472656574:${P}UTF8Type,74616773:${P}ListType(${P}Int32Type)))`],
  ])('%s → %s', (text, className) => {
    expect(marshalClassName(type(text))).toBe(className);
  });

  it('maps marshal class names back to native types', () => {
    expect(nativeTypeOfMarshalClass(`${P}TimeUUIDType`)).toBe(native('timeuuid'));
    expect(nativeTypeOfMarshalClass('BytesType')).toBe(native('blob'));
    expect(nativeTypeOfMarshalClass('org.example.BytesType')).toBeUndefined();
  });
});
