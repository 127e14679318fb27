import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type CassanovaCluster } from '../../main.js';

/**
 * The interactive shell through a pseudo-terminal: util-linux's `script` (Debian's bsdutils, an
 * essential package) gives the shell a terminal, so readline, prompts, ---MORE--- and completion run as
 * for a person typing.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const RUNNER = "import { runnerImport } from 'vite'; await runnerImport(process.env.CASSANOVA_CLI, { configFile: false, logLevel: 'silent' });";
const hasScript = spawnSync('script', ['--version']).status === 0;

let cluster: CassanovaCluster;
let dir: string;

beforeAll(async () => {
  cluster = await startCluster({ port: 0, nodes: 1, seed: 12 });
  dir = mkdtempSync(join(tmpdir(), 'cassanova-shell-pty-'));
  const client = new cassandra.Client({ contactPoints: [cluster.contactPoints[0]!], localDataCenter: 'datacenter1' });
  await client.execute("CREATE KEYSPACE shop WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
  await client.execute('CREATE TABLE shop.items (k int, c int, v text, PRIMARY KEY (k, c))');
  for (const c of [1, 2, 3]) await client.execute('INSERT INTO shop.items (k, c, v) VALUES (1, ?, ?)', [c, `v${c}`], { prepare: true });
  await client.shutdown();
});

afterAll(async () => {
  await cluster?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The shell in a terminal: what it printed so far (terminal escapes removed), and keystrokes in. */
class Terminal {
  output = '';
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(args: readonly string[], env: Readonly<Record<string, string>>) {
    const command = [process.execPath, '--input-type=module', '-e', JSON.stringify(RUNNER), 'cassanova', 'shell', ...args].map((a) => (a.startsWith('"') ? a : `'${a}'`)).join(' ');
    this.child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: ROOT, env: { ...process.env, ...env, CASSANOVA_CLI: resolve(ROOT, 'src/cli/cassanova.ts'), TERM: 'xterm', COLUMNS: '200' }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer): void => { this.output += chunk.toString('utf8').replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, ''); };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((done) => this.child.on('exit', (code) => done(code)));
  }

  type(keys: string): void {
    this.child.stdin!.write(keys);
  }

  /** Waits until the output after `from` matches; returns the new output. */
  async expect(pattern: RegExp, from: number, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output.slice(from))) {
      if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${this.output.slice(from)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.output.slice(from);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

describe.skipIf(!hasScript)('cassanova shell in a terminal', () => {
  it('prompts, continues statements over lines, pages with ---MORE---, completes, keeps history', async () => {
    const [host, port] = cluster.contactPoints[0]!.split(':') as [string, string];
    const history = join(dir, 'history');
    const term = new Terminal([host, port, '--no-color'], { CASSANOVA_SHELL_HISTORY: history });
    try {
      const banner = await term.expect(/cqlsh> $/, 0);
      expect(banner).toMatch(new RegExp(`^Connected to Test Cluster at ${host}:${port}\\n\\[cqlsh 6\\.1\\.0 \\| Cassandra [\\d.]+ \\| CQL spec [\\d.]+ \\| Native protocol v4\\]\\nUse HELP for help\\.\\n`));
      let mark = term.output.length;
      term.type('USE shop;\n');
      await term.expect(/cqlsh:shop> $/, mark);
      mark = term.output.length;
      term.type('SELECT c, v\n');
      await term.expect(/ {8}\.\.\. $/, mark);
      term.type('  FROM items -- a comment\n');
      await term.expect(/ {8}\.\.\. $/, mark);
      term.type('  WHERE k = 1;\n');
      expect(await term.expect(/cqlsh:shop> $/, mark)).toContain('\n c | v\n---+----\n 1 | v1\n 2 | v2\n 3 | v3\n\n(3 rows)\ncqlsh:shop> ');

      mark = term.output.length;
      term.type('PAGING 2\n');
      await term.expect(/Page size: 2\ncqlsh:shop> $/, mark);
      mark = term.output.length;
      term.type('SELECT c, v FROM items;\n');
      expect(await term.expect(/---MORE---$/, mark)).toContain('\n c | v\n---+----\n 1 | v1\n 2 | v2\n\n---MORE---');
      mark = term.output.length;
      term.type('\n');
      expect(await term.expect(/cqlsh:shop> $/, mark)).toContain(' c | v\n---+----\n 3 | v3\n\n(3 rows)\ncqlsh:shop> ');

      mark = term.output.length;
      term.type('SELECT * FROM shop.it\t');
      await term.expect(/shop\.items $/, mark);
      term.type('WHERE k = 1 AND c = 3;\n');
      expect(await term.expect(/cqlsh:shop> $/, mark)).toContain(' 1 | 3 | v3\n\n(1 rows)');

      mark = term.output.length;
      term.type('SELECT nope FROM items;\n');
      expect(await term.expect(/cqlsh:shop> $/, mark)).toMatch(/\nInvalidRequest: Error from server: code=2200 \[Invalid query\] message="[^"]*nope[^"]*"\n/);

      mark = term.output.length;
      term.type('SELECT\u0003');
      await term.expect(/cqlsh:shop> $/, mark);
      term.type('EXIT\n');
      expect(await term.exited).toBe(0);
    } finally {
      term.kill();
    }
    const saved = readFileSync(history, 'utf8').split('\n');
    expect(saved).toContain('SELECT c, v   FROM items -- a comment   WHERE k = 1;');
    expect(saved).toContain('USE shop;');
    expect(saved[saved.length - 2]).toBe('EXIT');
  }, 60_000);
});
