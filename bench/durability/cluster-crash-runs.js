// The cluster crash test (test/durability/cluster-crash.test.ts) over many seeds: `node bench/durability/cluster-crash-runs.js [runs]
// [vitest options]` runs it with seeds 1..runs/2 in each commit log sync mode (100 runs by default); CI runs two seeds per
// mode. Options after the count go to vitest, e.g. --reporter=verbose for each run's duration.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 100);
const seeds = Array.from({ length: Math.max(1, Math.floor(runs / 2)) }, (_, i) => i + 1).join(',');
const root = fileURLToPath(new URL('../..', import.meta.url));
const result = spawnSync('npx', ['vitest', 'run', 'test/durability/cluster-crash.test.ts', ...process.argv.slice(3)], {
  cwd: root, stdio: 'inherit', env: { ...process.env, CASSANOVA_CRASH_SEEDS: seeds },
});
process.exit(result.status ?? 1);
