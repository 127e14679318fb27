// The cost of the activity log: prepared INSERT and SELECT at 256 in flight on one node with the log on
// (its default, 10,000 records) against the same build with it off (activityLimit 0).
import { measureCells } from '../lib/load.js';
import { fmt, sliceRatioRange } from '../lib/stats.js';
import { startCassanova } from '../lib/targets.js';

const OPS = ['insert', 'select'];
const IN_FLIGHT = 256;
const GOAL_RATIO = 0.95;
const NAMES = ['cassanova-log-off', 'cassanova-log-on'];

export default {
  name: 'activity-log',
  title: 'Activity log on against off: prepared statements at 256 in flight, one node, cassandra-driver 4.10',
  async run({ targets, quick }) {
    if (!targets.includes('cassanova')) return null;
    const timing = quick ? { warmupMs: 300, measureMs: 700, sliceMs: 350 } : { warmupMs: 2000, measureMs: 5000, sliceMs: 1000 };
    const cells = OPS.map((op) => ({ op, inFlight: IN_FLIGHT, ...timing }));
    const starters = {
      'cassanova-log-off': () => startCassanova({ name: 'cassanova-log-off', options: { activityLimit: 0 } }),
      'cassanova-log-on': () => startCassanova({ name: 'cassanova-log-on' }),
    };
    const { errors, cell, perOp } = await measureCells(starters, cells);
    const rows = [];
    const goals = [];
    for (const op of OPS) {
      const [off, on] = NAMES.map((name) => cell(name, op)?.opsPerSec);
      const ratio = off && on !== undefined ? on / off : undefined;
      rows.push([op.toUpperCase(), String(IN_FLIGHT), fmt(off), fmt(on), ratio === undefined ? '-' : ratio.toFixed(3),
        sliceRatioRange(cell(NAMES[0], op), cell(NAMES[1], op)), perOp(NAMES, op, 'serverCpuUs', 1)]);
      if (op === 'insert') {
        goals.push({
          goal: `prepared INSERT at ${IN_FLIGHT} in flight with the activity log on >= ${GOAL_RATIO} of the log off`,
          measured: ratio === undefined ? 'not measured' : `${ratio.toFixed(3)} (${fmt(on)} vs ${fmt(off)} ops/s)`,
          met: ratio !== undefined && ratio >= GOAL_RATIO,
        });
      }
    }
    return {
      columns: ['statement', 'in flight', 'log off ops/s', 'log on ops/s', 'on/off', 'per slice', 'server CPU µs/op'],
      rows,
      notes: [`The same build twice, each in a process of its own, one started with activityLimit 0. Per cell: ${timing.warmupMs / 1000} s warm-up, then ${timing.measureMs / 1000} s measured in slices of ${timing.sliceMs / 1000} s, the two taking turns slice by slice; 'per slice' is the range of the on/off ratio over the slices taken side by side. Server CPU µs/op gives off / on.`],
      goals,
      errors,
    };
  },
};
