/**
 * Filtering on durations, as Cassandra 4.1's FilteringTest has it (testFilteringOnDurationColumn,
 * testFilteringOn{List,Set,Map,Tuple,Udt}ContainingDurations): equality and CONTAINS work with ALLOW
 * FILTERING, slices are refused with a message naming what holds the duration.
 */
import { describe, expect, it } from 'vitest';
import { useCqlTester } from './testing/cql-tester.js';

const tester = useCqlTester();
const { execute, rows, createTable, assertInvalidMessage } = tester;
const SLICES = ['>', '>=', '<', '<='];

describe('filtering on durations', () => {
  it('filters a duration column by equality, and refuses slices (testFilteringOnDurationColumn)', async () => {
    await createTable('(k int PRIMARY KEY, d duration)');
    await execute('INSERT INTO %s (k, d) VALUES (0, 1s)');
    await execute('INSERT INTO %s (k, d) VALUES (1, 2s)');
    await execute('INSERT INTO %s (k, d) VALUES (2, 1s)');
    expect((await rows('SELECT k FROM %s WHERE d = 1s ALLOW FILTERING')).map((r) => r[0]).sort()).toEqual([0, 2]);
    for (const op of SLICES) await assertInvalidMessage('Slice restrictions are not supported on duration columns', `SELECT * FROM %s WHERE d ${op} 1s ALLOW FILTERING`);
  });

  for (const frozen of [false, true]) {
    it(`filters ${frozen ? 'frozen ' : ''}collections holding durations by CONTAINS (and frozen ones by equality), refusing slices`, async () => {
      const wrap = (t: string) => (frozen ? `frozen<${t}>` : t);
      await createTable(`(k int PRIMARY KEY, l ${wrap('list<duration>')}, m ${wrap('map<int, duration>')})`);
      await execute('INSERT INTO %s (k, l, m) VALUES (0, [1s, 2s], {1: 1s, 2: 2s})');
      await execute('INSERT INTO %s (k, l, m) VALUES (1, [2s, 3s], {1: 2s, 2: 3s})');
      expect(await rows('SELECT k FROM %s WHERE l CONTAINS 1s ALLOW FILTERING')).toEqual([[0]]);
      expect(await rows('SELECT k FROM %s WHERE m CONTAINS 3s ALLOW FILTERING')).toEqual([[1]]);
      if (frozen) expect(await rows('SELECT k FROM %s WHERE l = [2s, 3s] ALLOW FILTERING')).toEqual([[1]]);
      for (const op of SLICES) {
        await assertInvalidMessage('Slice restrictions are not supported on collections containing durations', `SELECT * FROM %s WHERE l ${op} [1s] ALLOW FILTERING`);
      }
    });
  }

  it('filters tuples and user types holding durations by equality, refusing slices', async () => {
    await execute('CREATE TYPE IF NOT EXISTS ks.with_duration (i int, d duration)');
    await createTable('(k int PRIMARY KEY, t frozen<tuple<int, duration>>, u frozen<with_duration>)');
    await execute('INSERT INTO %s (k, t, u) VALUES (0, (1, 1s), {i: 1, d: 1s})');
    await execute('INSERT INTO %s (k, t, u) VALUES (1, (1, 2s), {i: 1, d: 2s})');
    expect(await rows('SELECT k FROM %s WHERE t = (1, 2s) ALLOW FILTERING')).toEqual([[1]]);
    expect(await rows('SELECT k FROM %s WHERE u = {i: 1, d: 1s} ALLOW FILTERING')).toEqual([[0]]);
    for (const op of SLICES) {
      await assertInvalidMessage('Slice restrictions are not supported on tuples containing durations', `SELECT * FROM %s WHERE t ${op} (1, 1s) ALLOW FILTERING`);
      await assertInvalidMessage('Slice restrictions are not supported on UDTs containing durations', `SELECT * FROM %s WHERE u ${op} {i: 1, d: 1s} ALLOW FILTERING`);
    }
  });
});
