import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/index.js';
import { buildList, buildMap, buildSet, buildUdt, minTimeUuid, native, type CqlType, type MapType, type SetType } from '../types/index.js';
import { assembleComplexColumn, decomposeComplexValue, udtFieldPath } from './complex-assembly.js';
import { NO_DELETION_TIME, type PathCell } from './partition-update.js';
import { cell, int, text } from './testing/fixtures.js';

const list: CqlType = { kind: 'list', element: native('int'), frozen: false };
const set: SetType = { kind: 'set', element: native('text'), frozen: false };
const map: MapType = { kind: 'map', key: native('text'), value: native('int'), frozen: false };
const udt: CqlType = {
  kind: 'udt', keyspace: 'ks', name: 'u', frozen: false,
  fields: [{ name: 'a', type: native('int') }, { name: 'b', type: native('text') }, { name: 'c', type: native('int') }],
};
const pc = (path: Buffer, value: Buffer | string, timestamp = 1, ttl = 0, writtenAt = 0): PathCell =>
  ({ path, cell: cell(value, timestamp, ttl, writtenAt) });

describe('assembleComplexColumn', () => {
  it('builds a list from its values in path order', () => {
    const out = assembleComplexColumn(list, [pc(minTimeUuid(1), int(7)), pc(minTimeUuid(2), int(5))]);
    expect(out.value).toEqual(buildList([int(7), int(5)]));
  });

  it('builds a set from its paths and a map from paths to values', () => {
    expect(assembleComplexColumn(set, [pc(text('a'), ''), pc(text('b'), '')]).value).toEqual(buildSet(set, [text('a'), text('b')]));
    expect(assembleComplexColumn(map, [pc(text('k'), int(1))]).value).toEqual(buildMap(map, [[text('k'), int(1)]]));
  });

  it('builds a user type by field position, fields without a cell being null', () => {
    const out = assembleComplexColumn(udt, [pc(udtFieldPath(0), int(1)), pc(udtFieldPath(2), int(3))]);
    expect(out.value).toEqual(buildUdt([int(1), null, int(3)]));
  });

  it('carries the latest timestamp, the soonest expiry and the elements it was built from', () => {
    const elements = [pc(text('a'), '', 5, 100, 0), pc(text('b'), '', 9), pc(text('c'), '', 7, 50, 10)];
    const out = assembleComplexColumn(set, elements);
    expect(out.timestamp).toBe(9n);
    expect(out.localDeletionTime).toBe(60);
    expect(out.ttlSeconds).toBe(50);
    expect(out.elements).toBe(elements);
    const lasting = assembleComplexColumn(set, [pc(text('a'), '')]);
    expect([lasting.ttlSeconds, lasting.localDeletionTime]).toEqual([0, NO_DELETION_TIME]);
  });
});

describe('decomposeComplexValue', () => {
  const cellOf = (v: Buffer) => cell(v, 3);
  const listPaths = (n: number) => Array.from({ length: n }, (_, i) => minTimeUuid(100 + i));

  it('turns each kind of value into the element cells assembly reads back', () => {
    const values: [CqlType, Buffer][] = [
      [list, buildList([int(3), int(1), int(3)])],
      [set, buildSet(set, [text('x'), text('y')])],
      [map, buildMap(map, [[text('k'), int(1)], [text('l'), int(2)]])],
      [udt, buildUdt([int(1), null, int(3)])],
    ];
    for (const [type, value] of values) {
      expect(assembleComplexColumn(type, decomposeComplexValue(type, value, cellOf, listPaths)).value).toEqual(value);
    }
  });

  it('writes set elements as paths with empty values and skips null fields of a user type', () => {
    expect(decomposeComplexValue(set, buildSet(set, [text('x')]), cellOf, listPaths)[0]!.cell.value).toEqual(Buffer.alloc(0));
    expect(decomposeComplexValue(udt, buildUdt([null, text('b')]), cellOf, listPaths).map((c) => c.path)).toEqual([udtFieldPath(1)]);
  });

  it('rejects a null inside a collection', () => {
    const withNull = Buffer.from([0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff]);
    expect(() => decomposeComplexValue(list, withNull, cellOf, listPaths)).toThrow(InvalidRequestError);
  });
});
