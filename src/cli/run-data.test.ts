import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ClusterDefinition } from './cluster-file.js';
import { CliProcess, runCliProcess } from './testing/cli-process.js';

/**
 * `cassanova run --dir` keeps its cluster's data in the folder of `setup`: stopped with Ctrl-C or killed with
 * SIGKILL, run again, it has its schema, its rows and the nodes added while it ran.
 */
const TIMEOUT_MS = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'cassanova-run-data-'));
let running: CliProcess | undefined;
let client: cassandra.Client | undefined;

afterEach(async () => {
  await client?.shutdown();
  client = undefined;
  running?.kill('SIGKILL');
  if (running !== undefined) await running.exited;
  running = undefined;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  readonly process: CliProcess;
  readonly adminUrl: string;
  readonly client: cassandra.Client;
}

/** `run --dir` with more arguments, connected to with the Node.js driver once it prints its summary. */
async function run(...more: string[]): Promise<Started> {
  const process = new CliProcess(['run', '--dir', dir, '--json', '--log-level', 'warn', ...more]);
  running = process;
  const [line] = await process.waitFor(/^\{"clusterName".*\}$/m, TIMEOUT_MS);
  const summary = JSON.parse(line) as { adminUrl: string; contactPoints: string[]; nodes: { dataCenter: string }[] };
  const [host, port] = summary.contactPoints[0]!.split(':');
  client = new cassandra.Client({ contactPoints: [host!], localDataCenter: summary.nodes[0]!.dataCenter, protocolOptions: { port: Number(port) } });
  await client.connect();
  return { process, adminUrl: summary.adminUrl, client };
}

async function stop(started: Started, signal: NodeJS.Signals): Promise<number | null> {
  await started.client.shutdown();
  client = undefined;
  started.process.kill(signal);
  const code = await started.process.exited;
  running = undefined;
  return code;
}

const ALL = { consistency: cassandra.types.consistencies.all, prepare: true };

async function rows(c: cassandra.Client): Promise<string[]> {
  const result = await c.execute('SELECT k, v, ttl(v) AS t FROM app.t', [], ALL);
  return result.rows.map((r) => `${String(r['k'])}=${String(r['v'])}${r['t'] === null ? '' : ' ttl'}`).sort();
}

async function nodeIds(adminUrl: string): Promise<number[]> {
  const answer = (await (await fetch(`${adminUrl}/nodes`)).json()) as { nodes: { id: number }[] };
  return answer.nodes.map((n) => n.id);
}

describe('cassanova run --dir keeps its data', () => {
  it('comes back after Ctrl-C and after SIGKILL, with the nodes added at run time; --in-memory keeps nothing', async () => {
    const setup = await runCliProcess(['setup', '--dir', dir, '--nodes', '2', '--port', '0', '--admin-port', '0', '--num-tokens', '4', '--seed', '3']);
    expect(setup.code, setup.stderr).toBe(0);

    const first = await run();
    await first.client.execute("CREATE KEYSPACE app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}");
    await first.client.execute('CREATE TABLE app.t (k int PRIMARY KEY, v text)');
    for (const k of [1, 2, 3]) await first.client.execute('INSERT INTO app.t (k, v) VALUES (?, ?)', [k, `v${k}`], ALL);
    await first.client.execute("INSERT INTO app.t (k, v) VALUES (4, 'ttl') USING TTL 86400", [], ALL);
    await first.client.execute('DELETE FROM app.t WHERE k = 2', [], ALL);
    const added = await runCliProcess(['add-node', '--dir', dir]);
    expect(added.code, added.stderr).toBe(0);
    expect(await nodeIds(first.adminUrl)).toEqual([1, 2, 3]);
    expect(await stop(first, 'SIGINT')).toBe(0);
    expect(existsSync(join(dir, 'cassanova.json'))).toBe(true);
    expect(existsSync(join(dir, 'node3', 'data', 'app'))).toBe(true);

    // cluster.json still lists two nodes: the third, added at run time, comes from cassanova.json.
    const second = await run();
    expect(await nodeIds(second.adminUrl)).toEqual([1, 2, 3]);
    expect(await rows(second.client)).toEqual(['1=v1', '3=v3', '4=ttl ttl']);
    // Written, then the process killed before any flush: only the commit logs have it.
    await second.client.execute("INSERT INTO app.t (k, v) VALUES (5, 'logged')", [], ALL);
    await second.client.execute('DELETE FROM app.t WHERE k = 1', [], ALL);
    expect(await stop(second, 'SIGKILL')).toBeNull();

    const third = await run();
    expect(await rows(third.client)).toEqual(['3=v3', '4=ttl ttl', '5=logged']);
    expect(await stop(third, 'SIGINT')).toBe(0);

    const inMemory = await run('--in-memory');
    const keyspaces = await inMemory.client.execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = 'app'");
    expect(keyspaces.rows).toEqual([]);
    expect(await nodeIds(inMemory.adminUrl)).toEqual([1, 2]);
    expect(await stop(inMemory, 'SIGINT')).toBe(0);

    // The data is still there for the next run without --in-memory.
    const fourth = await run();
    expect(await rows(fourth.client)).toEqual(['3=v3', '4=ttl ttl', '5=logged']);
    expect(await stop(fourth, 'SIGINT')).toBe(0);
  }, 8 * TIMEOUT_MS);

  it('refuses a cluster.json that is not the cluster of the data, and a setup --force over the data', async () => {
    const forced = await runCliProcess(['setup', '--dir', dir, '--nodes', '2', '--force']);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toContain(`${dir} already holds a cluster's data (cassanova.json): nodes with new identities could not start from it`);

    const path = join(dir, 'cluster.json');
    const definition = JSON.parse(readFileSync(path, 'utf8')) as ClusterDefinition;
    const otherHost = '00000000-0000-4000-8000-000000000002';
    const nodes = definition.nodes.map((n) => (n.id === 2 ? { ...n, hostId: otherHost } : n));
    writeFileSync(path, JSON.stringify({ ...definition, nodes }));
    const refused = await runCliProcess(['run', '--dir', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`does not describe the cluster whose data is in ${dir}`);
    expect(refused.stderr).toContain(`node 2 is host ${otherHost} (datacenter1/rack1) in the file`);
    expect(existsSync(join(dir, 'cassanova.lock'))).toBe(false);

    const bad = await runCliProcess(['run', '--dir', dir, '--in-memory', '--commitlog-sync', 'batch']);
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toContain('--commitlog-sync is for a cluster that keeps its data');
  }, 3 * TIMEOUT_MS);
});
