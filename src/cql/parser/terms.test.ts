import { describe, expect, it } from 'vitest';
import type { Statement, Term } from '../ast/index.js';
import { parseStatement } from './statement.js';
import { bind, int, parse, str } from './testing/parse-helpers.js';

/** The VALUES terms of an INSERT. */
function values(list: string): readonly Term[] {
  const statement: Statement = parse(`INSERT INTO t (a) VALUES (${list})`);
  return statement.kind === 'insert' ? statement.values ?? [] : [];
}

describe('identifiers', () => {
  it('lower-cases unquoted names and keeps quoted ones, unescaping ""', () => {
    expect(parse('SELECT MyCol, "MyCol", "say ""hi""" FROM MyKs."MyTable"')).toMatchObject({
      table: { keyspace: 'myks', name: 'MyTable' },
      selection: [{ selector: { name: 'mycol' } }, { selector: { name: 'MyCol' } }, { selector: { name: 'say "hi"' } }],
    });
  });

  it('accepts the empty quoted name where Cassandra does', () => {
    expect(parse('SELECT * FROM t WHERE "" = 1')).toMatchObject({ where: [{ target: { kind: 'column', name: '' } }] });
  });
});

describe('constants', () => {
  it('parses every constant kind', () => {
    expect(values("'it''s', $$a 'b' c$$, -12, 1.5, -2e-3, NaN, -NaN, Infinity, -Infinity, true, FALSE, "
      + '123e4567-e89b-12d3-a456-426614174000, 0xCAFE, 1h30m, P1Y2M, PT1H, P0001-02-03T04:05:06, -3d, null'))
      .toEqual([
        str("it's"), str("a 'b' c"), int('-12'),
        { kind: 'constant', value: { kind: 'float', text: '1.5' } },
        { kind: 'constant', value: { kind: 'float', text: '-2e-3' } },
        { kind: 'constant', value: { kind: 'float', text: 'NaN' } },
        { kind: 'constant', value: { kind: 'float', text: 'NaN' } },
        { kind: 'constant', value: { kind: 'float', text: 'Infinity' } },
        { kind: 'constant', value: { kind: 'float', text: '-Infinity' } },
        { kind: 'constant', value: { kind: 'boolean', value: true } },
        { kind: 'constant', value: { kind: 'boolean', value: false } },
        { kind: 'constant', value: { kind: 'uuid', text: '123e4567-e89b-12d3-a456-426614174000' } },
        { kind: 'constant', value: { kind: 'hex', text: 'CAFE' } },
        ...['1h30m', 'P1Y2M', 'PT1H', 'P0001-02-03T04:05:06', '-3d'].map((text) => ({ kind: 'constant', value: { kind: 'duration', text } })),
        { kind: 'null' },
      ]);
  });

  it('parses collection, tuple and UDT literals', () => {
    expect(values("[1, 2], [], {1, 2}, {}, {'a': 1, 'b': 2}, (1, 'x'), {street: 'x', \"Zip\": 1}, {now(): 1}")).toEqual([
      { kind: 'list', items: [int('1'), int('2')] },
      { kind: 'list', items: [] },
      { kind: 'set', items: [int('1'), int('2')] },
      { kind: 'set', items: [] },
      { kind: 'map', entries: [[str('a'), int('1')], [str('b'), int('2')]] },
      { kind: 'tuple', items: [int('1'), str('x')] },
      { kind: 'udt', fields: [['street', str('x')], ['Zip', int('1')]] },
      { kind: 'map', entries: [[{ kind: 'function', name: 'now', args: [] }, int('1')]] },
    ]);
  });

  it('parses function calls, type hints, casts and arithmetic', () => {
    expect(values("now(), ks.fn(1, ?), token(1), (int) ?, (frozen<list<int>>) [1], CAST(1 AS text), 1 + 2 * 3, -now(), 'a' + 'b'"))
      .toEqual([
        { kind: 'function', name: 'now', args: [] },
        { kind: 'function', name: 'ks.fn', args: [int('1'), bind(0)] },
        { kind: 'function', name: 'token', args: [int('1')] },
        { kind: 'cast', type: 'int', term: bind(1) },
        { kind: 'cast', type: 'frozen<list<int>>', term: { kind: 'list', items: [int('1')] } },
        { kind: 'function', name: 'system.castAsText', args: [int('1')] },
        { kind: 'function', name: '_add', args: [int('1'), { kind: 'function', name: '_multiply', args: [int('2'), int('3')] }] },
        { kind: 'function', name: '_negate', args: [{ kind: 'function', name: 'now', args: [] }] },
        { kind: 'function', name: '_add', args: [str('a'), str('b')] },
      ]);
  });
});

describe('bind markers', () => {
  it('numbers anonymous and named markers in order of appearance', () => {
    const parsed = parseStatement('SELECT * FROM t WHERE a = ? AND b = :Named AND c IN ? AND d = :"Q" LIMIT ?');
    expect(parsed.bindMarkers).toEqual([bind(0), bind(1, 'named'), bind(2), bind(3, 'Q'), bind(4)]);
    expect(parsed.source).toBe('SELECT * FROM t WHERE a = ? AND b = :Named AND c IN ? AND d = :"Q" LIMIT ?');
  });

  it('numbers markers across the statements of a batch and keeps repeated names apart', () => {
    const parsed = parseStatement('BEGIN BATCH INSERT INTO t (k) VALUES (:k) UPDATE t SET v = ? WHERE k = :k APPLY BATCH');
    expect(parsed.bindMarkers).toEqual([bind(0, 'k'), bind(1), bind(2, 'k')]);
  });
});

describe('comments and statement ends', () => {
  it('ignores all three comment styles and trailing semicolons', () => {
    expect(parse('-- leading\nSELECT /* inline */ * // trailing\nFROM t;;')).toMatchObject({ kind: 'select', table: { name: 't' } });
  });
});
