// Runs the Python-driver conformance scripts (test_*.py beside this file) with Debian's
// python3-cassandra against a cluster started through the public API. Each script is a plain
// unittest program; a non-zero exit fails its test with the script's whole output. Most scripts share
// one single-node cluster; the cluster scripts (CLUSTER_SCRIPTS) get a multi-node cluster of their own
// per variant, and a control channel to change its topology (../support/cluster-control.ts).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startCluster, type CassanovaCluster, type StartClusterOptions } from '../../../src/index.js';
import { CONTROL_FD, serveControl, type ExtraOperations } from '../support/cluster-control.js';
import { ReopenableCluster } from '../support/durable-cluster.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT_DIR = dirname(fileURLToPath(import.meta.url));
// Scripts dump their stacks and exit on their own after 90 s (cassanova_support.WATCHDOG_S).
const SCRIPT_TIMEOUT_MS = 120_000;
const TEST_TIMEOUT_MS = SCRIPT_TIMEOUT_MS + 5_000;
const DEFAULT_DATA_CENTER = 'datacenter1';

/**
 * A cluster a script runs on; with `dataFolder`, a data folder of its own, named to it in CASSANOVA_DATA_DIR.
 * With `tls` in the options, the CA clients trust is in the PEM file CASSANOVA_TLS_CA names.
 */
interface ClusterVariant {
  readonly name: string;
  readonly options: StartClusterOptions;
  readonly dataFolder?: boolean;
}

/**
 * Scripts that need a cluster of their own, with the variants to run them on. 'ports' puts every node
 * on one address (the Python driver reads native_port from system.peers_v2 and matches event
 * addresses with their ports).
 */
const CLUSTER_SCRIPTS: ReadonlyMap<string, readonly ClusterVariant[]> = new Map([
  ['test_cluster_faults.py', [
    { name: 'three nodes', options: { nodes: 3, gossipIntervalMs: 200, hintsDispatchIntervalMs: 1000 } },
  ]],
  ['test_read_your_writes.py', [
    { name: 'three nodes', options: { nodes: 3 } },
  ]],
  ['test_system_tables.py', [
    { name: 'three nodes', options: { nodes: 3 } },
  ]],
  ['test_tracing.py', [
    { name: 'three nodes', options: { nodes: 3 } },
  ]],
  ['test_test_controls.py', [
    { name: 'three nodes, admin API', options: { nodes: 3, adminPort: 0 } },
  ]],
  ['test_priming.py', [
    { name: 'one node, admin API', options: { adminPort: 0 } },
  ]],
  ['test_admin_api.py', [
    { name: 'three nodes, admin API', options: { nodes: 3, adminPort: 0, gossipIntervalMs: 200 } },
  ]],
  ['test_kv_api.py', [
    { name: 'three nodes, admin API', options: { nodes: 3, adminPort: 0, gossipIntervalMs: 200 } },
  ]],
  ['test_disk_failure.py', [
    { name: 'three nodes, a data folder, admin API', options: { nodes: 3, adminPort: 0, gossipIntervalMs: 200 }, dataFolder: true },
  ]],
  ['test_authentication.py', [
    { name: 'three nodes, PasswordAuthenticator', options: { nodes: 3, authenticator: 'PasswordAuthenticator' } },
  ]],
  ['test_authorization.py', [
    { name: 'three nodes, CassandraAuthorizer', options: { nodes: 3, authenticator: 'PasswordAuthenticator', authorizer: 'CassandraAuthorizer' } },
  ]],
  ['test_tls.py', [
    { name: "three nodes, tls: 'self-signed'", options: { nodes: 3, tls: 'self-signed' } },
  ]],
  ['test_cluster_topology.py', [
    { name: 'one address per node', options: { nodes: 3, addressing: 'addresses', gossipIntervalMs: 200 } },
    { name: 'one port per node', options: { nodes: 3, addressing: 'ports', gossipIntervalMs: 200 } },
  ]],
]);

/**
 * Scripts on a cluster kept in a data folder of their own (test_durable*.py), which they may flush, and close
 * and open again ('reopen', cleanly or as a crash, its virtual clock moved on), through the control channel.
 */
