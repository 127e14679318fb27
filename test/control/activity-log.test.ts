/**
 * The activity log through the Node.js driver: what the driver sent (consistency, page size, paging
 * state, bound values, batches, keyspaces) and what it got, on one node; filters, and a log turned off.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { startCluster } from '../../src/index.js';
import { useControlTarget } from './support.js';

const { types } = cassandra;
const target = useControlTarget();
const KS = 'activity_ks';

beforeAll(async () => {
  await target.client.execute(`CREATE KEYSPACE ${KS} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  await target.client.execute(`CREATE TABLE ${KS}.typed (k int PRIMARY KEY, big bigint, name text, id uuid, tags list<int>, attrs map<text, boolean>)`);
  await target.client.execute(`CREATE TABLE ${KS}.wide (p int, c int, v text, PRIMARY KEY (p, c))`);
  const insert = `INSERT INTO ${KS}.wide (p, c, v) VALUES (?, ?, ?)`;
  for (let c = 0; c < 10; c++) await target.client.execute(insert, [1, c, `v${c}`], { prepare: true });
});

beforeEach(() => target.cluster.clearActivity());

describe('a record', () => {
  it('shows the consistency and the bound values a prepared statement was executed with', async () => {
    const id = types.Uuid.random();
    const insert = `INSERT INTO ${KS}.typed (k, big, name, id, tags, attrs) VALUES (?, ?, ?, ?, ?, ?)`;
    await target.client.execute(insert, [1, types.Long.fromNumber(2 ** 40), 'Ann', id, [3, 4], { on: true }], {
      prepare: true, consistency: types.consistencies.localQuorum,
    });
    const [record] = target.cluster.activity({ opcode: 'EXECUTE' });
    expect(record).toMatchObject({
      node: 1, opcode: 'EXECUTE', query: insert, protocolVersion: 4, consistency: 'LOCAL_QUORUM', serialConsistency: 'SERIAL',
      values: [1, 2n ** 40n, 'Ann', id.toString(), [3, 4], [['on', true]]], primed: null,
      outcome: { type: 'RESULT', kind: 'void', rowCount: null, hasMorePages: false }, replicas: [1],
    });
    expect(record!.time).toBeInstanceOf(Date);
    expect(record!.latencyMicros).toBeGreaterThanOrEqual(0);
    expect(record!.clientAddress).toBe('127.0.0.1');
    expect(record!.clientPort).toBeGreaterThan(0);
    expect(record!.connectionId).toBeGreaterThan(0);
  });

  it('shows the page size asked for, and a paging state on every page after the first', async () => {
    const select = `SELECT v FROM ${KS}.wide WHERE p = ?`;
    const seen: string[] = [];
    let pageState: string | undefined;
    do {
      const page = await target.client.execute(select, [1], { prepare: true, fetchSize: 4, pageState, consistency: types.consistencies.one });
      seen.push(...page.rows.map((r) => String(r['v'])));
      pageState = page.pageState ?? undefined;
    } while (pageState !== undefined);
    expect(seen).toHaveLength(10);
    const pages = target.cluster.activity({ opcode: 'EXECUTE', match: select });
    expect(pages.map((r) => [r.pageSize, r.pagingState, r.consistency, r.outcome?.type === 'RESULT' && r.outcome.rowCount])).toEqual([
      [4, false, 'ONE', 4], [4, true, 'ONE', 4], [4, true, 'ONE', 2],
    ]);
    expect(pages.map((r) => r.outcome?.type === 'RESULT' && r.outcome.hasMorePages)).toEqual([true, true, false]);
  });

  it('shows a simple statement with its values, and the keyspace it ran in', async () => {
    const client = await target.newClient({ keyspace: KS });
    target.cluster.clearActivity();
    const options = { hints: ['int', 'int'], consistency: types.consistencies.two };
    await client.execute('SELECT * FROM wide WHERE p = ? AND c = ?', [1, 2], options).catch(() => undefined);
    const [record] = target.cluster.activity({ opcode: 'QUERY', match: 'FROM wide' });
    expect(record).toMatchObject({ keyspace: KS, values: [1, 2], consistency: 'TWO', outcome: { type: 'ERROR', error: 'UNAVAILABLE' } });
  });

  it('shows the statements of a batch with their values', async () => {
    await target.client.batch([
      { query: `INSERT INTO ${KS}.wide (p, c, v) VALUES (?, ?, ?)`, params: [2, 1, 'a'] },
      { query: `UPDATE ${KS}.wide SET v = ? WHERE p = ? AND c = ?`, params: ['b', 2, 2] },
    ], { prepare: true, consistency: types.consistencies.quorum });
    const [record] = target.cluster.activity({ opcode: 'BATCH' });
    expect(record).toMatchObject({
      batchType: 'LOGGED', consistency: 'QUORUM', query: null,
      statements: [
        { query: `INSERT INTO ${KS}.wide (p, c, v) VALUES (?, ?, ?)`, values: [2, 1, 'a'] },
        { query: `UPDATE ${KS}.wide SET v = ? WHERE p = ? AND c = ?`, values: ['b', 2, 2] },
      ],
      replicas: [1],
    });
  });

  it('shows the requests of the handshake and the errors a request got', async () => {
    const client = await target.newClient();
    await client.execute(`SELECT * FROM ${KS}.nope`).catch(() => undefined);
    const mine = target.cluster.activity().filter((r) => r.clientPort === target.cluster.activity({ match: 'nope' })[0]?.clientPort);
    expect(mine.map((r) => r.opcode).slice(0, 1)).toEqual(['STARTUP']);
    expect(mine.at(-1)?.outcome).toEqual({ type: 'ERROR', code: 0x2200, error: 'INVALID', message: `table nope does not exist` });
    expect(target.cluster.activity({ opcode: 'STARTUP' })[0]?.outcome).toEqual({ type: 'READY' });
  });
});

describe('filters', () => {
  it('pick records by text, opcode and sequence number, oldest first', async () => {
    const select = `SELECT v FROM ${KS}.wide WHERE p = 1 AND c = 1`;
    await target.client.execute(select);
    const [first] = target.cluster.activity({ match: select });
    await target.client.execute(select);
    expect(first).toBeDefined();
    expect(target.cluster.activity({ match: /wide WHERE p = 1 AND c = 1$/ })).toHaveLength(2);
    expect(target.cluster.activity({ match: select, since: first!.seq })).toHaveLength(1);
    expect(target.cluster.activity({ match: select, since: first!.time })).toHaveLength(2);
    expect(target.cluster.activity({ match: select, node: 2 })).toHaveLength(0);
    const all = target.cluster.activity();
    expect(all.map((r) => r.seq)).toEqual([...all.map((r) => r.seq)].sort((a, b) => a - b));
  });
});

describe('the limit', () => {
  it('keeps the latest records, and 0 turns the log off', async () => {
    for (const activityLimit of [3, 0]) {
      const cluster = await startCluster({ port: 0, activityLimit });
      const client = new cassandra.Client({ contactPoints: cluster.contactPoints, localDataCenter: cluster.localDataCenter, protocolOptions: { port: cluster.port } });
      try {
        await client.connect();
        for (let i = 0; i < 5; i++) await client.execute(`SELECT release_version FROM system.local WHERE key = 'local' AND bootstrapped = '${i}' ALLOW FILTERING`);
        const records = cluster.activity();
        if (activityLimit === 0) {
          expect(records).toEqual([]);
        } else {
          expect(records.map((r) => r.query)).toEqual([0, 1, 2].map((i) => expect.stringContaining(`'${i + 2}'`)));
        }
      } finally {
        await client.shutdown();
        await cluster.close();
      }
    }
  });
});
