/**
 * disk_failure_policy / commit_failure_policy `stop` on a durable three-node cluster: a bad SSTable or commit
 * log segment stops only its node, which says why (naming the file) through the API, the admin API and the
 * logs, while the other nodes serve the Node.js driver at ONE and QUORUM; the bad file is left as it is, and
 * the node starts once it is put right.
 */
import {
  closeSync, copyFileSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, truncateSync, writeFileSync, writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import cassandra from 'cassandra-driver';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { internalCluster, startCluster, type CassanovaCluster, type StartClusterOptions } from '../../src/main.js';

const ROWS = 40;
const SCHEMA = `
  CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3};
  CREATE TABLE ks.t (k int PRIMARY KEY, v text);
`;

let root: string;
const open: CassanovaCluster[] = [];
const clients: cassandra.Client[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cassanova-diskfail-'));
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.shutdown()));
  await Promise.all(open.splice(0).map((c) => c.close()));
  rmSync(root, { recursive: true, force: true });
});

async function start(options: StartClusterOptions = {}): Promise<CassanovaCluster> {
  const cluster = await startCluster({ port: 0, clock: 'auto', dataDir: root, ...options });
  open.push(cluster);
  return cluster;
}

async function stop(cluster: CassanovaCluster): Promise<void> {
  open.splice(open.indexOf(cluster), 1);
  await cluster.close();
}

/** A three-node cluster with ROWS rows in ks.t, on every node. */
async function startWithRows(options: StartClusterOptions = {}): Promise<CassanovaCluster> {
  const cluster = await start({ nodes: 3, ...options });
  await cluster.loadSchema(SCHEMA);
  for (let k = 0; k < ROWS; k++) await cluster.execute('INSERT INTO ks.t (k, v) VALUES (?, ?)', [k, `value ${k}`], { consistency: 'ALL' });
  return cluster;
}

/** The one file of node `id`'s ks.t SSTables whose name ends with `component`. */
function sstableFile(id: number, component: string): string {
  const ks = join(root, `node${id}`, 'data', 'ks');
  const table = join(ks, readdirSync(ks).find((f) => f.startsWith('t-'))!);
  const found = readdirSync(table).filter((f) => f.endsWith(component));
  expect(found).toHaveLength(1);
  return join(table, found[0]!);
}

/** Flips the byte at `offset` of `file`, as a bad disk would. */
function flipByte(file: string, offset: number): void {
  const fd = openSync(file, 'r+');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, offset);
    byte[0] = byte[0]! ^ 0xff;
    writeSync(fd, byte, 0, 1, offset);
  } finally {
    closeSync(fd);
  }
}

async function connect(cluster: CassanovaCluster, options: Partial<cassandra.DseClientOptions> = {}): Promise<cassandra.Client> {
  const client = new cassandra.Client({ ...cluster.driverOptions(), ...options });
  clients.push(client);
  await client.connect();
  return client;
}

async function countRows(client: cassandra.Client, consistency: number): Promise<number> {
  const result = await client.execute('SELECT k, v FROM ks.t', [], { consistency, fetchSize: 1000 });
  return result.rows.length;
}

/** What node `id` alone holds, the others stopped, read at ONE (then the others started again). */
async function rowsOnNodeAlone(cluster: CassanovaCluster, id: number): Promise<number> {
  const others = cluster.nodes.filter((n) => n.id !== id);
  for (const n of others) await n.stop();
  try {
    return (await cluster.execute('SELECT k FROM ks.t', undefined, { consistency: 'ONE' })).rows.length;
  } finally {
    for (const n of others) await n.start();
  }
}

