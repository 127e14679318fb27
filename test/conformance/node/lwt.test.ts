/**
 * Lightweight transactions through the Node driver: IF NOT EXISTS, IF EXISTS and IF conditions, the
 * [applied] column and the current values shown when a condition fails, and concurrent CAS on one row.
 */
import cassandra from 'cassandra-driver';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError, plainRows } from '../support/node-values.js';

const target = useNodeTarget('lwt');

beforeAll(async () => {
  await target.client.execute('CREATE TABLE accounts (id int, slot int, owner text, balance int, PRIMARY KEY (id, slot))');
});

describe.each([{ prepare: false }, { prepare: true }])('lightweight transactions (prepare: $prepare)', ({ prepare }) => {
  const base = prepare ? 100 : 0;
  /** Simple statements need type hints: every number here is an int, every string a text. */
  const hints = (params: unknown[]) => params.map((p) => (typeof p === 'number' ? 'int' : 'text'));
  const run = (cql: string, params: unknown[]) => target.client.execute(cql, params, { prepare, hints: prepare ? undefined : hints(params) });

  it('inserts only when the row does not exist, and shows the existing row otherwise', async () => {
    const first = await run('INSERT INTO accounts (id, slot, owner, balance) VALUES (?, 0, ?, ?) IF NOT EXISTS', [base + 1, 'ada', 10]);
    expect(first.wasApplied()).toBe(true);
    expect(first.columns.map((c) => c.name)).toEqual(['[applied]']);
    const second = await run('INSERT INTO accounts (id, slot, owner, balance) VALUES (?, 0, ?, ?) IF NOT EXISTS', [base + 1, 'bob', 20]);
    expect(second.wasApplied()).toBe(false);
    expect(plainRows(second)).toEqual([{ '[applied]': false, id: base + 1, slot: 0, balance: 10, owner: 'ada' }]);
    const row = await run('SELECT owner, balance FROM accounts WHERE id = ? AND slot = 0', [base + 1]);
    expect(plainRows(row)).toEqual([{ owner: 'ada', balance: 10 }]);
  });

  it('updates only when the conditions hold, showing the condition columns when they do not', async () => {
    await run('INSERT INTO accounts (id, slot, owner, balance) VALUES (?, 0, ?, ?)', [base + 2, 'ada', 10]);
    const failed = await run('UPDATE accounts SET balance = ? WHERE id = ? AND slot = 0 IF balance = ?', [5, base + 2, 99]);
    expect(plainRows(failed)).toEqual([{ '[applied]': false, balance: 10 }]);
    const applied = await run('UPDATE accounts SET balance = ? WHERE id = ? AND slot = 0 IF balance = ? AND owner = ?', [5, base + 2, 10, 'ada']);
    expect(applied.wasApplied()).toBe(true);
    const inList = await run('UPDATE accounts SET balance = ? WHERE id = ? AND slot = 0 IF balance IN (?, ?)', [7, base + 2, 1, 5]);
    expect(inList.wasApplied()).toBe(true);
    const row = await run('SELECT balance FROM accounts WHERE id = ? AND slot = 0', [base + 2]);
    expect(plainRows(row)).toEqual([{ balance: 7 }]);
  });

  it('deletes only existing rows with IF EXISTS', async () => {
    const missing = await run('DELETE FROM accounts WHERE id = ? AND slot = 0 IF EXISTS', [base + 3]);
    expect(plainRows(missing)).toEqual([{ '[applied]': false }]);
    await run('INSERT INTO accounts (id, slot, owner) VALUES (?, 0, ?)', [base + 3, 'ada']);
    const deleted = await run('DELETE FROM accounts WHERE id = ? AND slot = 0 IF EXISTS', [base + 3]);
    expect(deleted.wasApplied()).toBe(true);
    expect((await run('SELECT * FROM accounts WHERE id = ?', [base + 3])).rowLength).toBe(0);
  });

  it('lets exactly one of many concurrent IF NOT EXISTS inserts win', async () => {
    const attempts = await Promise.all(Array.from({ length: 20 }, (_v, i) =>
      run('INSERT INTO accounts (id, slot, owner) VALUES (?, 1, ?) IF NOT EXISTS', [base + 4, `owner-${i}`])));
    expect(attempts.filter((r) => r.wasApplied())).toHaveLength(1);
  });

  it('rejects conditions on primary key columns and IN on the partition key', async () => {
    await expectServerError(run('UPDATE accounts SET owner = ? WHERE id = ? AND slot = 0 IF id = ?', ['x', base + 5, 1]), ErrorCodes.invalid,
      "PRIMARY KEY column 'id' cannot have IF conditions");
    await expectServerError(run('UPDATE accounts SET owner = ? WHERE id IN (?, ?) AND slot = 0 IF owner = ?', ['x', 1, 2, 'y']), ErrorCodes.invalid,
      'IN on the partition key is not supported with conditional updates');
  });
});

