import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { internalCluster, startCluster } from '../../main.js';
import type { CassanovaCluster } from '../cassanova-cluster.js';

let root: string;
const open: CassanovaCluster[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cassanova-folder-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  rmSync(root, { recursive: true, force: true });
});

async function start(options: Parameters<typeof startCluster>[0] = {}): Promise<CassanovaCluster> {
  const cluster = await startCluster({ port: 0, clock: 'auto', dataDir: root, ...options });
  open.push(cluster);
  return cluster;
}

async function stop(cluster: CassanovaCluster): Promise<void> {
  open.splice(open.indexOf(cluster), 1);
  await cluster.close();
}

const identities = (c: CassanovaCluster): string[] =>
  internalCluster(c).ringMembers().map((n) => `${n.identity.id} ${n.identity.hostId.toString('hex')} ${n.identity.dataCenter}/${n.identity.rack} ${n.identity.tokens.join(',')}`);

async function describeSchema(c: CassanovaCluster): Promise<string> {
  const result = await c.execute('DESCRIBE SCHEMA WITH INTERNALS');
  return result.rows.map((r) => String(r.create_statement)).join('\n');
}

const SCHEMA = `
CREATE KEYSPACE ks WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 1};
CREATE TYPE ks.address (street text, zip int);
CREATE TYPE ks.person (name text, home frozen<address>);
CREATE FUNCTION ks.plus(a int, b int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return a + b;';
CREATE AGGREGATE ks.total(int) SFUNC plus STYPE int INITCOND 0;
CREATE TABLE ks.t (k int, c text, v int, gone text, who frozen<person>, tags set<text>, PRIMARY KEY (k, c))
  WITH CLUSTERING ORDER BY (c DESC) AND gc_grace_seconds = 3600 AND comment = 'kept; with a semicolon';
ALTER TABLE ks.t DROP gone;
CREATE INDEX t_v ON ks.t (v);
CREATE MATERIALIZED VIEW ks.t_by_v AS SELECT * FROM ks.t WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, k, c);
ALTER KEYSPACE system_auth WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 1};
`;

