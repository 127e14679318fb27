/**
 * Snapshots of a cluster with a data folder, through the Node.js driver: taken (hard links of every node's
 * SSTables after a flush), restored after writes, deletes, compaction and DDL, and after the cluster was
 * closed and started again from its folder; the restored state is what the next start (also after a crash
 * right after the restore) comes back with.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { internalCluster, startCluster, type StartClusterOptions } from '../../src/main.js';
import type { CassanovaCluster } from '../../src/index.js';

let root: string;
const open: { cluster: CassanovaCluster; client: cassandra.Client }[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cassanova-snapshots-'));
});
afterEach(async () => {
  for (const { cluster, client } of open.splice(0)) {
    await client.shutdown();
    await cluster.close();
  }
  rmSync(root, { recursive: true, force: true });
});

async function start(options: StartClusterOptions = {}): Promise<{ cluster: CassanovaCluster; client: cassandra.Client }> {
  const cluster = await startCluster({ port: 0, dataDir: root, ...options });
  const client = new cassandra.Client({ ...cluster.driverOptions(), queryOptions: { consistency: cassandra.types.consistencies.all } });
  await client.connect();
  const started = { cluster, client };
  open.push(started);
  return started;
}

async function stop(started: { cluster: CassanovaCluster; client: cassandra.Client }): Promise<void> {
  open.splice(open.indexOf(started), 1);
  await started.client.shutdown();
  await started.cluster.close();
}

async function rows(client: cassandra.Client, table = 'ks.t'): Promise<string[]> {
  const result = await client.execute(`SELECT * FROM ${table}`);
  return result.rows.map((r) => Object.values(r).map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join('/')).sort();
}

async function tables(client: cassandra.Client): Promise<string[]> {
  const result = await client.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = 'ks'");
  return result.rows.map((r) => String(r['table_name'])).sort();
}

const SCHEMA = `
  CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3};
  CREATE TYPE ks.point (x int, y int);
  CREATE TABLE ks.t (k int, c int, v text, p frozen<point>, PRIMARY KEY (k, c));
  CREATE TABLE ks.dropped_later (k int PRIMARY KEY, v text);
`;

/** Writes, deletes, compaction and DDL after the snapshot: none of it may survive the restore. */
async function changeEverything(cluster: CassanovaCluster, client: cassandra.Client): Promise<void> {
  await client.execute("UPDATE ks.t SET v = 'changed' WHERE k = 1 AND c = 1");
  await client.execute('DELETE FROM ks.t WHERE k = 2');
  await client.execute("INSERT INTO ks.t (k, c, v) VALUES (9, 9, 'after')");
  await cluster.flush();
  await client.execute("INSERT INTO ks.t (k, c, v) VALUES (8, 8, 'unflushed')");
  await cluster.compact();
  await client.execute('DROP TABLE ks.dropped_later');
  // Created again under the same name: a new table id, whose data the restore must not keep.
  await client.execute('CREATE TABLE ks.dropped_later (k int PRIMARY KEY, v text)');
  await client.execute("INSERT INTO ks.dropped_later (k, v) VALUES (2, 'recreated')");
  await cluster.flush();
  await client.execute('CREATE TABLE ks.created_after (k int PRIMARY KEY)');
  await client.execute('INSERT INTO ks.created_after (k) VALUES (1)');
}

