import { afterEach, describe, expect, it } from 'vitest';
import { ConsistencyLevel, ReadTimeoutError } from '../../errors/index.js';
import type { PartitionRangeReadCommand, SinglePartitionReadCommand } from '../../data/index.js';
import { ALL, cell, int, liveness, mutation, row, testTable, update } from '../../data/testing/fixtures.js';
import { DEFAULT_TABLE_OPTIONS, rebuildTable } from '../../schema/index.js';
import type { Cluster } from '../cluster.js';
import { runUntilSettled, virtualCluster } from '../testing/virtual-cluster.js';

const { QUORUM, EACH_QUORUM } = ConsistencyLevel;
const table = testTable();
const never = rebuildTable(table, { options: { ...DEFAULT_TABLE_OPTIONS, speculativeRetry: 'NEVER' } });

const single = (t = table): SinglePartitionReadCommand => ({
  kind: 'single', table: t, key: int(1), token: 1n, filter: { kind: 'slices', slices: [ALL], reversed: false }, nowInSec: 0, rowLimit: Infinity,
});
const range: PartitionRangeReadCommand = {
  kind: 'range', table, filter: { kind: 'slices', slices: [ALL], reversed: false }, nowInSec: 0, rowLimit: Infinity, partitionLimit: Infinity, perPartitionLimit: Infinity,
  bounds: { start: null, startInclusive: false, end: null, endInclusive: true },
};

let cluster: Cluster;
afterEach(() => cluster?.close());

async function threeNodes(): Promise<Cluster> {
  cluster = await virtualCluster(3, 3, [table]);
  for (const node of cluster.nodes) node.applyLocally(mutation(update(table, int(1), { rows: [row([], { v: cell('a', 1) }, { liveness: liveness(1) })] })));
  return cluster;
}

/** The error a read through node 1 fails with, and the virtual time it took. */
async function failedRead(read: () => Promise<unknown>): Promise<{ error: unknown; elapsedMs: number }> {
  const startMs = cluster.clock.nowMs();
  const error = await runUntilSettled(cluster, read()).then(() => null, (e: unknown) => e);
  return { error, elapsedMs: cluster.clock.nowMs() - startMs };
}

describe('the read path', () => {
  it('speculates after half the read timeout, and times out at the deadline if the extra replica is silent too', async () => {
    await threeNodes();
    await cluster.node(2).pause();
    const answered = await runUntilSettled(cluster, cluster.node(1).read(single(), QUORUM));
    expect(answered[0]!.rows).toHaveLength(1);
    await cluster.node(3).pause();
    const { error, elapsedMs } = await failedRead(() => cluster.node(1).read(single(), QUORUM));
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect(error).toMatchObject({ received: 1, blockFor: 2, dataPresent: true });
    expect(elapsedMs).toBe(5000);
  });

  it('does not speculate with NEVER, at EACH_QUORUM, or for a range', async () => {
    await threeNodes();
    await cluster.node(2).pause();
    for (const read of [
      () => cluster.node(1).read(single(never), QUORUM),
      () => cluster.node(1).read(single(), EACH_QUORUM),
    ]) {
      const { error, elapsedMs } = await failedRead(read);
      expect(error).toMatchObject({ received: 1, blockFor: 2 });
      expect(elapsedMs).toBe(5000);
    }
    const { error, elapsedMs } = await failedRead(() => cluster.node(1).read(range, QUORUM));
    expect(error).toMatchObject({ received: 1, blockFor: 2 });
    expect(elapsedMs).toBe(10_000);
  });
});
