// Runs the gocql conformance tests (the Go test functions in *_test.go beside this file) with Debian's
// gocql 1.3.2 against clusters started through the public API. The tests are read from the sources, so
// that listing or filtering them compiles nothing; before the first one runs, the package is compiled once
// (GOPATH mode, nothing downloaded, a stable GOCACHE so later runs take about a second) and the binary's own
// list must match. Each test runs in a process of its own; a failure shows the test's whole output.
// Tests named with a SHAPES prefix get a cluster of their own of that shape, with the control channel
// (../support/cluster-control.ts) and the admin API; every other test shares one single-node cluster. See README.md.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startCluster, type CassanovaCluster, type StartClusterOptions } from '../../../src/index.js';
import { CONTROL_FD, serveControl } from '../support/cluster-control.js';

const GO_DIR = dirname(fileURLToPath(import.meta.url));
const GOCODE = '/usr/share/gocode';
const GOCQL_DIR = join(GOCODE, 'src/github.com/gocql/gocql');
/** Shared by every run (and worktree): Go's cache is safe for concurrent use and keyed by content. */
const GOCACHE = join(tmpdir(), 'cassanova-go-build-cache');
const COMPILE_TIMEOUT_MS = 300_000;
/** Go's own -test.timeout: a hung test panics with every goroutine's stack before the runner kills it. */
const GO_TEST_TIMEOUT_S = 60;
const KILL_TIMEOUT_MS = (GO_TEST_TIMEOUT_S + 15) * 1000;
const TEST_TIMEOUT_MS = KILL_TIMEOUT_MS + 5_000;
const DEFAULT_DATA_CENTER = 'datacenter1';
const SEED = Number(process.env['CASSANOVA_SEED'] ?? 1);

/** Go tests whose name starts with `prefix` run on a cluster of their own with these options. */
const SHAPES: readonly { prefix: string; name: string; options: StartClusterOptions }[] = [
  { prefix: 'TestThreeNodes', name: 'three nodes', options: { nodes: 3, gossipIntervalMs: 200, adminPort: 0 } },
  {
    prefix: 'TestPasswordAuth', name: 'three nodes, PasswordAuthenticator',
    options: { nodes: 3, gossipIntervalMs: 200, adminPort: 0, authenticator: 'PasswordAuthenticator' },
  },
  {
    prefix: 'TestCassandraAuthorizer', name: 'three nodes, PasswordAuthenticator and CassandraAuthorizer',
    options: { nodes: 3, gossipIntervalMs: 200, adminPort: 0, authenticator: 'PasswordAuthenticator', authorizer: 'CassandraAuthorizer' },
  },
  { prefix: 'TestTlsThreeNodes', name: "three nodes, tls: 'self-signed'", options: { nodes: 3, gossipIntervalMs: 200, tls: 'self-signed' } },
];

