import { describe, expect, it } from 'vitest';
import { InvalidRequestError, SyntaxError } from '../errors/index.js';
import { native, type UserType } from './cql-type.js';
import { opaqueCustomType } from './custom-types.js';
import { formatCqlType } from './type-format.js';
import { parseCqlType, type UserTypeResolver } from './type-parser.js';

const address: UserType = {
  kind: 'udt', keyspace: 'ks', name: 'address', frozen: false,
  fields: [{ name: 'street', type: native('text') }, { name: 'zip', type: native('int') }],
};
const myType: UserType = { kind: 'udt', keyspace: 'ks', name: 'MyType', frozen: false, fields: [] };

const resolve: UserTypeResolver = (keyspace, name) =>
  keyspace !== null && keyspace !== 'ks' ? undefined : [address, myType].find((t) => t.name === name);

const roundTrip = (text: string): string => formatCqlType(parseCqlType(text, resolve, 'ks'));

describe('parseCqlType', () => {
  it('reads every native type, case-insensitively, varchar as text', () => {
    for (const name of ['ascii', 'bigint', 'blob', 'boolean', 'counter', 'date', 'decimal', 'double', 'duration',
      'float', 'inet', 'int', 'smallint', 'text', 'time', 'timestamp', 'timeuuid', 'tinyint', 'uuid', 'varint'] as const) {
      expect(parseCqlType(name.toUpperCase(), resolve)).toBe(native(name));
    }
    expect(parseCqlType('varchar', resolve)).toBe(native('text'));
  });

  it('builds collections, tuples and vectors', () => {
    expect(parseCqlType(' map < text , frozen<list<int>> > ', resolve)).toEqual({
      kind: 'map', key: native('text'), frozen: false,
      value: { kind: 'list', element: native('int'), frozen: true },
    });
    expect(parseCqlType('tuple<int, list<text>>', resolve)).toEqual({
      kind: 'tuple', elements: [native('int'), { kind: 'list', element: native('text'), frozen: true }],
    });
    expect(parseCqlType('vector<float, 3>', resolve)).toEqual({ kind: 'vector', element: native('float'), dimension: 3 });
  });

  it('freezes everything inside frozen<>', () => {
    expect(parseCqlType('frozen<list<set<int>>>', resolve)).toEqual({
      kind: 'list', frozen: true, element: { kind: 'set', frozen: true, element: native('int') },
    });
    expect(parseCqlType('frozen<map<address, list<int>>>', resolve)).toEqual({
      kind: 'map', frozen: true, key: { ...address, frozen: true },
      value: { kind: 'list', frozen: true, element: native('int') },
    });
  });

  it('resolves user types by name, keyspace and quoted name', () => {
    expect(parseCqlType('address', resolve)).toEqual(address);
    expect(parseCqlType('ks.address', resolve)).toEqual(address);
    expect(parseCqlType('frozen<ks.address>', resolve)).toEqual({ ...address, frozen: true });
    expect(parseCqlType('"MyType"', resolve)).toEqual(myType);
    expect(parseCqlType('list<frozen<address>>', resolve)).toEqual({
      kind: 'list', frozen: false, element: { ...address, frozen: true },
    });
  });

  it('reads custom types, mapping known marshal classes to native types', () => {
    expect(parseCqlType("'org.example.MyType'", resolve)).toEqual(opaqueCustomType('org.example.MyType'));
    expect(parseCqlType("'org.apache.cassandra.db.marshal.DurationType'", resolve)).toBe(native('duration'));
    expect(parseCqlType("'Int32Type'", resolve)).toBe(native('int'));
    expect(formatCqlType(parseCqlType("'CompositeType(UTF8Type, Int32Type)'", resolve))).toBe(
      "'org.apache.cassandra.db.marshal.CompositeType(org.apache.cassandra.db.marshal.UTF8Type,org.apache.cassandra.db.marshal.Int32Type)'");
  });

  it('reports custom types Cassandra cannot read as its grammar does', () => {
    expect(() => parseCqlType("'NoSuchType'", resolve)).toThrow(new SyntaxError(
      "Error setting type NoSuchType: Unable to find abstract-type class 'org.apache.cassandra.db.marshal.NoSuchType'"));
    expect(() => parseCqlType("'CompositeType(UTF8Type, Nope)'", resolve)).toThrow(new SyntaxError(
      'Error setting type CompositeType(UTF8Type, Nope): Invalid definition for comparator org.apache.cassandra.db.marshal.CompositeType.'));
    expect(() => parseCqlType("'Int32Type(reversed'", resolve)).toThrow(new SyntaxError(
      "Cannot parse type Int32Type(reversed: Syntax error parsing 'Int32Type(reversed' at char 18: unexpected end of string"));
  });

  it.each([
    ['list<list<int>>', 'Non-frozen collections are not allowed inside collections: list<list<int>>'],
    ['map<text, set<int>>', 'Non-frozen collections are not allowed inside collections: map<text, set<int>>'],
    ['map<set<int>, int>', 'Non-frozen collections are not allowed inside collections: map<set<int>, int>'],
    ['set<address>', 'Non-frozen UDTs are not allowed inside collections: set<address>'],
    ['list<counter>', 'Counters are not allowed inside collections: list<counter>'],
    ['map<counter, int>', 'Counters are not allowed inside collections: map<counter, int>'],
    ['set<duration>', 'Durations are not allowed inside sets: set<duration>'],
    ['map<duration, int>', 'Durations are not allowed as map keys: map<duration, int>'],
    ['tuple<int, counter>', 'Counters are not allowed inside tuples'],
    ['frozen<int>', 'frozen<> is only allowed on collections, tuples, and user-defined types (got int)'],
    ['frozen<varchar>', 'frozen<> is only allowed on collections, tuples, and user-defined types (got varchar)'],
    ['vector<float, 0>', 'vectors may only have positive dimentions; given 0'],
    ['nothere', 'Unknown type ks.nothere'],
    ['other.address', 'Unknown type other.address'],
    ['mytype', 'Unknown type ks.mytype'],
  ])('rejects %s', (text, message) => {
    expect(() => parseCqlType(text, resolve, 'ks')).toThrow(new InvalidRequestError(message));
  });

  it('names an unknown type without keyspace when none is known', () => {
    expect(() => parseCqlType('nothere', resolve)).toThrow(new InvalidRequestError('Unknown type nothere'));
  });

  it.each(['list<int', 'map<int>', 'int>', 'list<>', 'vector<float, x>', "'unterminated", 'int int', '', 'a.'])(
    'reports a syntax error for %j', (text) => {
      expect(() => parseCqlType(text, resolve)).toThrow(SyntaxError);
    });
});

