/**
 * WHERE relations that merge or are refused, through the Node driver, simple and prepared: a single-column
 * relation beside a multi-column one on the same clustering column (SELECT and DELETE,
 * SelectMultiColumnRelationTest), token() relations merged and combined with key relations (SelectTest),
 * `!=` (refused in 4.1), slices on durations (refused in WHERE and IF), and `USING TTL ?` bound to null
 * (no TTL, TTLTest).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError, plainRows } from '../support/node-values.js';

const target = useNodeTarget('relations');

describe.each([
  { mode: 'simple', prepare: false },
  { mode: 'prepared', prepare: true },
])('relations with $mode statements', ({ mode, prepare }) => {
  const grid = `grid_${mode}`;
  const run = (query: string, params: unknown[] = []) => target.client.execute(query, params, { prepare, hints: params.map(() => 'int') });
  const rows = async (query: string, params: unknown[] = []) => plainRows(await run(query, params));
  const pairs = async (query: string, params: unknown[] = []) => (await rows(query, params)).map((r) => [r['a'], r['b']]);
  const invalid = (query: string, message: string, params: unknown[] = []) => expectServerError(run(query, params), ErrorCodes.invalid, message);

  beforeAll(async () => {
    await target.client.execute(`CREATE TABLE ${grid} (pk int, a int, b int, v int, PRIMARY KEY (pk, a, b))`);
  });

  const fill = async () => {
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) await run(`INSERT INTO ${grid} (pk, a, b, v) VALUES (1, ?, ?, 0)`, [a, b]);
  };

  it('selects with a single-column slice merged into a multi-column one, in either order', async () => {
    await fill();
    expect(await pairs(`SELECT a, b FROM ${grid} WHERE pk = 1 AND (a, b) > (1, 1) AND a < 2`)).toEqual([[1, 2]]);
    expect(await pairs(`SELECT a, b FROM ${grid} WHERE pk = 1 AND a < ? AND (a, b) > (?, ?)`, [2, 1, 1])).toEqual([[1, 2]]);
    expect(await pairs(`SELECT a, b FROM ${grid} WHERE pk = 1 AND (a, b) <= (2, 0) AND a >= ?`, [1])).toEqual([[1, 0], [1, 1], [1, 2], [2, 0]]);
    expect(await pairs(`SELECT a, b FROM ${grid} WHERE pk = 1 AND (a, b) >= (0, 2) AND (a) < (1) ORDER BY a DESC`)).toEqual([[0, 2]]);
  });

  it('deletes only the rows of the merged slice', async () => {
    await fill();
    await run(`DELETE FROM ${grid} WHERE pk = 1 AND (a, b) > (1, 1) AND a < 2`);
    expect(await pairs(`SELECT a, b FROM ${grid} WHERE pk = 1 AND a >= 1`)).toEqual([[1, 0], [1, 1], [2, 0], [2, 1], [2, 2]]);
  });

  it('refuses an equality beside another relation on its column, and inequalities on different first columns', async () => {
    await invalid(`SELECT * FROM ${grid} WHERE pk = 1 AND a = 1 AND (a, b) > (0, 0)`, 'a cannot be restricted by more than one relation if it includes an Equal');
    await invalid(`SELECT * FROM ${grid} WHERE pk = 1 AND (a, b) > (0, 0) AND a = 1`, 'Column "a" cannot be restricted by both an equality and an inequality relation');
    await invalid(`DELETE FROM ${grid} WHERE pk = 1 AND a = 1 AND (a, b) > (0, 0)`, 'a cannot be restricted by more than one relation if it includes an Equal');
    await invalid(`SELECT * FROM ${grid} WHERE pk = 1 AND (a, b) > (0, 0) AND b < 1`, 'Column "b" cannot be restricted by two inequalities not starting with the same column');
    await invalid(`SELECT * FROM ${grid} WHERE pk = 1 AND (a) > (0) AND a >= 1`, 'More than one restriction was found for the start bound on a');
    await invalid(`SELECT * FROM ${grid} WHERE pk = 1 AND a > 0 AND a = 1`, 'Column "a" cannot be restricted by both an equality and an inequality relation');
    await invalid(`SELECT * FROM ${grid} WHERE pk = 1 AND a IN (0, 1) AND a > 0`, 'a cannot be restricted by more than one relation if it includes a IN');
  });

  it('refuses != on any column, in 4.1', async () => {
    await invalid(`SELECT * FROM ${grid} WHERE v != 1 ALLOW FILTERING`, 'Unsupported "!=" relation: v != 1');
    await invalid(`SELECT * FROM ${grid} WHERE pk = 1 AND a != ? ALLOW FILTERING`, 'Unsupported "!=" relation: a != ?', [1]);
  });
});

describe('token() relations', () => {
  let byToken: number[] = [];
  const rows = async (query: string, params: unknown[] = []) => plainRows(await target.client.execute(query, params, { prepare: true }));

  beforeAll(async () => {
    await target.client.execute('CREATE TABLE tk (a int PRIMARY KEY, b int)');
    for (let a = 0; a < 6; a++) await target.client.execute('INSERT INTO tk (a, b) VALUES (?, ?)', [a, a], { prepare: true });
    byToken = (await rows('SELECT a FROM tk')).map((r) => r['a'] as number);
  });

  it('reads the keys of EQ and IN relations that fall within the token range', async () => {
    const [first, second, third] = byToken as [number, number, number];
    expect(await rows('SELECT a FROM tk WHERE token(a) > token(?) AND a IN (?, ?)', [first, first, third])).toEqual([{ a: third }]);
    expect(await rows('SELECT a FROM tk WHERE a IN (?, ?, ?) AND token(a) >= token(?) AND token(a) < token(?)', [first, second, third, second, third]))
      .toEqual([{ a: second }]);
    expect(await rows('SELECT a FROM tk WHERE token(a) = token(?) AND a = ?', [second, first])).toEqual([]);
  });

  it('refuses two bounds on one end, an equality beside a slice, and key slices without ALLOW FILTERING', async () => {
    const invalid = (query: string, message: string) => expectServerError(target.client.execute(query, [1, 2], { prepare: true }), ErrorCodes.invalid, message);
    await invalid('SELECT * FROM tk WHERE token(a) > token(?) AND token(a) > token(?)', 'More than one restriction was found for the start bound on a');
    await invalid('SELECT * FROM tk WHERE token(a) > token(?) AND token(a) = token(?)', 'Columns "a" cannot be restricted by both an equality and an inequality relation');
    await invalid('SELECT * FROM tk WHERE token(a) = token(?) AND token(a) > token(?)', 'a cannot be restricted by more than one relation if it includes an Equal');
    await invalid('SELECT * FROM tk WHERE token(a) > token(?) AND a > ?', 'ALLOW FILTERING');
    expect(await rows('SELECT a FROM tk WHERE token(a) > token(?) AND a > ? ALLOW FILTERING', [byToken[0], 2]))
      .toEqual(byToken.slice(1).filter((a) => a > 2).map((a) => ({ a })));
  });
});

describe('durations and TTLs', () => {
  beforeAll(async () => {
    await target.client.execute('CREATE TABLE dur (k int, c int, v int, d duration, PRIMARY KEY (k, c)) WITH default_time_to_live = 1000');
  });

  it('refuses slices on a duration column in WHERE and IF', async () => {
    await expectServerError(target.client.execute('SELECT * FROM dur WHERE d > 1s ALLOW FILTERING'), ErrorCodes.invalid,
      'Slice restrictions are not supported on duration columns');
    await expectServerError(target.client.execute('SELECT * FROM dur WHERE k = 0 AND d <= 2h ALLOW FILTERING'), ErrorCodes.invalid,
      'Slice restrictions are not supported on duration columns');
    await expectServerError(target.client.execute('UPDATE dur SET v = 1 WHERE k = 0 AND c = 0 IF d >= 1s'), ErrorCodes.invalid,
      'Slice conditions ( >= ) are not supported on durations');
  });

  it('writes without a TTL when USING TTL ? is bound to null, and with the table default when unset', async () => {
    await target.client.execute('INSERT INTO dur (k, c, v) VALUES (1, 1, 1) USING TTL ?', [null], { prepare: true });
    await target.client.execute('UPDATE dur USING TTL ? SET v = 2 WHERE k = 1 AND c = 2', [null], { prepare: true });
    await target.client.execute('INSERT INTO dur (k, c, v) VALUES (1, 3, 3) USING TTL ?', [undefined], { prepare: true });
    const ttls = plainRows(await target.client.execute('SELECT c, ttl(v) AS t FROM dur WHERE k = 1'));
    expect(ttls.map((r) => [r['c'], r['t'] === null ? null : (r['t'] as number) > 0])).toEqual([[1, null], [2, null], [3, true]]);
  });
});
