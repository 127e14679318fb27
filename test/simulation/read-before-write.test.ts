/**
 * Writes that read before they write, on three nodes (RF 3) whose replicas diverge: list elements set or
 * deleted by index and list values discarded read the current list at the statement's consistency level
 * (ModificationStatement.readRequiredLists), conditional statements read at QUORUM or LOCAL_QUORUM in
 * their Paxos round. Node 1 is made to miss writes with a filter on its MUTATION messages, so a read at
 * ONE through it sees nothing while a read at QUORUM finds the other replicas' data. Counter updates
 * read too, on their leader replica alone, as Cassandra's do: each leader raises a shard of its own, so
 * what it has not seen is not lost. Every test name carries the seed (CASSANOVA_SEED) that reproduces it.
 */
import cassandra from 'cassandra-driver';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeAll, consistencies, harness, threeNodes, rejection, SEED, type Harness,
} from './driver-harness.js';

const { quorum, one, all, any, serial, localSerial, localQuorum } = consistencies;
const cassandraLong = (n: number) => cassandra.types.Long.fromNumber(n);

afterEach(closeAll);

const listTable = (): Promise<Harness> =>
  threeNodes(['CREATE TABLE ks.l (k int, c int, l list<int>, s list<int> static, PRIMARY KEY (k, c))'], { clusterTimestamps: true });

/** Runs `cql` at QUORUM through node 2 while node 1 loses every mutation sent to it. */
async function missedByNode1(h: Harness, cql: string, params: unknown[] = []): Promise<void> {
  const lost = h.cluster.network.addFilter({ verb: 'MUTATION', to: 1, action: 'drop' });
  try {
    await h.client.execute(cql, params, { prepare: true, consistency: quorum, host: h.host(2) });
  } finally {
    lost();
  }
}

/** Runs `cql` through node 1 at `consistency`. */
const throughNode1 = (h: Harness, cql: string, consistency: number, params: unknown[] = []) =>
  h.client.execute(cql, params, { prepare: true, consistency, host: h.host(1) });

async function list(h: Harness, k: number, column = 'l'): Promise<unknown> {
  const rows = await h.client.execute(`SELECT ${column} FROM ks.l WHERE k = ? AND c = 0`, [k], { prepare: true, consistency: all, host: h.host(3) });
  return rows.first()?.[column] ?? null;
}

