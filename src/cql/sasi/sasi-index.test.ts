import { describe, expect, it } from 'vitest';
import type { ColumnMetadata } from '../../schema/index.js';
import { native, type NativeTypeName } from '../../types/index.js';
import { SasiIndex, type SasiOp } from './sasi-index.js';

const column = (type: NativeTypeName, clusteringOrder: 'none' | 'asc' | 'desc' = 'none'): ColumnMetadata => ({
  name: 'v', type: native(type), kind: clusteringOrder === 'none' ? 'regular' : 'clustering', position: clusteringOrder === 'none' ? -1 : 0, clusteringOrder,
});
const index = (type: NativeTypeName, options: Record<string, string> = {}, order: 'none' | 'asc' | 'desc' = 'none'): SasiIndex =>
  new SasiIndex(column(type, order), new Map(Object.entries({ class_name: 'org.apache.cassandra.index.sasi.SASIIndex', target: 'v', ...options })));
const ops = (i: SasiIndex): SasiOp[] => (['EQ', 'MATCH', 'PREFIX', 'SUFFIX', 'CONTAINS', 'RANGE'] as const).filter((op) => i.supportsOp(op));
const STANDARD = 'org.apache.cassandra.index.sasi.analyzer.StandardAnalyzer';

describe('the searches a SASI index answers (ColumnIndex.supports)', () => {
  it('PREFIX (the default) on text: equality, whole terms and prefixes; no ranges on literal columns', () => {
    expect(index('text').mode).toBe('PREFIX');
    expect(ops(index('text'))).toEqual(['EQ', 'MATCH', 'PREFIX']);
    expect([index('text').supports('LIKE'), index('text').supports('='), index('text').supports('>')]).toEqual([true, true, false]);
  });

  it('CONTAINS on text: every LIKE form; tokenized, neither = nor prefixes', () => {
    expect(ops(index('text', { mode: 'contains' }))).toEqual(['EQ', 'MATCH', 'PREFIX', 'SUFFIX', 'CONTAINS']);
    expect(ops(index('text', { mode: 'CONTAINS', analyzer_class: STANDARD }))).toEqual(['MATCH', 'SUFFIX', 'CONTAINS']);
    expect(ops(index('text', { analyzed: 'true' }))).toEqual(['MATCH', 'PREFIX']);
  });

  it('numbers and non-literal text: = and ranges, except in CONTAINS mode; no LIKE', () => {
    expect(ops(index('int'))).toEqual(['EQ', 'MATCH', 'PREFIX', 'RANGE']);
    expect(ops(index('int', { mode: 'SPARSE' }))).toEqual(['EQ', 'RANGE']);
    expect(index('int', { mode: 'CONTAINS' }).supports('>')).toBe(false);
    expect([index('int').supports('LIKE'), index('text', { is_literal: 'false' }).supports('>')]).toEqual([false, true]);
    expect(['IN', 'CONTAINS', 'CONTAINS KEY'].map((op) => index('int').supports(op))).toEqual([false, false, false]);
  });

  it('takes text in a DESC clustering column (ReversedType) as non-literal unless is_literal says so', () => {
    expect(index('text', {}, 'desc').isLiteral).toBe(false);
    expect(index('text', { is_literal: 'true' }, 'desc').isLiteral).toBe(true);
    expect(index('text', {}, 'asc').isLiteral).toBe(true);
  });
});
