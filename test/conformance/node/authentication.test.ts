/**
 * PasswordAuthenticator through the Node.js driver and raw frames: STARTUP answered with AUTHENTICATE,
 * SASL PLAIN logins (PlainTextAuthProvider), Cassandra's messages for bad credentials and for requests
 * sent before the login, and roles shared by every node of a three-node cluster through system_auth.
 */
import { describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { useAuthCluster } from '../support/auth-cluster.js';
import { Opcode, RawCqlConnection, frame, parseError, queryBody, startupBody } from '../support/raw-cql-connection.js';

const AUTH_RESPONSE = 0x0f;
const AUTH_SUCCESS = 0x10;

const { cluster, connect } = useAuthCluster({});

function plainToken(user: string, password: string): Buffer {
  return Buffer.concat([Buffer.of(0), Buffer.from(user), Buffer.of(0), Buffer.from(password)]);
}

function bytesBody(token: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(token.length);
  return Buffer.concat([length, token]);
}

describe('logging in', () => {
  it('logs in as the default superuser cassandra/cassandra', async () => {
    const client = await connect('cassandra', 'cassandra');
    const rs = await client.execute('SELECT role, is_superuser, can_login, salted_hash FROM system_auth.roles WHERE role = ?', ['cassandra']);
    expect(rs.rows[0]?.['is_superuser']).toBe(true);
    expect(rs.rows[0]?.['can_login']).toBe(true);
    expect(String(rs.rows[0]?.['salted_hash'])).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
  });

  it('refuses a wrong password with the driver\'s AuthenticationError and Cassandra\'s message', async () => {
    const error = await connect('cassandra', 'wrong').then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(cassandra.errors.NoHostAvailableError);
    const inner = Object.values((error as cassandra.errors.NoHostAvailableError).innerErrors)[0] as Error;
    expect(inner).toBeInstanceOf(cassandra.errors.AuthenticationError);
    expect(inner.message).toContain('Provided username cassandra and/or password are incorrect');
  });

  it('refuses an unknown role with the same message', async () => {
    const error = await connect('nobody', 'x').then(() => null, (e: unknown) => e);
    const inner = Object.values((error as cassandra.errors.NoHostAvailableError).innerErrors)[0] as Error;
    expect(inner.message).toContain('Provided username nobody and/or password are incorrect');
  });
});

describe('the handshake on the wire', () => {
  it('answers STARTUP with AUTHENTICATE, refuses a query before the login, then AUTH_SUCCESS', async () => {
    const connection = await RawCqlConnection.open(cluster().contactPoints[0]!);
    try {
      connection.send(frame(Opcode.STARTUP, 0, startupBody()));
      const authenticate = await connection.nextFrame();
      expect(authenticate.opcode).toBe(Opcode.AUTHENTICATE);
      expect(authenticate.body.subarray(2).toString()).toBe('org.apache.cassandra.auth.PasswordAuthenticator');

      connection.send(frame(Opcode.QUERY, 1, queryBody('SELECT * FROM system.local')));
      const early = await connection.nextFrame();
      expect(early.opcode).toBe(Opcode.ERROR);
      expect(parseError(early.body)).toMatchObject({ code: 0x000a, message: 'Unexpected message QUERY, expecting SASL_RESPONSE' });

      connection.send(frame(AUTH_RESPONSE, 2, bytesBody(plainToken('cassandra', 'nope'))));
      const refused = await connection.nextFrame();
      expect(parseError(refused.body)).toMatchObject({ code: 0x0100, message: 'Provided username cassandra and/or password are incorrect' });

      connection.send(frame(AUTH_RESPONSE, 3, bytesBody(Buffer.from('cassandra'))));
      const malformed = await connection.nextFrame();
      expect(parseError(malformed.body)).toMatchObject({ code: 0x0100, message: 'Password must not be null' });

      connection.send(frame(AUTH_RESPONSE, 4, bytesBody(plainToken('cassandra', 'cassandra'))));
      expect((await connection.nextFrame()).opcode).toBe(AUTH_SUCCESS);

      connection.send(frame(Opcode.QUERY, 5, queryBody('SELECT * FROM system.local')));
      expect((await connection.nextFrame()).opcode).toBe(Opcode.RESULT);
    } finally {
      connection.close();
    }
  });
});

describe('roles across the cluster', () => {
  it('logs in at node 3 as a role created through node 1, and lists roles as Cassandra 4.1', async () => {
    const admin = await connect('cassandra', 'cassandra', 0);
    await admin.execute("CREATE ROLE alice WITH PASSWORD = 'wonderland' AND LOGIN = true");
    await admin.execute('CREATE ROLE readers');
    await admin.execute('GRANT readers TO alice');

    const alice = await connect('alice', 'wonderland', 2);
    const mine = await alice.execute('LIST ROLES OF alice');
    expect(mine.columns.map((c) => c.name)).toEqual(['role', 'super', 'login', 'options', 'datacenters']);
    expect(mine.rows.map((r) => [r['role'], r['super'], r['login'], r['datacenters']])).toEqual([
      ['alice', false, true, 'ALL'], ['readers', false, false, 'ALL'],
    ]);
    const clients = await alice.execute('SELECT username FROM system_views.clients');
    expect(clients.rows.map((r) => r['username'])).toContain('alice');
    const users = await alice.execute('LIST USERS');
    expect(users.rows.map((r) => [r['name'], r['super']])).toEqual([['alice', false], ['cassandra', true]]);

    const refused = await alice.execute('CREATE ROLE boss WITH SUPERUSER = true').then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(cassandra.errors.ResponseError);
    expect((refused as cassandra.errors.ResponseError).code).toBe(0x2100);
    expect((refused as Error).message).toBe('Only superusers can create a role with superuser status');

    const cycle = await admin.execute('GRANT alice TO readers').then(() => null, (e: unknown) => e);
    expect((cycle as Error).message).toBe('alice is a member of readers');

    await admin.execute('DROP ROLE readers');
    const after = await admin.execute('LIST ROLES OF alice');
    expect(after.rows.map((r) => r['role'])).toEqual(['alice']);
  });

  it('refuses a role that cannot log in', async () => {
    const admin = await connect('cassandra', 'cassandra', 1);
    await admin.execute("CREATE ROLE IF NOT EXISTS bob WITH PASSWORD = 'builder'");
    const error = await connect('bob', 'builder', 1).then(() => null, (e: unknown) => e);
    const inner = Object.values((error as cassandra.errors.NoHostAvailableError).innerErrors)[0] as Error;
    expect(inner.message).toContain('bob is not permitted to log in');
  });
});
