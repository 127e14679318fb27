import { describe, expect, it } from 'vitest';
import { native } from '../types/index.js';
import { readCommandCql } from './read-command-cql.js';
import { ALL, bound, int, slice, testTable, text } from './testing/fixtures.js';

const table = testTable({ name: 'events', partitionKey: [['id', native('text')]], clustering: [['c', native('int'), 'asc']] });

describe('readCommandCql (ReadCommand.toCQLString)', () => {
  it('prints a single-partition read with its key in string form, its clustering filter and its limit', () => {
    expect(readCommandCql({
      kind: 'single', table, key: text('k1'), token: 1n, nowInSec: 0, rowLimit: 5000, filter: { kind: 'slices', slices: [ALL], reversed: false },
    })).toBe('SELECT * FROM ks.events WHERE id = k1 LIMIT 5000');
    expect(readCommandCql({
      kind: 'single', table, key: text('k1'), token: 1n, nowInSec: 0, rowLimit: Infinity,
      filter: { kind: 'names', clusterings: [[int(1)], [int(2)]], reversed: true },
    })).toBe('SELECT * FROM ks.events WHERE id = k1 AND (c) IN ((1), (2)) ORDER BY (c DESC)');
    expect(readCommandCql({
      kind: 'single', table, key: text('k1'), token: 1n, nowInSec: 0, rowLimit: 10,
      filter: { kind: 'slices', slices: [slice(bound([int(1)], false), bound([int(9)]))], reversed: false },
    })).toBe('SELECT * FROM ks.events WHERE id = k1 AND (c) > (1) AND (c) <= (9) LIMIT 10');
  });

  it('prints a range read by tokens, leaving out the ring ends', () => {
    const filter = { kind: 'slices' as const, slices: [ALL], reversed: false };
    expect(readCommandCql({
      kind: 'range', table, nowInSec: 0, rowLimit: 100, perPartitionLimit: Infinity, partitionLimit: 128, filter,
      bounds: { start: { token: -(2n ** 63n), key: null }, startInclusive: true, end: { token: 42n, key: null }, endInclusive: true },
    })).toBe('SELECT * FROM ks.events WHERE token(id) <= 42 LIMIT 100');
    expect(readCommandCql({
      kind: 'range', table, nowInSec: 0, rowLimit: Infinity, perPartitionLimit: Infinity, partitionLimit: 128, filter,
      bounds: { start: { token: 7n, key: text('k1') }, startInclusive: false, end: null, endInclusive: true },
    })).toBe('SELECT * FROM ks.events WHERE token(id) > token(k1)');
    expect(readCommandCql({
      kind: 'range', table, nowInSec: 0, rowLimit: 10, perPartitionLimit: 2, partitionLimit: 128, filter,
      bounds: { start: null, startInclusive: true, end: null, endInclusive: true },
    })).toBe('SELECT * FROM ks.events LIMIT 10 PER PARTITION LIMIT 2');
  });
});
