/**
 * What a node holds besides its tables survives a SIGKILL: a child process runs three nodes with a data folder,
 * leaves a Paxos proposal accepted and not committed and a logged batch in the batchlog, then writes at ONE with
 * node 3 down (node 1 hints them) until it is killed at a seeded moment. Started again from the folder, the
 * cluster delivers the hints (node 3 alone reads every acknowledged write), completes the proposal and replays
 * the batch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src/common/index.js';
import { startCluster, type CassanovaCluster } from '../../src/index.js';
import { internalCluster } from '../../src/main.js';
import { writeUntilKilled } from './crash-child.js';

/** Runs the writer until it has acknowledged a seeded number of hinted writes; the keys, and how many nodes held the batch. */
async function runUntilKilled(dir: string, sync: string, seed: number): Promise<{ acked: number[]; batchlogNodes: number }> {
  let batchlogNodes = -1;
  const acked = await writeUntilKilled({
    writer: 'node-state-crash-writer.ts', dir, sync, killAfter: 5 + (new SeededRandom(seed).nextUint32() % 100),
    onLine: (line) => {
      if (line.startsWith('batchlog ')) batchlogNodes = Number(line.slice(9));
    },
  });
  return { acked, batchlogNodes };
}

async function advanceUntil(cluster: CassanovaCluster, done: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !done(); i++) {
    cluster.advanceTime(200);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(done()).toBe(true);
}

const keysOf = async (cluster: CassanovaCluster, cql: string, consistency: 'ONE' | 'ALL' | 'SERIAL'): Promise<number[]> =>
  (await cluster.execute(cql, undefined, { consistency })).rows.map((r) => r.k as number);

describe('a durable cluster killed with SIGKILL, started again from its folder', () => {
  for (const [sync, seed] of [['batch', 1], ['periodic', 2]] as const) {
    it(`delivers its hints, completes an accepted proposal and replays its batchlog (${sync}, seed ${seed})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cassanova-node-state-crash-'));
      try {
        const { acked, batchlogNodes } = await runUntilKilled(dir, sync, seed);
        expect(batchlogNodes).toBe(2);
        const cluster = await startCluster({ port: 0, clock: 'auto', dataDir: dir });
        try {
          const nodes = internalCluster(cluster).nodes;
          expect(nodes[0]!.hints.count(3)).toBeGreaterThanOrEqual(acked.length);
          expect(nodes.filter((n) => n.batchlog.pendingCount > 0)).toHaveLength(2);
          await advanceUntil(cluster, () => nodes.every((n) => n.hints.count() === 0 && n.batchlog.pendingCount === 0));
          await cluster.node(1).stop();
          // Nodes 2 and 3 accepted the proposal and never learnt its commit: a serial read completes it.
          expect(await keysOf(cluster, 'SELECT k FROM ks.t WHERE k = 1000', 'SERIAL')).toEqual([1000]);
          await cluster.node(2).stop();
          const onNode3 = new Set(await keysOf(cluster, 'SELECT k FROM ks.t', 'ONE'));
          expect(acked.filter((k) => !onNode3.has(k))).toEqual([]);
          expect([1000, 2000, 2001].filter((k) => !onNode3.has(k))).toEqual([]);
        } finally {
          await cluster.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  }
});
