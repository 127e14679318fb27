// reset(), truncateAll(), snapshot() and restore() of a cluster with a driver connected, in a fresh
// process per cluster size (bench/clients/test-controls.js does the seeding and the timing).
import { Child, describeExit } from '../lib/child.js';
import { benchDir, distEntry, requireDist } from '../lib/paths.js';
import { median } from '../lib/stats.js';

const RESET_GOAL_MS = 5;
const SNAPSHOT_GOAL_MS = 10;
const SHAPE = { keyspaces: 10, tables: 10, rowsPerTable: 1_000, snapshotRows: 100_000 };

export default {
  name: 'test-controls',
  title: 'Test controls: reset(), truncateAll(), snapshot(), restore()',
  async run({ targets, quick }) {
    if (!targets.includes('cassanova')) return null;
    const samples = quick ? 5 : 15;
    const errors = [];
    const rows = [];
    const goals = [];
    for (const nodes of [1, 3]) {
      let result;
      try {
        result = await measure({ nodes, samples, ...SHAPE });
      } catch (e) {
        errors.push(e.message);
        continue;
      }
      const label = (what) => `${what}, ${nodes === 1 ? '1 node' : `${nodes} nodes, RF ${nodes}`}`;
      rows.push(row(label('reset(): 10 keyspaces x 10 tables x 1,000 rows'), result.reset));
      rows.push(row(label('truncateAll(): 10 keyspaces x 10 tables x 1,000 rows'), result.truncateAll));
      rows.push(row(label('first snapshot() after writing 100,000 rows'), [result.firstSnapshot]));
      rows.push(row(label('snapshot() of 100,000 rows, 100 written since the last one'), result.snapshot));
      rows.push(row(label('restore() of 100,000 rows, 200 written since'), result.restore));
      if (nodes !== 1) continue;
      goals.push(goal(`reset() of 10 x 10 x 1,000 rows within ${RESET_GOAL_MS} ms`, result.reset, RESET_GOAL_MS));
      goals.push(goal(`truncateAll() of 10 x 10 x 1,000 rows within ${RESET_GOAL_MS} ms`, result.truncateAll, RESET_GOAL_MS));
      goals.push(goal(`snapshot() of 100,000 rows within ${SNAPSHOT_GOAL_MS} ms`, [result.firstSnapshot, ...result.snapshot], SNAPSHOT_GOAL_MS));
      goals.push(goal(`restore() of 100,000 rows within ${SNAPSHOT_GOAL_MS} ms`, result.restore, SNAPSHOT_GOAL_MS));
    }
    return {
      columns: ['operation', 'median ms', 'min ms', 'max ms'],
      rows,
      notes: [
        `${samples} samples each, one fresh process per cluster size with a cassandra-driver 4.10 Client connected (metadata sync off, so that its schema refreshes do not compete with the next operation; it still receives every event). Rows are written through the driver (prepared INSERT, one row per partition), keyspaces with SimpleStrategy at RF = nodes. Each reset() and truncateAll() sample starts from the seeded state, put back by an untimed restore(). snapshot() and restore() follow a test's cycle on one table of 100,000 rows: 100 rows written, snapshot(), 100 more, restore() of the snapshot taken after seeding; the goals count the first snapshot with the others.`,
      ],
      goals,
      errors,
    };
  },
};

async function measure(config) {
  const child = new Child([`${benchDir}/clients/test-controls.js`, requireDist(distEntry), JSON.stringify(config)]);
  const line = await child.waitForLine((l) => l.startsWith('{'), 5 * 60_000, 'the test-controls measurements');
  const exit = await child.waitForExit(10_000);
  if (exit.code !== 0) throw child.failure(`test-controls process (${config.nodes} nodes) ended with ${describeExit(exit)}`);
  return JSON.parse(line);
}

function goal(text, values, limitMs) {
  const measured = median(values);
  return { goal: text, measured: `${ms(measured)} ms (median; max ${ms(Math.max(...values))} ms)`, met: measured <= limitMs };
}

const row = (label, values) => [label, ms(median(values)), ms(Math.min(...values)), ms(Math.max(...values))];
const ms = (x) => x.toFixed(2);
