// The CQL fuzz test (test/conformance/node/cql-fuzz.test.ts) at length: `node bench/fuzz/cql-fuzz.js [count] [seed]
// [minutes]` runs `count` statements (100,000 by default) of seed `seed` (13) on one node and again on three,
// stopping each after `minutes` (20), and prints how they were answered, by error code, and every finding (a
// ServerError, another code, a timeout or a lost connection) with the statement that replays it. CI runs 1500.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const count = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 13);
const minutes = Number(process.argv[4] ?? 20);
const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cql-fuzz-'));
const tallyFile = join(dir, 'tally.json');
try {
  const result = spawnSync('npx', ['vitest', 'run', 'test/conformance/node/cql-fuzz.test.ts'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      CASSANOVA_SEED: String(seed),
      CQL_FUZZ_COUNT: String(count),
      CQL_FUZZ_TIME_LIMIT_MS: String(minutes * 60_000),
      CQL_FUZZ_TALLY_FILE: tallyFile,
    },
  });
  const { reports } = JSON.parse(readFileSync(tallyFile, 'utf8'));
  const kinds = [...new Set(Object.values(reports).flatMap((r) => Object.keys(r.tally)))].sort();
  console.log(`\nCQL fuzz, seed ${seed}, up to ${count} statements per cluster`);
  console.log(`| answer | ${Object.keys(reports).join(' | ')} |`);
  console.log(`| --- | ${Object.keys(reports).map(() => '---:').join(' | ')} |`);
  for (const kind of kinds) console.log(`| ${kind} | ${Object.values(reports).map((r) => (r.tally[kind] ?? 0).toLocaleString('en')).join(' | ')} |`);
  console.log(`| statements | ${Object.values(reports).map((r) => r.executed.toLocaleString('en')).join(' | ')} |`);
  console.log(`| seconds | ${Object.values(reports).map((r) => (r.elapsedMs / 1000).toFixed(0)).join(' | ')} |`);
  console.log(`| findings | ${Object.values(reports).map((r) => r.findings.length).join(' | ')} |`);
  for (const [name, r] of Object.entries(reports)) {
    for (const f of r.findings) console.log(`${name}: seed ${f.seed} #${f.index}${f.prepared ? ' (prepared)' : ''}: ${f.outcome}\n    ${JSON.stringify(f.statement.slice(0, 500))}`);
  }
  process.exit(result.status ?? 1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
