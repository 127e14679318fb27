/**
 * Crash safety of a durable cluster: a child process runs three nodes with a data folder and writes at ALL; it
 * is killed with SIGKILL at a seeded moment; the cluster started again from the folder must read back every
 * write the child saw acknowledged, on every node (each replica logged it before answering).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src/common/index.js';
import { startCluster } from '../../src/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
/** Runs the TypeScript child through Vite's module runner, as the test runner itself does. */
const RUNNER = "import { runnerImport } from 'vite'; await runnerImport(process.env.CRASH_WRITER, { configFile: false, logLevel: 'silent' });";
const SEEDS = (process.env.CASSANOVA_CRASH_SEEDS ?? '1,2').split(',').map(Number);

/** Starts the writer, kills it once it has acknowledged a seeded number of writes; returns the keys acknowledged. */
async function writeUntilKilled(dir: string, sync: string, seed: number): Promise<number[]> {
  const killAfter = 5 + (new SeededRandom(seed).nextUint32() % 200);
  const child = spawn(process.execPath, ['--input-type=module', '-e', RUNNER], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CRASH_WRITER: join(HERE, 'cluster-crash-writer.ts'), CRASH_DIR: dir, CRASH_SYNC: sync },
  });
  const acked: number[] = [];
  let stderr = '';
  let pending = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (/^\d+$/.test(line)) acked.push(Number(line));
    if (acked.length >= killAfter) child.kill('SIGKILL');
  });
  await exited;
  clearTimeout(timer);
  if (acked.length < killAfter) throw new Error(`the writer stopped after ${acked.length} writes:\n${stderr}`);
  return acked;
}

describe('a durable cluster killed with SIGKILL', () => {
  for (const sync of ['batch', 'periodic'] as const) {
    for (const seed of SEEDS) {
      it(`reads back every acknowledged write on every node (${sync}, seed ${seed})`, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'cassanova-cluster-crash-'));
        try {
          const acked = await writeUntilKilled(dir, sync, seed);
          const cluster = await startCluster({ port: 0, dataDir: dir });
          try {
            for (const node of [1, 2, 3]) {
              // Each node alone: the others stopped, a read at ONE is that node's own data.
              for (const other of [1, 2, 3]) if (other !== node) await cluster.node(other).stop();
              const { rows } = await cluster.execute('SELECT k FROM crash.t', undefined, { consistency: 'ONE' });
              const found = new Set(rows.map((r) => r.k as number));
              expect(acked.filter((k) => !found.has(k)), `node ${node}`).toEqual([]);
              for (const other of [1, 2, 3]) if (other !== node) await cluster.node(other).start();
            }
          } finally {
            await cluster.close();
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }, 120_000);
    }
  }
});
