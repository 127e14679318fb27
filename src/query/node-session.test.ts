import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster/index.js';
import { runUntilSettled, virtualCluster } from '../cluster/testing/virtual-cluster.js';
import { InvalidRequestError, SyntaxError } from '../errors/index.js';
import { NodeSession, type CqlParams, type ExecuteOptions, type ExecuteResult } from './node-session.js';

let cluster: Cluster;
let session: NodeSession;

beforeAll(async () => {
  cluster = await virtualCluster(1, 1, []);
  session = new NodeSession(cluster.node(1));
});
afterAll(() => {
  session.close();
  cluster.close();
});

const run = (cql: string, params?: CqlParams, options?: ExecuteOptions): Promise<ExecuteResult> =>
  runUntilSettled(cluster, session.execute(cql, params, options));
const script = (text: string, options?: ExecuteOptions): Promise<number> => runUntilSettled(cluster, session.executeScript(text, options, 'seed.cql'));

describe('NodeSession: statements run on a node without a driver', () => {
  it('binds values by position and by name and returns rows as plain values', async () => {
    await run('CREATE TABLE ks.people (id int PRIMARY KEY, name text, born date, seen timestamp, score decimal, tags set<text>, attrs map<text, int>)');
    await run('INSERT INTO ks.people (id, name, born, seen, score, tags, attrs) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [1, 'Ada', '1815-12-10', new Date('2024-05-01T10:00:00Z'), '12.50', new Set(['b', 'a']), { x: 1 }]);
    await run('INSERT INTO people (id, name) VALUES (:id, :name)', { id: 2, name: 'Alan' }, { keyspace: 'ks' });
    const result = await run('SELECT * FROM ks.people WHERE id = ?', [1]);
    expect(result.rows).toEqual([{
      id: 1, name: 'Ada', born: '1815-12-10', seen: new Date('2024-05-01T10:00:00Z'), score: '12.50', tags: ['a', 'b'], attrs: new Map([['x', 1]]),
    }]);
    expect(result.columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      'id int', 'attrs map<text, int>', 'born date', 'name text', 'score decimal', 'seen timestamp', 'tags set<text>',
    ]);
    expect((await run('SELECT name, born FROM ks.people WHERE id = 2')).rows).toEqual([{ name: 'Alan', born: null }]);
  });

  it('gives tuples and collections as arrays, user types as objects, bigints and times as bigint', async () => {
    await run('CREATE TYPE ks.addr (street text, no int)');
    await run('CREATE TABLE ks.misc (k bigint PRIMARY KEY, t tuple<int, text>, a frozen<addr>, l list<time>, v varint, u uuid, d duration)');
    await run('INSERT INTO ks.misc (k, t, a, l, v, u, d) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      5, [1, 'x'], { street: 'Main', no: 3 }, ['10:00:00', 1n], 2n ** 70n, 'a2b3c4d5-0000-4000-8000-000000000001',
      { months: 1, days: 2, nanoseconds: 3n },
    ]);
    expect((await run('SELECT * FROM ks.misc')).rows).toEqual([{
      k: 5n, t: [1, 'x'], a: { street: 'Main', no: 3 }, l: [36_000_000_000_000n, 1n], v: 2n ** 70n,
      u: 'a2b3c4d5-0000-4000-8000-000000000001', d: { months: 1, days: 2, nanoseconds: 3n },
    }]);
  });

  it('leaves an undefined value unset, and refuses a wrong number or name of values', async () => {
    await run('CREATE TABLE ks.kv (k int PRIMARY KEY, v text)');
    await run('INSERT INTO ks.kv (k, v) VALUES (?, ?)', [1, 'kept']);
    await run('INSERT INTO ks.kv (k, v) VALUES (?, ?)', [1, undefined]);
    expect((await run('SELECT v FROM ks.kv WHERE k = 1')).rows).toEqual([{ v: 'kept' }]);
    await expect(run('INSERT INTO ks.kv (k, v) VALUES (?, ?)', [1])).rejects.toThrow('Invalid amount of bind variables: expected 2, got 1');
    await expect(run('INSERT INTO ks.kv (k, v) VALUES (:k, :v)', { k: 1, value: 'x' })).rejects.toThrow('No bind marker named value');
    await expect(run('SELECT * FROM ks.kv WHERE k = ?', ['one'])).rejects.toThrow(InvalidRequestError);
    await expect(run('SELECT * FROM ks.kv', undefined, { consistency: 'MOST' as 'ONE' })).rejects.toThrow('Unknown consistency level MOST');
  });

  it('answers conditional statements with [applied], and carries client warnings', async () => {
    expect((await run('INSERT INTO ks.kv (k, v) VALUES (9, ?) IF NOT EXISTS', ['a'])).rows).toEqual([{ '[applied]': true }]);
    expect((await run("UPDATE ks.kv SET v = 'b' WHERE k = 9 IF v = 'z'")).rows).toEqual([{ '[applied]': false, v: 'a' }]);
    const batch = await run(`BEGIN UNLOGGED BATCH ${Array.from({ length: 11 }, (_, i) => `INSERT INTO ks.kv (k, v) VALUES (${100 + i}, 'x');`).join(' ')} APPLY BATCH`);
    expect(batch.warnings).toEqual([expect.stringContaining('Unlogged batch covering 11 partitions detected against table [ks.kv]')]);
  });

  it('runs a script statement by statement, USE carrying over, with comments, strings and batches', async () => {
    const count = await script(`
      -- the schema of the test
      CREATE KEYSPACE app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};
      USE app;
      CREATE TABLE notes (id int PRIMARY KEY, body text); /* a table */
      INSERT INTO notes (id, body) VALUES (1, 'semi;colon');
      BEGIN BATCH
        INSERT INTO notes (id, body) VALUES (2, 'two');
        INSERT INTO notes (id, body) VALUES (3, $$it's three$$);
      APPLY BATCH;
    `);
    expect(count).toBe(5);
    expect((await run('SELECT id, body FROM app.notes')).rows.map((r) => r['body']).sort()).toEqual(["it's three", 'semi;colon', 'two']);
  });

  it('stops a script at the first failure, naming the line it starts on', async () => {
    const error = await script("CREATE TABLE ks.s1 (k int PRIMARY KEY);\n\nINSERT INTO ks.nowhere (k) VALUES (1);\nCREATE TABLE ks.s2 (k int PRIMARY KEY);")
      .then(() => null, (e: unknown) => e as Error);
    expect(error?.message).toBe('seed.cql:3: table nowhere does not exist (in: INSERT INTO ks.nowhere (k) VALUES (1))');
    expect(error?.cause).toBeInstanceOf(InvalidRequestError);
    expect(cluster.schema.keyspace('ks')?.tables.has('s2')).toBe(false);
    const syntax = await script("SELECT * FROM ks.kv WHERE v = 'open;").then(() => null, (e: unknown) => e as Error);
    expect(syntax?.message).toMatch(/^seed\.cql: /);
    expect(syntax?.cause).toBeInstanceOf(SyntaxError);
  });
});
