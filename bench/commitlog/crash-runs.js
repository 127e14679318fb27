// kill -9 safety of the commit log, many times: `node bench/commitlog/crash-runs.js [--runs 100] [--seed 1]`.
// Each run starts a child appending to a commit log (src/storage/commitlog/testing/crash-writer.ts), kills it
// with SIGKILL after a seeded number of acknowledged appends, and replays the folder: every acknowledged entry
// must come back. Half the runs sync 'periodic', half 'batch'. Exits 1 on the first run that loses anything.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';
import { repoRoot } from '../lib/paths.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '100' }, seed: { type: 'string', default: '1' } } });
const runs = Number(values.runs);
const firstSeed = Number(values.seed);
const { module: crash } = await runnerImport(resolve(repoRoot, 'src/storage/commitlog/testing/crash-run.ts'), { configFile: false, logLevel: 'silent' });

const totals = { periodic: { runs: 0, acked: 0, torn: 0 }, batch: { runs: 0, acked: 0, torn: 0 } };
const startedMs = performance.now();
for (let i = 0; i < runs; i++) {
  const seed = firstSeed + i;
  const sync = i % 2 === 0 ? 'periodic' : 'batch';
  const result = await crash.runCrashIteration(seed, sync);
  const total = totals[sync];
  total.runs++;
  total.acked += result.ackedCount;
  total.torn += result.tornTailWarnings.length;
  const line = `run ${i + 1}/${runs} seed ${seed} ${sync}: ${result.ackedCount} acknowledged, ${result.replayedCount} replayed, ${result.segmentCount} segments${result.tornTailWarnings.length ? ', torn tail dropped' : ''}`;
  if (result.problems.length) {
    console.error(`${line}\n  LOST: ${result.problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(line);
}
const seconds = ((performance.now() - startedMs) / 1000).toFixed(0);
for (const [sync, t] of Object.entries(totals)) console.log(`${sync}: ${t.runs} runs, ${t.acked} acknowledged entries, all replayed; ${t.torn} torn tails dropped`);
console.log(`${runs} runs in ${seconds} s, nothing acknowledged was lost`);
