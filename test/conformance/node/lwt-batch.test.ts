/**
 * Conditional batches through the Node driver: `client.batch` with IF NOT EXISTS / IF EXISTS / IF
 * conditions (prepared and not), BEGIN BATCH … APPLY BATCH as one statement, the Mapper's LWT batches
 * (`result.wasApplied()`), the rows Cassandra 4.1 returns when the conditions do not hold (`[applied]`,
 * the primary key and the condition columns of every row read; every column after IF NOT EXISTS), its
 * refusals, and the same on three nodes with RF 3 where concurrent batches on one partition serialize.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError, plainRows } from '../support/node-values.js';

const target = useNodeTarget('lwt_batch');
const { consistencies } = cassandra.types;

beforeAll(async () => {
  await target.client.execute('CREATE TABLE accounts (owner text, id int, balance int, note text, version int static, PRIMARY KEY (owner, id))');
  await target.client.execute('CREATE TABLE audit (owner text PRIMARY KEY, last text)');
});

const insert = 'INSERT INTO accounts (owner, id, balance) VALUES (?, ?, ?)';
const insertIfNotExists = `${insert} IF NOT EXISTS`;
const updateIf = 'UPDATE accounts SET balance = ? WHERE owner = ? AND id = ? IF balance = ?';
const selectOwner = async (owner: string) =>
  plainRows(await target.client.execute('SELECT id, balance FROM accounts WHERE owner = ?', [owner], { prepare: true }));

describe.each([{ prepare: true }, { prepare: false }])('client.batch with conditions (prepare: $prepare)', ({ prepare }) => {
  const owner = (name: string) => `${name}-${prepare ? 'p' : 's'}`;
  /** Simple statements need hints for their ints. */
  const options = (hints: string[][], extra: cassandra.QueryOptions = {}) => ({ prepare, ...(prepare ? {} : { hints }), ...extra });

  it('applies every statement when the conditions hold, and none otherwise, showing the rows that exist', async () => {
    const ada = owner('ada');
    const first = await target.client.batch([
      { query: insertIfNotExists, params: [ada, 1, 10] },
      { query: insert, params: [ada, 2, 20] },
    ], options([['text', 'int', 'int'], ['text', 'int', 'int']]));
    expect(first.wasApplied()).toBe(true);
    expect(first.columns?.map((c) => c.name)).toEqual(['[applied]']);
    expect(await selectOwner(ada)).toEqual([{ id: 1, balance: 10 }, { id: 2, balance: 20 }]);

    const second = await target.client.batch([
      { query: insertIfNotExists, params: [ada, 1, 99] },
      { query: insertIfNotExists, params: [ada, 3, 30] },
    ], options([['text', 'int', 'int'], ['text', 'int', 'int']]));
    expect(second.wasApplied()).toBe(false);
    expect(second.columns?.map((c) => c.name)).toEqual(['[applied]', 'owner', 'id', 'version', 'balance', 'note']);
    expect(plainRows(second)).toEqual([{ '[applied]': false, owner: ada, id: 1, version: null, balance: 10, note: null }]);
    expect(await selectOwner(ada)).toEqual([{ id: 1, balance: 10 }, { id: 2, balance: 20 }]);
  });

  it('shows the primary key and condition columns of each row read when IF conditions fail', async () => {
    const bob = owner('bob');
    await target.client.batch([{ query: insert, params: [bob, 1, 10] }, { query: insert, params: [bob, 2, 20] }],
      options([['text', 'int', 'int'], ['text', 'int', 'int']]));
    const failed = await target.client.batch([
      { query: updateIf, params: [11, bob, 1, 10] },
      { query: updateIf, params: [21, bob, 2, 99] },
    ], options([['int', 'text', 'int', 'int'], ['int', 'text', 'int', 'int']]));
    expect(failed.wasApplied()).toBe(false);
    expect(plainRows(failed)).toEqual([
      { '[applied]': false, owner: bob, id: 1, balance: 10 },
      { '[applied]': false, owner: bob, id: 2, balance: 20 },
    ]);
    const applied = await target.client.batch([
      { query: updateIf, params: [11, bob, 1, 10] },
      { query: updateIf, params: [21, bob, 2, 20] },
      { query: 'UPDATE accounts SET version = ? WHERE owner = ?', params: [2, bob] },
    ], options([['int', 'text', 'int', 'int'], ['int', 'text', 'int', 'int'], ['int', 'text']], { serialConsistency: consistencies.localSerial }));
    expect(applied.wasApplied()).toBe(true);
    expect(await selectOwner(bob)).toEqual([{ id: 1, balance: 11 }, { id: 2, balance: 21 }]);
  });

  it('refuses batches spanning partitions or tables, and custom timestamps', async () => {
    await expectServerError(target.client.batch([
      { query: insertIfNotExists, params: [owner('carl'), 1, 1] },
      { query: insert, params: [owner('dora'), 1, 1] },
    ], options([['text', 'int', 'int'], ['text', 'int', 'int']])), ErrorCodes.invalid, 'Batch with conditions cannot span multiple partitions');
    await expectServerError(target.client.batch([
      { query: insertIfNotExists, params: [owner('carl'), 1, 1] },
      { query: 'INSERT INTO audit (owner, last) VALUES (?, ?)', params: [owner('carl'), 'x'] },
    ], options([['text', 'int', 'int'], ['text', 'text']])), ErrorCodes.invalid, 'Batch with conditions cannot span multiple tables');
    await expectServerError(target.client.batch([
      { query: `${insert} IF NOT EXISTS USING TIMESTAMP 5`, params: [owner('carl'), 1, 1] },
    ], options([['text', 'int', 'int']])), ErrorCodes.invalid, 'Cannot provide custom timestamp for conditional updates');
  });
});

