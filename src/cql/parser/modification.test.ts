import { describe, expect, it } from 'vitest';
import { bind, failure, int, parse, str } from './testing/parse-helpers.js';

const T = { keyspace: null, name: 't' };

describe('INSERT', () => {
  it('parses VALUES with IF NOT EXISTS and USING', () => {
    expect(parse("INSERT INTO ks.t (k, \"V\") VALUES (1, 'x') IF NOT EXISTS USING TTL 86400 AND TIMESTAMP ?")).toEqual({
      kind: 'insert', table: { keyspace: 'ks', name: 't' }, columns: ['k', 'V'], values: [int('1'), str('x')],
      json: null, jsonDefaultUnset: false, ifNotExists: true, using: { ttl: int('86400'), timestamp: bind(0) },
    });
  });

  it('parses INSERT JSON with DEFAULT NULL and DEFAULT UNSET', () => {
    expect(parse('INSERT INTO t JSON \'{"k": 1}\'')).toEqual({
      kind: 'insert', table: T, columns: [], values: null, json: str('{"k": 1}'), jsonDefaultUnset: false,
      ifNotExists: false, using: { ttl: null, timestamp: null },
    });
    expect(parse('INSERT INTO t JSON ? DEFAULT UNSET USING TIMESTAMP 5')).toMatchObject({
      json: bind(0), jsonDefaultUnset: true, using: { ttl: null, timestamp: int('5') },
    });
    expect(parse('INSERT INTO t JSON :j DEFAULT NULL IF NOT EXISTS')).toMatchObject({
      json: bind(0, 'j'), jsonDefaultUnset: false, ifNotExists: true,
    });
  });
});

describe('UPDATE', () => {
  it('parses every assignment form', () => {
    expect(parse(
      "UPDATE t USING TTL 10 SET a = 1, m['k'] = 'v', u.f = 2, c = c + 1, l = [0] + l, s = s - {1}, n = n -1, "
      + "p += {'x': 1}, q -= ?, r = r + ? WHERE k = 1",
    )).toEqual({
      kind: 'update', table: T, using: { ttl: int('10'), timestamp: null },
      assignments: [
        { kind: 'set', column: 'a', value: int('1') },
        { kind: 'setElement', column: 'm', key: str('k'), value: str('v') },
        { kind: 'setField', column: 'u', field: 'f', value: int('2') },
        { kind: 'add', column: 'c', value: int('1') },
        { kind: 'prepend', column: 'l', value: { kind: 'list', items: [int('0')] } },
        { kind: 'subtract', column: 's', value: { kind: 'set', items: [int('1')] } },
        { kind: 'add', column: 'n', value: int('-1') },
        { kind: 'add', column: 'p', value: { kind: 'map', entries: [[str('x'), int('1')]] } },
        { kind: 'subtract', column: 'q', value: bind(0) },
        { kind: 'add', column: 'r', value: bind(1) },
      ],
      where: [{ target: { kind: 'column', name: 'k' }, operator: '=', value: int('1') }],
      conditions: { kind: 'none' },
    });
  });

  it('parses IF EXISTS and IF conditions', () => {
    expect(parse('UPDATE t SET a = 1 WHERE k = 1 IF EXISTS')).toMatchObject({ conditions: { kind: 'exists' } });
    expect(parse("UPDATE t SET a = 1 WHERE k = 1 IF a = 2 AND b IN (1, 2) AND m['k'] != 'v' AND u.f IN ? AND exists = 4"))
      .toMatchObject({
        conditions: { kind: 'columns', conditions: [
          { column: 'a', element: null, field: null, operator: '=', value: int('2') },
          { column: 'b', element: null, field: null, operator: 'IN', value: { kind: 'inList', items: [int('1'), int('2')] } },
          { column: 'm', element: str('k'), field: null, operator: '!=', value: str('v') },
          { column: 'u', element: null, field: 'f', operator: 'IN', value: bind(0) },
          { column: 'exists', element: null, field: null, operator: '=', value: int('4') },
        ] },
      });
  });

  it('has no CONTAINS in IF conditions, as in Cassandra 4.1 (5.0 added it)', () => {
    expect(failure('UPDATE t SET a = 1 WHERE k = 1 IF s CONTAINS 3')).toMatchObject({ type: 'SyntaxError' });
    expect(failure('UPDATE t SET a = 1 WHERE k = 1 IF s CONTAINS 3').message).toContain("no viable alternative at input 'CONTAINS'");
  });

  it('rejects what Parser.g rejects while parsing', () => {
    expect(failure('UPDATE t SET a = b + 1 WHERE k = 1')).toEqual({
      type: 'SyntaxError', message: 'Only expressions of the form X = X +<value> are supported.',
    });
    expect(failure('UPDATE t SET a = [1] + b WHERE k = 1').message).toBe('Only expressions of the form X = <value> + X are supported.');
    expect(failure('UPDATE t SET a = b -1 WHERE k = 1').message).toBe('Only expressions of the form X = X - <value> are supported.');
    expect(failure('UPDATE t SET a = 1, a = a + 1 WHERE k = 1').message).toBe('Multiple incompatible setting of column a');
    expect(failure('UPDATE t SET u.f = 1, u.f = 2 WHERE k = 1').message).toBe('Multiple incompatible setting of column u');
    expect(parse('UPDATE t SET u.f = 1, u.g = 2, m[1] = 1, m[2] = 2 WHERE k = 1')).toMatchObject({ kind: 'update' });
  });
});

