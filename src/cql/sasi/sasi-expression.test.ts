import { describe, expect, it } from 'vitest';
import type { ColumnMetadata } from '../../schema/index.js';
import { comparatorFor, native } from '../../types/index.js';
import { equalityMatcher, likeMatcher, likePattern, rangeMatcher, type LikeForm } from './sasi-expression.js';
import { SasiIndex } from './sasi-index.js';

const text: ColumnMetadata = { name: 'v', type: native('text'), kind: 'regular', position: -1, clusteringOrder: 'none' };
const sasi = (options: Record<string, string> = {}, column: ColumnMetadata = text): SasiIndex => new SasiIndex(column, new Map(Object.entries(options)));
const b = (s: string): Buffer => Buffer.from(s);
const like = (index: SasiIndex, pattern: string, value: string): boolean => {
  const { form, term } = likePattern(b(pattern));
  return likeMatcher(index, form, term)(b(value));
};

describe('LIKE patterns (LikeRestriction.makeSpecific)', () => {
  it.each<[string, LikeForm, string]>([
    ['abc%', 'PREFIX', 'abc'], ['%abc', 'SUFFIX', 'abc'], ['%abc%', 'CONTAINS', 'abc'], ['abc', 'MATCH', 'abc'],
    ['a%c', 'MATCH', 'a%c'], ['%a%c%', 'CONTAINS', 'a%c'], ['%%a', 'SUFFIX', '%a'],
  ])('%s is a %s search for %s', (pattern, form, term) => {
    const parsed = likePattern(b(pattern));
    expect([parsed.form, parsed.term.toString()]).toEqual([form, term]);
  });

  it.each(['', '%', '%%'])('refuses %j as empty', (pattern) => {
    expect(() => likePattern(b(pattern))).toThrow("LIKE value can't be empty.");
  });
});

describe('LIKE matching', () => {
  it('matches prefixes, suffixes, infixes and whole values byte for byte without an analyzer', () => {
    const index = sasi({ mode: 'CONTAINS' });
    expect(['Pav%', '%vel', '%ave%', 'Pavel', 'pav%', 'Pav'].map((p) => like(index, p, 'Pavel'))).toEqual([true, true, true, true, false, false]);
  });

  it('analyzes the query as values: case-insensitive indexes, and any term of a tokenized value', () => {
    const insensitive = sasi({ mode: 'CONTAINS', analyzer_class: 'org.apache.cassandra.index.sasi.analyzer.NonTokenizingAnalyzer', case_sensitive: 'false' });
    expect(['PAV%', '%AVEL', 'pavel'].map((p) => like(insensitive, p, 'Pavel'))).toEqual([true, true, true]);
    const tokenized = sasi({ analyzed: 'true' });
    expect(['Jean', 'Claude', 'Clau%', 'Jean-Claude', 'Pierre'].map((p) => like(tokenized, p, 'Jean-Claude'))).toEqual([true, true, true, true, false]);
  });
});

describe('= and slices through SASI', () => {
  it('compares analyzed terms on literal columns and values elsewhere', () => {
    const insensitive = sasi({ analyzer_class: 'org.apache.cassandra.index.sasi.analyzer.NonTokenizingAnalyzer', case_sensitive: 'false' });
    const compare = comparatorFor(native('text'));
    expect([equalityMatcher(insensitive, b('pavel'), compare)(b('Pavel')), equalityMatcher(insensitive, b('pav'), compare)(b('Pavel'))]).toEqual([true, false]);
    const int: ColumnMetadata = { ...text, type: native('int') };
    const n = (x: number): Buffer => { const buf = Buffer.alloc(4); buf.writeInt32BE(x); return buf; };
    const numbers = sasi({}, int);
    const ints = comparatorFor(native('int'));
    expect([100, 200, 300].map((x) => rangeMatcher(numbers, '>', n(200), ints)(n(x)))).toEqual([false, false, true]);
    expect([100, 200, 300].map((x) => rangeMatcher(numbers, '<=', n(200), ints)(n(x)))).toEqual([true, true, false]);
    expect(equalityMatcher(numbers, n(-5), ints)(n(-5))).toBe(true);
  });
});
