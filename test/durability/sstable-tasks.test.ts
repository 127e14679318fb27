/**
 * system_views.sstable_tasks through the Node.js driver: a compaction of a durable node is listed while it runs
 * in the background (kind, table, progress in bytes of its inputs), and the table is empty once it has ended.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type cassandra from 'cassandra-driver';
import { afterEach, expect, it } from 'vitest';
import { closeDurable, openDurable, type Opened } from './driver-support.js';

// Below size-tiered min_threshold (4): only the compaction asked for runs.
const SSTABLES = 3;
const ROWS_PER_SSTABLE = 1_500;

let dir: string | undefined;
let opened: Opened | undefined;
afterEach(async () => {
  if (opened !== undefined) await closeDurable(opened, 'close');
  opened = undefined;
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

it('lists a running compaction with its progress, and nothing once it has ended', async () => {
  dir = mkdtempSync(join(tmpdir(), 'cassanova-sstable-tasks-'));
  opened = await openDurable(dir);
  const { cluster, client } = opened;
  await client.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
  await client.execute('CREATE TABLE ks.t (k int PRIMARY KEY, v text)');
  for (let s = 0; s < SSTABLES; s++) {
    for (let from = 0; from < ROWS_PER_SSTABLE; from += 100) {
      const queries = Array.from({ length: 100 }, (_, i) => ({ query: 'INSERT INTO ks.t (k, v) VALUES (?, ?)', params: [s * ROWS_PER_SSTABLE + from + i, 'x'.repeat(40)] }));
      await client.batch(queries, { prepare: true, logged: false });
    }
    await cluster.flush();
  }

  let ended = false;
  const compacting = cluster.compact().finally(() => {
    ended = true;
  });
  const seen: cassandra.types.Row[] = [];
  while (!ended) seen.push(...(await client.execute('SELECT * FROM system_views.sstable_tasks')).rows);
  await compacting;

  expect(seen.length).toBeGreaterThan(0);
  const ids = new Set(seen.map((r) => String(r['task_id'])));
  expect(ids.size).toBe(1);
  let previous = -1;
  for (const row of seen) {
    expect([row['keyspace_name'], row['table_name'], row['kind'], row['unit']]).toEqual(['ks', 't', 'compaction', 'bytes']);
    const progress = Number(row['progress']);
    const total = Number(row['total']);
    expect(progress).toBeGreaterThanOrEqual(previous);
    expect(progress).toBeLessThanOrEqual(total);
    expect(row['completion_ratio']).toBeCloseTo(progress / total, 9);
    previous = progress;
  }
  expect((await client.execute('SELECT * FROM system_views.sstable_tasks')).rows).toEqual([]);
});