describe('DELETE', () => {
  it('parses whole rows, columns, elements and fields', () => {
    expect(parse('DELETE FROM t WHERE k = 1')).toEqual({
      kind: 'delete', table: T, columns: [], timestamp: null,
      where: [{ target: { kind: 'column', name: 'k' }, operator: '=', value: int('1') }], conditions: { kind: 'none' },
    });
    expect(parse("DELETE a, m['k'], u.f FROM ks.t USING TIMESTAMP 123 WHERE k = ? IF a = 1")).toEqual({
      kind: 'delete', table: { keyspace: 'ks', name: 't' },
      columns: [
        { column: 'a', element: null, field: null },
        { column: 'm', element: str('k'), field: null },
        { column: 'u', element: null, field: 'f' },
      ],
      timestamp: int('123'),
      where: [{ target: { kind: 'column', name: 'k' }, operator: '=', value: bind(0) }],
      conditions: { kind: 'columns', conditions: [{ column: 'a', element: null, field: null, operator: '=', value: int('1') }] },
    });
    expect(parse('DELETE FROM t WHERE k = 1 IF EXISTS')).toMatchObject({ conditions: { kind: 'exists' } });
  });
});

describe('BATCH', () => {
  it('parses logged, unlogged and counter batches with optional separators', () => {
    const batch = parse(
      'BEGIN BATCH USING TIMESTAMP 1 INSERT INTO t (k) VALUES (?); UPDATE t SET a = ? WHERE k = ? '
      + 'DELETE FROM t WHERE k = :last; APPLY BATCH;',
    );
    expect(batch).toMatchObject({
      kind: 'batch', type: 'LOGGED', using: { ttl: null, timestamp: int('1') },
      statements: [
        { kind: 'insert', values: [bind(0)] },
        { kind: 'update', assignments: [{ value: bind(1) }], where: [{ value: bind(2) }] },
        { kind: 'delete', where: [{ value: bind(3, 'last') }] },
      ],
    });
    expect(parse('BEGIN UNLOGGED BATCH APPLY BATCH')).toMatchObject({ type: 'UNLOGGED', statements: [] });
    expect(parse('begin counter batch update t set c = c + 1 where k = 1 apply batch')).toMatchObject({ type: 'COUNTER' });
  });
});
