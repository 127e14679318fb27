/**
 * Client encryption through the Node.js driver's sslOptions: the driver verifies each node against the CA
 * (self-signed or given), a client without the CA or without TLS is refused, client certificates are
 * checked when required, and optional mode takes plain and TLS clients on one port.
 */
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { startCluster, type CassanovaCluster } from '../../../src/index.js';
import { makeTlsMaterial, writePemFiles, type TlsMaterial } from '../support/tls-material.js';

const clients: cassandra.Client[] = [];

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.shutdown()));
});

async function connected(cluster: CassanovaCluster, extra: Partial<cassandra.ClientOptions> = {}): Promise<cassandra.Client> {
  const client = new cassandra.Client({ ...cluster.driverOptions(), ...extra });
  clients.push(client);
  await client.connect();
  return client;
}

/**
 * The driver's connect() failing: every contact point refused it. A node drops a client whose certificate
 * fails verification right after the TLS 1.3 handshake, which the driver notices only when its STARTUP
 * times out: a short read timeout keeps the test quick.
 */
async function refused(cluster: CassanovaCluster, extra: Partial<cassandra.ClientOptions>): Promise<unknown> {
  const client = new cassandra.Client({ ...cluster.driverOptions(), socketOptions: { readTimeout: 1000 }, ...extra });
  clients.push(client);
  const error = await client.connect().then(() => null, (e: unknown) => e);
  await client.shutdown();
  expect(error).toBeInstanceOf(cassandra.errors.NoHostAvailableError);
  return error;
}

/** The certificate a node presents, as node:tls sees it when trusting `ca` and checking the node's address. */
function peerCertificate(address: string, port: number, ca: string): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: address, port, ca, rejectUnauthorized: true }, () => {
      const certificate = socket.getPeerCertificate();
      socket.destroy();
      resolve(certificate);
    });
    socket.once('error', reject);
  });
}

describe("tls: 'self-signed' on three nodes", () => {
  let cluster: CassanovaCluster;
  beforeAll(async () => {
    cluster = await startCluster({ port: 0, nodes: 3, tls: 'self-signed', adminPort: 0 });
  });
  afterAll(async () => cluster.close());

  it('gives the driver the generated CA, and the driver verifies every node against it', async () => {
    expect(cluster.tlsCa).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(cluster.driverOptions().sslOptions).toEqual({ ca: [cluster.tlsCa], rejectUnauthorized: true });
    const client = await connected(cluster);
    const hosts = client.hosts.values();
    expect(hosts.map((h) => h.address).sort()).toEqual([...cluster.contactPoints].sort());
    for (const host of hosts) {
      expect(host.isUp()).toBe(true);
      const rs = await client.execute('SELECT ssl_enabled, ssl_protocol FROM system_views.clients', [], { host });
      expect(rs.rows.length).toBeGreaterThan(0);
      for (const row of rs.rows) {
        expect(row['ssl_enabled']).toBe(true);
        expect(row['ssl_protocol']).toMatch(/^TLSv1\.[23]$/);
      }
    }
  });

  it('serves the CA on the admin API', async () => {
    const response = await fetch(`${cluster.adminUrl}/tls/ca`);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-pem-file/);
    expect(await response.text()).toBe(cluster.tlsCa);
  });

  it("names each node's address in its certificate's subjectAltName", async () => {
    for (const node of cluster.nodes) {
      const certificate = await peerCertificate(node.address, node.nativePort, cluster.tlsCa!);
      expect((certificate.subjectaltname ?? '').split(', ')).toContain(`IP Address:${node.address}`);
      expect((certificate.subjectaltname ?? '').split(', ')).toContain('DNS:localhost');
    }
  });

  it('refuses a client that does not have the CA', async () => {
    await refused(cluster, { sslOptions: { rejectUnauthorized: true } });
  });

  it('refuses a client that does not speak TLS', async () => {
    const { sslOptions: _, ...plain } = cluster.driverOptions();
    await refused(cluster, { ...plain, sslOptions: undefined });
  });

  it('issues a certificate for a node added later, under the same CA', async () => {
    const node = await cluster.addNode();
    const certificate = await peerCertificate(node.address, node.nativePort, cluster.tlsCa!);
    expect((certificate.subjectaltname ?? '').split(', ')).toContain(`IP Address:${node.address}`);
  });
});

