import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Runs the TypeScript entry point through Vite's module runner, as the test runner itself does. */
const RUNNER = "import { runnerImport } from 'vite'; await runnerImport(process.env.CASSANOVA_CLI, { configFile: false, logLevel: 'silent' });";

/** A `cassanova` process: its output so far, and its exit. */
export class CliProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(args: readonly string[], env: Readonly<Record<string, string>> = {}) {
    // The placeholder after -e stands where a script path would be, so that the CLI's arguments follow it.
    this.child = spawn(process.execPath, ['--input-type=module', '-e', RUNNER, 'cassanova', ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env, CASSANOVA_CLI: resolve(ROOT, 'src/cli/cassanova.ts') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => { this.stdout += chunk.toString('utf8'); });
    this.child.stderr!.on('data', (chunk: Buffer) => { this.stderr += chunk.toString('utf8'); });
    this.exited = new Promise((done) => this.child.on('exit', (code) => done(code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first match of `pattern` in stdout (or stderr), or fails once the process is gone or time is up. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    return new Promise((done, fail) => {
      const deadline = Date.now() + timeoutMs;
      const poll = (): void => {
        const match = this.stdout.match(pattern) ?? this.stderr.match(pattern);
        if (match !== null) done(match);
        else if (Date.now() > deadline || !this.running) fail(new Error(`no ${pattern} in the output:\n${this.stdout}\n${this.stderr}`));
        else setTimeout(poll, 50);
      };
      poll();
    });
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }
}

/** Runs one command to its end. */
export async function runCliProcess(args: readonly string[], timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const process = new CliProcess(args);
  const timer = setTimeout(() => process.kill('SIGKILL'), timeoutMs);
  const code = await process.exited;
  clearTimeout(timer);
  return { code, stdout: process.stdout, stderr: process.stderr };
}

/** Whether something accepts TCP connections at `host:port` now. */
export function accepts(contactPoint: string): Promise<boolean> {
  const [host, port] = contactPoint.split(':');
  return new Promise((done) => {
    const socket = connect({ host: host!, port: Number(port) }, () => {
      socket.destroy();
      done(true);
    });
    socket.on('error', () => done(false));
  });
}