const DURABLE_OPTIONS: StartClusterOptions = { nodes: 3, clock: 'virtual' };
const isDurableScript = (name: string): boolean => /^test_durable\w*\.py$/.test(name);

const scripts = readdirSync(SCRIPT_DIR)
  .filter((name) => /^test_\w+\.py$/.test(name) && !CLUSTER_SCRIPTS.has(name) && !isDurableScript(name))
  .sort();

interface Target {
  host: string;
  port: number;
  dataCenter: string;
  close(): Promise<void>;
}

interface ScriptOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Why the driver cannot be used, or undefined when `import cassandra, lz4` works. */
function pythonDriverProblem(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import cassandra, lz4'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error !== undefined) return `${PYTHON} cannot run: ${probe.error.message}`;
  if (probe.status !== 0) {
    return `${PYTHON} cannot import cassandra and lz4 (apt-get install python3-cassandra python3-lz4):\n${probe.stderr}`;
  }
  return undefined;
}

function isCi(): boolean {
  return ['true', '1'].includes((process.env['CI'] ?? '').toLowerCase());
}

function splitHostPort(contactPoint: string): { host: string; port: number } {
  const colon = contactPoint.lastIndexOf(':');
  const port = Number(contactPoint.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(port) || port <= 0) {
    throw new Error(`contact point '${contactPoint}' is not host:port`);
  }
  return { host: contactPoint.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port };
}

/** CQL_CONTACT_POINT aims the scripts at an already running server (e.g. a real Cassandra). */
async function startTarget(): Promise<Target> {
  const external = process.env['CQL_CONTACT_POINT'];
  if (external !== undefined && external !== '') {
    return { ...splitHostPort(external), dataCenter: DEFAULT_DATA_CENTER, close: async () => {} };
  }
  const cluster = await startCluster({ address: '127.0.0.1', port: 0 });
  const contactPoint = cluster.contactPoints[0];
  if (contactPoint === undefined) {
    await cluster.close();
    throw new Error('startCluster returned no contact point');
  }
  return { ...splitHostPort(contactPoint), dataCenter: cluster.localDataCenter, close: () => cluster.close() };
}

/** A script "passes" only if unittest ran something and said OK, so an empty script cannot pass silently. */
function unittestPassed(output: string): boolean {
  return /^Ran [1-9]\d* tests? in /m.test(output) && /^OK\b/m.test(output);
}

/**
 * Runs one script without blocking the event loop, which serves the cluster the script talks to.
 * With `controlled`, the script may change that cluster through the control channel.
 */
