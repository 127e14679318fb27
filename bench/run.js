// `npm run bench`: runs every scenario, prints the tables, and writes bench/RESULTS.md after a
// complete run without errors. Options (for development):
//   --targets floor,cassanova   servers to measure (default both; floor only skips Cassanova's scenarios)
//   --scenarios a,b             scenarios to run (default all but profile; durable-* are issue 12's, sizes in env DBENCH_*)
//   --profile                   also profile the Cassanova server (one node, and three) during INSERT and SELECT at 256 in flight
//   --quick                     short warm-up and measurement, fewer runs (smoke test; never written)
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeMachine } from './lib/machine.js';
import { benchDir, floorScript } from './lib/paths.js';
import { markdownReport, textReport } from './lib/report.js';
import activityLog from './scenarios/activity-log.js';
import cliRss from './scenarios/cli-rss.js';
import commitlog from './scenarios/commitlog.js';
import compactionLatency from './durability/compaction-latency.js';
import memoryPerRow from './scenarios/memory-per-row.js';
import multiNode from './scenarios/multi-node.js';
import profile from './scenarios/profile.js';
import sstable from './scenarios/sstable.js';
import startup from './scenarios/startup.js';
import testControls from './scenarios/test-controls.js';
import throughput from './scenarios/throughput.js';
import durableMemory from './durability/bounded-memory.js';
import durableFootprint from './durability/footprint.js';
import durableReads from './durability/point-reads.js';
import durableStartup from './durability/replay-startup.js';
import durableWrites from './durability/write-throughput.js';

const SCENARIOS = [throughput, multiNode, activityLog, startup, testControls, cliRss, commitlog, sstable, memoryPerRow, profile,
  durableWrites, durableReads, durableStartup, durableFootprint, durableMemory, compactionLatency];
const DEFAULT_SCENARIOS = ['throughput', 'multi-node', 'activity-log', 'startup', 'test-controls', 'cli-rss', 'commitlog', 'sstable', 'memory-per-row',
  'durable-writes', 'durable-reads', 'durable-startup', 'durable-footprint', 'durable-memory', 'compaction-latency'];
const ALL_TARGETS = ['floor', 'cassanova'];
const DEADLINE_MS = 30 * 60_000; // the durability scenarios load millions of rows: about 10 of the 15 minutes of a full run on a busy machine

const { values } = parseArgs({
  options: {
    targets: { type: 'string', default: ALL_TARGETS.join(',') },
    scenarios: { type: 'string', default: DEFAULT_SCENARIOS.join(',') },
    profile: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
  },
});
const targets = values.targets.split(',');
const names = [...values.scenarios.split(','), ...(values.profile ? ['profile'] : [])];
for (const t of targets) if (!ALL_TARGETS.includes(t)) throw new Error(`unknown target ${t}`);
for (const n of names) if (!SCENARIOS.some((s) => s.name === n)) throw new Error(`unknown scenario ${n}`);
if (targets.includes('floor')) floorScript(); // fails now, with where it looked, rather than mid-run

setTimeout(() => { console.error(`bench: still running after ${DEADLINE_MS / 1000} s, giving up`); process.exit(3); }, DEADLINE_MS).unref();

const startedMs = performance.now();
const sections = [];
for (const scenario of SCENARIOS.filter((s) => names.includes(s.name))) {
  process.stderr.write(`bench: ${scenario.name}...\n`);
  // A scenario gives one section, several, or none (null) when it does not apply to the targets.
  const result = await scenario.run({ targets, quick: values.quick });
  for (const section of [result ?? []].flat()) sections.push({ title: scenario.title, ...section });
}
const machine = describeMachine();
console.log(textReport(machine, sections));
console.log(`\n(${((performance.now() - startedMs) / 1000).toFixed(0)} s)`);

const errors = sections.flatMap((s) => s.errors);
const complete = !values.quick && ALL_TARGETS.every((t) => targets.includes(t))
  && DEFAULT_SCENARIOS.every((n) => names.includes(n));
if (errors.length) {
  console.error(`bench: ${errors.length} error(s); bench/RESULTS.md left as it was`);
  process.exitCode = 1;
} else if (complete) {
  writeFileSync(`${benchDir}/RESULTS.md`, markdownReport(machine, sections));
  console.log('bench: wrote bench/RESULTS.md');
}
