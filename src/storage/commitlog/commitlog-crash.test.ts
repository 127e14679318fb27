import { describe, expect, it } from 'vitest';
import { runCrashIteration } from './testing/crash-run.js';

/**
 * kill -9 at a seeded moment loses nothing acknowledged, in both sync modes and with batch mode's group
 * sync (a handful of seeds here; bench/commitlog/crash-runs.ts runs a hundred).
 */
describe('commit log under kill -9', () => {
  for (const sync of ['periodic', 'batch', 'group'] as const) {
    it(`replays every acknowledged entry (${sync})`, async () => {
      const results = await Promise.all([1, 2, 3].map((seed) => runCrashIteration(seed, sync)));
      for (const result of results) {
        expect(result.problems, `seed ${result.seed}`).toEqual([]);
        expect(result.ackedCount).toBeGreaterThanOrEqual(20);
        expect(result.replayedCount).toBeGreaterThanOrEqual(result.ackedCount);
      }
    }, 60_000);
  }
});
