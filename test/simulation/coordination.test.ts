/**
 * Coordination across nodes through the Node.js driver, on seeded virtual-clock clusters: lightweight
 * transactions through Paxos rounds, logged batches through the batchlog, counters through a leader.
 * Every test name carries the seed (CASSANOVA_SEED) that reproduces it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  advanceUntil, closeAll, consistencies, harness, threeNodes, rejection, settle, SEED, type Harness,
} from './driver-harness.js';

afterEach(closeAll);


/** Advances virtual time until `promise` settles; resolves or rejects as it does. */
async function advancing<T>(h: Harness, promise: Promise<T>, stepMs = 20, maxSteps = 2_000): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => { settled = true; });
  watched.catch(() => undefined);
  await advanceUntil(h, () => settled, stepMs, maxSteps);
  return watched;
}

describe(`lightweight transactions through Paxos (seed ${SEED})`, () => {
  const read = 'SELECT v FROM ks.c WHERE k = 0';
  const cas = 'UPDATE ks.c SET v = ? WHERE k = 0 IF v = ?';

  /** v read at SERIAL through a coordinator, again when contention left the round's outcome unknown. */
  async function serialRead(h: Harness, host: number): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        const rows = await h.client.execute(read, [], { prepare: true, host: h.host(host), consistency: consistencies.serial });
        return rows.first()['v'] as number;
      } catch (e) {
        if (attempt >= 5 || (e as { code?: number }).code !== 0x1100) throw e;
      }
    }
  }

  it('stay linearizable while a minority is partitioned away: it times out, then is Unavailable; the majority goes on', async () => {
    const h = await threeNodes(['CREATE TABLE ks.c (k int PRIMARY KEY, v int)']);
    const created = await h.client.execute('INSERT INTO ks.c (k, v) VALUES (0, 0) IF NOT EXISTS', [], { host: h.host(1) });
    expect(created.wasApplied()).toBe(true);
    h.cluster.network.partition([1], [2, 3]);

    const timedOut = await rejection(advancing(h, h.client.execute(cas, [1, 0], { prepare: true, host: h.host(1) })));
    expect(timedOut).toMatchObject({ code: 0x1100, writeType: 'CAS', consistencies: consistencies.serial, received: 1, blockFor: 2 });
    await advanceUntil(h, () => !h.cluster.node(1).isAlive(2) && !h.cluster.node(2).isAlive(1), 1_000, 60);
    const unavailable = await rejection(h.client.execute(cas, [1, 0], { prepare: true, host: h.host(1) }));
    expect(unavailable).toMatchObject({ code: 0x1000, consistencies: consistencies.serial, required: 2, alive: 1 });

    // Two clients increment by compare-and-set through the majority's two coordinators, concurrently.
    // Contending proposers can leave a proposal accepted by one replica only: its outcome is unknown
    // (a CAS write timeout on protocol v4), and a later round may still complete it.
    const applied: number[] = [];
    const unknown: number[] = [];
    const client = async (host: number): Promise<void> => {
      for (let i = 0; i < 6; i++) {
        const current = await serialRead(h, host);
        try {
          const result = await h.client.execute(cas, [current + 1, current], { prepare: true, host: h.host(host) });
          if (result.wasApplied()) applied.push(current);
        } catch (e) {
          expect(e).toMatchObject({ code: 0x1100, writeType: 'CAS' });
          unknown.push(current);
        }
      }
    };
    // Meanwhile a client on the minority side gets nowhere, and neither does its IF NOT EXISTS.
    const insert = 'INSERT INTO ks.c (k, v) VALUES (1, ?) IF NOT EXISTS';
    const minority = async (): Promise<void> => {
      for (let i = 0; i < 3; i++) {
        const error = await rejection(h.client.execute(insert, [i], { prepare: true, host: h.host(1) }));
        expect(error).toMatchObject({ code: 0x1000, consistencies: consistencies.serial });
      }
    };
    await advancing(h, Promise.all([client(2), client(3), minority()]));
    expect(applied.length).toBeGreaterThan(0);
    expect((await h.client.execute(insert, [10], { prepare: true, host: h.host(2) })).wasApplied()).toBe(true);
    h.cluster.network.heal();
    await advanceUntil(h, () => h.cluster.node(1).isAlive(2) && h.cluster.node(1).isAlive(3), 1_000, 60);
    const final = await advancing(h, serialRead(h, 1));
    // A sequential history: every step 0 → 1 → … → final taken once, by an applied CAS or one whose
    // outcome was unknown; no two applied CAS started from the same value.
    expect(new Set(applied).size).toBe(applied.length);
    for (let v = 0; v < final; v++) expect(applied.includes(v) || unknown.includes(v)).toBe(true);
    expect(applied.every((v) => v < final)).toBe(true);
    const again = await advancing(h, h.client.execute(insert, [11], { prepare: true, host: h.host(1) }));
    expect(again.wasApplied()).toBe(false);
    expect(again.first()['v']).toBe(10);
  });

  it('answers SERIAL reads through Paxos and shows the current row when a condition fails', async () => {
    const h = await threeNodes(['CREATE TABLE ks.c (k int PRIMARY KEY, v int)']);
    await h.client.execute('INSERT INTO ks.c (k, v) VALUES (0, 5) IF NOT EXISTS', [], { host: h.host(2) });
    const failed = await h.client.execute(cas, [7, 6], { prepare: true, host: h.host(3) });
    expect(failed.wasApplied()).toBe(false);
    expect(failed.first()['v']).toBe(5);
    const serial = await h.client.execute(read, [], { prepare: true, host: h.host(1), consistency: consistencies.localSerial });
    expect(serial.first()['v']).toBe(5);
    const prepares = h.cluster.network.stats().get('PAXOS_PREPARE')?.sent ?? 0;
    expect(prepares).toBeGreaterThanOrEqual(9);
    for (const node of h.internal.nodes) expect(node.storage.stats().partitionCount).toBe(1);
  });
});

