// CPU profile of the Cassanova server during the measured window of prepared SELECT at 256 in flight.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { topSelfTime } from '../lib/cpuprofile.js';
import { measureTargets } from '../lib/load.js';
import { profilerCommand, startCassanova } from '../lib/targets.js';

const TOP = 15;

export default {
  name: 'profile',
  title: `Profile: Cassanova server, prepared SELECT at 256 in flight, top ${TOP} functions by self time`,
  async run({ targets, quick }) {
    if (!targets.includes('cassanova')) return null;
    const file = join(await mkdtemp(join(tmpdir(), 'cassanova-bench-')), 'select-256.cpuprofile');
    const measureMs = quick ? 1000 : 5000;
    const cells = [
      { op: 'insert', inFlight: 256, warmupMs: 0, measureMs: 1500, sliceMs: 1500 }, // rows for the SELECTs to find
      { op: 'select', inFlight: 256, warmupMs: quick ? 300 : 2000, measureMs, sliceMs: measureMs },
    ];
    const onEvent = async (event, targets) => {
      const target = targets.get('cassanova');
      if (event.op !== 'select') return;
      if (event.event === 'measure-start') await profilerCommand(target, { cmd: 'profile-start' }, 'profile-started');
      if (event.event === 'measure-end') await profilerCommand(target, { cmd: 'profile-stop', file }, 'profile-written');
    };
    try {
      const { cells: results, errors } = await measureTargets({ cassanova: startCassanova }, cells, onEvent);
      if (errors.length || results.some((r) => r.error)) throw new Error([...errors, ...results.map((r) => r.error ?? '')].join('; '));
      const { top, idlePercent } = topSelfTime(JSON.parse(await readFile(file, 'utf8')), TOP);
      const select = results.find((r) => r.op === 'select');
      return {
        columns: ['#', 'self ms', 'self %', 'function', 'location'],
        rows: top.map((t, i) => [String(i + 1), t.selfMs.toFixed(0), t.percent.toFixed(1), t.functionName, t.location]),
        notes: [`${(measureMs / 1000).toFixed(0)} s profiled (V8 sampling profiler through node:inspector, in the server process) at ${Math.round(select.opsPerSec).toLocaleString('en-US')} SELECTs/s while profiling; the server was idle ${idlePercent.toFixed(0)}% of the time; full profile: ${file} (open in Chrome DevTools).`],
        goals: [],
        errors: [],
      };
    } catch (e) {
      return { columns: [], rows: [], notes: [], goals: [], errors: [`profile: ${e.message}`] };
    }
  },
};
