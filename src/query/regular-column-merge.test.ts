/**
 * Several relations on one regular or static column merge as Cassandra 4.1's RestrictionSet merges them
 * (SingleColumnRestriction.mergeWith): slices bounding different ends and CONTAINS relations combine, the
 * rest is refused with the message of the restriction that came first.
 */
import { describe, expect, it } from 'vitest';
import { useCqlTester } from './testing/cql-tester.js';

const tester = useCqlTester();
const { execute, rows, createTable, assertInvalidMessage } = tester;

describe('several relations on one regular column', () => {
  it('combines a start and an end bound, and CONTAINS relations', async () => {
    await createTable('(k int, c int, v int, s int static, l list<int>, PRIMARY KEY (k, c))');
    for (let i = 0; i < 6; i++) await execute(`INSERT INTO %s (k, c, v, l) VALUES (0, ${i}, ${i}, [${i}, ${i + 1}])`);
    await execute('UPDATE %s SET s = 3 WHERE k = 0');
    expect(await rows('SELECT c FROM %s WHERE v > 1 AND v <= 3 ALLOW FILTERING')).toEqual([[2], [3]]);
    expect(await rows('SELECT c FROM %s WHERE l CONTAINS 2 AND l CONTAINS 3 ALLOW FILTERING')).toEqual([[2]]);
    expect(await rows('SELECT c FROM %s WHERE k = 0 AND s >= 3 AND s < 4 AND c = 0 ALLOW FILTERING')).toEqual([[0]]);
  });

  it("refuses the rest with the first restriction's message", async () => {
    await createTable('(k int PRIMARY KEY, v int, s text, l list<int>, fl frozen<list<int>>)');
    const refused = [
      ['v cannot be restricted by more than one relation if it includes an Equal', 'v = 1 AND v > 0'],
      ['v cannot be restricted by more than one relation if it includes an Equal', 'v = 1 AND v = 1'],
      ['v cannot be restricted by more than one relation if it includes a IN', 'v IN (1, 2) AND v = 1'],
      ['Column "v" cannot be restricted by both an equality and an inequality relation', 'v > 0 AND v = 1'],
      ['Column "v" cannot be restricted by both an equality and an inequality relation', 'v > 0 AND v IN (1)'],
      ['More than one restriction was found for the start bound on v', 'v > 0 AND v >= 1'],
      ['More than one restriction was found for the end bound on v', 'v < 9 AND v > 0 AND v <= 8'],
      ['Collection column fl can only be restricted by CONTAINS, CONTAINS KEY, or map-entry equality', 'fl CONTAINS 1 AND fl = [1]'],
    ] as const;
    for (const [message, where] of refused) await assertInvalidMessage(message, `SELECT * FROM %s WHERE ${where} ALLOW FILTERING`);
    // Each relation is checked before it is merged (Relation.toRestriction, then RestrictionSet.addRestriction).
    await assertInvalidMessage("Collection column 'l' (list<int>) cannot be restricted by a '=' relation", 'SELECT * FROM %s WHERE l CONTAINS 1 AND l = [1] ALLOW FILTERING');
    await assertInvalidMessage("Collection column 'l' (list<int>) cannot be restricted by a '>' relation", 'SELECT * FROM %s WHERE l > [1] ALLOW FILTERING');
  });

  it('refuses every relation on a non-frozen user type', async () => {
    await execute('CREATE TYPE IF NOT EXISTS ks.point (x int, y int)');
    await createTable('(k int PRIMARY KEY, p point)');
    for (const where of ['p = {x: 1, y: 2}', 'p > {x: 1, y: 2}', 'p IN ({x: 1, y: 2})', 'p CONTAINS 1']) {
      await assertInvalidMessage("Non-frozen UDT column 'p' (point) cannot be restricted by any relation", `SELECT * FROM %s WHERE ${where} ALLOW FILTERING`);
    }
  });
});