/**
 * How conditions treat null, missing rows, static rows and unset values, as Cassandra 4.1's
 * ColumnCondition and CQL3CasRequest do (InsertUpdateIfConditionTest, InsertUpdateIfConditionStaticsTest).
 */
describe('conditions on null and static columns, and unset values', () => {
  const { unset } = cassandra.types;
  const prepared = (cql: string, params: unknown[]) => target.client.execute(cql, params, { prepare: true });

  beforeAll(async () => {
    await target.client.execute('CREATE TABLE wallets (id int PRIMARY KEY, owner text, balance int)');
    await target.client.execute('CREATE TABLE sc (id int, ck int, version int static, v int, PRIMARY KEY (id, ck))');
  });

  it('does not apply a non-equality condition to a null column, and shows the null', async () => {
    await prepared('INSERT INTO wallets (id, owner) VALUES (?, ?)', [1, 'ada']);
    for (const op of ['>', '>=', '<', '<=']) {
      const result = await prepared(`UPDATE wallets SET balance = 0 WHERE id = 1 IF balance ${op} ?`, [100]);
      expect(plainRows(result)).toEqual([{ '[applied]': false, balance: null }]);
    }
    const notEqual = await prepared('UPDATE wallets SET owner = ? WHERE id = 1 IF balance != ?', ['bob', 100]);
    expect(notEqual.wasApplied()).toBe(true);
    expect(plainRows(await prepared('SELECT owner, balance FROM wallets WHERE id = 1', []))).toEqual([{ owner: 'bob', balance: null }]);
  });

  it('accepts null in an IN list of a condition, matching a null column', async () => {
    await prepared('INSERT INTO wallets (id, owner) VALUES (?, ?)', [2, 'ada']);
    const literal = await target.client.execute('UPDATE wallets SET balance = 5 WHERE id = 2 IF balance IN (null, 5)');
    expect(literal.wasApplied()).toBe(true);
    const bound = await prepared('UPDATE wallets SET balance = 6 WHERE id = 2 IF balance IN (?, ?)', [null, 5]);
    expect(bound.wasApplied()).toBe(true);
    const marker = await prepared('UPDATE wallets SET balance = 7 WHERE id = 2 IF balance IN ?', [[1, 2]]);
    expect(plainRows(marker)).toEqual([{ '[applied]': false, balance: 6 }]);
  });

  it('answers [applied] alone when the conditions fail on a missing row', async () => {
    const result = await prepared('UPDATE wallets SET balance = 1 WHERE id = 3 IF balance = ? AND owner = ?', [1, 'ada']);
    expect(result.columns.map((c) => c.name)).toEqual(['[applied]']);
    expect(plainRows(result)).toEqual([{ '[applied]': false }]);
    const missing = await prepared('DELETE FROM wallets WHERE id = 3 IF owner = ?', ['ada']);
    expect(plainRows(missing)).toEqual([{ '[applied]': false }]);
  });

  it('checks an INSERT of static columns only against the static row', async () => {
    await prepared('INSERT INTO sc (id, ck, v) VALUES (?, ?, ?)', [1, 1, 10]);
    const onRow = await target.client.execute('INSERT INTO sc (id, ck, version) VALUES (1, 1, 1) IF NOT EXISTS');
    expect(plainRows(onRow)).toEqual([{ '[applied]': false, id: 1, ck: 1, version: null, v: 10 }]);
    const first = await target.client.execute('INSERT INTO sc (id, version) VALUES (1, 1) IF NOT EXISTS');
    expect(plainRows(first)).toEqual([{ '[applied]': true }]);
    const second = await target.client.execute('INSERT INTO sc (id, version) VALUES (1, 2) IF NOT EXISTS');
    expect(second.wasApplied()).toBe(false);
    // Only the static row and the first row's key are read (CQL3CasRequest.columnsToRead): v shows null.
    expect(plainRows(second)).toEqual([{ '[applied]': false, id: 1, ck: 1, version: 1, v: null }]);
    expect(plainRows(await target.client.execute('SELECT * FROM sc WHERE id = 1'))).toEqual([{ id: 1, ck: 1, version: 1, v: 10 }]);
  });

  it('checks IF EXISTS of a static-only UPDATE against the static row', async () => {
    await prepared('INSERT INTO sc (id, ck, v) VALUES (?, ?, ?)', [2, 1, 20]);
    const noStatic = await target.client.execute('UPDATE sc SET version = 7 WHERE id = 2 IF EXISTS');
    expect(noStatic.wasApplied()).toBe(false);
    await target.client.execute('INSERT INTO sc (id, version) VALUES (2, 1)');
    const withStatic = await target.client.execute('UPDATE sc SET version = 7 WHERE id = 2 IF EXISTS');
    expect(plainRows(withStatic)).toEqual([{ '[applied]': true }]);
    const staticOnly = await target.client.execute('UPDATE sc SET version = 8 WHERE id = 3 IF EXISTS');
    expect(plainRows(staticOnly)).toEqual([{ '[applied]': false }]);
    await target.client.execute('INSERT INTO sc (id, version) VALUES (3, 1)');
    expect((await target.client.execute('UPDATE sc SET version = 8 WHERE id = 3 IF EXISTS')).wasApplied()).toBe(true);
    expect(plainRows(await target.client.execute('SELECT id, ck, version FROM sc WHERE id IN (2, 3)')))
      .toEqual([{ id: 2, ck: 1, version: 7 }, { id: 3, ck: null, version: 8 }]);
  });

  it('refuses an unset value in a condition, drops unset values from an IN list, and refuses IN bound to unset', async () => {
    await expectServerError(prepared('UPDATE wallets SET balance = 1 WHERE id = 4 IF balance = ?', [unset]), ErrorCodes.invalid,
      "Invalid 'unset' value in condition");
    await expectServerError(prepared('UPDATE wallets SET balance = 1 WHERE id = 4 IF balance > ?', [unset]), ErrorCodes.invalid,
      "Invalid 'unset' value in condition");
    await expectServerError(prepared('UPDATE wallets SET balance = 1 WHERE id = 4 IF balance IN ?', [unset]), ErrorCodes.invalid,
      "Invalid 'unset' value in condition");
    expect((await prepared('SELECT * FROM wallets WHERE id = 4', [])).rowLength).toBe(0);
    await prepared('INSERT INTO wallets (id, balance) VALUES (?, ?)', [4, 3]);
    const skipped = await prepared('UPDATE wallets SET balance = 9 WHERE id = 4 IF balance IN (?, ?)', [unset, 3]);
    expect(skipped.wasApplied()).toBe(true);
    const allUnset = await prepared('UPDATE wallets SET balance = 1 WHERE id = 4 IF balance IN (?, ?)', [unset, unset]);
    expect(plainRows(allUnset)).toEqual([{ '[applied]': false, balance: 9 }]);
  });
});
