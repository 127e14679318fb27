/**
 * Hints and TRUNCATE through the Node.js driver, on seeded three-node clusters with a virtual clock:
 * hints reach a replica that was never convicted (Cassandra dispatches them every 10 s to every live
 * endpoint), TRUNCATE needs every replica up (TRUNCATE_ERROR otherwise), and nothing written before a
 * truncation comes back through a hint, a batchlog replay or a late Paxos commit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  advanceUntil, closeAll, consistencies, harness, threeNodes, rejection, settle, SEED, type Harness,
} from './driver-harness.js';

const insert = 'INSERT INTO ks.t (k, v) VALUES (?, ?)';
const selectAll = 'SELECT k, v FROM ks.t';

afterEach(closeAll);

async function kvTable(): Promise<Harness> {
  const h = await threeNodes(['CREATE TABLE ks.t (k int PRIMARY KEY, v text)']);
  // Prepared everywhere while every node answers.
  await h.client.execute(insert, [0, 'warm'], { prepare: true, consistency: consistencies.all, host: h.host(1) });
  await h.client.execute('TRUNCATE ks.t', [], { host: h.host(1) });
  return h;
}

/** Advances virtual time until `promise` settles; resolves or rejects as it does. */
async function advancing<T>(h: Harness, promise: Promise<T>, stepMs = 100, maxSteps = 1_000): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => { settled = true; });
  watched.catch(() => undefined);
  await advanceUntil(h, () => settled, stepMs, maxSteps);
  return watched;
}

/** Lets `ms` of virtual time pass in steps, real I/O keeping up. */
async function elapse(h: Harness, ms: number, stepMs = 500): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    h.cluster.advanceTime(stepMs);
    await settle(2);
  }
  await settle();
}

/**
 * A QUORUM write through node 1 that node 3 misses: node 3 is cut off for less than the time it takes
 * to convict it, the mutation to it times out and node 1 keeps a hint; then the partition heals.
 */
async function writeMissedByNode3(h: Harness, k: number, v: string): Promise<void> {
  const hints = h.internal.node(1).hints.count(3);
  h.cluster.network.partition([1, 2], [3]);
  await h.client.execute(insert, [k, v], { prepare: true, consistency: consistencies.quorum, host: h.host(1) });
  await elapse(h, 2_500, 250);
  h.cluster.network.heal();
  expect(h.internal.node(1).hints.count(3)).toBe(hints + 1);
  expect(h.cluster.node(1).isAlive(3)).toBe(true);
}

async function rowsAtAll(h: Harness): Promise<unknown[][]> {
  const rs = await h.client.execute(selectAll, [], { consistency: consistencies.all, host: h.host(1) });
  return rs.rows.map((r) => [r['k'], r['v']]);
}

describe(`hints (seed ${SEED})`, () => {
  it('reach a replica that was never convicted: dispatched to live endpoints every 10 s', async () => {
    const h = await kvTable();
    await writeMissedByNode3(h, 1, 'hinted');
    expect(h.internal.node(3).storage.stats().partitionCount).toBe(0);
    await elapse(h, 120_000, 1_000);
    expect(h.internal.node(1).hints.count(3)).toBe(0);
    expect(h.internal.node(1).stats.hintsReplayed).toBe(1);
    expect(h.internal.node(3).storage.stats().partitionCount).toBe(1);
    h.cluster.network.partition([1, 2], [3]);
    const rs = await h.client.execute('SELECT v FROM ks.t WHERE k = 1', [], { consistency: consistencies.one, host: h.host(3) });
    expect(rs.first()?.['v']).toBe('hinted');
  });

  it('are retried at the next dispatch after a failed one, as old as they were', async () => {
    const h = await kvTable();
    await writeMissedByNode3(h, 1, 'before');
    const lost = h.cluster.network.addFilter({ verb: 'HINT', to: 3, action: 'drop' });
    const hintsSent = (): number => h.cluster.network.stats().get('HINT')?.sent ?? 0;
    await advanceUntil(h, () => hintsSent() > 0, 100, 200);
    // Truncated while that delivery is under way: when it fails, the hint still dates from before.
    await h.client.execute('TRUNCATE ks.t', [], { host: h.host(1) });
    await elapse(h, 5_000);
    expect(h.internal.node(1).hints.count(3)).toBe(1);
    await writeMissedByNode3(h, 2, 'after');
    lost();
    await elapse(h, 30_000, 1_000);
    expect(h.internal.node(1).hints.count(3)).toBe(0);
    expect(h.internal.node(3).storage.stats().partitionCount).toBe(1);
    expect(await rowsAtAll(h)).toEqual([[2, 'after']]);
  });
});

