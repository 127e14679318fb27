import { describe, expect, it } from 'vitest';
import { parse } from './testing/parse-helpers.js';

describe('DESCRIBE', () => {
  it('parses the listings', () => {
    expect(parse('DESCRIBE CLUSTER')).toEqual({ kind: 'describe', target: 'cluster' });
    for (const target of ['keyspaces', 'tables', 'types', 'functions', 'aggregates'] as const) {
      expect(parse(`DESC ${target.toUpperCase()}`)).toEqual({ kind: 'describe', target, only: false });
    }
    expect(parse('DESCRIBE COLUMNFAMILIES')).toEqual({ kind: 'describe', target: 'tables', only: false });
    expect(parse('DESCRIBE TABLES WITH INTERNALS')).toEqual({ kind: 'describe', target: 'tables', only: false });
  });

  it('parses schema and keyspace forms', () => {
    expect(parse('DESCRIBE SCHEMA')).toEqual({ kind: 'describe', target: 'schema', full: false, withInternals: false });
    expect(parse('DESCRIBE FULL SCHEMA WITH INTERNALS')).toEqual({ kind: 'describe', target: 'schema', full: true, withInternals: true });
    expect(parse('DESCRIBE KEYSPACE')).toEqual({ kind: 'describe', target: 'keyspace', keyspace: null, only: false, withInternals: false });
    expect(parse('DESCRIBE ONLY KEYSPACE "Ks" WITH INTERNALS')).toEqual({
      kind: 'describe', target: 'keyspace', keyspace: 'Ks', only: true, withInternals: true,
    });
  });

  it('parses named elements', () => {
    const name = (keyspace: string | null, n: string) => ({ keyspace, name: n });
    expect(parse('DESCRIBE TABLE ks.t')).toEqual({ kind: 'describe', target: 'table', name: name('ks', 't'), withInternals: false });
    expect(parse('DESCRIBE COLUMNFAMILY t WITH INTERNALS')).toEqual({ kind: 'describe', target: 'table', name: name(null, 't'), withInternals: true });
    expect(parse('DESCRIBE INDEX ks.i')).toMatchObject({ target: 'index', name: name('ks', 'i') });
    expect(parse('DESCRIBE MATERIALIZED VIEW v')).toMatchObject({ target: 'materializedView', name: name(null, 'v') });
    expect(parse('DESCRIBE TYPE ks.address')).toMatchObject({ target: 'type', name: name('ks', 'address') });
    expect(parse('DESCRIBE FUNCTION ks.fn')).toMatchObject({ target: 'function', name: name('ks', 'fn') });
    expect(parse('DESCRIBE AGGREGATE avg2')).toMatchObject({ target: 'aggregate', name: name(null, 'avg2') });
  });

  it('parses bare names, including unreserved keywords', () => {
    expect(parse('DESCRIBE ks')).toEqual({ kind: 'describe', target: 'generic', name: { keyspace: null, name: 'ks' }, withInternals: false });
    expect(parse('DESC ks.t;')).toMatchObject({ target: 'generic', name: { keyspace: 'ks', name: 't' } });
    expect(parse('DESCRIBE type')).toMatchObject({ target: 'generic', name: { keyspace: null, name: 'type' } });
    expect(parse('DESCRIBE function.x')).toMatchObject({ target: 'generic', name: { keyspace: 'function', name: 'x' } });
    expect(parse('DESCRIBE only')).toMatchObject({ target: 'generic', name: { keyspace: null, name: 'only' } });
  });
});
