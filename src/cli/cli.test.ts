import { capturedIo } from './testing/captured-io.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type CassanovaCluster } from '../main.js';
import type { CliIo } from './cli-io.js';
import { runCli } from './cli.js';
import { COMMAND_GROUPS } from './commands/index.js';
import { Command } from 'commander';

/** Every command that drives a cluster, run in this process against a cluster of its own (output captured). */
let cluster: CassanovaCluster;

beforeAll(async () => {
  cluster = await startCluster({ port: 0, nodes: 3, adminPort: 0, gossipIntervalMs: 100, seed: 3 });
});

afterAll(async () => {
  await cluster?.close();
});

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function io(out: string[], err: string[], env: Record<string, string> = {}): CliIo {
  return capturedIo(out, err, { env });
}

async function cli(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'cassanova', ...args], io(out, err, { CASSANOVA_ADMIN_URL: cluster.adminUrl! }));
  return { code, stdout: out.join(''), stderr: err.join('') };
}

async function json<T>(...args: string[]): Promise<T> {
  const run = await cli(...args, '--json');
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

describe('the commands that read the cluster', () => {
  it('status lays the nodes out as nodetool status does', async () => {
    const { code, stdout } = await cli('status');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'Datacenter: datacenter1', '=======================', 'Status=Up/Down', '|/ State=Normal/Leaving/Joining/Moving',
      '--  Address    Load     Tokens  Owns   Host ID                               Rack',
    ]);
    for (const [i, node] of cluster.nodes.entries()) {
      expect(lines[5 + i]).toMatch(new RegExp(`^UN {2}${node.address.replaceAll('.', '\\.')} {2}0 bytes {2}16 {6}\\d+\\.\\d% +[0-9a-f-]{36} {2}rack1$`));
    }
    expect((await cli('status', 'system_distributed')).stdout).toContain('Owns (effective)');
    expect((await cli('status', 'system_distributed')).stdout).toMatch(/^UN {2}127\.0\.0\.2 .* 100\.0% /m);
  });

  it('ring lists every token in order; info one node; describecluster the cluster', async () => {
    const ring = (await cli('ring')).stdout.trimEnd().split('\n');
    expect(ring[2]).toMatch(/^Address {4}Rack {3}Status {2}State {3}Load {5}Owns {3}Token$/);
    const tokens = ring.slice(4).map((l) => BigInt(l.trim().split(/\s+/).at(-1)!));
    expect(tokens).toHaveLength(48);
    expect(tokens).toEqual([...tokens].sort((a, b) => (a < b ? -1 : 1)));
    expect(ring[3]!.trim()).toBe(String(tokens.at(-1)));
    const info = (await cli('info', '2')).stdout;
    expect(info).toMatch(/^ID {21}: [0-9a-f-]{36}$/m);
    expect(info).toContain('Address                : 127.0.0.2:');
    const described = (await cli('describecluster')).stdout;
    expect(described).toContain('\tName: Test Cluster\n');
    expect(described).toContain('\tdatacenter1 #Nodes: 3 #Down: 0\n');
    expect(described).toMatch(/\tsystem_auth -> Replication class: SimpleStrategy \{replication_factor=1\}/);
  });

  it('getendpoints prints the replicas of a key, one address a line', async () => {
    const { stdout } = await cli('getendpoints', 'system_distributed', 'repair_history', "'ks', 'tbl'");
    expect(stdout.trim().split('\n').sort()).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    const bad = await cli('getendpoints', 'system_auth', 'roles', '1');
    expect(bad).toMatchObject({ code: 1, stderr: 'cassanova: Invalid INTEGER constant (1) for "role" of type text\n' });
  });

  it('--json prints what the admin API answered, for every command', async () => {
    expect((await json<{ nodes: unknown[] }>('status')).nodes).toHaveLength(3);
    expect((await json<{ nodes: unknown[] }>('ring')).nodes).toHaveLength(3);
    expect(await json('info')).toMatchObject({ id: 1 });
    expect(await json('describecluster')).toMatchObject({ name: 'Test Cluster', nodes: expect.any(Array) });
    expect(await json('getendpoints', 'system_auth', 'roles', "'cassandra'")).toMatchObject({ token: '356242581507269238' });
  });
});

