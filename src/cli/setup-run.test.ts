import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { NodeListView } from '../admin/index.js';
import type { ClusterDefinition } from './cluster-file.js';
import { CliProcess, runCliProcess } from './testing/cli-process.js';

/**
 * cassanova setup, then run, as a user would from a shell: the same cluster every run, one run per
 * folder, the cluster driven by the other commands through --dir.
 */
const TIMEOUT_MS = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'cassanova-cli-'));
let running: CliProcess | undefined;

afterEach(() => {
  running?.kill('SIGKILL');
  running = undefined;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `run --dir`, waits for its JSON summary, and reads back the nodes its admin API reports. */
async function run(): Promise<{ process: CliProcess; nodes: NodeListView['nodes'] }> {
  const process = new CliProcess(['run', '--dir', dir, '--json', '--log-level', 'warn']);
  running = process;
  const [line] = await process.waitFor(/^\{"clusterName".*\}$/m, TIMEOUT_MS);
  const summary = JSON.parse(line) as { adminUrl: string; contactPoints: string[] };
  const nodes = ((await (await fetch(`${summary.adminUrl}/nodes`)).json()) as NodeListView).nodes;
  return { process, nodes };
}

/** A port nothing listens on: one the OS just handed out and took back. */
function closedPort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

async function stop(process: CliProcess): Promise<number | null> {
  process.kill('SIGINT');
  return process.exited;
}

function identities(nodes: readonly { id: number; hostId: string; tokens: readonly string[]; dataCenter: string; rack: string }[]): unknown[] {
  return nodes.map((n) => ({ id: n.id, hostId: n.hostId, tokens: n.tokens, dataCenter: n.dataCenter, rack: n.rack }));
}

describe('cassanova setup and run', () => {
  it('setup writes the definition; run starts exactly it, every time; a second run on the folder is refused', async () => {
    const setup = await runCliProcess(['setup', '--dir', dir, '--datacenters', 'dc1:rack1=2+rack2=1', '--seed', '5', '--port', '0', '--admin-port', '0', '--num-tokens', '4']);
    expect(setup.code, setup.stderr).toBe(0);
    const definition = JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8')) as ClusterDefinition;
    expect(definition).toMatchObject({ seed: 5, numTokens: 4, adminPort: 0, port: 0, addressing: 'addresses', clusterName: 'Test Cluster' });
    expect(definition.nodes.map((n) => `${n.id} ${n.address} ${n.dataCenter}/${n.rack} ${n.tokens.length}`)).toEqual([
      '1 127.0.0.1 dc1/rack1 4', '2 127.0.0.2 dc1/rack2 4', '3 127.0.0.3 dc1/rack1 4',
    ]);

    const first = await run();
    expect(identities(first.nodes)).toEqual(identities(definition.nodes));

    const second = await runCliProcess(['run', '--dir', dir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`^cassanova: ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by cassanova run \\(pid ${first.process.pid}, admin API http://127\\.0\\.0\\.1:\\d+\\): stop it first\\n$`));

    expect(await stop(first.process)).toBe(0);
    expect(existsSync(join(dir, 'cassanova.lock'))).toBe(false);

    const again = await run();
    expect(identities(again.nodes)).toEqual(identities(definition.nodes));
    expect(await stop(again.process)).toBe(0);
  }, 4 * TIMEOUT_MS);

  it('a run that crashed leaves no folder stuck; status --dir shows a stopped node DN, as JSON too', async () => {
    const crashed = await run();
    crashed.process.kill('SIGKILL');
    await crashed.process.exited;
    expect(existsSync(join(dir, 'cassanova.lock'))).toBe(true);

    const { process } = await run();
    const stopped = await runCliProcess(['node', 'stop', '2', '--dir', dir]);
    expect(stopped).toMatchObject({ code: 0, stdout: 'Node 2 (127.0.0.2) is down\n' });
    const status = await runCliProcess(['status', '--dir', dir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^DN {2}127\.0\.0\.2 /m);
    expect(status.stdout).toMatch(/^UN {2}127\.0\.0\.1 /m);
    expect(status.stdout).toContain('Datacenter: dc1');
    const json = await runCliProcess(['status', '--dir', dir, '--json']);
    const view = JSON.parse(json.stdout) as NodeListView;
    expect(view.nodes.map((n) => `${n.id} ${n.status} ${n.gossip}`)).toEqual(['1 up UP', '2 down DOWN', '3 up UP']);
    expect(await stop(process)).toBe(0);
  }, 4 * TIMEOUT_MS);

  it('says which command line is wrong (exit code 2) and which operation failed (exit code 1)', async () => {
    const unknownNode = await runCliProcess(['node', 'stop', 'two']);
    expect(unknownNode).toMatchObject({ code: 2, stderr: "cassanova: 'two' is not a node id (1, 2, ...)\n" });
    const closed = await closedPort();
    const unreachable = await runCliProcess(['status', '--admin', `http://127.0.0.1:${closed}`, '--json']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(new RegExp(`^cassanova: cannot reach the admin API at http://127\\.0\\.0\\.1:${closed} \\(ECONNREFUSED\\)`));
    expect(unreachable.stderr.split('\n')).toHaveLength(2);
  }, 2 * TIMEOUT_MS);
});
