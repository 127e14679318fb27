/**
 * A crash test's writer: a child process running a TypeScript writer over a data folder, killed with SIGKILL
 * once it has printed a given number of acknowledged keys (one per line); other lines go to `onLine`.
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
/** Runs the TypeScript child through Vite's module runner, as the test runner itself does. */
const RUNNER = "import { runnerImport } from 'vite'; await runnerImport(process.env.CRASH_WRITER, { configFile: false, logLevel: 'silent' });";

export interface CrashWriter {
  /** The writer's file, beside this one. */
  readonly writer: string;
  readonly dir: string;
  readonly sync: string;
  /** Acknowledged keys after which the child is killed. */
  readonly killAfter: number;
  readonly onLine?: (line: string) => void;
}

/** Runs the writer until it is killed; the keys it saw acknowledged (an error if it stopped before `killAfter`). */
export async function writeUntilKilled(options: CrashWriter): Promise<number[]> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', RUNNER], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CRASH_WRITER: join(HERE, options.writer), CRASH_DIR: options.dir, CRASH_SYNC: options.sync },
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
    for (const line of lines) {
      if (/^\d+$/.test(line)) acked.push(Number(line));
      else options.onLine?.(line);
    }
    if (acked.length >= options.killAfter) child.kill('SIGKILL');
  });
  await exited;
  clearTimeout(timer);
  if (acked.length < options.killAfter) throw new Error(`the writer stopped after ${acked.length} writes:\n${stderr}`);
  return acked;
}