describe('a bad SSTable found at start', () => {
  it('keeps its node down, naming the file, while the others serve the driver at ONE and QUORUM', async () => {
    await stop(await startWithRows());
    const data = sstableFile(2, 'Data.db');
    const saved = readFileSync(data);
    truncateSync(data, saved.length - 7);
    const cluster = await start({ adminPort: 0 });
    expect(cluster.nodes.map((n) => n.status)).toEqual(['up', 'down', 'up']);
    const node2 = cluster.node(2);
    expect(node2.failure).toBe(`Corrupt SSTable file ${data}: ${saved.length - 7} bytes where ${saved.length} were written`);
    expect(cluster.node(1).isAlive(2)).toBe(false);
    expect(cluster.node(3).isAlive(2)).toBe(false);

    const client = await connect(cluster);
    expect(await countRows(client, cassandra.types.consistencies.one)).toBe(ROWS);
    expect(await countRows(client, cassandra.types.consistencies.quorum)).toBe(ROWS);
    const host2 = client.hosts.values().find((h) => h.address.startsWith(`${node2.address}:`));
    expect(host2?.isUp()).toBe(false);

    const view = await (await fetch(`${cluster.adminUrl}/nodes`)).json() as { nodes: { id: number; status: string; failure: string | null }[] };
    expect(view.nodes.map((n) => [n.id, n.status, n.failure])).toEqual([[1, 'up', null], [2, 'down', node2.failure], [3, 'up', null]]);
    const refused = await fetch(`${cluster.adminUrl}/nodes/2/start`, { method: 'POST' });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(await refused.json())).toContain(`Node 2 stays down: Corrupt SSTable file ${data}`);

    // Started again while the file is bad: the same failure; the file is left as it was.
    await expect(node2.start()).rejects.toThrow(`Corrupt SSTable file ${data}`);
    expect(node2.status).toBe('down');
    expect(readFileSync(data).length).toBe(saved.length - 7);

    writeFileSync(data, saved);
    await node2.start();
    expect([node2.status, node2.failure]).toEqual(['up', null]);
    expect(await rowsOnNodeAlone(cluster, 2)).toBe(ROWS);
  });

  it('stops its node for a damaged filter or a newer format too', async () => {
    await stop(await startWithRows());
    const filter = sstableFile(1, 'Filter.db');
    flipByte(filter, 12);
    const statistics = sstableFile(3, 'Statistics.db');
    const newer = readFileSync(statistics);
    newer.writeUInt32BE(2, 4);
    writeFileSync(statistics, newer);
    const cluster = await start();
    expect(cluster.nodes.map((n) => n.status)).toEqual(['down', 'up', 'down']);
    expect(cluster.node(1).failure).toMatch(new RegExp(`^Corrupt SSTable file ${filter}: checksum mismatch`));
    expect(cluster.node(3).failure).toBe(`Cannot read SSTable file ${statistics}: format version 2 is newer than the 1 this Cassanova reads; upgrade Cassanova to open it`);
    // Node 2 alone answers what needs one replica, and refuses what needs two.
    expect((await cluster.execute('SELECT k FROM ks.t', undefined, { consistency: 'ONE' })).rows).toHaveLength(ROWS);
    await expect(cluster.execute('SELECT k FROM ks.t', undefined, { consistency: 'QUORUM' })).rejects.toThrow('Cannot achieve consistency level QUORUM');
  });
});

describe('a commit log damaged before its end', () => {
  it('keeps its node down, naming the segment and the offset', async () => {
    const first = await startWithRows();
    // As a crash would leave them: nothing flushed, every row in the commit log only.
    for (const node of internalCluster(first).nodes) node.storage.close(false);
    await stop(first);
    const folder = join(root, 'node3', 'commitlog');
    const segment = join(folder, readdirSync(folder).sort().find((f) => readFileSync(join(folder, f)).length > 2000)!);
    const saved = readFileSync(segment);
    flipByte(segment, Math.floor(saved.length / 2));

    const cluster = await start();
    expect(cluster.nodes.map((n) => n.status)).toEqual(['up', 'up', 'down']);
    const failure = cluster.node(3).failure!;
    expect(failure).toMatch(new RegExp(`; commit log replay stopped \\(commit_failure_policy stop\\) at offset \\d+ of ${segment}$`));
    const offset = Number(/at offset (\d+) of/.exec(failure)![1]);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(Math.floor(saved.length / 2));

    const client = await connect(cluster);
    expect(await countRows(client, cassandra.types.consistencies.quorum)).toBe(ROWS);
    expect(readFileSync(segment).equals(saved)).toBe(false);

    writeFileSync(segment, saved);
    await cluster.node(3).start();
    expect(cluster.node(3).failure).toBeNull();
    expect(await rowsOnNodeAlone(cluster, 3)).toBe(ROWS);
  });

  it('keeps a node down for a segment of a newer format or of another node', async () => {
    await stop(await startWithRows());
    const segmentOf = (id: number): string => {
      const folder = join(root, `node${id}`, 'commitlog');
      return join(folder, readdirSync(folder)[0]!);
    };
    const renamed = segmentOf(1).replace(/CommitLog-1-/, 'CommitLog-9-');
    renameSync(segmentOf(1), renamed);
    // Node 2 given node 3's commit log, as a folder copied from the wrong place.
    rmSync(segmentOf(2));
    copyFileSync(segmentOf(3), join(root, 'node2', 'commitlog', basename(segmentOf(3))));
    const cluster = await start();
    expect(cluster.nodes.map((n) => n.status)).toEqual(['down', 'down', 'up']);
    expect(cluster.node(1).failure).toBe(`Commit log segment of format version 9, newer than the 1 this version reads; commit log replay stopped (commit_failure_policy stop) at offset 0 of ${renamed}`);
    expect(cluster.node(2).failure).toMatch(/^Commit log segment written by '[0-9a-f]{32}', not by this node \('[0-9a-f]{32}'\): a data folder of another cluster or node; commit log replay stopped/);
  });

  it('keeps a node down when a table\'s replay position after a TRUNCATE cannot be read', async () => {
    const first = await startWithRows();
    await first.execute('TRUNCATE ks.t');
    await stop(first);
    const ks = join(root, 'node2', 'data', 'ks');
    const floor = join(ks, readdirSync(ks).find((f) => f.startsWith('t-'))!, 'commitlog-floor.json');
    const saved = readFileSync(floor, 'utf8');
    expect(JSON.parse(saved)).toMatchObject({ segmentId: expect.any(Number), position: expect.any(Number) });
    writeFileSync(floor, saved.slice(0, 7));

    const cluster = await start();
    expect(cluster.nodes.map((n) => n.status)).toEqual(['up', 'down', 'up']);
    expect(cluster.node(2).failure).toMatch(new RegExp(`^Unreadable replay position \\(.*\\); commit log replay stopped \\(commit_failure_policy stop\\) at offset 0 of ${floor}$`));
    writeFileSync(floor, saved);
    await cluster.node(2).start();
    expect(await rowsOnNodeAlone(cluster, 2)).toBe(0);
  });
});

