import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/index.js';
import { native, type MapType, type SetType, type VectorType } from './cql-type.js';
import { buildList, buildMap, buildSet, buildTuple, buildUdt, buildVector } from './builders.js';

const int = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const text = (s: string): Buffer => Buffer.from(s);
const hex = (b: Buffer): string => b.toString('hex');

describe('builders', () => {
  it('builds lists in the given order', () => {
    expect(hex(buildList([int(2), int(1), int(2)]))).toBe('00000003' + '0000000400000002' + '0000000400000001' + '0000000400000002');
    expect(hex(buildList([]))).toBe('00000000');
  });

  it('builds sets sorted by the element comparator without duplicates', () => {
    const t: SetType = { kind: 'set', element: native('int'), frozen: false };
    expect(hex(buildSet(t, [int(5), int(-1), int(5)]))).toBe('00000002' + '00000004ffffffff' + '0000000400000005');
  });

  it('builds maps sorted by key, the last duplicate winning', () => {
    const t: MapType = { kind: 'map', key: native('text'), value: native('int'), frozen: false };
    const built = buildMap(t, [[text('b'), int(1)], [text('a'), int(2)], [text('b'), int(3)]]);
    expect(hex(built)).toBe('00000002' + '0000000161' + '0000000400000002' + '0000000162' + '0000000400000003');
  });

  it('builds tuples and UDTs with nulls', () => {
    expect(hex(buildTuple([int(1), null]))).toBe('0000000400000001ffffffff');
    expect(hex(buildUdt([null, text('x'), null]))).toBe('ffffffff0000000178ffffffff');
  });

  it('builds vectors: packed for fixed-size elements, vint-prefixed otherwise', () => {
    const floats: VectorType = { kind: 'vector', element: native('float'), dimension: 2 };
    const texts: VectorType = { kind: 'vector', element: native('text'), dimension: 2 };
    expect(hex(buildVector(floats, [Buffer.from('3f800000', 'hex'), Buffer.from('40000000', 'hex')]))).toBe('3f80000040000000');
    expect(hex(buildVector(texts, [text('a'), text('x'.repeat(200))]))).toBe('0161' + '80c8' + '78'.repeat(200));
    expect(() => buildVector(floats, [Buffer.from('3f800000', 'hex')])).toThrow(new InvalidRequestError('Required 2 elements, but saw 1'));
    expect(() => buildVector(floats, [Buffer.alloc(0), Buffer.from('3f800000', 'hex')]))
      .toThrow(new InvalidRequestError('Element at index 0 is null (expected type float)'));
  });
});
