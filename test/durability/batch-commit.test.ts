/**
 * commitlog_sync 'batch' through the Node.js driver: a durable three-node cluster takes many concurrent writes
 * at ALL (each replica acknowledging once the group fsync covering it ran), counters, lightweight
 * transactions and a logged batch; closed as a crash leaves it and opened again, every replica holds
 * everything by itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDurable, expectEachNodeAlone, openDurable, rowsOf, type Opened } from './driver-support.js';

const ALL = cassandra.types.consistencies.all;
const ROWS = 600;
const IN_FLIGHT = 128;

let root: string;
const open: Opened[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cassanova-batch-commit-'));
});

afterEach(async () => {
  for (const o of open.splice(0)) await closeDurable(o, 'close');
  rmSync(root, { recursive: true, force: true });
});

async function start(): Promise<Opened> {
  const opened = await openDurable(root, { nodes: 3, commitlogSync: 'batch' });
  open.push(opened);
  return opened;
}

/** Runs `count` tasks with at most `inFlight` of them at once. */
async function concurrently(count: number, inFlight: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

describe('commitlog_sync batch through the Node.js driver', () => {
  it('keeps every write acknowledged at ALL on every replica across a crash', async () => {
    const first = await start();
    const { client } = first;
    for (const cql of [
      "CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}",
      'CREATE TABLE ks.t (k int, c int, v text, PRIMARY KEY (k, c))',
      'CREATE TABLE ks.counts (k int PRIMARY KEY, n counter)',
      'CREATE TABLE ks.lwt (k int PRIMARY KEY, v text)',
    ]) await client.execute(cql);
    await concurrently(ROWS, IN_FLIGHT, (i) => client.execute('INSERT INTO ks.t (k, c, v) VALUES (?, ?, ?)', [i % 50, i, `v${i}`], { prepare: true, consistency: ALL }));
    await concurrently(40, 16, (i) => client.execute('UPDATE ks.counts SET n = n + ? WHERE k = ?', [cassandra.types.Long.fromNumber(i + 1), i % 4], { prepare: true, consistency: ALL }));
    await concurrently(10, 10, (i) => client.execute('INSERT INTO ks.lwt (k, v) VALUES (?, ?) IF NOT EXISTS', [i, `lwt${i}`], { prepare: true, consistency: ALL }));
    await client.batch([
      { query: 'INSERT INTO ks.t (k, c, v) VALUES (?, ?, ?)', params: [1000, 0, 'batched'] },
      { query: 'INSERT INTO ks.lwt (k, v) VALUES (?, ?)', params: [1000, 'batched'] },
    ], { prepare: true, logged: true, consistency: ALL });
    const scans = ['SELECT k, c, v FROM ks.t', 'SELECT k, n FROM ks.counts', 'SELECT k, v FROM ks.lwt'];
    const before = await Promise.all(scans.map((scan) => rowsOf(client, scan)));
    expect(before.map((rows) => rows.length)).toEqual([ROWS + 1, 4, 11]);
    open.splice(open.indexOf(first), 1);
    await closeDurable(first, 'crash');

    const second = await start();
    const after = await Promise.all(scans.map((scan) => rowsOf(second.client, scan)));
    expect(after).toEqual(before);
    expect(after[1]).toContain('{"k":0,"n":"190"}');
    await expectEachNodeAlone(second, 'SELECT k, c, v FROM ks.t', ROWS + 1);
  }, 120_000);
});