describe(`TRUNCATE (seed ${SEED})`, () => {
  it('is refused with a truncate error while a node is down, and the hint for it does not bring the row back', async () => {
    const h = await kvTable();
    await h.cluster.node(3).stop();
    await h.client.execute(insert, [1, 'a'], { prepare: true, consistency: consistencies.quorum, host: h.host(1) });
    const error = await rejection(h.client.execute('TRUNCATE ks.t', [], { host: h.host(1) }));
    expect(error['code']).toBe(0x1003);
    expect(error['message']).toBe('Error during truncate: Cannot achieve consistency level ALL');
    await h.cluster.node(3).start();
    await advanceUntil(h, () => h.cluster.node(1).isAlive(3), 500, 20);
    await h.client.execute('TRUNCATE ks.t', [], { host: h.host(1) });
    await elapse(h, 60_000, 1_000);
    expect(await rowsAtAll(h)).toEqual([]);
    for (const id of [1, 2, 3]) expect(h.internal.node(id).storage.stats().partitionCount).toBe(0);
  });

  it('is recorded in system.local.truncated_at of every node: replay position, then the time in ms', async () => {
    const h = await kvTable();
    const before = await h.client.execute('SELECT truncated_at FROM system.local', [], { host: h.host(2) });
    h.cluster.advanceTime(5_000);
    await h.client.execute('TRUNCATE ks.t', [], { host: h.host(1) });
    const table = await h.client.execute("SELECT id FROM system_schema.tables WHERE keyspace_name = 'ks' AND table_name = 't'");
    const id = String(table.first()['id']);
    for (const host of [1, 2, 3]) {
      const rs = await h.client.execute('SELECT truncated_at FROM system.local', [], { host: h.host(host) });
      const record = (rs.first()['truncated_at'] as Record<string, Buffer>)[id]!;
      expect(record.length).toBe(20);
      expect(record.readBigInt64BE(12)).toBe(BigInt(h.internal.clock.nowMs()));
      expect(record.readBigInt64BE(12) - (before.first()['truncated_at'] as Record<string, Buffer>)[id]!.readBigInt64BE(12)).toBe(5_000n);
    }
    // The record goes with the table.
    await h.client.execute('DROP TABLE ks.t');
    const after = await h.client.execute('SELECT truncated_at FROM system.local', [], { host: h.host(3) });
    expect((after.first()['truncated_at'] as Record<string, Buffer> | null)?.[id]).toBeUndefined();
  });

  it('times out on a node that is down but not yet convicted: truncate error after truncate_request_timeout', async () => {
    const h = await kvTable();
    await h.cluster.node(3).kill();
    let settled = false;
    const pending = rejection(h.client.execute('TRUNCATE ks.t', [], { host: h.host(1) })).finally(() => { settled = true; });
    pending.catch(() => undefined);
    await advanceUntil(h, () => settled, 1_000, 70);
    const error = await pending;
    expect(error['code']).toBe(0x1003);
    expect(error['message']).toBe('Error during truncate: Truncate timed out - received only 2 responses');
  });

  it('drops a hint written before the truncation, pending while every node is up', async () => {
    const h = await kvTable();
    await writeMissedByNode3(h, 1, 'before');
    await h.client.execute('TRUNCATE ks.t', [], { host: h.host(1) });
    await h.client.execute(insert, [2, 'after'], { prepare: true, consistency: consistencies.all, host: h.host(1) });
    // A restart of node 3 too: a DOWN then UP must not replay the old hint either.
    await h.cluster.node(3).stop();
    await h.cluster.node(3).start();
    await advanceUntil(h, () => h.cluster.node(1).isAlive(3), 500, 20);
    await elapse(h, 60_000, 1_000);
    expect(h.internal.node(1).hints.count(3)).toBe(0);
    expect(h.internal.node(3).storage.stats().partitionCount).toBe(1);
    expect(await rowsAtAll(h)).toEqual([[2, 'after']]);
  });

  it('is not undone by the replay of a logged batch written before it', async () => {
    const h = await kvTable();
    const lost = h.cluster.network.addFilter({ verb: 'MUTATION', from: 1, action: 'drop' });
    const batch = [{ query: insert, params: [1, 'c'] }, { query: insert, params: [2, 'd'] }];
    const error = await rejection(advancing(h, h.client.batch(batch, {
      prepare: true, logged: true, host: h.host(1), consistency: consistencies.quorum,
    })));
    expect(error).toMatchObject({ code: 0x1100, writeType: 'BATCH' });
    lost();
    expect(h.internal.node(2).batchlog.pendingCount + h.internal.node(3).batchlog.pendingCount).toBeGreaterThan(0);
    await h.client.execute('TRUNCATE ks.t', [], { host: h.host(1) });
    await elapse(h, 60_000, 1_000);
    expect(h.internal.node(2).batchlog.pendingCount + h.internal.node(3).batchlog.pendingCount).toBe(0);
    expect(await rowsAtAll(h)).toEqual([]);
  });

  it('is not undone by a Paxos commit of an older ballot that arrives after it', async () => {
    const h = await kvTable();
    h.cluster.network.addFilter({ verb: 'PAXOS_COMMIT', to: 3, action: { delayMs: 20_000 } });
    const applied = await advancing(h, h.client.execute('INSERT INTO ks.t (k, v) VALUES (1, \'lwt\') IF NOT EXISTS', [], {
      host: h.host(1), consistency: consistencies.quorum,
    }));
    expect(applied.wasApplied()).toBe(true);
    // After the commit to node 3 timed out (its hint is older than the truncation too).
    await elapse(h, 3_000);
    await h.client.execute('TRUNCATE ks.t', [], { host: h.host(1) });
    await elapse(h, 60_000, 1_000);
    expect(h.internal.node(3).storage.stats().partitionCount).toBe(0);
    expect(await rowsAtAll(h)).toEqual([]);
  });
});
