import { capturedIo } from './testing/captured-io.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { internalCluster, startCluster, type CassanovaCluster } from '../main.js';
import { runCli } from './cli.js';
import { CliProcess } from './testing/cli-process.js';

/**
 * prime, primes and activity against a cluster of their own, with the Node.js driver's traffic: in this
 * process (output captured, stdin and Ctrl-C given), and activity --follow as a real process stopped by SIGINT.
 */
const { consistencies } = cassandra.types;
let cluster: CassanovaCluster;
let client: cassandra.Client;
let dir: string;

beforeAll(async () => {
  cluster = await startCluster({ port: 0, adminPort: 0 });
  client = new cassandra.Client(cluster.driverOptions());
  await client.connect();
  await client.execute("CREATE KEYSPACE cli WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
  await client.execute('CREATE TABLE cli.t (k int PRIMARY KEY, v text)');
  dir = mkdtempSync(join(tmpdir(), 'cassanova-cli-primes-'));
});

afterAll(async () => {
  await client?.shutdown();
  await cluster?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  cluster.clearPrimes();
  cluster.clearActivity();
});

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command in this process; `stop` resolves its Ctrl-C (default: never). */
async function cli(args: readonly string[], options: { stdin?: string; stop?: Promise<void>; onOutput?: (text: string) => void } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io = capturedIo(out, err, {
    stdout: { write: (t: string) => { out.push(t); options.onOutput?.(out.join('')); } },
    env: { CASSANOVA_ADMIN_URL: cluster.adminUrl! },
    stopRequested: () => options.stop ?? new Promise(() => {}),
    readStdin: () => Promise.resolve(options.stdin ?? ''),
  });
  const code = await runCli(['node', 'cassanova', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const WRITE_TIMEOUT = { when: { query: { regex: '^INSERT INTO cli\\.t' } }, then: { error: 'WRITE_TIMEOUT', received: 0, blockFor: 1, writeType: 'SIMPLE' } };

describe('prime and primes', () => {
  it('prime FILE.json primes each spec of a list and prints the ids; the driver gets the primed error', async () => {
    const run = await cli(['prime', file('two.json', [WRITE_TIMEOUT, { when: { opcode: 'OPTIONS' }, then: { delayMs: 1 }, times: 2 }])]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const ids = run.stdout.trim().split('\n').map(Number);
    expect(ids).toEqual(internalCluster(cluster).primes.list().map((p) => p.id));
    const error = await client.execute('INSERT INTO cli.t (k, v) VALUES (1, ?)', ['a'], { prepare: true, consistency: consistencies.one }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 0x1100, received: 0, blockFor: 1, writeType: 'SIMPLE' });
    const listed = await cli(['primes']);
    expect(listed.stdout.split('\n')[0]).toMatch(/^ID {2}When {2,}Then {2,}Left {11}Matched$/);
    expect(listed.stdout).toMatch(new RegExp(`^${ids[0]} +\\{"query":\\{"regex":"\\^INSERT INTO cli\\\\\\\\.t","flags":""\\}\\} +\\{"error":"WRITE_TIMEOUT".* until removed +1$`, 'm'));
    expect(listed.stdout).toMatch(new RegExp(`^${ids[1]} +\\{"opcode":"OPTIONS"\\} +\\{"delayMs":1\\} +2 +0$`, 'm'));
  });

  it('prime - reads stdin; --json prints the primes made', async () => {
    const run = await cli(['prime', '-', '--json'], { stdin: JSON.stringify(WRITE_TIMEOUT) });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject([{ id: expect.any(Number), remaining: null, matched: 0, then: { error: 'WRITE_TIMEOUT' } }]);
  });

  it('primes none of a list when one is refused, and says which', async () => {
    const run = await cli(['prime', file('bad.json', [WRITE_TIMEOUT, { then: { error: 'UNAVAILABLE', required: 'x', alive: 1 } }])]);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'cassanova: prime 2 of 2 (none primed): body/then/required must be integer\n' });
    expect(internalCluster(cluster).primes.list()).toEqual([]);
    expect(await cli(['prime', file('broken.json', '{"then": ')])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^cassanova: .*broken\.json is not JSON: /) });
    expect(await cli(['prime', join(dir, 'missing.json')])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^cassanova: cannot read .*missing\.json: ENOENT/) });
  });

  it('primes --remove ID removes one (unknown ids fail), --clear every one', async () => {
    const [id] = (await cli(['prime', file('one.json', WRITE_TIMEOUT)])).stdout.trim().split('\n');
    await cli(['prime', file('one.json', WRITE_TIMEOUT)]);
    expect(await cli(['primes', '--remove', id!])).toEqual({ code: 0, stdout: `Removed prime ${id}\n`, stderr: '' });
    expect(await cli(['primes', '--remove', id!])).toMatchObject({ code: 1, stderr: `cassanova: No prime ${id}: removed, used up or never made\n` });
    expect(await cli(['primes', '--remove', 'x'])).toMatchObject({ code: 2, stderr: "cassanova: option '--remove <id>' argument 'x' is invalid. 'x' is not a prime id (1, 2, ...)\n" });
    expect(await cli(['primes', '--clear'])).toMatchObject({ code: 0, stdout: 'Removed every prime\n' });
    expect(await cli(['primes'])).toMatchObject({ code: 0, stdout: 'No prime\n' });
  });
});

