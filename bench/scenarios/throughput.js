// Prepared single-partition INSERT and SELECT by key at 1, 32 and 256 in flight, Cassanova vs the floor.
import { measureTargets } from '../lib/load.js';
import { fmt } from '../lib/stats.js';
import { TARGETS } from '../lib/targets.js';

const OPS = ['insert', 'select'];
const IN_FLIGHT = [1, 32, 256];
const GOAL_RATIO = 0.5;

export default {
  name: 'throughput',
  title: 'Throughput: prepared statements, cassandra-driver 4.10, one connection',
  async run({ targets, quick }) {
    const timing = quick ? { warmupMs: 300, measureMs: 700, sliceMs: 350 } : { warmupMs: 2000, measureMs: 5000, sliceMs: 1000 };
    const cells = OPS.flatMap((op) => IN_FLIGHT.map((inFlight) => ({ op, inFlight, ...timing })));
    const starters = Object.fromEntries(targets.map((name) => [name, TARGETS[name]]));
    const { cells: results, errors } = await measureTargets(starters, cells);
    for (const c of results) {
      if (c.error) errors.push(`${c.target} ${c.op} @${c.inFlight}: ${c.error}`);
      if (c.emptyReads) errors.push(`${c.target} ${c.op} @${c.inFlight}: ${c.emptyReads} reads found no row`);
    }
    const cell = (name, op, inFlight) => results.find((c) => c.target === name && c.op === op && c.inFlight === inFlight && !c.error);
    const opsPerSec = (name, op, inFlight) => cell(name, op, inFlight)?.opsPerSec;
    const perOp = (op, inFlight, key, digits) => ['floor', 'cassanova'].map((name) => {
      const c = cell(name, op, inFlight);
      return c && c.ops ? (c[key] / c.ops).toFixed(digits) : '-';
    }).join(' / ');
    const rows = [];
    const goals = [];
    for (const op of OPS) {
      for (const inFlight of IN_FLIGHT) {
        const floor = opsPerSec('floor', op, inFlight);
        const cassanova = opsPerSec('cassanova', op, inFlight);
        const ratio = floor && cassanova !== undefined ? cassanova / floor : undefined;
        rows.push([op.toUpperCase(), String(inFlight), fmt(floor), fmt(cassanova), ratio === undefined ? '-' : ratio.toFixed(2),
          perOp(op, inFlight, 'serverCpuUs', 0), perOp(op, inFlight, 'clientCpuUs', 0), perOp(op, inFlight, 'serverWrites', 2)]);
        if (inFlight === 256) {
          goals.push({
            goal: `prepared ${op.toUpperCase()} at 256 in flight >= ${GOAL_RATIO} of the floor`,
            measured: ratio === undefined ? 'not measured' : `${ratio.toFixed(3)} (${fmt(cassanova)} vs ${fmt(floor)} ops/s)`,
            met: ratio !== undefined && ratio >= GOAL_RATIO,
          });
        }
      }
    }
    return {
      columns: ['statement', 'in flight', 'floor ops/s', 'Cassanova ops/s', 'Cassanova/floor', 'server CPU µs/op', 'driver CPU µs/op', 'server writes/op'],
      rows,
      notes: [`Per cell and server: ${timing.warmupMs / 1000} s warm-up, then ${timing.measureMs / 1000} s measured in slices of ${timing.sliceMs / 1000} s, the servers taking turns slice by slice (so load from other processes falls on both alike). Driver, Cassanova and floor each in a process of their own; one driver process, one Client per server. Per-op columns give floor / Cassanova: CPU time of the server process and of the driver process while measuring, and the server's write calls (/proc/PID/io syscw), per completed request; server CPU from /proc/PID/stat in 10 ms ticks.`],
      goals,
      errors,
    };
  },
};
