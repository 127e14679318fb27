// Time from startCluster() to the first answered query, median over fresh processes.
import { Child, describeExit } from '../lib/child.js';
import { benchDir, distIndex, requireDist } from '../lib/paths.js';
import { median } from '../lib/stats.js';

const GOAL_MS = 50;

export default {
  name: 'startup',
  title: 'Startup: startCluster() to first answered query (fresh process each run)',
  async run({ targets, quick }) {
    if (!targets.includes('cassanova')) return null;
    const runs = quick ? 3 : 9;
    const samples = [];
    const errors = [];
    for (let i = 0; i < runs && errors.length === 0; i++) {
      try {
        samples.push(await oneRun());
      } catch (e) {
        errors.push(e.message);
      }
    }
    const rows = [];
    const goals = [];
    if (samples.length) {
      for (const key of ['startClusterMs', 'firstQueryMs']) {
        const values = samples.map((s) => s[key]);
        rows.push([key === 'startClusterMs' ? 'startCluster() alone' : 'startCluster() to first query',
          ms(median(values)), ms(Math.min(...values)), ms(Math.max(...values))]);
      }
      const firstQuery = median(samples.map((s) => s.firstQueryMs));
      goals.push({ goal: `first query within ${GOAL_MS} ms of startCluster()`, measured: `${ms(firstQuery)} ms (median)`, met: firstQuery <= GOAL_MS });
    }
    return {
      columns: ['measure', 'median ms', 'min ms', 'max ms'],
      rows,
      notes: [`${samples.length} runs; client: cassandra-driver 4.10 with default options in the same process (as a test suite would), connect() then SELECT release_version FROM system.local.`],
      goals,
      errors,
    };
  },
};

async function oneRun() {
  const child = new Child([`${benchDir}/clients/first-query.js`, requireDist(distIndex)]);
  const line = await child.waitForLine((l) => l.startsWith('{'), 30_000, 'the first query');
  const exit = await child.waitForExit(10_000);
  if (exit.code !== 0) throw child.failure(`first-query process ended with ${describeExit(exit)}`);
  return JSON.parse(line);
}

const ms = (x) => x.toFixed(1);