describe('formatCqlType', () => {
  it.each([
    ['int', 'int'],
    ['varchar', 'text'],
    ['list<int>', 'list<int>'],
    ['frozen<list<int>>', 'frozen<list<int>>'],
    ['map<text,int>', 'map<text, int>'],
    ['frozen<list<list<int>>>', 'frozen<list<frozen<list<int>>>>'],
    ['list<frozen<map<int, text>>>', 'list<frozen<map<int, text>>>'],
    ['tuple<int,text>', 'frozen<tuple<int, text>>'],
    ['list<tuple<int, list<int>>>', 'list<frozen<tuple<int, frozen<list<int>>>>>'],
    ['address', 'address'],
    ['frozen<address>', 'frozen<address>'],
    ['"MyType"', '"MyType"'],
    ['vector<float,3>', 'vector<float, 3>'],
    ["'org.example.MyType'", "'org.example.MyType'"],
  ])('%s prints as %s', (text, printed) => {
    expect(roundTrip(text)).toBe(printed);
  });

  it('reads back what it prints', () => {
    for (const text of ['frozen<list<frozen<list<int>>>>', 'map<text, frozen<tuple<int, text>>>', 'frozen<"MyType">']) {
      expect(roundTrip(roundTrip(text))).toBe(roundTrip(text));
    }
  });
});