describe('a corrupt SSTable met while the node runs', () => {
  it('fails the read with a ReadFailure and stops the node; the other replicas answer', async () => {
    const cluster = await startWithRows();
    await cluster.flush();
    const data = sstableFile(2, 'Data.db');
    const saved = readFileSync(data);
    flipByte(data, Math.floor(saved.length / 2));
    const node2 = cluster.node(2);
    // A client of node 2 alone: at ONE, node 2 reads its own replica, which meets the corrupt block.
    const onlyNode2 = await connect(cluster, {
      policies: { loadBalancing: new cassandra.policies.loadBalancing.WhiteListPolicy(new cassandra.policies.loadBalancing.RoundRobinPolicy(), [node2.contactPoint]) },
    });
    const failed = await onlyNode2.execute('SELECT k FROM ks.t', [], { consistency: cassandra.types.consistencies.one }).catch((e: unknown) => e);
    expect(failed).toMatchObject({
      code: cassandra.types.responseErrorCodes.readFailure, consistencies: cassandra.types.consistencies.one, received: 0, blockFor: 1, failures: 1,
    });
    await vi.waitFor(() => expect(node2.status).toBe('down'));
    expect(node2.failure).toContain(`Corrupt SSTable file ${data}: `);
    expect(cluster.node(1).isAlive(2)).toBe(false);

    const client = await connect(cluster);
    expect(await countRows(client, cassandra.types.consistencies.quorum)).toBe(ROWS);
    expect(await countRows(client, cassandra.types.consistencies.one)).toBe(ROWS);

    writeFileSync(data, saved);
    await node2.start();
    expect(await rowsOnNodeAlone(cluster, 2)).toBe(ROWS);
  });

  it('stops the node when another replica reads it for a coordinator', async () => {
    const cluster = await startWithRows();
    await cluster.flush();
    const data3 = sstableFile(3, 'Data.db');
    flipByte(data3, Math.floor(readFileSync(data3).length / 2));
    // Node 1 coordinates at ALL: node 3's failure response fails the read at once.
    await expect(cluster.execute('SELECT k FROM ks.t', undefined, { consistency: 'ALL' }))
      .rejects.toThrow(new RegExp(`^Operation failed - received \\d responses and 1 failures: UNKNOWN from /${cluster.node(3).address}:7000$`));
    await vi.waitFor(() => expect(cluster.node(3).status).toBe('down'));
    expect(cluster.node(3).failure).toContain(data3);
    expect((await cluster.execute('SELECT k FROM ks.t', undefined, { consistency: 'QUORUM' })).rows).toHaveLength(ROWS);
  });

  it('stops the node when compaction meets it', async () => {
    const cluster = await startWithRows();
    await cluster.flush();
    // Node 2's memtable flushed again, then compacted with the corrupt SSTable.
    await cluster.execute("INSERT INTO ks.t (k, v) VALUES (1000, 'late')", undefined, { consistency: 'ALL' });
    const data2 = sstableFile(2, 'Data.db');
    flipByte(data2, Math.floor(readFileSync(data2).length / 2));
    await expect(cluster.compact(2)).rejects.toThrow(`Corrupt SSTable file ${data2}`);
    await vi.waitFor(() => expect(cluster.node(2).status).toBe('down'));
    expect(cluster.node(2).failure).toContain(data2);
    expect(cluster.node(1).status).toBe('up');
  });

  it('answers POST /compact with a 409 naming the file when a node stops on it', async () => {
    const cluster = await startWithRows({ adminPort: 0 });
    await cluster.flush();
    await cluster.execute("INSERT INTO ks.t (k, v) VALUES (1000, 'late')", undefined, { consistency: 'ALL' });
    const data2 = sstableFile(2, 'Data.db');
    flipByte(data2, Math.floor(readFileSync(data2).length / 2));
    const answer = await fetch(`${cluster.adminUrl}/compact`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ node: 2 }),
    });
    expect(answer.status).toBe(409);
    expect(JSON.stringify(await answer.json())).toContain(`Node 2 stopped: Corrupt SSTable file ${data2}`);
  });
});