describe('conditional BEGIN BATCH statements', () => {
  it('returns the same rows as the protocol batch', async () => {
    await target.client.execute("INSERT INTO accounts (owner, id, balance) VALUES ('eve', 1, 5)");
    const cql = "BEGIN BATCH UPDATE accounts SET balance = 6 WHERE owner = 'eve' AND id = 1 IF balance = 4; "
      + "INSERT INTO accounts (owner, id, balance) VALUES ('eve', 2, 1) IF NOT EXISTS; APPLY BATCH";
    const result = await target.client.execute(cql);
    expect(result.wasApplied()).toBe(false);
    // An IF NOT EXISTS among the conditions shows every column of the rows read.
    expect(plainRows(result)).toEqual([{ '[applied]': false, owner: 'eve', id: 1, version: null, balance: 5, note: null }]);
    await expectServerError(target.client.execute(
      "BEGIN BATCH USING TIMESTAMP 10 INSERT INTO accounts (owner, id) VALUES ('eve', 3) IF NOT EXISTS; APPLY BATCH",
    ), ErrorCodes.invalid, 'Cannot provide custom timestamp for conditional BATCH');
  });

  it('prepares a conditional batch with its markers and answers it with rows', async () => {
    const cql = 'BEGIN BATCH INSERT INTO accounts (owner, id, balance) VALUES (?, ?, ?) IF NOT EXISTS; '
      + 'UPDATE accounts SET note = ? WHERE owner = ? AND id = ?; APPLY BATCH';
    const params = ['fay', 1, 7, 'opened', 'fay', 1];
    expect((await target.client.execute(cql, params, { prepare: true })).wasApplied()).toBe(true);
    const again = await target.client.execute(cql, params, { prepare: true });
    expect(plainRows(again)).toEqual([{ '[applied]': false, owner: 'fay', id: 1, version: null, balance: 7, note: 'opened' }]);
  });
});

