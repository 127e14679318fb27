import { describe, expect, it } from 'vitest';
import { InvalidRequestError, SyntaxError } from '../errors/index.js';
import { native, type CqlType, type UserType } from './cql-type.js';
import { parseMarshalType, TypeParserError } from './marshal-type-parser.js';
import { MAX_TYPE_DEPTH, typeDepth } from './type-depth.js';
import { parseCqlType } from './type-parser.js';

const noUserTypes = () => undefined;
const tuples = (n: number): string => `${'tuple<'.repeat(n - 1)}int${'>'.repeat(n - 1)}`;
const marshalLists = (n: number): string => `${'ListType('.repeat(n - 1)}Int32Type${')'.repeat(n - 1)}`;

describe('typeDepth', () => {
  it('counts a level for every collection, tuple, user type and wrapper', () => {
    expect(typeDepth(native('int'))).toBe(1);
    expect(typeDepth(parseCqlType('map<int, frozen<list<tuple<int, text>>>>', noUserTypes))).toBe(4);
    expect(typeDepth(parseMarshalType('ReversedType(CompositeType(Int32Type, ListType(UTF8Type)))'))).toBe(4);
  });
});

describe('types nested too deeply', () => {
  it('parse up to MAX_TYPE_DEPTH levels of type text', () => {
    expect(typeDepth(parseCqlType(tuples(MAX_TYPE_DEPTH), noUserTypes))).toBe(MAX_TYPE_DEPTH);
    expect(typeDepth(parseMarshalType(marshalLists(MAX_TYPE_DEPTH)))).toBe(MAX_TYPE_DEPTH);
  });

  it('refuse type text one level deeper, or 5,000 levels deep, as a SyntaxError naming the limit', () => {
    for (const depth of [MAX_TYPE_DEPTH + 1, 5_000]) {
      expect(() => parseCqlType(tuples(depth), noUserTypes)).toThrow(SyntaxError);
      expect(() => parseCqlType(tuples(depth), noUserTypes)).toThrow(`Type nested more than ${MAX_TYPE_DEPTH} levels deep`);
    }
  });

  it('refuse a class name nested too deeply, naming the limit through every level it passes', () => {
    for (const depth of [MAX_TYPE_DEPTH + 1, 5_000]) {
      let error: unknown;
      try {
        parseMarshalType(marshalLists(depth));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TypeParserError);
      expect((error as TypeParserError).failure).toBe('syntax');
      expect((error as TypeParserError).message).toMatch(/^Syntax error parsing 'ListType\(.*\.\.\.' at char \d+: Type nested more than 500 levels deep$/);
    }
    expect(() => parseCqlType(`'${marshalLists(5_000)}'`, noUserTypes)).toThrow(/^Cannot parse type .*: Type nested more than 500 levels deep$/);
  });

  it('refuse a user type whose own depth takes the type past the limit, as an InvalidRequest', () => {
    let deepest: CqlType = native('int');
    for (let i = 2; i < MAX_TYPE_DEPTH; i++) deepest = { kind: 'tuple', elements: [deepest] };
    const udt: UserType = { kind: 'udt', keyspace: 'ks', name: 'deep', frozen: false, fields: [{ name: 'f', type: deepest }] };
    const resolve = () => udt;
    expect(typeDepth(parseCqlType('deep', resolve, 'ks'))).toBe(MAX_TYPE_DEPTH);
    expect(() => parseCqlType('frozen<list<frozen<deep>>>', resolve, 'ks')).toThrow(InvalidRequestError);
    expect(() => parseCqlType('frozen<list<frozen<deep>>>', resolve, 'ks')).toThrow(`Type nested more than ${MAX_TYPE_DEPTH} levels deep`);
  });
});
