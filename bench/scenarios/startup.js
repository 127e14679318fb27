// Time from startCluster() to the first answered query, median over fresh processes; the same client
// against the floor tells how much of it is the driver's own connect cost. Module loading is timed
// apart, each import in a fresh process of its own.
import { Child, describeExit } from '../lib/child.js';
import { benchDir, distEntry, requireDist } from '../lib/paths.js';
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
      const samples = await sample(runs, firstQueryClient('cassanova', requireDist(distEntry)), errors);
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
        const samples = await sample(runs, firstQueryClient('floor', `${floor.host}:${floor.port}`), errors);
        if (samples.length) rows.push(row('reference: floor, driver connect to first query', samples.map((s) => s.cold.firstQueryMs)));
      } catch (e) {
        errors.push(`floor: ${e.message}`);
      } finally {
        await floor?.stop();
      }
    }
    rows.push(...await importRows(targets, runs, errors));
    return {
      columns: ['measure', 'median ms', 'min ms', 'max ms'],
      rows,
      notes: [`${runs} fresh processes each; the driver (cassandra-driver 4.10, one Client, default options) runs in the same process as Cassanova, as in a test suite: connect(), then SELECT release_version FROM system.local. Module loading is not counted there: the import rows time it separately, \`await import()\` of the package's bundle or of the driver alone in a fresh process.`],
      goals,
      errors,
    };
  },
};

/** Module loading, timed apart: `await import()` of one module in a fresh process that does nothing else. */
async function importRows(targets, runs, errors) {
  const modules = [
    ...(targets.includes('cassanova') ? [['Cassanova: import of the package (bundle dist/cassanova.js)', requireDist(distEntry)]] : []),
    ['reference: import of cassandra-driver', 'cassandra-driver'],
  ];
  const rows = [];
  for (const [label, module] of modules) {
    const samples = await sample(runs, importClient(module), errors);
    if (samples.length) rows.push(row(label, samples.map((s) => s.importMs)));
  }
  return rows;
}

// The client scripts, each run in a fresh process that prints one JSON line.
const firstQueryClient = (kind, where) => ({ args: [`${benchDir}/clients/first-query.js`, kind, where], what: `first-query process (${kind})`, awaiting: 'the first query' });
const importClient = (module) => ({ args: [`${benchDir}/clients/import-time.js`, module], what: `import of ${module}`, awaiting: 'the import' });

async function sample(runs, client, errors) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    try {
      samples.push(await oneRun(client));
    } catch (e) {
      errors.push(e.message);
      break;
    }
  }
  return samples;
}

async function oneRun({ args, what, awaiting }) {
  const child = new Child(args);
  const line = await child.waitForLine((l) => l.startsWith('{'), 30_000, awaiting);
  const exit = await child.waitForExit(10_000);
  if (exit.code !== 0) throw child.failure(`${what} ended with ${describeExit(exit)}`);
  return JSON.parse(line);
}

const row = (label, values) => [label, ms(median(values)), ms(Math.min(...values)), ms(Math.max(...values))];
const ms = (x) => x.toFixed(1);
