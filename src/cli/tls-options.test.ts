import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { CliProcess, runCliProcess } from './testing/cli-process.js';
import { tlsOption } from './tls-options.js';

const START_TIMEOUT_MS = 45_000;

let started: CliProcess | undefined;

afterEach(async () => {
  started?.kill('SIGKILL');
  await started?.exited;
  started = undefined;
});

describe('the --tls-* flags', () => {
  it('stand for the tls option of startCluster', () => {
    expect(tlsOption({})).toBeUndefined();
    expect(tlsOption({ tlsSelfSigned: true, tlsOptional: true })).toEqual({ selfSigned: true, optional: true });
    expect(tlsOption({ tlsCert: 'n.crt', tlsKey: 'n.key', tlsCa: 'ca.crt', tlsRequireClientAuth: true }))
      .toEqual({ cert: 'n.crt', key: 'n.key', ca: 'ca.crt', requireClientAuth: true });
  });

  it('refuse combinations that make no sense', () => {
    expect(() => tlsOption({ tlsOptional: true })).toThrow('TLS needs --tls-self-signed, or --tls-cert and --tls-key');
    expect(() => tlsOption({ tlsSelfSigned: true, tlsCert: 'n.crt' })).toThrow(/not both/);
    expect(() => tlsOption({ tlsCert: 'n.crt' })).toThrow('--tls-cert and --tls-key go together');
    expect(() => tlsOption({ tlsCert: 'n.crt', tlsKey: 'n.key', tlsCaOut: 'ca.pem' })).toThrow('--tls-ca-out is for --tls-self-signed');
    expect(() => tlsOption({ tlsSelfSigned: true, tlsRequireClientAuth: true })).toThrow('--tls-require-client-auth needs --tls-ca');
  });
});

describe('cassanova start --tls-self-signed', () => {
  it('prints where the CA is; a driver trusting it connects; the temporary CA goes with the cluster', async () => {
    started = new CliProcess(['start', '--port', '0', '--no-admin', '--tls-self-signed']);
    const [, caFile] = await started.waitFor(/TLS: +on, clients trust the CA in (\S+)/, START_TIMEOUT_MS);
    const [, contactPoint] = await started.waitFor(/contact points: +(\S+)/, START_TIMEOUT_MS);
    const ca = readFileSync(caFile!, 'utf8');
    expect(ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const client = new cassandra.Client({
      contactPoints: [contactPoint!], localDataCenter: 'datacenter1', sslOptions: { ca: [ca], rejectUnauthorized: true },
    });
    try {
      await client.connect();
      const rs = await client.execute('SELECT ssl_enabled FROM system_views.clients');
      expect(rs.rows.every((r) => r['ssl_enabled'] === true)).toBe(true);
    } finally {
      await client.shutdown();
    }
    started.kill('SIGINT');
    expect(await started.exited).toBe(0);
    expect(existsSync(caFile!)).toBe(false);
  }, START_TIMEOUT_MS + 15_000);

  it('is a usage error with --tls-cert', async () => {
    const { code, stderr } = await runCliProcess(['start', '--port', '0', '--no-admin', '--tls-self-signed', '--tls-cert', 'x.pem']);
    expect(code).toBe(2);
    expect(stderr).toContain('--tls-self-signed generates the certificate');
  }, START_TIMEOUT_MS);
});

describe('cassanova run --dir --tls-self-signed', () => {
  it('writes the CA to DIR/ca.pem and says so in --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cassanova-cli-tls-'));
    try {
      const setup = await runCliProcess(['setup', '--dir', dir, '--port', '0', '--admin-port', '0']);
      expect(setup.code, setup.stderr).toBe(0);
      started = new CliProcess(['run', '--dir', dir, '--in-memory', '--json', '--log-level', 'warn', '--tls-self-signed']);
      const [line] = await started.waitFor(/^\{"clusterName".*\}$/m, START_TIMEOUT_MS);
      const summary = JSON.parse(line) as { tls: { caFile: string } | null; adminUrl: string };
      expect(summary.tls).toEqual({ caFile: join(dir, 'ca.pem') });
      const served = await fetch(`${summary.adminUrl}/tls/ca`);
      expect(await served.text()).toBe(readFileSync(join(dir, 'ca.pem'), 'utf8'));
      started.kill('SIGINT');
      expect(await started.exited).toBe(0);
      expect(existsSync(join(dir, 'ca.pem'))).toBe(true);
    } finally {
      started?.kill('SIGKILL');
      await started?.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 2 * START_TIMEOUT_MS);
});