describe('snapshots with a data folder', () => {
  it('are written as hard links with their schema, and restore the rows, the schema and dropped tables', async () => {
    const first = await start({ nodes: 3 });
    await first.cluster.loadSchema(SCHEMA);
    await first.client.execute("INSERT INTO ks.t (k, c, v, p) VALUES (1, 1, 'one', {x: 1, y: 2})");
    await first.cluster.flush();
    await first.client.execute("INSERT INTO ks.t (k, c, v) VALUES (2, 1, 'two')");
    await first.client.execute("INSERT INTO ks.dropped_later (k, v) VALUES (1, 'kept')");
    const snapshot = await first.cluster.snapshot('before');
    expect(snapshot).toMatchObject({ name: 'before', keyspaces: ['ks'] });
    expect(snapshot.partitionCount).toBeGreaterThanOrEqual(9);
    const before = await rows(first.client);
    expect(before).toEqual(['1/1/{"x":1,"y":2}/one', '2/1/null/two']);

    // Cassandra's layout: the table's snapshots/<name>/ with the SSTables' links, manifest.json and schema.cql.
    const tableFolder = readdirSync(join(root, 'node2', 'data', 'ks')).find((f) => f.startsWith('t-'))!;
    const folder = join(root, 'node2', 'data', 'ks', tableFolder, 'snapshots', 'before');
    expect(readdirSync(folder).filter((f) => f.endsWith('TOC.txt'))).toHaveLength(2);
    const schema = readFileSync(join(folder, 'schema.cql'), 'utf8');
    expect(schema).toContain('CREATE TYPE ks.point');
    expect(schema).toContain(`CREATE TABLE ks.t (`);
    expect(schema).toContain(`ID = ${tableFolder.slice(2).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')}`);
    expect(JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'))).toMatchObject({ files: expect.arrayContaining(['cn-1-big-Data.db']) });
    expect(existsSync(join(root, 'snapshots', 'before', 'snapshot.json'))).toBe(true);

    await changeEverything(first.cluster, first.client);
    expect(await rows(first.client)).not.toEqual(before);
    await first.cluster.restore('before');
    expect(await rows(first.client)).toEqual(before);
    expect(await tables(first.client)).toEqual(['dropped_later', 't']);
    expect(await rows(first.client, 'ks.dropped_later')).toEqual(['1/kept']);
    expect(readdirSync(join(root, 'node1', 'data', 'ks')).filter((f) => f.startsWith('dropped_later-'))).toHaveLength(1);
    // The restore's own flush-free state: memtables empty, every row from the snapshot's SSTables.
    for (const node of internalCluster(first.cluster).nodes) expect(node.storage.stats().partitionCount).toBe(0);
    await first.client.execute("INSERT INTO ks.t (k, c, v) VALUES (3, 1, 'after restore')");
    await stop(first);

    const second = await start();
    expect(second.cluster.snapshots().map((s) => [s.name, s.takenAt.getTime(), s.partitionCount]))
      .toEqual([['before', snapshot.takenAt.getTime(), snapshot.partitionCount]]);
    expect(await rows(second.client)).toEqual([...before, '3/1/null/after restore']);
    expect(await tables(second.client)).toEqual(['dropped_later', 't']);

    await changeEverything(second.cluster, second.client);
    await second.cluster.restore('before');
    expect(await rows(second.client)).toEqual(before);
    expect(await tables(second.client)).toEqual(['dropped_later', 't']);
    await second.client.execute("INSERT INTO ks.t (k, c, v) VALUES (4, 1, 'after second restore')");
    await stop(second);

    const third = await start();
    expect(await rows(third.client)).toEqual([...before, '4/1/null/after second restore']);
    expect(await rows(third.client, 'ks.dropped_later')).toEqual(['1/kept']);
    third.cluster.deleteSnapshot('before');
    expect(third.cluster.snapshots()).toEqual([]);
    expect(existsSync(folder)).toBe(false);
    expect(existsSync(join(root, 'snapshots', 'before'))).toBe(false);
  });

  it('come back after a crash right after the restore: the commit log replays nothing from before it', async () => {
    const first = await start({ nodes: 2 });
    await first.cluster.loadSchema(SCHEMA.replace("'replication_factor': 3", "'replication_factor': 2"));
    await first.client.execute("INSERT INTO ks.t (k, c, v) VALUES (1, 1, 'snapshotted')");
    await first.cluster.snapshot('s');
    // Unflushed writes and DDL after the snapshot: in the commit log only.
    await first.client.execute("INSERT INTO ks.t (k, c, v) VALUES (2, 1, 'logged')");
    await first.client.execute("INSERT INTO ks.dropped_later (k, v) VALUES (2, 'logged')");
    await first.cluster.restore('s');
    await first.client.execute("INSERT INTO ks.t (k, c, v) VALUES (3, 1, 'after restore')");
    // kill -9: no node drains; the commit log keeps what was written before and after the restore.
    for (const node of internalCluster(first.cluster).nodes) node.storage.close(false);
    await stop(first);

    const second = await start();
    expect(await rows(second.client)).toEqual(['1/1/null/snapshotted', '3/1/null/after restore']);
    expect(await rows(second.client, 'ks.dropped_later')).toEqual([]);
  });

  it('are named after the time when unnamed, and refuse names that are no folder names', async () => {
    const { cluster } = await start({ clock: 'virtual' });
    const unnamed = await cluster.snapshot();
    expect(unnamed.name).toBe(String(unnamed.takenAt.getTime()));
    expect((await cluster.snapshot()).name).toBe(`${unnamed.takenAt.getTime()}-2`);
    await expect(cluster.snapshot('..')).rejects.toThrow("Invalid snapshot name '..'");
    await expect(cluster.snapshot('a/b')).rejects.toThrow("Invalid snapshot name 'a/b'");
    expect(readdirSync(join(root, 'snapshots')).sort()).toEqual([unnamed.name, `${unnamed.name}-2`]);
  });

  it('work through the admin API', async () => {
    const { cluster, client } = await start({ adminPort: 0 });
    await cluster.loadSchema(SCHEMA.replace("'replication_factor': 3", "'replication_factor': 1"));
    await client.execute("INSERT INTO ks.t (k, c, v) VALUES (1, 1, 'kept')");
    const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
      const response = await fetch(`${cluster.adminUrl!}${path}`, {
        method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? null : JSON.parse(text) };
    };
    expect(await call('POST', '/snapshots', { name: 'api' })).toMatchObject({ status: 201, body: { name: 'api', keyspaces: ['ks'] } });
    await client.execute('TRUNCATE ks.t');
    expect(await call('POST', '/snapshots/api/restore', {})).toMatchObject({ status: 200, body: { name: 'api' } });
    expect(await rows(client)).toEqual(['1/1/null/kept']);
    expect(await call('GET', '/snapshots')).toMatchObject({ status: 200, body: [{ name: 'api' }] });
    expect(await call('DELETE', '/snapshots/api')).toMatchObject({ status: 204 });
    expect(existsSync(join(root, 'snapshots', 'api'))).toBe(false);
  });
});
