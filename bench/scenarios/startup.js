// Time from startCluster() to the first answered query, median over fresh processes; the same client
// against the floor tells how much of it is the driver's own connect cost.
import { Child, describeExit } from '../lib/child.js';
import { benchDir, distIndex, requireDist } from '../lib/paths.js';
import { median } from '../lib/stats.js';
import { startFloor } from '../lib/targets.js';

const GOAL_MS = 50;

export default {
  name: 'startup',
  title: 'Startup: startCluster() to first answered query (fresh process each run)',
  async run({ targets, quick }) {
    const runs = quick ? 3 : 9;
    const errors = [];
    const rows = [];
    const goals = [];
    if (targets.includes('cassanova')) {
      const samples = await sample(runs, ['cassanova', requireDist(distIndex)], errors);
      for (const phase of ['cold', 'warm']) {
        if (!samples.length) break;
        const label = phase === 'cold' ? 'Cassanova, first in its process' : 'Cassanova, second cluster in the same process';
        rows.push(row(`${label}: startCluster() alone`, samples.map((s) => s[phase].startClusterMs)));
        rows.push(row(`${label}: startCluster() to first query`, samples.map((s) => s[phase].firstQueryMs)));
      }
      if (samples.length) {
        const firstQuery = median(samples.map((s) => s.cold.firstQueryMs));
        goals.push({ goal: `first query within ${GOAL_MS} ms of startCluster()`, measured: `${ms(firstQuery)} ms (median, first in its process)`, met: firstQuery <= GOAL_MS });
      }
    }
    if (targets.includes('floor')) {
      let floor;
      try {
        floor = await startFloor();
        const samples = await sample(runs, ['floor', `${floor.host}:${floor.port}`], errors);
        if (samples.length) rows.push(row('reference: floor, driver connect to first query', samples.map((s) => s.cold.firstQueryMs)));
      } catch (e) {
        errors.push(`floor: ${e.message}`);
      } finally {
        await floor?.stop();
      }
    }
    return {
      columns: ['measure', 'median ms', 'min ms', 'max ms'],
      rows,
      notes: [`${runs} fresh processes each; the driver (cassandra-driver 4.10, one Client, default options) runs in the same process as Cassanova, as in a test suite: connect(), then SELECT release_version FROM system.local. Module loading is not counted.`],
      goals,
      errors,
    };
  },
};

async function sample(runs, args, errors) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    try {
      samples.push(await oneRun(args));
    } catch (e) {
      errors.push(e.message);
      break;
    }
  }
  return samples;
}

async function oneRun(args) {
  const child = new Child([`${benchDir}/clients/first-query.js`, ...args]);
  const line = await child.waitForLine((l) => l.startsWith('{'), 30_000, 'the first query');
  const exit = await child.waitForExit(10_000);
  if (exit.code !== 0) throw child.failure(`first-query process (${args[0]}) ended with ${describeExit(exit)}`);
  return JSON.parse(line);
}

const row = (label, values) => [label, ms(median(values)), ms(Math.min(...values)), ms(Math.max(...values))];
const ms = (x) => x.toFixed(1);
