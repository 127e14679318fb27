/**
 * What timeouts report through the Node.js driver when acknowledgements come from the wrong places:
 * at EACH_QUORUM, acknowledgements from one data center can add up to blockFor while another data
 * center lacks its quorum; Cassandra never reports more than blockFor − 1 received
 * (AbstractWriteResponseHandler), whatever the write type.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  advanceUntil, closeAll, consistencies, harness, NoRetryPolicy, rejection, SEED, type Harness,
} from './driver-harness.js';

afterEach(closeAll);

/** dc1 and dc2 of three nodes each, RF 3 in both; dc2's nodes 5 and 6 paused (not yet convicted). */
async function twoDataCenters(): Promise<Harness> {
  const h = await harness({ dataCenters: { dc1: 3, dc2: 3 } }, { policies: { retry: new NoRetryPolicy() } });
  await h.client.execute("CREATE KEYSPACE ks WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 3}");
  await h.client.execute('CREATE TABLE ks.t (k int PRIMARY KEY, v text)');
  await h.client.execute('CREATE TABLE ks.c (k int PRIMARY KEY, n counter)');
  await h.cluster.node(5).pause();
  await h.cluster.node(6).pause();
  return h;
}

/** The error `request` fails with, virtual time moving until it does. */
async function failure(h: Harness, request: Promise<unknown>): Promise<Record<string, unknown>> {
  let settled = false;
  const failed = rejection(request).finally(() => { settled = true; });
  await advanceUntil(h, () => settled, 250, 40);
  return failed;
}

describe(`EACH_QUORUM timeouts (seed ${SEED})`, () => {
  const eachQuorum = { consistency: consistencies.eachQuorum };

  it('report 3 of 4 received when dc1 acknowledged three times and dc2 once, for every write type', async () => {
    const h = await twoDataCenters();
    const expected = { code: 0x1100, consistencies: consistencies.eachQuorum, received: 3, blockFor: 4 };
    const simple = await failure(h, h.client.execute("INSERT INTO ks.t (k, v) VALUES (1, 'a')", [], { ...eachQuorum, host: h.host(1) }));
    expect(simple).toMatchObject({ ...expected, writeType: 'SIMPLE' });
    const batch = await failure(h, h.client.batch([
      { query: "INSERT INTO ks.t (k, v) VALUES (2, 'b')" }, { query: "INSERT INTO ks.t (k, v) VALUES (3, 'c')" },
    ], { ...eachQuorum, host: h.host(1), logged: true }));
    expect(batch).toMatchObject({ ...expected, writeType: 'BATCH' });
    const counter = await failure(h, h.client.execute('UPDATE ks.c SET n = n + 1 WHERE k = 1', [], { ...eachQuorum, host: h.host(1) }));
    expect(counter).toMatchObject({ ...expected, writeType: 'COUNTER' });
    // A lightweight transaction's Paxos rounds need four of six replicas; its commit at EACH_QUORUM times out alike.
    const cas = await failure(h, h.client.execute("INSERT INTO ks.t (k, v) VALUES (4, 'd') IF NOT EXISTS", [], {
      ...eachQuorum, serialConsistency: consistencies.serial, host: h.host(1),
    }));
    expect(cas).toMatchObject(expected);
  });
});
