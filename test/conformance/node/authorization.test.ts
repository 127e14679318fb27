/**
 * CassandraAuthorizer through the Node.js driver on a three-node PasswordAuthenticator cluster: grants
 * made through one node hold on the others, reads and writes are refused with Unauthorized (0x2100) and
 * Cassandra's messages, inherited grants, the creator's permissions, LIST PERMISSIONS and REVOKE.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { useAuthCluster } from '../support/auth-cluster.js';

const { connect } = useAuthCluster({ authorizer: 'CassandraAuthorizer' });

async function unauthorized(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(cassandra.errors.ResponseError);
  expect((error as cassandra.errors.ResponseError).code).toBe(cassandra.types.responseErrorCodes.unauthorized);
  return (error as Error).message;
}

describe('CassandraAuthorizer', () => {
  let admin: cassandra.Client;

  beforeAll(async () => {
    admin = await connect('cassandra', 'cassandra');
    await admin.execute("CREATE KEYSPACE shop WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
    await admin.execute('CREATE TABLE shop.items (id int PRIMARY KEY, name text)');
    await admin.execute("INSERT INTO shop.items (id, name) VALUES (1, 'one')");
    await admin.execute("CREATE ROLE reader WITH LOGIN = true AND PASSWORD = 'r'");
    await admin.execute("CREATE ROLE writer WITH LOGIN = true AND PASSWORD = 'w'");
    await admin.execute('CREATE ROLE modifiers');
  });

  it('lets a role granted SELECT read a table on every node, and not write it', async () => {
    await admin.execute('GRANT SELECT ON TABLE shop.items TO reader');
    const reader = await connect('reader', 'r', 2);
    const rs = await reader.execute('SELECT name FROM shop.items WHERE id = ?', [1], { prepare: true });
    expect(rs.rows[0]?.['name']).toBe('one');
    expect(await unauthorized(reader.execute("INSERT INTO shop.items (id, name) VALUES (2, 'two')")))
      .toBe('User reader has no MODIFY permission on <table shop.items> or any of its parents');
    expect(await unauthorized(reader.execute('DROP TABLE shop.items')))
      .toBe('User reader has no DROP permission on <table shop.items> or any of its parents');
    // The driver reads the system tables it needs without any grant.
    expect((await reader.execute('SELECT keyspace_name FROM system_schema.keyspaces')).rows.length).toBeGreaterThan(0);
  });

  it('checks a prepared statement when it is executed, and grants inherited through a role', async () => {
    const writer = await connect('writer', 'w', 1);
    const insert = 'INSERT INTO shop.items (id, name) VALUES (?, ?)';
    expect(await unauthorized(writer.execute(insert, [3, 'three'], { prepare: true })))
      .toBe('User writer has no MODIFY permission on <table shop.items> or any of its parents');
    await admin.execute('GRANT MODIFY ON KEYSPACE shop TO modifiers');
    await admin.execute('GRANT modifiers TO writer');
    // Node 2 cached writer's answer: it holds for the cache's validity (2 s), as Cassandra's PermissionsCache.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await writer.execute(insert, [3, 'three'], { prepare: true });
    await writer.batch([{ query: insert, params: [4, 'four'] }], { prepare: true });
    expect(await unauthorized(writer.execute('SELECT * FROM shop.items')))
      .toBe('User writer has no SELECT permission on <table shop.items> or any of its parents');
  });

  it('gives the creator of a keyspace its permissions, lists them and revokes them', async () => {
    await admin.execute('GRANT CREATE ON ALL KEYSPACES TO writer');
    const writer = await connect('writer', 'w', 0);
    await writer.execute("CREATE KEYSPACE mine WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    await writer.execute('CREATE TABLE mine.t (k int PRIMARY KEY)');
    await writer.execute('INSERT INTO mine.t (k) VALUES (1)');
    expect((await writer.execute('SELECT * FROM mine.t')).rows.length).toBe(1);

    const listed = await admin.execute('LIST SELECT ON mine.t');
    expect(listed.columns.map((c) => c.name)).toEqual(['role', 'username', 'resource', 'permission']);
    expect(listed.rows.map((r) => [r['role'], r['resource'], r['permission']])).toEqual([
      ['writer', '<keyspace mine>', 'SELECT'], ['writer', '<table mine.t>', 'SELECT'],
    ]);
    const own = await writer.execute('LIST ALL OF writer');
    expect(own.rows.map((r) => `${String(r['role'])} ${String(r['resource'])} ${String(r['permission'])}`)).toContain('modifiers <keyspace shop> MODIFY');
    expect(await unauthorized(writer.execute('LIST ALL PERMISSIONS'))).toBe("You are not authorized to view everyone's permissions");

    await admin.execute('REVOKE SELECT ON KEYSPACE mine FROM writer');
    await admin.execute('REVOKE SELECT ON mine.t FROM writer');
    expect(await unauthorized(writer.execute('SELECT * FROM mine.t')))
      .toBe('User writer has no SELECT permission on <table mine.t> or any of its parents');
  });

  it('refuses permissions that do not apply, and role statements without permissions on roles', async () => {
    const error = await admin.execute('GRANT SELECT ON ALL ROLES TO reader').then(() => null, (e: unknown) => e);
    expect((error as cassandra.errors.ResponseError).code).toBe(cassandra.types.responseErrorCodes.invalid);
    expect((error as Error).message).toBe('Resource type RoleResource does not support the requested permissions: SELECT');
    const reader = await connect('reader', 'r', 0);
    expect(await unauthorized(reader.execute('CREATE ROLE other')))
      .toBe('User reader does not have sufficient privileges to perform the requested operation');
    expect(await unauthorized(reader.execute('GRANT SELECT ON shop.items TO writer')))
      .toBe('User reader has no AUTHORIZE permission on <table shop.items> or any of its parents');
  });
});
