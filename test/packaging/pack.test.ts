/**
 * The package as another project gets it: `npm pack`, then `npm install` of the tarball into a project in a
 * temporary folder (offline: see scratch-project.ts), then the installed package imported, its types
 * checked with the project's strictness, its CLI run, and sample projects of each test runner the README
 * shows (Vitest, Jest, Node's own) run as subprocesses.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accepts } from '../../src/cli/testing/cli-process.js';
import { installInto, killAll, linkFromRepository, packPackage, ROOT, run, start, type Pack } from './scratch-project.js';

const SETUP_TIMEOUT_MS = 400_000;
const STEP_TIMEOUT_MS = 120_000;
const SAMPLES = join(ROOT, 'test/packaging/samples');

let dir: string;
let pack: Pack;
let project: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cassanova-pack-'));
  pack = await packPackage(dir);
  project = join(dir, 'app');
  await installInto(project, pack.tarball);
}, SETUP_TIMEOUT_MS);

afterEach(killAll);
// The scratch project's node_modules is large: removed asynchronously, with time for a loaded machine.
afterAll(() => rm(dir, { recursive: true, force: true }), STEP_TIMEOUT_MS);

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

async function waitFor(read: () => string, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    const match = read().match(pattern);
    if (match !== null) return match;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${pattern} in:\n${read()}`);
}

describe('the packed package', () => {
  it('ships the bundles, their maps and the declarations of its entry points, and nothing else', () => {
    const paths = pack.files.map((f) => f.path);
    for (const needed of [
      'package.json', 'README.md', 'dist/cassanova.js', 'dist/cassanova-cli.js', 'dist/vitest.js', 'dist/jest-global-setup.js',
      'dist/jest-global-teardown.js', 'dist/testing.js', 'dist/testing.cjs', 'dist/types/index.d.ts', 'dist/types/runners/testing.d.ts',
      'dist/dashboard/index.html', 'dist/dashboard/main.js', 'dist/dashboard/dashboard.css',
    ]) expect(paths).toContain(needed);
    const unexpected = paths.filter((p) => !/^(package\.json|README\.md|dist\/[\w-]+\.c?js(\.map)?|dist\/chunks\/[\w-]+\.js(\.map)?|dist\/types\/.+\.d\.ts|dist\/dashboard\/[\w-]+\.(html|js|css))$/.test(p));
    expect(unexpected).toEqual([]);
    expect(pack.unpackedSizeBytes).toBeLessThan(4 * 1024 * 1024);
  });

  it('installs offline into a project, imports and starts a cluster, and seeds it without a driver', async () => {
    writeFileSync(join(project, 'use.js'), `
      import { startCluster } from 'cassanova-cluster';
      const cluster = await startCluster({ port: 0, nodes: 2 });
      await cluster.loadSchema("CREATE KEYSPACE app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}; CREATE TABLE app.t (k int PRIMARY KEY, v text);");
      await cluster.execute('INSERT INTO app.t (k, v) VALUES (?, ?)', [1, 'one']);
      const { rows } = await cluster.execute('SELECT v FROM app.t WHERE k = 1', undefined, { consistency: 'ALL' });
      console.log(JSON.stringify({ rows, options: cluster.driverOptions() }));
      await cluster.close();
    `);
    const result = await run(process.execPath, ['use.js'], project, STEP_TIMEOUT_MS);
    expect(result.code, result.output).toBe(0);
    const printed = JSON.parse(result.output) as { rows: unknown; options: { contactPoints: string[]; protocolOptions: { port: number } } };
    expect(printed.rows).toEqual([{ v: 'one' }]);
    expect(printed.options.contactPoints).toHaveLength(2);
  }, STEP_TIMEOUT_MS);

  it('loads the test helpers from CommonJS too', async () => {
    writeFileSync(join(project, 'helpers.cjs'), `
      const { clusterFromEnv, freshKeyspace, clusterControls, resetBetweenTests, ENV } = require('cassanova-cluster/testing');
      process.env[ENV.contactPoints] = '127.0.0.1:1,127.0.0.2:1';
      process.env[ENV.localDataCenter] = 'dc1';
      process.env[ENV.port] = '1';
      process.env[ENV.adminUrl] = 'http://127.0.0.1:1';
      console.log(JSON.stringify({
        options: clusterFromEnv().driverOptions(), freshKeyspace: typeof freshKeyspace,
        adminUrl: clusterControls().adminUrl, hook: typeof resetBetweenTests({ restore: 'schema' }),
      }));
    `);
    const result = await run(process.execPath, ['helpers.cjs'], project, STEP_TIMEOUT_MS);
    expect(result.code, result.output).toBe(0);
    expect(JSON.parse(result.output)).toEqual({
      options: { contactPoints: ['127.0.0.1:1', '127.0.0.2:1'], localDataCenter: 'dc1', protocolOptions: { port: 1 } }, freshKeyspace: 'function',
      adminUrl: 'http://127.0.0.1:1', hook: 'function',
    });
  }, STEP_TIMEOUT_MS);

  it('type-checks a strict TypeScript user of the package, internals out of reach', async () => {
    writeFileSync(join(project, 'use.ts'), `
      import { startCluster, type CassanovaCluster, type ExecuteResult, type Node, type NodeStatus, type SimulatedNetwork, type StartClusterOptions } from 'cassanova-cluster';
      import { clusterControls, clusterFromEnv, freshKeyspace, resetBetweenTests, type ClusterControls } from 'cassanova-cluster/testing';
      import vitestSetup, { cassanovaGlobalSetup } from 'cassanova-cluster/vitest';

      const options: StartClusterOptions = { port: 0, nodes: 3, clock: 'auto', clockStart: new Date(0), writeRequestTimeoutMs: 500 };
      export async function use(): Promise<NodeStatus> {
        const cluster: CassanovaCluster = await startCluster(options);
        const node: Node = cluster.node(2);
        const network: SimulatedNetwork = cluster.network;
        network.addFilter({ verb: 'MUTATION', to: node.id, action: { delayMs: 10 } });
        const result: ExecuteResult = await cluster.execute('SELECT * FROM system.local');
        const first: unknown = result.rows[0]?.['cluster_name'];
        // @ts-expect-error the internal cluster is not part of the public type
        void cluster.cluster;
        // @ts-expect-error nor are a node's storage and hints
        void node.storage;
        // @ts-expect-error clock takes 'system', 'virtual' or 'auto'
        void startCluster({ clock: 'fake' });
        void first, vitestSetup, cassanovaGlobalSetup({ nodes: 3 }), clusterFromEnv().driverOptions(), freshKeyspace;
        const controls: ClusterControls = clusterControls(cluster);
        const hook: () => Promise<void> = resetBetweenTests({ restore: 'schema' }, cluster);
        // @ts-expect-error 'truncate', 'reset' or { restore }
        void resetBetweenTests('clear');
        void controls.snapshot('schema', { replace: true }), hook;
        await cluster.close();
        return node.status;
      }
    `);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false,
        typeRoots: [join(ROOT, 'node_modules/@types')], types: ['node'],
      },
      files: ['use.ts'],
    }));
    const result = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], project, STEP_TIMEOUT_MS);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  }, STEP_TIMEOUT_MS);

  it('runs the installed CLI: version, help, then start with a schema and the dashboard until SIGINT', async () => {
    const cli = join(project, 'node_modules/.bin/cassanova');
    const version = await run(cli, ['--version'], project, STEP_TIMEOUT_MS);
    expect(version.code, version.output).toBe(0);
    expect(version.output.trim()).toBe(packageVersion());
    const help = await run(cli, ['--help'], project, STEP_TIMEOUT_MS);
    expect(help.code, help.output).toBe(0);
    expect(help.output).toMatch(/start/);
    writeFileSync(join(project, 'schema.cql'), "CREATE KEYSPACE app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};\n");
    const server = start(cli, ['start', '--port', '0', '--admin-port', '0', '--nodes', '2', '--schema', 'schema.cql'], project);
    await waitFor(server.output, /Press Ctrl-C to stop/, STEP_TIMEOUT_MS / 2);
    expect(server.output()).toContain('Schema: 1 statement(s) from schema.cql');
    const [, contactPoints] = server.output().match(/contact points: +(.+)/)!;
    for (const contactPoint of contactPoints!.split(', ')) expect(await accepts(contactPoint), contactPoint).toBe(true);
    // The installed package serves the dashboard from its own files (dist/dashboard/).
    const [, dashboard] = server.output().match(/dashboard: +(\S+)/)!;
    const page = await fetch(dashboard!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/dashboard/main.js">');
    const script = await fetch(new URL('/dashboard/main.js', dashboard));
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    server.child.kill('SIGINT');
    const exit = await server.exited;
    expect(exit.code, exit.output).toBe(0);
  }, STEP_TIMEOUT_MS);
});

describe('the README\'s test-runner samples, run as their projects would run them', () => {
  async function sample(name: string, links: readonly string[]): Promise<string> {
    const sampleProject = join(dir, `sample-${name}`);
    await installInto(sampleProject, pack.tarball, join(SAMPLES, name));
    linkFromRepository(sampleProject, links);
    return sampleProject;
  }

  it('Vitest: one cluster per run from the global setup, a fresh keyspace per test, a snapshot restored before each test', async () => {
    const cwd = await sample('vitest', ['vitest', 'cassandra-driver']);
    const result = await run(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run'], cwd, STEP_TIMEOUT_MS);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Test Files +2 passed/);
    expect(result.output).toMatch(/Tests +4 passed/);
  }, SETUP_TIMEOUT_MS);

  it('Jest: globalSetup and globalTeardown, tests in CommonJS, every table truncated before each test', async () => {
    const cwd = await sample('jest', ['jest', 'cassandra-driver']);
    const result = await run(process.execPath, [join(ROOT, 'node_modules/jest/bin/jest.js'), '--ci'], cwd, STEP_TIMEOUT_MS);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Test Suites: +2 passed, 2 total/);
    expect(result.output).toMatch(/Tests: +4 passed, 4 total/);
  }, SETUP_TIMEOUT_MS);

  it("Node's test runner: a cluster per file with its schema, its snapshot restored through the admin API before each test", async () => {
    const cwd = await sample('node-test', ['cassandra-driver']);
    const result = await run(process.execPath, ['--test'], cwd, STEP_TIMEOUT_MS);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/# pass 3/);
  }, SETUP_TIMEOUT_MS);
});
