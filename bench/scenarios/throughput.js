// Prepared single-partition INSERT and SELECT by key at 1, 32 and 256 in flight, Cassanova vs the floor.
import { measureCells } from '../lib/load.js';
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
    const { errors, cell, perOp } = await measureCells(starters, cells);
    const BOTH = ['floor', 'cassanova'];
    const opsPerSec = (name, op, inFlight) => cell(name, op, inFlight)?.opsPerSec;
    const rows = [];
    const goals = [];
    for (const op of OPS) {
      for (const inFlight of IN_FLIGHT) {
        const floor = opsPerSec('floor', op, inFlight);
        const cassanova = opsPerSec('cassanova', op, inFlight);
        const ratio = floor && cassanova !== undefined ? cassanova / floor : undefined;
        rows.push([op.toUpperCase(), String(inFlight), fmt(floor), fmt(cassanova), ratio === undefined ? '-' : ratio.toFixed(2),
          perOp(BOTH, op, 'serverCpuUs', 0, inFlight), perOp(BOTH, op, 'clientCpuUs', 0, inFlight), perOp(BOTH, op, 'serverWrites', 2, inFlight)]);
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
