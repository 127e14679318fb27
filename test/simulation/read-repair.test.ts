/**
 * Blocking read repair under faults, through the Node.js driver (Cassandra's BlockingReadRepair and
 * BlockingPartitionRepair): a repair the stale replica never acknowledges is also written to the replica
 * the read did not contact, whose acknowledgement counts instead; with nowhere else to write, the read
 * times out with the repair's own counts. Timings are virtual milliseconds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeAll, consistencies, harness, NoRetryPolicy, rejection, SEED, timedQuorumRead, type Harness,
} from './driver-harness.js';

const RF3 = "{'class': 'SimpleStrategy', 'replication_factor': 3}";
const select = 'SELECT v FROM ks.t WHERE k = 1';

afterEach(closeAll);

/** k = 1 is 'old' on node 2 and 'new' on nodes 1 and 3; repairs sent to node 2 are lost. */
async function staleNode2(readRepair = 'BLOCKING'): Promise<Harness> {
  const h = await harness({ nodes: 3 }, { policies: { retry: new NoRetryPolicy() } });
  await h.client.execute(`CREATE KEYSPACE ks WITH replication = ${RF3}`);
  await h.client.execute(`CREATE TABLE ks.t (k int PRIMARY KEY, v text) WITH read_repair = '${readRepair}'`);
  const insert = 'INSERT INTO ks.t (k, v) VALUES (1, ?)';
  await h.client.execute(insert, ['old'], { prepare: true, consistency: consistencies.all, host: h.host(1) });
  const lost = [
    h.cluster.network.addFilter({ verb: 'MUTATION', to: 2, action: 'drop' }),
    h.cluster.network.addFilter({ verb: 'HINT', to: 2, action: 'drop' }),
  ];
  await h.client.execute(insert, ['new'], { prepare: true, consistency: consistencies.quorum, host: h.host(1) });
  for (const undo of lost) undo();
  h.cluster.network.addFilter({ verb: 'READ_REPAIR', to: 2, action: 'drop' });
  return h;
}

/** READ_REPAIR messages so far, requests and responses. */
const repairMessages = (h: Harness): { sent: number; dropped: number } => h.cluster.network.stats().get('READ_REPAIR')!;

/** A QUORUM read through node 1 (it asks nodes 1 and 2) while virtual time moves. */
const timedRead = (h: Harness, stepMs: number) => timedQuorumRead(h, select, 'v', stepMs, 1_000);

describe(`blocking read repair (seed ${SEED})`, () => {
  it('writes a repair node 2 does not acknowledge to node 3 too, and answers', async () => {
    const h = await staleNode2();
    const before = repairMessages(h);
    const { value, elapsedMs } = await timedRead(h, 50);
    expect(value).toBe('new');
    // additional_write_policy 99p, with no write latency sampled yet: half the write timeout (1 s).
    expect(elapsedMs).toBeGreaterThanOrEqual(1_000);
    expect(elapsedMs).toBeLessThan(1_100);
    // One repair to node 2 (lost), one to node 3 and its acknowledgement.
    const after = repairMessages(h);
    expect({ sent: after.sent - before.sent, dropped: after.dropped - before.dropped }).toEqual({ sent: 3, dropped: 1 });
  });

  it('times out with the repair\'s counts when no other replica is up: received 0 of 1', async () => {
    const h = await staleNode2();
    await h.cluster.node(3).stop();
    const error = await rejection(timedRead(h, 100));
    expect(error).toMatchObject({ code: 0x1200, consistencies: consistencies.quorum, received: 0, blockFor: 1, isDataPresent: 1 });
  });

  it('answers the merged value without repairing when read_repair is NONE', async () => {
    const h = await staleNode2('NONE');
    const before = repairMessages(h);
    const { value, elapsedMs } = await timedRead(h, 50);
    expect(value).toBe('new');
    // Nothing waits for an acknowledgement (the driver's round trip may take a step or two).
    expect(elapsedMs).toBeLessThan(1_000);
    expect(repairMessages(h).sent).toBe(before.sent);
  });
});
