/**
 * Speculative retry through the Node.js driver (Cassandra's SpeculatingReadExecutor): a QUORUM read whose
 * coordinator asked a paused replica asks one more replica once the table's speculative_retry delay has
 * passed, instead of timing out until the paused node is convicted. Timings are virtual milliseconds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  advanceUntil, closeAll, consistencies, harness, threeNodes, rejection, SEED, timedQuorumRead, type Harness,
} from './driver-harness.js';

const select = 'SELECT v FROM ks.t WHERE k = 1';

afterEach(closeAll);

/** Three nodes, ks.t with the given speculative_retry, k = 1 written everywhere and the select prepared on every node. */
async function kvTable(speculativeRetry?: string): Promise<Harness> {
  const options = speculativeRetry === undefined ? '' : ` WITH speculative_retry = '${speculativeRetry}'`;
  const h = await threeNodes([`CREATE TABLE ks.t (k int PRIMARY KEY, v text)${options}`]);
  await h.client.execute("INSERT INTO ks.t (k, v) VALUES (1, 'a')", [], { consistency: consistencies.all, host: h.host(1) });
  // A paused node never answers a PREPARE: prepare on every node while all are up.
  for (const id of [1, 2, 3]) await h.client.execute(select, [], { prepare: true, host: h.host(id) });
  return h;
}

/** A QUORUM read through node 1 while virtual time moves `stepMs` at a time; its value and how long it took. */
const timedRead = (h: Harness, stepMs = 5) => timedQuorumRead(h, select, 'v', stepMs, 2_000);

/** Reads at QUORUM through node 1 a few times, then lets the periodic threshold update run (every 5 s). */
async function sampleLatencies(h: Harness, reads = 20): Promise<void> {
  for (let i = 0; i < reads; i++) await timedRead(h);
  await advanceUntil(h, () => false, 1_000, 5);
}

describe(`speculative retry (seed ${SEED})`, () => {
  it('asks node 3 once the 99th percentile of sampled reads has passed, when node 2 is paused', async () => {
    const h = await kvTable();
    await sampleLatencies(h);
    await h.cluster.node(2).pause();
    const { value, elapsedMs } = await timedRead(h);
    expect(value).toBe('a');
    // Replies take no virtual time here: the sampled 99th percentile is a bucket bound under a millisecond.
    expect(elapsedMs).toBeLessThanOrEqual(5);
  });

  it('waits half the read timeout before any latency is sampled', async () => {
    const h = await kvTable();
    await h.cluster.node(2).pause();
    const { value, elapsedMs } = await timedRead(h, 50);
    expect(value).toBe('a');
    expect(elapsedMs).toBeGreaterThanOrEqual(2_500);
    expect(elapsedMs).toBeLessThanOrEqual(2_550);
  });

  it('follows the sampled percentile of slower links', async () => {
    const h = await kvTable('90p');
    h.cluster.network.set({ latencyMs: 10 });
    await sampleLatencies(h);
    await h.cluster.node(2).pause();
    const { value, elapsedMs } = await timedRead(h, 1);
    expect(value).toBe('a');
    // 90p of 20 ms round trips (a bucket bound of about 20 ms), then 20 ms to node 3 and back.
    expect(elapsedMs).toBeGreaterThanOrEqual(40);
    expect(elapsedMs).toBeLessThanOrEqual(50);
  });

  it.each([
    ['200ms', 200, 210],
    ['MAX(99p,300ms)', 300, 310],
    ['MIN(99p,300ms)', 0, 5],
  ])('speculates after %s', async (option, atLeastMs, atMostMs) => {
    const h = await kvTable(option);
    await sampleLatencies(h);
    await h.cluster.node(2).pause();
    const { value, elapsedMs } = await timedRead(h);
    expect(value).toBe('a');
    expect(elapsedMs).toBeGreaterThanOrEqual(atLeastMs);
    expect(elapsedMs).toBeLessThanOrEqual(atMostMs);
  });

  it('asks all three replicas at once with ALWAYS: the paused one costs nothing', async () => {
    const h = await kvTable('ALWAYS');
    await h.cluster.node(2).pause();
    const { value, elapsedMs } = await timedRead(h);
    expect(value).toBe('a');
    expect(elapsedMs).toBeLessThanOrEqual(5);
  });

  it('times out with NONE: received 1 of 2, data present', async () => {
    const h = await kvTable('NONE');
    await sampleLatencies(h);
    await h.cluster.node(2).pause();
    const error = await rejection(timedRead(h, 100));
    expect(error).toMatchObject({ code: 0x1200, consistencies: consistencies.quorum, received: 1, blockFor: 2, isDataPresent: 1 });
  });

  it('does not speculate at ALL: there is no replica left to ask', async () => {
    const h = await kvTable();
    await sampleLatencies(h);
    await h.cluster.node(3).pause();
    let settled = false;
    const read = rejection(h.client.execute(select, [], { prepare: true, consistency: consistencies.all, host: h.host(1) }))
      .finally(() => { settled = true; });
    await advanceUntil(h, () => settled, 100, 100);
    expect(await read).toMatchObject({ code: 0x1200, received: 2, blockFor: 3 });
  });
});
