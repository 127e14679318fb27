// CPU profiles of the Cassanova server during the measured windows of prepared INSERT and SELECT at 256
// in flight, one node as in the throughput scenario and three nodes as in the multi-node one, summarised
// as the functions with the most self time.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { topSelfTime } from '../lib/cpuprofile.js';
import { measureTargets } from '../lib/load.js';
import { profilerCommand, startCassanova, startCassanovaThreeNodes } from '../lib/targets.js';

const TOP = 15;
const OPS = ['insert', 'select']; // in this order: the SELECTs read what the INSERTs wrote
const SERVERS = [
  { name: 'cassanova', label: 'Cassanova server', start: () => startCassanova() },
  { name: 'cassanova-3', label: 'Cassanova 3-node server (RF 3, QUORUM)', start: startCassanovaThreeNodes, consistency: 'quorum' },
];

export default {
  name: 'profile',
  async run({ targets, quick }) {
    if (!targets.includes('cassanova')) return null;
    const dir = await mkdtemp(join(tmpdir(), 'cassanova-bench-'));
    const sections = [];
    for (const server of SERVERS) sections.push(...await profileServer(server, dir, quick));
    return sections;
  },
};

async function profileServer({ name, label, start, consistency }, dir, quick) {
  const fileOf = (op) => join(dir, `${name}-${op}-256.cpuprofile`);
  const timing = quick ? { warmupMs: 300, measureMs: 1000 } : { warmupMs: 2000, measureMs: 5000 };
  const cells = OPS.map((op) => ({ op, inFlight: 256, consistency, ...timing, sliceMs: timing.measureMs }));
  const onEvent = async (event, started) => {
    const target = started.get(name);
    if (event.event === 'measure-start') await profilerCommand(target, { cmd: 'profile-start' }, 'profile-started');
    if (event.event === 'measure-end') await profilerCommand(target, { cmd: 'profile-stop', file: fileOf(event.op) }, 'profile-written');
  };
  try {
    const { cells: results, errors } = await measureTargets({ [name]: start }, cells, onEvent);
    const failures = [...errors, ...results.filter((r) => r.error).map((r) => r.error)];
    if (failures.length) throw new Error(failures.join('; '));
    return Promise.all(results.map((r) => section(label, r, fileOf(r.op), timing.measureMs)));
  } catch (e) {
    return [{ title: `Profile: ${label}`, columns: [], rows: [], notes: [], goals: [], errors: [`profile ${name}: ${e.message}`] }];
  }
}

async function section(label, result, file, measureMs) {
  const { top, layers, idlePercent } = topSelfTime(JSON.parse(await readFile(file, 'utf8')), TOP);
  const statement = result.op.toUpperCase();
  return {
    title: `Profile: ${label}, prepared ${statement} at 256 in flight, top ${TOP} functions by self time`,
    columns: ['#', 'self ms', 'self %', 'function', 'location'],
    rows: top.map((t, i) => [String(i + 1), t.selfMs.toFixed(0), t.percent.toFixed(1), t.functionName, t.location]),
    notes: [`${measureMs / 1000} s profiled (V8 sampling profiler through node:inspector, in the server process) at ${Math.round(result.opsPerSec).toLocaleString('en-US')} ${statement}s/s; the server was idle ${idlePercent.toFixed(0)}% of the time. Self time by layer: ${layers.map((l) => `${l.layer} ${l.percent.toFixed(1)}%`).join(', ')}. Full profile: ${file} (Chrome DevTools opens it).`],
    goals: [],
    errors: [],
  };
}