describe(`read-before-write at the statement's consistency level (seed ${SEED})`, () => {
  it('sets a list element by index from the list a QUORUM read finds, where ONE finds none', async () => {
    const h = await listTable();
    for (const k of [1, 2]) await missedByNode1(h, 'INSERT INTO ks.l (k, c, l) VALUES (?, 0, [1, 2, 3])', [k]);
    const atOne = await rejection(throughNode1(h, 'UPDATE ks.l SET l[0] = 9 WHERE k = 1 AND c = 0', one));
    expect(atOne).toMatchObject({ code: 0x2200, message: 'Attempted to set an element on a list which is null' });
    await throughNode1(h, 'UPDATE ks.l SET l[0] = 9 WHERE k = 2 AND c = 0', quorum);
    expect(await list(h, 2)).toEqual([9, 2, 3]);
    await throughNode1(h, 'UPDATE ks.l SET l[2] = 7 WHERE k = 1 AND c = 0', all);
    expect(await list(h, 1)).toEqual([1, 2, 7]);
  });

  it('discards list values and deletes elements by index from the list read at QUORUM', async () => {
    const h = await listTable();
    for (const k of [3, 4]) await missedByNode1(h, 'INSERT INTO ks.l (k, c, l) VALUES (?, 0, [1, 2, 3, 2])', [k]);
    await throughNode1(h, 'UPDATE ks.l SET l = l - [2] WHERE k = 3 AND c = 0', quorum);
    expect(await list(h, 3)).toEqual([1, 3]);
    await throughNode1(h, 'DELETE l[1] FROM ks.l WHERE k = 4 AND c = 0', quorum);
    expect(await list(h, 4)).toEqual([1, 3, 2]);
  });

  it('reads a static list, and the lists of a batch, at the level of the statement', async () => {
    const h = await listTable();
    await missedByNode1(h, 'UPDATE ks.l SET s = [4, 5] WHERE k = 5');
    await missedByNode1(h, 'INSERT INTO ks.l (k, c, l) VALUES (6, 0, [6, 7])');
    await throughNode1(h, 'UPDATE ks.l SET s[1] = 50 WHERE k = 5', quorum);
    await h.client.batch([
      { query: 'UPDATE ks.l SET l[0] = 60 WHERE k = 6 AND c = 0', params: [] },
      { query: 'UPDATE ks.l SET l = l - [7] WHERE k = 6 AND c = 0', params: [] },
    ], { prepare: true, consistency: localQuorum, host: h.host(1) });
    const statics = await h.client.execute('SELECT s FROM ks.l WHERE k = 5', [], { consistency: all, host: h.host(3) });
    expect(statics.first()?.['s']).toEqual([4, 50]);
    expect(await list(h, 6)).toEqual([60]);
  });

  it('reads for a conditional list update in the Paxos round, at QUORUM for SERIAL and LOCAL_QUORUM for LOCAL_SERIAL', async () => {
    const h = await listTable();
    for (const k of [7, 8]) await missedByNode1(h, 'INSERT INTO ks.l (k, c, l) VALUES (?, 0, [1, 2])', [k]);
    const bySerial = await h.client.execute('UPDATE ks.l SET l[1] = 20 WHERE k = 7 AND c = 0 IF EXISTS', [], {
      prepare: true, consistency: one, serialConsistency: serial, host: h.host(1),
    });
    expect(bySerial.wasApplied()).toBe(true);
    // The commit level may be ANY: the list comes from the Paxos read, not from a read at that level.
    const byLocalSerial = await h.client.batch([{ query: 'UPDATE ks.l SET l = l - [1] WHERE k = 8 AND c = 0 IF l = [1, 2]', params: [] }], {
      prepare: true, consistency: any, serialConsistency: localSerial, host: h.host(1),
    });
    expect(byLocalSerial.wasApplied()).toBe(true);
    expect(await list(h, 7)).toEqual([1, 20]);
    expect(await list(h, 8)).toEqual([2]);
  });

  it('refuses a read-before-write at ANY, and serial levels for a statement without conditions', async () => {
    const h = await listTable();
    await h.client.execute('INSERT INTO ks.l (k, c, l) VALUES (9, 0, [1])', [], { consistency: all });
    for (const cql of ['UPDATE ks.l SET l[0] = 2 WHERE k = 9 AND c = 0', 'UPDATE ks.l SET l = l - [1] WHERE k = 9 AND c = 0', 'DELETE l[0] FROM ks.l WHERE k = 9 AND c = 0']) {
      // The driver sends ONE for a QUERY or EXECUTE at ANY (requests.js: `getConsistency() || one`); a BATCH keeps it.
      const error = await rejection(h.client.batch([{ query: cql, params: [] }], { prepare: true, consistency: any, host: h.host(1) }));
      expect(error).toMatchObject({ code: 0x2200, message: 'Write operation require a read but consistency ANY is not supported on reads' });
      for (const level of [serial, localSerial]) {
        const refused = await rejection(throughNode1(h, cql, level));
        expect(refused).toMatchObject({ code: 0x2200, message: 'You must use conditional updates for serializable writes' });
      }
    }
    // Appending needs no read: ANY takes it.
    await h.client.batch([{ query: 'UPDATE ks.l SET l = l + [2] WHERE k = 9 AND c = 0', params: [] }], { prepare: true, consistency: any, host: h.host(1) });
    expect(await list(h, 9)).toEqual([1, 2]);
  });
});

describe(`counter updates, read by their leader replica (seed ${SEED})`, () => {
  it('add up when the leader missed increments another replica led', async () => {
    const h = await listTable();
    await h.client.execute('CREATE TABLE ks.hits (k int PRIMARY KEY, n counter)');
    const increment = 'UPDATE ks.hits SET n = n + ? WHERE k = 1';
    // Led by node 2 while node 1 loses its mutations; then led by node 1, which reads its own storage.
    await missedByNode1(h, increment, [cassandraLong(5)]);
    await throughNode1(h, increment, quorum, [cassandraLong(1)]);
    await h.client.execute(increment, [cassandraLong(10)], { prepare: true, consistency: one, host: h.host(3) });
    const total = async (consistency: number, host: number) =>
      String((await h.client.execute('SELECT n FROM ks.hits WHERE k = 1', [], { consistency, host: h.host(host) })).first()['n']);
    expect(await total(all, 2)).toBe('16');
    // The read at ALL repaired node 1: it answers the total alone.
    expect(await total(one, 1)).toBe('16');
  });
});