interface Target {
  contactPoints: readonly string[];
  dataCenter: string;
  /** The nodes as Cassanova placed them; absent for an external server. */
  cluster?: CassanovaCluster;
  /** A PEM file with the CA the nodes' certificates chain to, when they speak TLS. */
  tlsCaFile?: string;
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

const goEnv: NodeJS.ProcessEnv = {
  ...process.env,
  GO111MODULE: 'off',
  GOPATH: GOCODE,
  GOFLAGS: '',
  GOPROXY: 'off',
  GOCACHE,
  CGO_ENABLED: '0',
};

function isCi(): boolean {
  return ['true', '1'].includes((process.env['CI'] ?? '').toLowerCase());
}

interface RunOptions extends SpawnOptions {
  /** Called once the child exists, before its output is awaited (to serve its control channel). */
  onSpawn?: (child: ChildProcess) => void;
}

/** Runs a command to its end without blocking the event loop (which serves the clusters). */
function run(command: string, args: readonly string[], options: RunOptions): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { killSignal: 'SIGKILL', ...options });
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
    options.onSpawn?.(child);
    child.on('error', (e) => resolve({ code: null, signal: null, output: `${command} did not start: ${e.message}` }));
    child.on('close', (code, signal) => resolve({ code, signal, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** Why gocql cannot be used here, or undefined. */
async function goDriverProblem(): Promise<string | undefined> {
  const version = await run('go', ['version'], { env: goEnv, timeout: 30_000 });
  if (version.code !== 0) {
    return `the go command is missing (apt-get install golang-go golang-github-gocql-gocql-dev): ${version.output}`;
  }
  if (!existsSync(join(GOCQL_DIR, 'session.go'))) {
    return `gocql is missing from ${GOCQL_DIR} (apt-get install golang-github-gocql-gocql-dev)`;
  }
  return undefined;
}

/** The Go test functions declared in the sources, sorted. */
function declaredTests(): string[] {
  return readdirSync(GO_DIR)
    .filter((file) => file.endsWith('_test.go'))
    .flatMap((file) => [...readFileSync(join(GO_DIR, file), 'utf8').matchAll(/^func (Test\w*)\(\w+ \*testing\.T\)/gm)])
    .map((match) => match[1]!)
    .sort();
}

/**
 * Compiles the Go tests into `dir` and checks that the binary lists the declared tests; throws with the
 * compiler's output. Returns the binary.
 */
async function compile(dir: string, declared: readonly string[]): Promise<string> {
  const binary = join(dir, 'conformance.test');
  const started = performance.now();
  const built = await run('go', ['test', '-c', '-o', binary, '.'], { cwd: GO_DIR, env: goEnv, timeout: COMPILE_TIMEOUT_MS });
  if (built.code !== 0) throw new Error(`go test -c failed (${built.signal ?? built.code}):\n${built.output}`);
  console.log(`go test -c took ${Math.round(performance.now() - started)} ms`);
  const listed = await run(binary, ['-test.list', '.'], { env: goEnv, timeout: 30_000 });
  if (listed.code !== 0) throw new Error(`${binary} -test.list failed:\n${listed.output}`);
  const tests = listed.output.split('\n').filter((line) => /^Test\w*$/.test(line)).sort();
  if (tests.join() !== declared.join()) {
    throw new Error(`the binary lists the tests ${tests.join(', ')}; the sources declare ${declared.join(', ')}`);
  }
  return binary;
}

function shapeOf(test: string): (typeof SHAPES)[number] | undefined {
  return SHAPES.find((s) => test.startsWith(s.prefix));
}

function topologyOf(cluster: CassanovaCluster): string {
  return JSON.stringify(cluster.nodes.map((node) => {
    const { id, address, hostId, dataCenter, rack, tokens } = node;
    return { id, address, port: node.nativePort, dataCenter, rack, hostId, tokens };
  }));
}

/** Runs one Go test against `target`; with `controlled`, it may change that cluster through the control channel. */
function runGoTest(binary: string, test: string, target: Target, controlled: boolean): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CASSANOVA_CONTACT_POINTS: target.contactPoints.join(','),
    CASSANOVA_DC: target.dataCenter,
    CASSANOVA_SEED: String(SEED),
    ...(target.cluster === undefined ? {} : { CASSANOVA_TOPOLOGY: topologyOf(target.cluster) }),
    ...(controlled ? { CASSANOVA_CONTROL_FD: String(CONTROL_FD) } : {}),
    ...(target.cluster?.adminUrl == null ? {} : { CASSANOVA_ADMIN_URL: target.cluster.adminUrl }),
    ...(target.tlsCaFile === undefined ? {} : { CASSANOVA_TLS_CA: target.tlsCaFile }),
  };
  const args = ['-test.run', `^${test}$`, '-test.v', '-test.timeout', `${GO_TEST_TIMEOUT_S}s`];
  return run(binary, args, {
    cwd: GO_DIR,
    env,
    // An extra 'pipe' is a socket: the test writes its requests to it and reads the answers on stdin.
    stdio: controlled ? ['pipe', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
    timeout: KILL_TIMEOUT_MS,
    onSpawn: (child) => {
      if (!controlled || target.cluster === undefined) return;
      const requests = child.stdio[CONTROL_FD] as Readable | null | undefined;
      if (child.stdin === null || requests == null) throw new Error('the Go test has no control pipes');
      serveControl(target.cluster, requests, child.stdin);
    },
  });
}

/** Passed, skipped (with Go's reason) or failed (an Error with the whole output). */
function verdict(test: string, outcome: Outcome): { skipped?: string; error?: Error } {
  const passed = new RegExp(`^--- PASS: ${test} `, 'm').test(outcome.output);
  // t.Skip's reason is the log line just above "--- SKIP".
  const skipped = new RegExp(`^\\s+(.*)\\n--- SKIP: ${test} `, 'm').exec(outcome.output);
  if (outcome.code === 0 && skipped !== null) return { skipped: skipped[1] };
  if (outcome.code === 0 && passed) return {};
  const how = outcome.signal !== null ? `was killed by ${outcome.signal} (timeout ${KILL_TIMEOUT_MS} ms)` : `exited with ${outcome.code}`;
  return { error: new Error(`${test} ${how} (CASSANOVA_SEED=${SEED}):\n${outcome.output}`) };
}

async function startShared(): Promise<Target> {
  const external = process.env['CQL_CONTACT_POINT'];
  if (external !== undefined && external !== '') return { contactPoints: [external], dataCenter: process.env['CQL_LOCAL_DC'] || DEFAULT_DATA_CENTER };
  const cluster = await startCluster({ address: '127.0.0.1', port: 0, seed: SEED });
  return { contactPoints: cluster.contactPoints, dataCenter: cluster.localDataCenter, cluster };
}

/** Runs a test on a cluster of its own, which it may change; the cluster is closed whatever happens. */
async function runOnOwnCluster(binary: string, test: string, options: StartClusterOptions): Promise<Outcome> {
  const cluster = await startCluster({ address: '127.0.0.1', port: 0, seed: SEED, ...options });
  const caDir = cluster.tlsCa === null ? undefined : mkdtempSync(join(tmpdir(), 'cassanova-go-ca-'));
  try {
    const tlsCaFile = caDir === undefined ? undefined : join(caDir, 'ca.pem');
    if (tlsCaFile !== undefined) writeFileSync(tlsCaFile, cluster.tlsCa!);
    return await runGoTest(binary, test, { contactPoints: cluster.contactPoints, dataCenter: cluster.localDataCenter, cluster, tlsCaFile }, true);
  } finally {
    await cluster.close();
    if (caDir !== undefined) rmSync(caDir, { recursive: true, force: true });
  }
}

const problem = await goDriverProblem();
const external = (process.env['CQL_CONTACT_POINT'] ?? '') !== '';
const tests = declaredTests();

// Locally a missing Go toolchain or gocql only skips; in CI it must fail, or the suite would pass without running.
if (problem !== undefined && !isCi()) console.warn(`skipping the gocql conformance tests: ${problem}`);
describe.skipIf(problem !== undefined && !isCi())('Go driver (gocql 1.3.2)', () => {
  let buildDir: string | undefined;
  let binary: string | undefined;
  let shared: Target | undefined;

  // Runs only when some test of the file runs (not under a -t filter that excludes them all).
  beforeAll(async () => {
    if (problem !== undefined) return;
    buildDir = mkdtempSync(join(tmpdir(), 'cassanova-go-'));
    binary = await compile(buildDir, tests);
    shared = await startShared();
  }, COMPILE_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await shared?.cluster?.close();
    if (buildDir !== undefined) rmSync(buildDir, { recursive: true, force: true });
  });

  it('has go and gocql, and Go tests to run', () => {
    if (problem !== undefined) throw new Error(problem);
    if (tests.length === 0) throw new Error(`no func Test…(t *testing.T) in ${GO_DIR}/*_test.go`);
  });

  for (const test of tests) {
    const shape = shapeOf(test);
    const title = shape === undefined ? test : `${test} (${shape.name})`;
    it.skipIf(shape !== undefined && external).concurrent(title, async (context) => {
      if (binary === undefined) throw new Error(problem ?? 'no Go test binary');
      let outcome: Outcome;
      if (shape !== undefined) {
        outcome = await runOnOwnCluster(binary, test, shape.options);
      } else {
        if (shared === undefined) throw new Error('no shared cluster was started');
        outcome = await runGoTest(binary, test, shared, false);
      }
      const { skipped, error } = verdict(test, outcome);
      if (error !== undefined) throw error;
      if (skipped !== undefined) context.skip(skipped);
    }, TEST_TIMEOUT_MS);
  }
});