describe('a cluster started from its data folder', () => {
  it('comes back with the same nodes, host ids, tokens and schema', async () => {
    const first = await start({ dataCenters: { dc1: 2, dc2: 1 } });
    await first.loadSchema(SCHEMA);
    const before = { ids: identities(first), schema: await describeSchema(first), version: internalCluster(first).schema.version };
    await stop(first);
    expect(existsSync(join(root, 'cassanova.json'))).toBe(true);
    expect(readFileSync(join(root, 'schema.cql'), 'utf8')).toContain("comment = 'kept; with a semicolon'");

    const second = await start();
    expect(identities(second)).toEqual(before.ids);
    expect(await describeSchema(second)).toBe(before.schema);
    expect(internalCluster(second).schema.version).toEqual(before.version);
    const auth = await second.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'system_auth'");
    expect((auth.rows[0]?.replication as Map<string, string>).get('dc1')).toBe('3');
  });

  it('comes back with its data: from the commit log, then from SSTables after a flush', async () => {
    const rows = async (c: CassanovaCluster): Promise<string[]> =>
      (await c.execute('SELECT k, c, v, ttl(v) AS t FROM ks.t', undefined, { consistency: 'ALL' })).rows.map((r) => `${String(r.k)}/${String(r.c)}=${String(r.v)}${r.t === null ? '' : ' ttl'}`);
    const first = await start({ nodes: 3 });
    await first.loadSchema(`
      CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3};
      CREATE TABLE ks.t (k int, c int, v text, PRIMARY KEY (k, c));
      INSERT INTO ks.t (k, c, v) VALUES (1, 1, 'a');
      INSERT INTO ks.t (k, c, v) VALUES (1, 2, 'b');
      INSERT INTO ks.t (k, c, v) VALUES (2, 1, 'c') USING TTL 86400;
      INSERT INTO ks.t (k, c, v) VALUES (3, 1, 'gone');
      DELETE FROM ks.t WHERE k = 3;
    `);
    const before = await rows(first);
    expect(before).toEqual(['1/1=a', '1/2=b', '2/1=c ttl']);
    await stop(first);

    // close() drained: every memtable flushed, the commit log left with one empty segment per node.
    for (const node of [1, 2, 3]) {
      const segments = readdirSync(join(root, `node${node}`, 'commitlog'));
      expect(segments).toHaveLength(1);
      expect(statSync(join(root, `node${node}`, 'commitlog', segments[0]!)).size).toBeLessThan(100);
    }
    const second = await start();
    expect(await rows(second)).toEqual(before);
    for (const node of internalCluster(second).nodes) expect(node.storage.stats().partitionCount).toBe(0);
    await second.execute("UPDATE ks.t SET v = 'b2' WHERE k = 1 AND c = 2");
    await stop(second);
    expect(readdirSync(join(root, 'node1', 'data', 'ks')).length).toBe(1);

    const third = await start();
    expect(await rows(third)).toEqual(['1/1=a', '1/2=b2', '2/1=c ttl']);
    // Two flushes made two SSTables per node; nodetool compact makes one, which reads the same.
    const tocs = (): number => readdirSync(join(root, 'node1', 'data', 'ks'))
      .flatMap((t) => readdirSync(join(root, 'node1', 'data', 'ks', t))).filter((f) => f.endsWith('TOC.txt')).length;
    expect(tocs()).toBe(2);
    await third.compact();
    expect(tocs()).toBe(1);
    expect(await rows(third)).toEqual(['1/1=a', '1/2=b2', '2/1=c ttl']);
  });

  it('forgets a truncated or dropped table across restarts, whether it was flushed or not', async () => {
    const count = async (c: CassanovaCluster, table: string): Promise<number> => (await c.execute(`SELECT * FROM ks.${table}`)).rows.length;
    const first = await start();
    await first.loadSchema(`
      CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};
      CREATE TABLE ks.flushed (k int PRIMARY KEY);
      CREATE TABLE ks.logged (k int PRIMARY KEY);
      CREATE TABLE ks.dropped (k int PRIMARY KEY);
      INSERT INTO ks.flushed (k) VALUES (1);
      INSERT INTO ks.logged (k) VALUES (1);
      INSERT INTO ks.dropped (k) VALUES (1);
    `);
    await internalCluster(first).nodes[0]!.storage.flush();
    await first.loadSchema('INSERT INTO ks.flushed (k) VALUES (2); TRUNCATE ks.flushed; TRUNCATE ks.logged; INSERT INTO ks.logged (k) VALUES (3); DROP TABLE ks.dropped;');
    await stop(first);
    // The dropped table's folder (its flushed SSTable) is gone.
    expect(readdirSync(join(root, 'node1', 'data', 'ks')).filter((f) => f.startsWith('dropped-'))).toEqual([]);
    const second = await start();
    expect(await count(second, 'flushed')).toBe(0);
    expect(await count(second, 'logged')).toBe(1);
    await second.execute('CREATE TABLE ks.dropped (k int PRIMARY KEY)');
    expect(await count(second, 'dropped')).toBe(0);
  });

  it('resumes a virtual clock where the last run left it, so that later writes still win', async () => {
    const first = await start({ clock: 'virtual' });
    await first.loadSchema(`
      CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};
      CREATE TABLE ks.t (k int PRIMARY KEY, v text);
    `);
    first.advanceTime(86_400_000);
    await first.execute("INSERT INTO ks.t (k, v) VALUES (1, 'before')");
    const stoppedAt = first.now().getTime();
    await stop(first);

    const second = await start({ clock: 'virtual' });
    expect(second.now().getTime()).toBeGreaterThanOrEqual(stoppedAt);
    await second.execute("UPDATE ks.t SET v = 'after' WHERE k = 1");
    expect((await second.execute('SELECT v FROM ks.t WHERE k = 1')).rows).toEqual([{ v: 'after' }]);
  });

  it('keeps nodes added and the ids of nodes that left', async () => {
    const first = await start({ nodes: 3, numTokens: 4 });
    await first.addNode();
    const leaving = internalCluster(first).node(2);
    await first.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
    await first.execute('CREATE TABLE ks.t (k int PRIMARY KEY)');
    for (let k = 0; k < 20; k++) await first.execute('INSERT INTO ks.t (k) VALUES (?)', [k], { consistency: 'ALL' });
    const commitLog = join(root, 'node2', 'commitlog');
    const logBytes = (): number => readdirSync(commitLog).reduce((n, f) => n + statSync(join(commitLog, f)).size, 0);
    expect(logBytes()).toBeGreaterThan(500);
    await first.decommission(2);
    // The node that left has closed its files, drained: its commit log holds no entry to replay.
    expect(leaving.storage.memtableBytes()).toEqual({ live: 0, flushing: 0 });
    expect(logBytes()).toBeLessThan(100);
    const before = identities(first);
    expect(before.map((line) => line.split(' ')[0])).toEqual(['1', '3', '4']);
    await stop(first);

    const second = await start({ numTokens: 4 });
    expect(identities(second)).toEqual(before);
    expect((await second.addNode()).id).toBe(5);
  });

  it('refuses another cluster, a changed token count, a different node count and a second opener', async () => {
    await stop(await start({ nodes: 2, clusterName: 'One' }));
    await expect(start({ clusterName: 'Two' })).rejects.toThrow(`Saved cluster name One != configured name Two (${root})`);
    await expect(start({ clusterName: 'One', numTokens: 8 })).rejects.toThrow('Cannot change the number of tokens from 16 to 8');
    await expect(start({ clusterName: 'One', nodes: 3 })).rejects.toThrow(`The data folder ${root} holds a cluster of 2 nodes, not 3`);
    await start({ clusterName: 'One' });
    await expect(start({ clusterName: 'One' })).rejects.toThrow('The data folder is already open in this process');
  });

  it('takes over the lock of a process that is gone, and refuses a newer or damaged folder', async () => {
    await stop(await start());
    writeFileSync(join(root, 'cassanova-data.lock'), '999999999');
    await stop(await start());

    const manifest = JSON.parse(readFileSync(join(root, 'cassanova.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(root, 'cassanova.json'), JSON.stringify({ ...manifest, format: 99 }));
    await expect(start()).rejects.toThrow('was written in data folder format 99, newer than this Cassanova\'s format 1');
    writeFileSync(join(root, 'cassanova.json'), '{"format": 1');
    await expect(start()).rejects.toThrow('cassanova.json is not valid JSON');
    expect(existsSync(join(root, 'cassanova-data.lock'))).toBe(false);
  });

  it('touches no disk without a data folder', async () => {
    const cluster = await startCluster({ port: 0 });
    await cluster.close();
    expect(existsSync(join(root, 'cassanova.json'))).toBe(false);
  });
});
