/**
 * Crash safety of a durable cluster: a child process runs three nodes with a data folder and writes at ALL; it
 * is killed with SIGKILL at a seeded moment; the cluster started again from the folder must read back every
 * write the child saw acknowledged, on every node (each replica logged it before answering).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src/common/index.js';
import { startCluster } from '../../src/index.js';
import { writeUntilKilled } from './crash-child.js';

const SEEDS = (process.env.CASSANOVA_CRASH_SEEDS ?? '1,2').split(',').map(Number);

describe('a durable cluster killed with SIGKILL', () => {
  for (const sync of ['batch', 'periodic'] as const) {
    for (const seed of SEEDS) {
      it(`reads back every acknowledged write on every node (${sync}, seed ${seed})`, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'cassanova-cluster-crash-'));
        try {
          const acked = await writeUntilKilled({ writer: 'cluster-crash-writer.ts', dir, sync, killAfter: 5 + (new SeededRandom(seed).nextUint32() % 200) });
          const cluster = await startCluster({ port: 0, dataDir: dir });
          try {
            for (const node of [1, 2, 3]) {
              // Each node alone: the others stopped, a read at ONE is that node's own data.
              for (const other of [1, 2, 3]) if (other !== node) await cluster.node(other).stop();
              const { rows } = await cluster.execute('SELECT k FROM crash.t', undefined, { consistency: 'ONE' });
              const found = new Set(rows.map((r) => r.k as number));
              expect(acked.filter((k) => !found.has(k)), `node ${node}`).toEqual([]);
              for (const other of [1, 2, 3]) if (other !== node) await cluster.node(other).start();
            }
          } finally {
            await cluster.close();
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }, 120_000);
    }
  }
});