describe('tls with cert, key and ca files, requireClientAuth', () => {
  let material: TlsMaterial;
  let files: ReturnType<typeof writePemFiles>;
  let cluster: CassanovaCluster;
  beforeAll(async () => {
    material = await makeTlsMaterial();
    files = writePemFiles({ 'node.crt': material.server.certPem, 'node.key': material.server.keyPem, 'ca.crt': material.caPem });
    cluster = await startCluster({
      port: 0, tls: { cert: files.path('node.crt'), key: files.path('node.key'), ca: files.path('ca.crt'), requireClientAuth: true },
    });
  });
  afterAll(async () => {
    await cluster.close();
    files.remove();
  });

  const withCertificate = (c: { certPem: string; keyPem: string }): Partial<cassandra.ClientOptions> =>
    ({ sslOptions: { ...cluster.driverOptions().sslOptions, cert: c.certPem, key: c.keyPem } });

  it('takes a client whose certificate the CA signed', async () => {
    expect(cluster.tlsCa).toBe(material.caPem);
    const client = await connected(cluster, withCertificate(material.client));
    const rs = await client.execute('SELECT release_version FROM system.local');
    expect(rs.rows).toHaveLength(1);
  });

  it('refuses a client without a certificate', async () => {
    await refused(cluster, {});
  });

  it('refuses a client whose certificate has expired', async () => {
    await refused(cluster, withCertificate(material.expiredClient));
  });

  it('refuses a client whose certificate another CA signed', async () => {
    await refused(cluster, withCertificate(material.untrustedClient));
  });
});

describe('tls optional: plain and TLS clients on the same port', () => {
  let cluster: CassanovaCluster;
  beforeAll(async () => {
    const material = await makeTlsMaterial();
    cluster = await startCluster({ port: 0, tls: { cert: material.server.certPem, key: material.server.keyPem, ca: material.caPem, optional: true } });
  });
  afterAll(async () => cluster.close());

  it('serves both, and system_views.clients tells them apart', async () => {
    const { sslOptions: _, ...plainOptions } = cluster.driverOptions();
    const plain = new cassandra.Client(plainOptions);
    clients.push(plain);
    await plain.connect();
    const secure = await connected(cluster);
    const rs = await secure.execute('SELECT ssl_enabled FROM system_views.clients');
    const flags = rs.rows.map((r) => r['ssl_enabled'] as boolean);
    expect(flags).toContain(true);
    expect(flags).toContain(false);
    expect((await plain.execute('SELECT release_version FROM system.local')).rows).toHaveLength(1);
  });
});

describe('tls with PasswordAuthenticator', () => {
  it('logs in over TLS', async () => {
    const cluster = await startCluster({ port: 0, tls: 'self-signed', authenticator: 'PasswordAuthenticator' });
    try {
      const client = await connected(cluster, { authProvider: new cassandra.auth.PlainTextAuthProvider('cassandra', 'cassandra') });
      const rs = await client.execute('SELECT username, ssl_enabled FROM system_views.clients');
      expect(rs.rows.map((r) => [r['username'], r['ssl_enabled']])).toContainEqual(['cassandra', true]);
      await client.shutdown();
    } finally {
      await cluster.close();
    }
  });
});

describe('tls option checks', () => {
  it('refuses cert without key, and requireClientAuth without ca', async () => {
    await expect(startCluster({ port: 0, tls: { cert: 'x.pem' } }))
      .rejects.toThrow('Invalid startCluster option tls: cert and key are both needed (or selfSigned: true)');
    await expect(startCluster({ port: 0, tls: { selfSigned: true, requireClientAuth: true } }))
      .rejects.toThrow('Invalid startCluster option tls: requireClientAuth needs ca');
  });

  it('names a certificate file it cannot read', async () => {
    await expect(startCluster({ port: 0, tls: { cert: '/nonexistent/node.crt', key: '/nonexistent/node.key' } }))
      .rejects.toThrow('Cannot read the TLS cert file /nonexistent/node.crt');
  });
});
