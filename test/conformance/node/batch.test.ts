/**
 * BATCH through the Node driver (the protocol's BATCH message) and as CQL text: logged and unlogged,
 * prepared and not, several tables of one keyspace, client and statement timestamps, counter batches,
 * and the batch validation errors of Cassandra 4.1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError, plainRows } from '../support/node-values.js';

const target = useNodeTarget('batch');
const { Long } = cassandra.types;

beforeAll(async () => {
  await target.client.execute('CREATE TABLE users (id int PRIMARY KEY, name text)');
  await target.client.execute('CREATE TABLE users_by_name (name text, id int, PRIMARY KEY (name, id))');
  await target.client.execute('CREATE TABLE tally (k int PRIMARY KEY, n counter)');
});

const usersWhere = async (ids: number[]) =>
  plainRows(await target.client.execute(`SELECT id, name FROM users WHERE id IN (${ids.join(', ')})`)).sort(
    (a, b) => (a['id'] as number) - (b['id'] as number),
  );

describe.each([
  { mode: 'simple', prepare: false },
  { mode: 'prepared', prepare: true },
])('client.batch with $mode statements', ({ mode, prepare }) => {
  const base = prepare ? 1000 : 0;
  /** Simple statements in a batch take one hint list per statement. */
  const hints = (perStatement: string[][]) => (prepare ? {} : { hints: perStatement });

  it('applies a logged batch across two tables', async () => {
    const id = base + 1;
    await target.client.batch(
      [
        { query: 'INSERT INTO users (id, name) VALUES (?, ?)', params: [id, `ada-${mode}`] },
        { query: 'INSERT INTO users_by_name (name, id) VALUES (?, ?)', params: [`ada-${mode}`, id] },
      ],
      { prepare, ...hints([['int', 'text'], ['text', 'int']]) },
    );
    expect(await usersWhere([id])).toEqual([{ id, name: `ada-${mode}` }]);
    const byName = await target.client.execute('SELECT id FROM users_by_name WHERE name = ?', [`ada-${mode}`]);
    expect(plainRows(byName)).toEqual([{ id }]);
  });

  it('applies an unlogged batch of inserts, updates and deletes in order', async () => {
    const [a, b, c] = [base + 10, base + 11, base + 12];
    await target.client.execute(`INSERT INTO users (id, name) VALUES (${c}, 'to delete')`);
    await target.client.batch(
      [
        `INSERT INTO users (id, name) VALUES (${a}, 'a')`,
        `INSERT INTO users (id, name) VALUES (${b}, 'b')`,
        `UPDATE users SET name = 'b2' WHERE id = ${b}`,
        `DELETE FROM users WHERE id = ${c}`,
      ],
      { prepare, logged: false },
    );
    expect(await usersWhere([a, b, c])).toEqual([
      { id: a, name: 'a' },
      { id: b, name: 'b2' },
    ]);
  });

  it('writes every statement with the batch timestamp', async () => {
    const [a, b] = [base + 20, base + 21];
    await target.client.batch(
      [`INSERT INTO users (id, name) VALUES (${a}, 'x')`, `INSERT INTO users (id, name) VALUES (${b}, 'y')`],
      { prepare, timestamp: Long.fromNumber(1_000_000) },
    );
    const result = await target.client.execute(`SELECT id, writetime(name) AS wt FROM users WHERE id IN (${a}, ${b})`);
    expect(result.rows.map((r) => r['wt'].toString())).toEqual(['1000000', '1000000']);
  });

  it('lets a statement USING TIMESTAMP override the batch timestamp', async () => {
    const [a, b] = [base + 30, base + 31];
    await target.client.batch(
      [
        `INSERT INTO users (id, name) VALUES (${a}, 'batch time')`,
        `INSERT INTO users (id, name) VALUES (${b}, 'own time') USING TIMESTAMP 5000`,
      ],
      { prepare, timestamp: Long.fromNumber(7000) },
    );
    const result = await target.client.execute(`SELECT id, writetime(name) AS wt FROM users WHERE id IN (${a}, ${b})`);
    const byId = new Map(result.rows.map((r) => [r['id'] as number, r['wt'].toString()]));
    expect([byId.get(a), byId.get(b)]).toEqual(['7000', '5000']);
  });

  it('an insert and a delete of the same row in one batch share a timestamp, so the delete wins', async () => {
    const id = base + 40;
    await target.client.batch(
      [`INSERT INTO users (id, name) VALUES (${id}, 'ghost')`, `DELETE FROM users WHERE id = ${id}`],
      { prepare },
    );
    expect(await usersWhere([id])).toEqual([]);
  });

  it('applies a counter batch', async () => {
    const k = base + 50;
    await target.client.batch(
      [`UPDATE tally SET n = n + 2 WHERE k = ${k}`, `UPDATE tally SET n = n + 3 WHERE k = ${k}`],
      { prepare, counter: true, logged: false },
    );
    const row = (await target.client.execute(`SELECT n FROM tally WHERE k = ${k}`)).first();
    expect(row?.['n']).toEqual(Long.fromNumber(5));
  });

  it('rejects a counter update in a logged batch', async () => {
    await expectServerError(
      target.client.batch([`UPDATE tally SET n = n + 1 WHERE k = ${base + 51}`], { prepare }),
      ErrorCodes.invalid,
      'Cannot include a counter statement in a logged batch',
    );
  });

  it('rejects a non-counter statement in a counter batch', async () => {
    await expectServerError(
      target.client.batch([`INSERT INTO users (id, name) VALUES (${base + 52}, 'x')`], {
        prepare,
        counter: true,
        logged: false,
      }),
      ErrorCodes.invalid,
      'Cannot include non-counter statement in a counter batch',
    );
  });

  it('rejects a SELECT inside a batch', async () => {
    await expectServerError(
      target.client.batch(['SELECT * FROM users'], { prepare }),
      ErrorCodes.invalid,
      'Invalid statement in batch: only UPDATE, INSERT and DELETE statements are allowed.',
    );
  });

  it('applies nothing when one statement is invalid', async () => {
    const id = base + 60;
    await expectServerError(
      target.client.batch(
        [`INSERT INTO users (id, name) VALUES (${id}, 'never')`, 'INSERT INTO users (id, nope) VALUES (1, 1)'],
        { prepare },
      ),
      ErrorCodes.invalid,
      'Undefined column name nope',
    );
    expect(await usersWhere([id])).toEqual([]);
  });
});

