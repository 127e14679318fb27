import { capturedIo } from './testing/captured-io.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type CassanovaCluster } from '../main.js';
import { runCli } from './cli.js';
import { runCliProcess } from './testing/cli-process.js';

/** cassanova kv get|set|del|list against a started cluster: in this process (output captured), and once as a process of its own. */
let cluster: CassanovaCluster;
let dir: string;

beforeAll(async () => {
  cluster = await startCluster({ port: 0, nodes: 3, adminPort: 0, gossipIntervalMs: 100, seed: 5 });
  dir = mkdtempSync(join(tmpdir(), 'cassanova-kv-'));
});

afterAll(async () => {
  await cluster?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(args: readonly string[], stdin = ''): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io = capturedIo(out, err, { env: { CASSANOVA_ADMIN_URL: cluster.adminUrl! }, readStdin: () => Promise.resolve(stdin) });
  const code = await runCli(['node', 'cassanova', 'kv', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('cassanova kv', () => {
  it('set, get, list and del a value, with the exit codes of the other commands', async () => {
    expect(await cli(['set', 'users', 'alice', '{"age":30}', '--content-type', 'application/json'])).toMatchObject({
      code: 0, stdout: expect.stringMatching(/^Created users\/alice \(ETag "\d+"\)\n$/) as unknown,
    });
    expect((await cli(['set', 'users', 'alice', 'v2'])).stdout).toMatch(/^Replaced users\/alice/);
    expect(await cli(['get', 'users', 'alice'])).toEqual({ code: 0, stdout: 'v2\n', stderr: '' });
    const json = JSON.parse((await cli(['get', 'users', 'alice', '--json', '--consistency', 'quorum'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ namespace: 'users', key: 'alice', contentType: 'text/plain; charset=utf-8', value: 'v2' });
    expect(json['etag']).toBe((await cluster.kv('users').get('alice'))?.etag);
    await cli(['set', 'users', 'bob', '-'], 'from stdin');
    expect((await cli(['get', 'users', 'bob'])).stdout).toBe('from stdin\n');
    const listed = await cli(['list', 'users']);
    expect(listed.stdout.trim().split('\n').sort()).toEqual(['alice', 'bob']);
    expect(await cli(['del', 'users', 'alice'])).toEqual({ code: 0, stdout: 'Deleted users/alice\n', stderr: '' });
    expect(await cli(['del', 'users', 'alice'])).toEqual({ code: 1, stdout: '', stderr: "cassanova: No value for the key 'alice' in the namespace 'users'\n" });
    expect((await cli(['get', 'users', 'alice'])).code).toBe(1);
  });

  it('pages a listing, or prints every page with --all', async () => {
    for (let i = 0; i < 5; i++) await cluster.kv('pages').set(`p${i}`, 'x');
    const first = await cli(['list', 'pages', '--limit', '2']);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    const cursor = /^\(more: --cursor (\S+)\)$/.exec(lines[2]!)![1]!;
    expect(JSON.parse((await cli(['list', 'pages', '--limit', '2', '--cursor', cursor, '--json'])).stdout)).toMatchObject({ keys: expect.any(Array) as unknown });
    const all = JSON.parse((await cli(['list', 'pages', '--limit', '2', '--all', '--json'])).stdout) as { keys: string[]; cursor: null };
    expect(all.keys.sort()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(all.cursor).toBeNull();
  });

  it('writes and reads files byte for byte; refuses to print bytes that are not text', async () => {
    const file = join(dir, 'in.bin');
    writeFileSync(file, Buffer.from([0, 255, 254, 1]));
    expect((await cli(['set', 'files', 'blob', '--file', file])).code).toBe(0);
    expect((await cluster.kv('files').get('blob'))?.contentType).toBe('application/octet-stream');
    const printed = await cli(['get', 'files', 'blob']);
    expect(printed.code).toBe(1);
    expect(printed.stderr).toMatch(/is not UTF-8 text \(application\/octet-stream, 4 bytes\): use --output FILE or --json/);
    const output = join(dir, 'out.bin');
    expect((await cli(['get', 'files', 'blob', '--output', output])).code).toBe(0);
    expect(readFileSync(output)).toEqual(Buffer.from([0, 255, 254, 1]));
    expect(JSON.parse((await cli(['get', 'files', 'blob', '--json'])).stdout)).toMatchObject({ valueBase64: 'AP/+AQ==' });
  });

  it('conditional writes and refusals: exit code 1 with the status, 2 for usage errors', async () => {
    const etag = (await cluster.kv('cond').set('k', 'v')).etag;
    expect((await cli(['set', 'cond', 'k', 'w', '--if-match', etag])).code).toBe(0);
    expect(await cli(['set', 'cond', 'k', 'x', '--if-match', etag])).toMatchObject({
      code: 1, stderr: expect.stringMatching(/^cassanova: The value of 'k' has ETag "\d+", not "\d+" \(If-Match\) \(412 Precondition Failed\)\n$/) as unknown,
    });
    expect((await cli(['set', 'cond', 'k', 'x', '--if-not-exists'])).stderr).toMatch(/\(412 Precondition Failed\)/);
    await cluster.node(3).stop();
    try {
      expect((await cli(['set', 'cond', 'q', 'v', '--consistency', 'QUORUM'])).code).toBe(0);
      expect(await cli(['set', 'cond', 'a', 'v', '--consistency', 'ALL'])).toMatchObject({
        code: 1, stderr: 'cassanova: Cannot achieve consistency level ALL (503 Service Unavailable)\n',
      });
    } finally {
      await cluster.node(3).start();
    }
    expect((await cli(['set', 'Bad', 'k', 'v'])).stderr).toMatch(/^cassanova: Invalid namespace 'Bad'.*\(400 Bad Request\)\n$/);
    expect((await cli(['set', 'cond', 'k', 'v', '--ttl', 'soon'])).code).toBe(2);
    expect((await cli(['set', 'cond', 'k'])).code).toBe(2);
    expect((await cli(['get', 'cond'])).code).toBe(2);
  });

  it('runs as a process of its own: exit codes 0 and 1, and a clear message when no admin API answers', async () => {
    await cluster.kv('proc').set('k', 'hello');
    const found = await runCliProcess(['kv', 'get', 'proc', 'k', '--admin', cluster.adminUrl!]);
    expect(found).toMatchObject({ code: 0, stdout: 'hello\n' });
    const missing = await runCliProcess(['kv', 'get', 'proc', 'nope', '--admin', cluster.adminUrl!]);
    expect(missing).toMatchObject({ code: 1, stderr: "cassanova: No value for the key 'nope' in the namespace 'proc'\n" });
    const down = await cli(['get', 'proc', 'k', '--admin', 'http://127.0.0.1:2']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^cassanova: cannot reach the admin API at http:\/\/127\.0\.0\.1:2 \(ECONNREFUSED\)/);
  }, 120_000);
});