describe('activity', () => {
  it('lays the requests out in a table: seq, time, node, client, opcode, consistency, keyspace, CQL, outcome, latency', async () => {
    await client.execute('INSERT INTO cli.t (k, v) VALUES (?, ?)', [1, 'a'], { prepare: true, consistency: consistencies.quorum });
    await client.execute(`SELECT v FROM cli.t WHERE k = 1 AND v = '${'x'.repeat(80)}' ALLOW FILTERING`);
    const run = await cli(['activity', '--grep', 'cli\\.t', '--opcode', 'query,execute']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Seq +Time +Node +Client +Opcode +Consistency +Keyspace +Query +Outcome +Latency µs$/);
    expect(lines[1]).toMatch(/^\d+ +\d\d:\d\d:\d\d\.\d{3} +1 +127\.0\.0\.1:\d+ +EXECUTE +QUORUM +- +INSERT INTO cli\.t \(k, v\) VALUES \(\?, \?\) +void +\d+$/);
    expect(lines[2]).toMatch(/ QUERY +LOCAL_ONE +- +SELECT v FROM cli\.t WHERE k = 1 AND v = 'x+… +rows 0 +\d+$/);
    expect(lines).toHaveLength(3);
    expect((await cli(['activity', '--opcode', 'EXECUTE', '--limit', '1', '--json']))).toMatchObject({ code: 0 });
    const json = JSON.parse((await cli(['activity', '--opcode', 'EXECUTE', '--json'])).stdout) as { records: { query: string; values: unknown[] }[] };
    expect(json.records.map((r) => [r.query, r.values])).toEqual([['INSERT INTO cli.t (k, v) VALUES (?, ?)', [1, 'a']]]);
    expect(await cli(['activity', '--node', '2'])).toMatchObject({ code: 0, stdout: 'No request recorded\n' });
  });

  it('refuses bad options as usage errors', async () => {
    expect(await cli(['activity', '--opcode', 'SELECT'])).toMatchObject({ code: 2, stderr: expect.stringContaining("'SELECT' is not an opcode") });
    expect(await cli(['activity', '--grep', '('])).toMatchObject({ code: 2, stderr: expect.stringContaining("'(' is not a regular expression") });
    expect(await cli(['activity', '--since', 'yesterday'])).toMatchObject({ code: 2, stderr: expect.stringContaining("'yesterday' is neither a sequence number nor an ISO 8601 time") });
    expect(await cli(['activity', '--follow', '--limit', '3'])).toMatchObject({ code: 2, stderr: 'cassanova: --limit does not go with --follow\n' });
  });

  it('--follow --json prints one JSON record a line as requests are answered, until Ctrl-C', async () => {
    let stop = (): void => {};
    const stopped = new Promise<void>((resolve) => { stop = resolve; });
    let seen = '';
    const running = cli(['activity', '--follow', '--json', '--grep', 'k = 4[12]'], { stop: stopped, onOutput: (text) => { seen = text; } });
    while (internalCluster(cluster).activity.subscriberCount === 0) await new Promise((r) => setTimeout(r, 10));
    for (const k of [41, 40, 42]) await client.execute(`SELECT * FROM cli.t WHERE k = ${k}`);
    while (seen.split('\n').length < 3) await new Promise((r) => setTimeout(r, 10));
    stop();
    const run = await running;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { query: string }).query)).toEqual(['SELECT * FROM cli.t WHERE k = 41', 'SELECT * FROM cli.t WHERE k = 42']);
    while (internalCluster(cluster).activity.subscriberCount > 0) await new Promise((r) => setTimeout(r, 10));
  });

  it('--follow in a real process prints a row per request and exits 0 on SIGINT', async () => {
    const follower = new CliProcess(['activity', '--follow', '--opcode', 'QUERY'], { CASSANOVA_ADMIN_URL: cluster.adminUrl! });
    try {
      await follower.waitFor(/^Seq +Time +Node/m, 30_000);
      while (internalCluster(cluster).activity.subscriberCount === 0) await new Promise((r) => setTimeout(r, 20));
      await client.execute('SELECT * FROM cli.t WHERE k = 77');
      await follower.waitFor(/QUERY +LOCAL_ONE +- +SELECT \* FROM cli\.t WHERE k = 77 +rows 0/, 10_000);
      follower.kill('SIGINT');
      expect(await follower.exited).toBe(0);
      expect(follower.stderr).toBe('');
    } finally {
      follower.kill('SIGKILL');
    }
  }, 60_000);
});