describe('Mapper LWT batches', () => {
  interface Account { owner: string; id: number; balance?: number; note?: string }
  let accounts: cassandra.mapping.ModelMapper<Account>;
  let mapper: cassandra.mapping.Mapper;

  beforeAll(() => {
    mapper = new cassandra.mapping.Mapper(target.client, { models: { Account: { tables: ['accounts'] } } });
    accounts = mapper.forModel('Account');
  });

  it('inserts documents if they do not exist, all or none', async () => {
    const created = await mapper.batch([
      accounts.batching.insert({ owner: 'gil', id: 1, balance: 100 }, { ifNotExists: true }),
      accounts.batching.insert({ owner: 'gil', id: 2, balance: 200 }, { ifNotExists: true }),
    ]);
    expect(created.wasApplied()).toBe(true);
    const repeated = await mapper.batch([
      accounts.batching.insert({ owner: 'gil', id: 2, balance: 1 }, { ifNotExists: true }),
      accounts.batching.insert({ owner: 'gil', id: 3, balance: 1 }, { ifNotExists: true }),
    ]);
    expect(repeated.wasApplied()).toBe(false);
    // The mapper hands the current row back as a document, without [applied].
    expect(repeated.toArray().map((doc) => ({ ...doc }))).toEqual([{ owner: 'gil', id: 2, version: null, balance: 200, note: null }]);
    expect((await accounts.find({ owner: 'gil' })).toArray().map((a) => a.balance)).toEqual([100, 200]);
  });

  it('updates documents when their conditions hold', async () => {
    const moved = await mapper.batch([
      accounts.batching.update({ owner: 'gil', id: 1, balance: 50 }, { when: { balance: 100 } }),
      accounts.batching.update({ owner: 'gil', id: 2, balance: 250 }, { when: { balance: 200 } }),
    ]);
    expect(moved.wasApplied()).toBe(true);
    const stale = await mapper.batch([
      accounts.batching.update({ owner: 'gil', id: 1, balance: 0 }, { when: { balance: 100 } }),
      accounts.batching.update({ owner: 'gil', id: 2, balance: 0 }, { when: { balance: 250 } }),
    ]);
    expect(stale.wasApplied()).toBe(false);
    expect(stale.toArray().map((doc) => ({ ...doc }))).toEqual([{ owner: 'gil', id: 1, balance: 50 }, { owner: 'gil', id: 2, balance: 250 }]);
  });
});

describe('conditional batches on three nodes (RF 3, SERIAL)', () => {
  const three = useNodeTarget('lwt_batch_rf3', { nodes: 3 });
  let clients: cassandra.Client[] = [];
  let keyspace: string;

  beforeAll(async () => {
    keyspace = three.keyspace;
    const port = Number(three.contactPoints[0]!.split(':')[1] ?? 9042);
    // One client per coordinator, so that batches on one partition come through different nodes.
    clients = await Promise.all(three.contactPoints.map((host) => three.newClient({
      contactPoints: [host],
      policies: { loadBalancing: new cassandra.policies.loadBalancing.WhiteListPolicy(
        new cassandra.policies.loadBalancing.RoundRobinPolicy(), [host.includes(':') ? host : `${host}:${port}`]) },
      queryOptions: { consistency: consistencies.quorum, serialConsistency: consistencies.serial },
    })));
    await clients[0]!.execute(`CREATE TABLE ${keyspace}.slots (k int, slot int, holder text, PRIMARY KEY (k, slot))`);
  });

  const claim = (client: cassandra.Client, k: number, holder: string) => client.batch([
    { query: `INSERT INTO ${keyspace}.slots (k, slot, holder) VALUES (?, 1, ?) IF NOT EXISTS`, params: [k, holder] },
    { query: `INSERT INTO ${keyspace}.slots (k, slot, holder) VALUES (?, 2, ?) IF NOT EXISTS`, params: [k, holder] },
  ], { prepare: true });

  it('lets at most one of concurrent batches through different coordinators claim a partition, atomically', async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 6 }, (_v, i) => claim(clients[i % clients.length]!, 1, `holder-${i}`)));
    // Under contention a round may run out of cas_contention_timeout, as on Cassandra: a CAS write timeout.
    for (const failed of attempts.filter((a) => a.status === 'rejected')) {
      expect(String((failed as PromiseRejectedResult).reason)).toMatch(/Server timeout during write query at consistency SERIAL/);
    }
    const answers = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    expect(answers.length).toBeGreaterThan(0);
    const rows = await clients[1]!.execute(`SELECT slot, holder FROM ${keyspace}.slots WHERE k = 1`, [], { consistency: consistencies.all });
    const holders = [...new Set(rows.rows.map((r) => r['holder'] as string))];
    expect(rows.rowLength).toBe(2);
    expect(holders).toHaveLength(1);
    const winners = answers.filter((r) => r.wasApplied());
    expect(winners.length).toBeLessThanOrEqual(1);
    for (const lost of answers.filter((r) => !r.wasApplied())) {
      expect(plainRows(lost).map((r) => r['holder'])).toEqual([holders[0], holders[0]]);
    }
  });

  it('answers a serial read with the batch every coordinator agreed on', async () => {
    expect((await claim(clients[2]!, 2, 'first')).wasApplied()).toBe(true);
    const serial = await clients[0]!.execute(`SELECT holder FROM ${keyspace}.slots WHERE k = 2`, [], { consistency: consistencies.serial });
    expect(serial.rows.map((r) => r['holder'])).toEqual(['first', 'first']);
    expect((await claim(clients[1]!, 2, 'second')).wasApplied()).toBe(false);
  });
});