function runScript(
  script: string, target: Target, controlled?: CassanovaCluster | (() => CassanovaCluster), extra?: ExtraOperations,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<ScriptOutcome> {
  const adminUrl = typeof controlled === 'function' ? controlled().adminUrl : controlled?.adminUrl;
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [script], {
      cwd: SCRIPT_DIR,
      env: {
        ...process.env,
        CASSANOVA_HOST: target.host,
        CASSANOVA_PORT: String(target.port),
        CASSANOVA_DC: target.dataCenter,
        ...(controlled === undefined ? {} : { CASSANOVA_CONTROL_FD: String(CONTROL_FD) }),
        ...(adminUrl == null ? {} : { CASSANOVA_ADMIN_URL: adminUrl }),
        ...extraEnv,
        PYTHONDONTWRITEBYTECODE: '1',
        PYTHONUNBUFFERED: '1',
      },
      stdio: controlled === undefined ? ['ignore', 'pipe', 'pipe'] : ['pipe', 'pipe', 'pipe', 'pipe'],
      timeout: SCRIPT_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    const { stdin, stdout, stderr } = child;
    if (stdout === null || stderr === null) throw new Error('the script has no output pipes');
    if (controlled !== undefined) {
      // An extra 'pipe' is a socket: the script writes its requests to it.
      const control = child.stdio[CONTROL_FD] as Readable | null | undefined;
      if (stdin === null || control == null) throw new Error('the script has no control pipes');
      serveControl(controlled, control, stdin, extra);
    }
    const chunks: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

function failure(script: string, outcome: ScriptOutcome): Error | undefined {
  if (outcome.code === 0 && unittestPassed(outcome.output)) return undefined;
  const how =
    outcome.signal !== null
      ? `was killed by ${outcome.signal} (timeout ${SCRIPT_TIMEOUT_MS} ms?)`
      : `exited with ${outcome.code}`;
  return new Error(`${script} ${how}:\n${outcome.output}`);
}

/** Runs a cluster script on a cluster of its own, which it may change; closed whatever happens. */
async function runOnOwnCluster(script: string, variant: ClusterVariant): Promise<ScriptOutcome> {
  const dataDir = variant.dataFolder === true ? mkdtempSync(join(tmpdir(), 'cassanova-python-')) : undefined;
  const caDir = variant.options.tls === undefined ? undefined : mkdtempSync(join(tmpdir(), 'cassanova-python-ca-'));
  try {
    const cluster = await startCluster({ address: '127.0.0.1', port: 0, ...variant.options, ...(dataDir === undefined ? {} : { dataDir }) });
    try {
      const { host, port } = splitHostPort(cluster.contactPoints[0]!);
      const env: NodeJS.ProcessEnv = dataDir === undefined ? {} : { CASSANOVA_DATA_DIR: dataDir };
      if (caDir !== undefined && cluster.tlsCa !== null) {
        env['CASSANOVA_TLS_CA'] = join(caDir, 'ca.pem');
        writeFileSync(env['CASSANOVA_TLS_CA'], cluster.tlsCa);
      }
      return await runScript(script, { host, port, dataCenter: cluster.localDataCenter, close: async () => {} }, cluster, undefined, env);
    } finally {
      await cluster.close();
    }
  } finally {
    for (const dir of [dataDir, caDir]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a durable script on a cluster in a temporary data folder, which the script may close and open again. */
async function runOnDurableCluster(script: string): Promise<ScriptOutcome> {
  const durable = await ReopenableCluster.start(DURABLE_OPTIONS);
  try {
    const { host, port } = splitHostPort(durable.cluster.contactPoints[0]!);
    const target = { host, port, dataCenter: durable.cluster.localDataCenter, close: async () => {} };
    return await runScript(script, target, () => durable.cluster, durable.operations());
  } finally {
    await durable.close();
  }
}

const problem = pythonDriverProblem();
const external = (process.env['CQL_CONTACT_POINT'] ?? '') !== '';

// Locally a missing driver only skips; in CI it must fail, or the suite would pass without running.
describe.skipIf(problem !== undefined && !isCi())('Python driver (python3-cassandra)', () => {
  let target: Target | undefined;

  beforeAll(async () => {
    if (problem === undefined) target = await startTarget();
  });

  afterAll(async () => {
    await target?.close();
  });

  it(`has ${PYTHON} with the cassandra and lz4 modules`, () => {
    if (problem !== undefined) throw new Error(problem);
  });

  for (const script of scripts) {
    it.skipIf(problem !== undefined).concurrent(
      script,
      async () => {
        if (target === undefined) throw new Error('no cluster was started');
        const outcome = await runScript(script, target);
        const error = failure(script, outcome);
        if (error !== undefined) throw error;
      },
      TEST_TIMEOUT_MS,
    );
  }

  // A cluster in a data folder of its own, closed and opened again: not run against an external server.
  for (const script of readdirSync(SCRIPT_DIR).filter(isDurableScript).sort()) {
    it.skipIf(problem !== undefined || external).concurrent(
      `${script} (three nodes, data folder)`,
      async () => {
        const error = failure(script, await runOnDurableCluster(script));
        if (error !== undefined) throw error;
      },
      TEST_TIMEOUT_MS,
    );
  }

  // A multi-node cluster of Cassanova's own: not run against an external server.
  for (const [script, variants] of CLUSTER_SCRIPTS) {
    for (const variant of variants) {
      it.skipIf(problem !== undefined || external).concurrent(
        `${script} (${variant.name})`,
        async () => {
          const error = failure(script, await runOnOwnCluster(script, variant));
          if (error !== undefined) throw error;
        },
        TEST_TIMEOUT_MS,
      );
    }
  }
});