describe('BEGIN BATCH as CQL text', () => {
  it('applies a logged batch statement', async () => {
    await target.client.execute(`BEGIN BATCH
      INSERT INTO users (id, name) VALUES (2001, 'one');
      INSERT INTO users_by_name (name, id) VALUES ('one', 2001);
      APPLY BATCH`);
    expect(await usersWhere([2001])).toEqual([{ id: 2001, name: 'one' }]);
  });

  it('applies USING TIMESTAMP of the batch to every statement', async () => {
    await target.client.execute(`BEGIN UNLOGGED BATCH USING TIMESTAMP 4242
      INSERT INTO users (id, name) VALUES (2002, 'a')
      INSERT INTO users (id, name) VALUES (2003, 'b')
      APPLY BATCH`);
    const result = await target.client.execute('SELECT writetime(name) AS wt FROM users WHERE id IN (2002, 2003)');
    expect(result.rows.map((r) => r['wt'].toString())).toEqual(['4242', '4242']);
  });

  it('binds markers across the statements of a prepared batch statement', async () => {
    await target.client.execute(
      'BEGIN BATCH INSERT INTO users (id, name) VALUES (?, ?); UPDATE users SET name = ? WHERE id = ?; APPLY BATCH',
      [2004, 'first', 'second', 2005],
      { prepare: true },
    );
    expect(await usersWhere([2004, 2005])).toEqual([
      { id: 2004, name: 'first' },
      { id: 2005, name: 'second' },
    ]);
  });

  it('applies a counter batch statement', async () => {
    await target.client.execute('BEGIN COUNTER BATCH UPDATE tally SET n = n + 1 WHERE k = 2006; UPDATE tally SET n = n + 1 WHERE k = 2006; APPLY BATCH');
    expect((await target.client.execute('SELECT n FROM tally WHERE k = 2006')).first()?.['n']).toEqual(Long.fromNumber(2));
  });

  it('rejects a timestamp on both the batch and a statement', async () => {
    await expectServerError(
      target.client.execute(`BEGIN BATCH USING TIMESTAMP 1
        INSERT INTO users (id, name) VALUES (2007, 'x') USING TIMESTAMP 2;
        APPLY BATCH`),
      ErrorCodes.invalid,
      'Timestamp must be set either on BATCH or individual statements',
    );
  });
});