describe(`logged batches through the batchlog (seed ${SEED})`, () => {
  const insert = 'INSERT INTO ks.t (k, v) VALUES (?, ?)';
  const both = (a: string, b: string) => [{ query: insert, params: [1, a] }, { query: insert, params: [2, b] }];

  it('stores a multi-partition batch in the batchlog of the other nodes and removes it after success', async () => {
    const h = await threeNodes(['CREATE TABLE ks.t (k int PRIMARY KEY, v text)']);
    await h.client.batch(both('a', 'b'), { prepare: true, logged: true, host: h.host(1), consistency: consistencies.quorum });
    await settle();
    expect(h.internal.node(1).batchlog.stats.stored).toBe(0);
    for (const id of [2, 3]) {
      expect(h.internal.node(id).batchlog.stats).toEqual({ stored: 1, removed: 1, replayed: 0 });
      expect(h.internal.node(id).batchlog.pendingCount).toBe(0);
    }
    // One partition: no batchlog, as in Cassandra.
    await h.client.batch([{ query: insert, params: [3, 'x'] }, { query: 'UPDATE ks.t SET v = ? WHERE k = 3', params: ['y'] }],
      { prepare: true, logged: true, host: h.host(1) });
    for (const id of [2, 3]) expect(h.internal.node(id).batchlog.stats.stored).toBe(1);
  });

  it('survives its coordinator: the batchlog nodes replay a batch whose mutations never left it', async () => {
    const h = await threeNodes(['CREATE TABLE ks.t (k int PRIMARY KEY, v text)']);
    await h.client.execute(insert, [0, 'warm'], { prepare: true, host: h.host(2) });
    const lost = h.cluster.network.addFilter({ verb: 'MUTATION', from: 1, action: 'drop' });
    const error = await rejection(advancing(h, h.client.batch(both('c', 'd'), {
      prepare: true, logged: true, host: h.host(1), consistency: consistencies.quorum,
    }), 100));
    expect(error).toMatchObject({ code: 0x1100, writeType: 'BATCH', received: 1, blockFor: 2 });
    lost();
    await h.cluster.node(1).kill();
    await advanceUntil(h, () => h.internal.node(2).batchlog.stats.replayed > 0 && h.internal.node(3).batchlog.stats.replayed > 0, 500, 20);
    for (const id of [2, 3]) {
      const rows = await h.client.execute('SELECT k, v FROM ks.t WHERE k IN (1, 2)', [], { host: h.host(id), consistency: consistencies.one });
      expect(rows.rows.map((r) => [r['k'], r['v']])).toEqual([[1, 'c'], [2, 'd']]);
    }
  });
});

describe(`counters through a leader replica (seed ${SEED})`, () => {
  it('give the right totals at QUORUM with one node stopped, and the node catches up through hints', async () => {
    const h = await threeNodes(['CREATE TABLE ks.hits (k int PRIMARY KEY, n counter)']);
    await h.cluster.node(3).stop();
    for (let i = 1; i <= 10; i++) {
      await h.client.execute('UPDATE ks.hits SET n = n + ? WHERE k = 1', [i], {
        prepare: true, host: h.host(i % 2 === 0 ? 1 : 2), consistency: consistencies.quorum,
      });
    }
    await h.client.execute('UPDATE ks.hits SET n = n - 5 WHERE k = 1', [], { host: h.host(1), consistency: consistencies.quorum });
    for (const id of [1, 2]) {
      const total = await h.client.execute('SELECT n FROM ks.hits WHERE k = 1', [], { host: h.host(id), consistency: consistencies.quorum });
      expect(String(total.first()['n'])).toBe('50');
    }
    await h.cluster.node(3).start();
    await advanceUntil(h, () => h.internal.node(1).hints.count(3) === 0 && h.internal.node(2).hints.count(3) === 0, 1_000, 30);
    // Node 3 answers the same total: no digest mismatch, nothing to repair.
    const repairs = h.internal.node(1).stats.readRepairs;
    const all = await h.client.execute('SELECT n FROM ks.hits WHERE k = 1', [], { host: h.host(1), consistency: consistencies.all });
    expect(String(all.first()['n'])).toBe('50');
    expect(h.internal.node(1).stats.readRepairs).toBe(repairs);
  });
});
