/**
 * Lightweight transactions through the Node driver: IF NOT EXISTS, IF EXISTS and IF conditions, the
 * [applied] column and the current values shown when a condition fails, and concurrent CAS on one row.
 */
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
