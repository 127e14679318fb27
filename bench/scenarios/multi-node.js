// Three nodes at replication factor 3 against one node at replication factor 1: prepared INSERT and
// SELECT by key at QUORUM and 256 in flight, through the token-aware driver, one connection per host.
import { measureCells } from '../lib/load.js';
import { fmt, sliceRatioRange } from '../lib/stats.js';
import { startCassanova, startCassanovaThreeNodes } from '../lib/targets.js';

const OPS = ['insert', 'select'];
const IN_FLIGHT = 256;
const CONSISTENCY = 'quorum';
const GOAL_RATIO = 0.4;
const NAMES = ['cassanova', 'cassanova-3']; // one node, three nodes

export default {
  name: 'multi-node',
  title: 'Three nodes, RF 3, QUORUM, against one node, RF 1: prepared statements, token-aware cassandra-driver 4.10',
  async run({ targets, quick }) {
    if (!targets.includes('cassanova')) return null;
    const timing = quick ? { warmupMs: 300, measureMs: 700, sliceMs: 350 } : { warmupMs: 2000, measureMs: 5000, sliceMs: 1000 };
    const cells = OPS.map((op) => ({ op, inFlight: IN_FLIGHT, consistency: CONSISTENCY, ...timing }));
    const starters = { cassanova: () => startCassanova(), 'cassanova-3': startCassanovaThreeNodes };
    const { results, errors, cell, perOp } = await measureCells(starters, cells);
    for (const c of results) {
      const nodeCount = c.target === 'cassanova-3' ? 3 : 1;
      if (c.hostCount !== nodeCount || c.connectionCount !== nodeCount) {
        errors.push(`${c.target} ${c.op}: driver had ${c.connectionCount} connection(s) to ${c.hostCount} host(s), expected one to each of ${nodeCount}`);
      }
    }
    const rows = [];
    const goals = [];
    for (const op of OPS) {
      const [one, three] = NAMES.map((name) => cell(name, op)?.opsPerSec);
      const ratio = one && three !== undefined ? three / one : undefined;
      rows.push([op.toUpperCase(), String(IN_FLIGHT), fmt(one), fmt(three), ratio === undefined ? '-' : ratio.toFixed(2),
        sliceRatioRange(cell(NAMES[0], op), cell(NAMES[1], op)), perOp(NAMES, op, 'serverCpuUs', 0), perOp(NAMES, op, 'clientCpuUs', 0), perOp(NAMES, op, 'serverWrites', 2)]);
      goals.push({
        goal: `3 nodes RF 3 QUORUM, prepared ${op.toUpperCase()} at ${IN_FLIGHT} in flight >= ${GOAL_RATIO} of 1 node RF 1`,
        measured: ratio === undefined ? 'not measured' : `${ratio.toFixed(3)} (${fmt(three)} vs ${fmt(one)} ops/s)`,
        met: ratio !== undefined && ratio >= GOAL_RATIO,
      });
    }
    return {
      columns: ['statement', 'in flight', '1 node ops/s', '3 nodes ops/s', '3 nodes/1 node', 'per slice', 'server CPU µs/op', 'driver CPU µs/op', 'server writes/op'],
      rows,
      notes: [`Both at consistency QUORUM (one replica of one on the single node, two of three on the cluster), keyspace SimpleStrategy with replication factor 1 and 3. Each cluster in a process of its own (the three nodes share it, talking over Cassanova's simulated network); the driver uses its default load balancing (token-aware over DC-aware round robin, localDataCenter of the cluster) with one connection per host. Per cell and cluster: ${timing.warmupMs / 1000} s warm-up, then ${timing.measureMs / 1000} s measured in slices of ${timing.sliceMs / 1000} s, the clusters taking turns slice by slice; 'per slice' is the range of the 3 nodes/1 node ratio over the slices taken side by side. Per-op columns give 1 node / 3 nodes: CPU time of the server process (all three nodes for the cluster) and of the driver process while measuring, and the server's write calls, per completed request.`],
      goals,
      errors,
    };
  },
};
