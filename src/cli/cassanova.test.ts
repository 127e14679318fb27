import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { accepts, CliProcess, runCliProcess } from './testing/cli-process.js';

const START_TIMEOUT_MS = 45_000;

let started: CliProcess | undefined;

afterEach(() => {
  started?.kill('SIGKILL');
  started = undefined;
});

describe('cassanova start in a child process', () => {
  it('starts three nodes in two data centers, prints each one, and stops cleanly on SIGINT', async () => {
    started = new CliProcess(['start', '--port', '0', '--admin-port', '0', '--datacenters', 'dc1:2,dc2:1', '--seed', '3']);
    await started.waitFor(/Press Ctrl-C to stop/, START_TIMEOUT_MS);
    const output = started.stdout;
    expect(output).toContain("Cassanova is running: 3 node(s), cluster 'Test Cluster'");
    const nodes = [...output.matchAll(/node (\d): (127\.0\.0\.\d:\d+) {2}data center (\w+), rack (\w+)/g)].map((m) => m.slice(1));
    expect(nodes.map(([id, , dc, rack]) => `${id} ${dc} ${rack}`)).toEqual(['1 dc1 rack1', '2 dc1 rack1', '3 dc2 rack1']);
    expect(nodes.map(([, contactPoint]) => contactPoint!.split(':')[0])).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    expect(output).toMatch(/local data center: dc1/);
    expect(output).toMatch(/admin API: {9}http:\/\/127\.0\.0\.1:\d+/);
    const dashboard = await fetch(output.match(/dashboard: {9}(http:\S+)/)![1]!);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('<title>Cassanova dashboard</title>');
    for (const [, contactPoint] of nodes) expect(await accepts(contactPoint!), contactPoint).toBe(true);

    started.kill('SIGINT');
    const code = await Promise.race([started.exited, new Promise((done) => setTimeout(() => done('still running'), 10_000))]);
    expect(code).toBe(0);
    expect(started.stdout).toContain('Stopping Cassanova...');
  }, START_TIMEOUT_MS + 15_000);

  it('refuses a host name other than localhost with a clear message and exit code 2', async () => {
    const { code, stderr } = await runCliProcess(['start', '--address', 'example.invalid', '--port', '0', '--no-admin']);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe("cassanova: Invalid address 'example.invalid': give an IP address such as 127.0.0.1 (nodes take consecutive addresses after it, so a host name cannot do)");
  }, START_TIMEOUT_MS);

  it('--data-dir keeps the cluster: flushed and killed, or stopped cleanly, it starts again with its data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cassanova-cli-data-'));
    try {
      const startIn = async (): Promise<{ child: CliProcess; adminUrl: string }> => {
        const child = new CliProcess(['start', '--nodes', '2', '--port', '0', '--admin-port', '0', '--data-dir', dir, '--json']);
        started = child;
        // The --json line on stdout; the admin API's log lines on stderr are JSON too.
        const [line] = await child.waitFor(/^\{.*"adminUrl".*\}$/m, START_TIMEOUT_MS);
        return { child, adminUrl: (JSON.parse(line) as { adminUrl: string }).adminUrl };
      };
      let { child, adminUrl } = await startIn();
      expect((await fetch(`${adminUrl}/v1/kv/things/a?consistency=ALL`, { method: 'PUT', body: 'one' })).status).toBe(201);
      expect((await fetch(`${adminUrl}/flush`, { method: 'POST' })).status).toBe(200);
      expect((await fetch(`${adminUrl}/v1/kv/things/b?consistency=ALL`, { method: 'PUT', body: 'two' })).status).toBe(201);
      // kill -9: 'a' is in SSTables, 'b' only in the commit logs.
      child.kill('SIGKILL');
      await child.exited;
      ({ child, adminUrl } = await startIn());
      for (const [key, value] of [['a', 'one'], ['b', 'two']]) {
        const got = await fetch(`${adminUrl}/v1/kv/things/${key}?consistency=ALL`);
        expect([got.status, await got.text()]).toEqual([200, value]);
      }
      expect((await fetch(`${adminUrl}/compact`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"node": 2}' })).status).toBe(200);
      child.kill('SIGINT');
      expect(await child.exited).toBe(0);
      ({ adminUrl } = await startIn());
      expect(await (await fetch(`${adminUrl}/v1/kv/things/b`)).text()).toBe('two');
    } finally {
      started?.kill('SIGKILL');
      await started?.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 4 * START_TIMEOUT_MS);

  it('--kv-max-value-bytes sets the largest value the key-value API takes; a bad count is a usage error', async () => {
    started = new CliProcess(['start', '--nodes', '1', '--port', '0', '--admin-port', '0', '--kv-max-value-bytes', '8', '--json']);
    const [line] = await started.waitFor(/^\{.*\}$/m, START_TIMEOUT_MS);
    const { adminUrl } = JSON.parse(line) as { adminUrl: string };
    const put = (body: string): Promise<Response> => fetch(`${adminUrl}/v1/kv/limits/k`, { method: 'PUT', body });
    const over = await put('123456789');
    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({ message: 'The value is 9 bytes, more than the limit of 8 bytes (kvMaxValueBytes)' });
    expect((await put('12345678')).status).toBe(201);

    const { code, stderr } = await runCliProcess(['start', '--port', '0', '--no-admin', '--kv-max-value-bytes', '0']);
    expect(code).toBe(2);
    expect(stderr).toBe("cassanova: option '--kv-max-value-bytes <bytes>' argument '0' is invalid. '0' is not a number of bytes (a whole number, 1 or more)\n");
  }, 2 * START_TIMEOUT_MS);
});
