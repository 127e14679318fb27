// Issue 12: start-up time of a durable node as a function of the commit log it must replay. A writer process
// leaves N MiB of unflushed entries (bench/durability/clients/commitlog-writer.js); each sample starts the
// cluster from a fresh copy of that folder in a fresh process (clients/restart.js).
// Env: DBENCH_REPLAY_MB (sizes in MiB, default 10,50,100), DBENCH_REPLAY_RUNS (samples per size, default 1).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Child, describeExit } from '../lib/child.js';
import { benchDir, distEntry, requireDist } from '../lib/paths.js';
import { median } from '../lib/stats.js';
import { envInt, mib, MIB } from './lib/measure.js';

const BASELINE_RUNS = 3;

export default {
  name: 'durable-startup',
  title: 'Durable storage: start-up time against the size of the commit log to replay',
  async run({ targets, quick }) {
    if (!targets.includes('cassanova')) return null;
    const sizes = (process.env.DBENCH_REPLAY_MB ?? (quick ? '2,10' : '10,50,100')).split(',').map(Number);
    const runs = envInt('DBENCH_REPLAY_RUNS', 1);
    const entry = requireDist(distEntry);
    const errors = [];
    const measured = [];
    try {
      for (const megabytes of [0, ...sizes]) measured.push(await measureSize(entry, megabytes, megabytes === 0 ? BASELINE_RUNS : runs));
    } catch (e) {
      errors.push(e.message);
    }
    const baseline = measured[0];
    const rows = measured.map(({ megabytes, written, startMs, startCpuMs, firstQueryMs }) => {
      const replayMib = written.commitLogBytes / MIB;
      const rate = (ms, base) => (megabytes === 0 ? '-' : (replayMib / ((ms - base) / 1000)).toFixed(1));
      return [mib(written.commitLogBytes), written.rows.toLocaleString('en-US'), startMs.toFixed(0), startCpuMs.toFixed(0), firstQueryMs.toFixed(0),
        rate(startMs, baseline.startMs), rate(startCpuMs, baseline.startCpuMs)];
    });
    return {
      columns: ['commit log MiB', 'entries (rows)', 'startCluster() ms', 'of it CPU ms', 'to first query ms', 'replay MiB/s (wall)', 'replay MiB/s (CPU)'],
      rows,
      notes: [`One durable node (commit log 'periodic', 32 MiB segments) written with rows of (int, 20-byte text), one mutation each, straight to its storage engine, the process then exiting without a flush. Each sample copies the folder and starts it in a fresh process: startCluster({ dataDir }) opens the folder and replays the log into the memtables before it resolves, then SELECT of one row through the cluster's session. ${runs} sample(s) per size (median), ${BASELINE_RUNS} for the empty log; the replay rates take the empty log's time off. CPU ms is the process's user + system time during startCluster(): the steadier figure on a shared machine.`],
      goals: [],
      errors,
    };
  },
};

async function measureSize(entry, megabytes, runs) {
  const pristine = mkdtempSync(join(tmpdir(), 'cassanova-bench-replay-'));
  try {
    const written = await runChild([`${benchDir}/durability/clients/commitlog-writer.js`, JSON.stringify({ dataDir: pristine, megabytes })], 5 * 60_000, 'the commit log writer');
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const copy = `${pristine}-copy`;
      cpSync(pristine, copy, { recursive: true });
      try {
        const sample = await runChild([`${benchDir}/durability/clients/restart.js`, entry, copy], 5 * 60_000, 'the restart');
        if (sample.found !== (written.rows > 0 ? 1 : 0)) throw new Error(`after replaying ${megabytes} MiB, row 0 was ${sample.found ? '' : 'not '}found`);
        samples.push(sample);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    }
    const med = (key) => median(samples.map((s) => s[key]));
    return { megabytes, written, startMs: med('startMs'), startCpuMs: med('startCpuMs'), firstQueryMs: med('firstQueryMs') };
  } finally {
    rmSync(pristine, { recursive: true, force: true });
  }
}

async function runChild(args, timeoutMs, what) {
  const child = new Child(args);
  const line = await child.waitForLine((l) => l.startsWith('{'), timeoutMs, what);
  const exit = await child.waitForExit(30_000);
  if (exit.code !== 0) throw child.failure(`${what} ended with ${describeExit(exit)}`);
  return JSON.parse(line);
}
