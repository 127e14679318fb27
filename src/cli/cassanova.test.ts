import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Runs the TypeScript entry point through Vite's module runner, as the test runner itself does. */
const RUNNER = "import { runnerImport } from 'vite'; await runnerImport(process.env.CASSANOVA_CLI, { configFile: false, logLevel: 'silent' });";
const START_TIMEOUT_MS = 45_000;

let child: ChildProcess | undefined;

afterEach(() => {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

function waitFor(read: () => string, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((done, fail) => {
    const deadline = Date.now() + timeoutMs;
    const poll = (): void => {
      const match = read().match(pattern);
      if (match !== null) done(match);
      else if (Date.now() > deadline || child?.exitCode !== null) fail(new Error(`no ${pattern} in the output:\n${read()}`));
      else setTimeout(poll, 50);
    };
    poll();
  });
}

function accepts(contactPoint: string): Promise<boolean> {
  const [host, port] = contactPoint.split(':');
  return new Promise((done) => {
    const socket = connect({ host: host!, port: Number(port) }, () => {
      socket.destroy();
      done(true);
    });
    socket.on('error', () => done(false));
  });
}

describe('cassanova start in a child process', () => {
  it('starts three nodes in two data centers, prints each one, and stops cleanly on SIGINT', async () => {
    // The placeholder after -e stands where a script path would be, so that the CLI's arguments follow it.
    child = spawn(process.execPath, [
      '--input-type=module', '-e', RUNNER, 'cassanova', 'start', '--port', '0', '--datacenters', 'dc1:2,dc2:1', '--seed', '3',
    ], { cwd: ROOT, env: { ...process.env, CASSANOVA_CLI: resolve(ROOT, 'src/cli/cassanova.ts') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    const exited = new Promise<number | null>((done) => child!.on('exit', (code) => done(code)));

    await waitFor(() => output, /Press Ctrl-C to stop/, START_TIMEOUT_MS);
    expect(output).toContain("Cassanova is running: 3 node(s), cluster 'Test Cluster'");
    const nodes = [...output.matchAll(/node (\d): (127\.0\.0\.\d:\d+) {2}data center (\w+), rack (\w+)/g)].map((m) => m.slice(1));
    expect(nodes.map(([id, , dc, rack]) => `${id} ${dc} ${rack}`)).toEqual(['1 dc1 rack1', '2 dc1 rack1', '3 dc2 rack1']);
    expect(nodes.map(([, contactPoint]) => contactPoint!.split(':')[0])).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    expect(output).toMatch(/local data center: dc1/);
    for (const [, contactPoint] of nodes) expect(await accepts(contactPoint!), contactPoint).toBe(true);

    child.kill('SIGINT');
    const code = await Promise.race([exited, new Promise((done) => setTimeout(() => done('still running'), 10_000))]);
    expect(code).toBe(0);
    expect(output).toContain('Stopping Cassanova...');
  }, START_TIMEOUT_MS + 15_000);
});