describe('the commands that change the cluster', () => {
  it('node stop/start/kill/pause/resume, refusing what the node\'s state forbids', async () => {
    expect(await cli('node', 'pause', '3')).toMatchObject({ code: 0, stdout: 'Node 3 (127.0.0.3) is paused\n' });
    expect(await cli('node', 'pause', '3')).toMatchObject({ code: 1, stderr: 'cassanova: Node 3 is already paused (resume it first)\n' });
    expect(await json('node', 'resume', '3')).toMatchObject({ id: 3, status: 'up' });
    expect(await cli('node', 'stop', '9')).toMatchObject({ code: 1, stderr: 'cassanova: No node 9: the cluster has nodes 1, 2, 3\n' });
    expect(await cli('node', 'reboot', '1')).toMatchObject({ code: 2, stderr: "cassanova: 'reboot' is not one of stop, start, kill, pause, resume\n" });
  });

  it('partition, heal and link', async () => {
    expect(await cli('partition', '1', '/', '2,3')).toMatchObject({ code: 0, stdout: 'Network: partitioned [1] | [2, 3]\n' });
    expect(cluster.network.canReach(1, 3)).toBe(false);
    expect(await json('partition', '3')).toMatchObject({ partition: [[3]] });
    expect(await cli('heal')).toMatchObject({ code: 0, stdout: 'Network: whole (no partition)\n' });
    expect(await cli('partition', '1', '/', '/')).toMatchObject({ code: 2 });
    expect(await cli('link', '--from', '1', '--to', '3', '--latency', '20')).toMatchObject({ code: 0, stdout: 'Network: whole (no partition)\n  links 1 -> 3: latency 20 ms\n' });
    expect(cluster.network.linkSettings(1, 3).latencyMs).toBe(20);
    expect(await cli('link', '--loss', '1.5')).toMatchObject({ code: 2, stderr: "cassanova: option '--loss <p>' argument '1.5' is invalid. '1.5' is not a number from 0 to 1\n" });
    expect(await cli('link', '--from', '2')).toMatchObject({ code: 2, stderr: 'cassanova: give --latency, --loss or both\n' });
    await cli('link', '--latency', '0');
  });

  it('add-node, decommission, removenode, repair, cleanup', async () => {
    expect((await cli('add-node', '--rack', 'rack2')).stdout).toMatch(/^Node 4 joined: 127\.0\.0\.4:\d+, datacenter1\/rack2, host id [0-9a-f-]{36}\n$/);
    expect((await cli('repair', 'system_auth')).stdout).toMatch(/^Repaired system_auth: \d+ range\(s\) compared, 0 mismatched leaf\(s\), 0 partition\(s\) streamed\n$/);
    expect(await cli('repair', 'nope')).toMatchObject({ code: 1, stderr: 'cassanova: Keyspace nope does not exist\n' });
    expect(await cli('cleanup')).toMatchObject({ code: 0, stdout: 'Cleanup dropped 0 partition(s)\n' });
    expect((await cli('decommission', '4')).stdout).toMatch(/^Node 4 left the ring: \d+ partition\(s\) streamed\n$/);
    expect(await cli('removenode', '3')).toMatchObject({ code: 1, stderr: 'cassanova: Node 3 is up: decommission a running node, or stop it before removing it\n' });
    await cli('node', 'kill', '3');
    // system_auth has one replica: what node 3 alone held has no live replica left to stream from.
    expect((await cli('removenode', '3')).stdout).toMatch(/^Node 3 removed: \d+ partition\(s\) streamed; \d+ range\(s\) had no live replica to stream from\n$/);
  });

  it('truncate, snapshot, snapshots, restore, reset', async () => {
    await cluster.execute("CREATE KEYSPACE app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}");
    await cluster.execute('CREATE TABLE app.t (k int PRIMARY KEY)');
    await cluster.execute('INSERT INTO app.t (k) VALUES (1)');
    const count = async (): Promise<number> => (await cluster.execute('SELECT k FROM app.t')).rows.length;
    expect((await cli('snapshot', 'seeded')).stdout).toMatch(/^Took snapshot seeded \(taken \d{4}-.*Z; keyspaces app; \d+ partition\(s\)\)\n$/);
    expect(await cli('snapshot', 'seeded')).toMatchObject({ code: 1, stderr: 'cassanova: Snapshot seeded already exists.\n' });
    expect(await cli('snapshot', 'no/slash')).toMatchObject({ code: 2 });
    expect(await cli('truncate')).toMatchObject({ code: 0, stdout: 'Truncated 1 table(s)\n' });
    expect(await count()).toBe(0);
    expect((await cli('restore', 'seeded')).stdout).toMatch(/^Restored snapshot seeded /);
    expect(await count()).toBe(1);
    expect(await cli('restore', 'other')).toMatchObject({ code: 1, stderr: 'cassanova: No snapshot named other\n' });
    expect((await json<{ name: string }[]>('snapshots')).map((s) => s.name)).toEqual(['seeded']);
    expect((await cli('snapshots')).stdout).toMatch(/^Name {4}Taken at +Keyspaces +Partitions\nseeded +\d{4}-/);
    expect(await cli('snapshot', 'seeded', '--delete')).toMatchObject({ code: 0, stdout: 'Deleted snapshot seeded\n' });
    expect(await cli('snapshots')).toMatchObject({ stdout: 'No snapshot\n' });
    expect(await json('reset')).toEqual({ droppedKeyspaces: ['app'] });
    expect(await cli('reset')).toMatchObject({ code: 0, stdout: 'Reset: no user keyspace to drop\n' });
  });

  it('advance-time moves a virtual clock, and is refused on the system clock', async () => {
    expect(await cli('advance-time', '1000')).toMatchObject({ code: 1, stderr: 'cassanova: The cluster runs on the system clock: only a virtual clock (--clock virtual) can be advanced\n' });
    expect(await cli('advance-time', 'soon')).toMatchObject({ code: 2 });
    const virtual = await startCluster({ port: 0, clock: 'virtual', adminPort: 0 });
    try {
      const before = virtual.now().getTime();
      const moved = await json<{ clock: string; nowMs: number }>('advance-time', '86400000', '--admin', virtual.adminUrl!);
      expect(moved).toEqual({ clock: 'virtual', nowMs: Math.floor(before) + 86_400_000 });
      expect((await cli('advance-time', '1', '--admin', virtual.adminUrl!)).stdout).toMatch(/^The cluster's clock is at \d{4}-\d\d-\d\dT/);
    } finally {
      await virtual.close();
    }
  });
});

describe('the command line', () => {
  it('bare cassanova prints help; --version the version', async () => {
    const out: string[] = [];
    expect(await runCli(['node', 'cassanova'], io(out, []))).toBe(0);
    expect(out.join('')).toMatch(/^Usage: cassanova \[options\] \[command\]/);
    expect(out.join('')).toContain('Exit codes: 0 success, 1 the operation failed, 2 usage error.');
    expect(await cli('--version')).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });

  it('every command has help with examples, and --json', () => {
    const root = new Command('cassanova');
    for (const group of COMMAND_GROUPS) group(root, io([], []));
    // A group of subcommands (kv get|set|del|list) is checked through its subcommands.
    for (const command of root.commands.flatMap((c) => (c.commands.length > 0 ? c.commands : [c]))) {
      let help = '';
      command.configureOutput({ writeOut: (t) => { help += t; } });
      command.outputHelp();
      expect(help, command.name()).toContain('Examples:\n  $ cassanova ');
      // The shell prints as cqlsh does: its output is the tables, not JSON.
      if (command.name() !== 'shell') expect(command.options.map((o) => o.long), command.name()).toContain('--json');
    }
  });

  it('usage errors exit with 2 and one line on stderr', async () => {
    expect(await cli('status', '--bogus')).toMatchObject({ code: 2, stderr: "cassanova: unknown option '--bogus'\n" });
    expect(await cli('frobnicate')).toMatchObject({ code: 2, stderr: "cassanova: unknown command 'frobnicate'\n" });
    expect(await cli('decommission')).toMatchObject({ code: 2, stderr: "cassanova: missing required argument 'id'\n" });
    expect(await cli('start', '--port', 'x')).toMatchObject({ code: 2 });
  });
});
