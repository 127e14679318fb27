import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestContext } from '../common/index.js';
import { ConsistencyLevel } from '../errors/index.js';
import { AuthenticatedUser, PasswordAuthenticator } from '../auth/index.js';
import type { Cluster } from '../cluster/index.js';
import { runUntilSettled, virtualCluster } from '../cluster/testing/virtual-cluster.js';
import { setupDefaultRole } from './internal-auth-store.js';
import { rowsOf } from './node-session.js';
import { QueryProcessor, type RequestParameters } from './query-processor.js';

const PARAMETERS: RequestParameters = {
  consistency: ConsistencyLevel.ONE, serialConsistency: ConsistencyLevel.SERIAL, values: [], valueNames: null,
  skipMetadata: false, pageSize: null, pagingState: null, timestamp: null, keyspace: null, nowInSeconds: null,
};

/** A one-node virtual-clock cluster with the given authenticator, and statements run on it as some user. */
function useAuthCluster(authenticator: 'AllowAllAuthenticator' | 'PasswordAuthenticator') {
  let cluster: Cluster | undefined;
  let processor: QueryProcessor | undefined;
  beforeAll(async () => {
    cluster = await virtualCluster(1, 1, [], 1, { authenticator });
    processor = new QueryProcessor(cluster.node(1));
    if (authenticator === 'PasswordAuthenticator') await runUntilSettled(cluster, setupDefaultRole(cluster.node(1)));
  });
  afterAll(() => cluster?.close());
  const run = async (user: AuthenticatedUser, cql: string) => {
    const result = await runUntilSettled(cluster!, processor!.query(cql, PARAMETERS, { keyspace: null, user }, 4, requestContext(null)));
    return rowsOf(result).rows;
  };
  const failure = (user: AuthenticatedUser, cql: string) => run(user, cql).then(
    () => null,
    (e: unknown) => (e instanceof Error ? { type: e.constructor.name, message: e.message } : e),
  );
  return { run, failure, get processor() { return processor!; }, get cluster() { return cluster!; } };
}

const anonymous = AuthenticatedUser.ANONYMOUS;
const cassandra = new AuthenticatedUser('cassandra');

describe('with AllowAllAuthenticator', () => {
  const { failure } = useAuthCluster('AllowAllAuthenticator');

  it('refuses role statements to the anonymous user, and passwords to CassandraRoleManager', async () => {
    const notLoggedIn = { type: 'UnauthorizedError', message: 'You have to be logged in and not anonymous to perform this request' };
    expect(await failure(anonymous, 'CREATE ROLE r')).toEqual(notLoggedIn);
    expect(await failure(anonymous, 'LIST ROLES')).toEqual(notLoggedIn);
    expect(await failure(anonymous, 'GRANT a TO b')).toEqual(notLoggedIn);
    expect(await failure(anonymous, "CREATE ROLE r WITH PASSWORD = 'x'")).toEqual({
      type: 'InvalidRequestError', message: "org.apache.cassandra.auth.CassandraRoleManager doesn't support PASSWORD",
    });
    expect(await failure(anonymous, 'CREATE ROLE r WITH SUPERUSER = true')).toEqual({
      type: 'UnauthorizedError', message: 'Only superusers can create a role with superuser status',
    });
  });
});

describe('with PasswordAuthenticator', () => {
  const auth = useAuthCluster('PasswordAuthenticator');
  const { run, failure } = auth;
  const alice = new AuthenticatedUser('alice');

  it('creates roles once, checking names and options', async () => {
    await run(cassandra, "CREATE ROLE alice WITH PASSWORD = 'pw' AND LOGIN = true");
    expect(await failure(cassandra, 'CREATE ROLE alice')).toEqual({ type: 'InvalidRequestError', message: 'alice already exists' });
    await run(cassandra, 'CREATE ROLE IF NOT EXISTS alice');
    expect(await failure(cassandra, "CREATE ROLE ''")).toMatchObject({ message: "Role name can't be an empty string" });
    expect(await failure(cassandra, "CREATE ROLE o WITH OPTIONS = {'a': 'b'}")).toMatchObject({
      message: "org.apache.cassandra.auth.CassandraRoleManager doesn't support OPTIONS",
    });
    expect(await failure(cassandra, "CREATE ROLE h WITH HASHED PASSWORD = 'nope'")).toMatchObject({
      message: 'Invalid hashed password value. Please use jBcrypt.',
    });
    expect(await failure(cassandra, "CREATE ROLE d WITH ACCESS TO DATACENTERS {'dc1'}")).toMatchObject({
      message: 'ACCESS TO DATACENTERS operations not supported by AllowAllNetworkAuthorizer',
    });
  });

  it('stores a bcrypt hash the authenticator checks, and HASHED PASSWORD as given', async () => {
    const [row] = await run(cassandra, "SELECT salted_hash FROM system_auth.roles WHERE role = 'alice'");
    expect(String(row?.['salted_hash'])).toMatch(/^\$2a\$10\$/);
    await run(cassandra, `CREATE ROLE hashed WITH LOGIN = true AND HASHED PASSWORD = '${String(row?.['salted_hash'])}'`);
    const authenticator = new PasswordAuthenticator(auth.processor.roles, auth.cluster.clock);
    const login = runUntilSettled(auth.cluster, authenticator.authenticate('hashed', 'pw'));
    expect((await login).name).toBe('hashed');
    await expect(runUntilSettled(auth.cluster, authenticator.authenticate('hashed', 'other')))
      .rejects.toThrow('Provided username hashed and/or password are incorrect');
  });

  it('applies ALTER ROLE rules for superusers and for a role altering itself', async () => {
    expect(await failure(cassandra, 'ALTER ROLE alice')).toMatchObject({ message: "ALTER [ROLE|USER] can't be empty" });
    expect(await failure(cassandra, 'ALTER ROLE ghost WITH LOGIN = true')).toMatchObject({ message: "ghost doesn't exist" });
    await run(alice, "ALTER ROLE alice WITH PASSWORD = 'new'");
    expect(await failure(alice, 'ALTER ROLE alice WITH LOGIN = false')).toEqual({ type: 'UnauthorizedError', message: "You aren't allowed to alter LOGIN" });
    expect(await failure(alice, 'ALTER ROLE alice WITH SUPERUSER = true')).toEqual({
      type: 'UnauthorizedError', message: "You aren't allowed to alter your own superuser status or that of a role granted to you",
    });
    await run(cassandra, 'CREATE ROLE other');
    expect(await failure(alice, 'ALTER ROLE other WITH SUPERUSER = true')).toMatchObject({ message: 'Only superusers are allowed to alter superuser status' });
    expect(await failure(alice, 'DROP ROLE cassandra')).toMatchObject({ message: 'Only superusers can drop a role with superuser status' });
    expect(await failure(cassandra, 'DROP ROLE cassandra')).toMatchObject({ message: 'Cannot DROP primary role for current login' });
  });

  it('grants roles without cycles, and revokes only what was granted', async () => {
    await run(cassandra, 'CREATE ROLE readers');
    await run(cassandra, 'CREATE ROLE staff');
    await run(cassandra, 'GRANT readers TO staff');
    await run(cassandra, 'GRANT staff TO alice');
    expect(await failure(cassandra, 'GRANT readers TO readers')).toMatchObject({ message: 'readers is a member of readers' });
    expect(await failure(cassandra, 'GRANT alice TO readers')).toMatchObject({ message: 'alice is a member of readers' });
    expect(await failure(cassandra, 'GRANT ghost TO alice')).toMatchObject({ message: "ghost doesn't exist" });
    expect(await failure(cassandra, 'REVOKE readers FROM alice')).toMatchObject({ message: 'alice is not a member of readers' });
    const names = async (cql: string) => (await run(alice, cql)).map((r) => r['role']);
    expect(await names('LIST ROLES OF alice')).toEqual(['alice', 'readers', 'staff']);
    expect(await names('LIST ROLES OF alice NORECURSIVE')).toEqual(['alice', 'staff']);
    expect(await failure(alice, 'LIST ROLES OF ghost')).toMatchObject({ message: '<role ghost> doesn\'t exist' });
  });

  it('gives superuser status through an inherited role', async () => {
    expect(await failure(alice, 'CREATE ROLE boss WITH SUPERUSER = true')).toMatchObject({ type: 'UnauthorizedError' });
    await run(cassandra, 'CREATE ROLE admins WITH SUPERUSER = true');
    await run(cassandra, 'GRANT admins TO readers');
    await run(alice, 'CREATE ROLE boss WITH SUPERUSER = true');
    const users = await run(alice, 'LIST USERS');
    expect(users.map((r) => [r['name'], r['super']])).toEqual([['alice', true], ['cassandra', true], ['hashed', false]]);
  });

  it('drops a role with its memberships', async () => {
    await run(cassandra, 'DROP ROLE staff');
    expect((await run(alice, 'LIST ROLES OF alice')).map((r) => r['role'])).toEqual(['alice']);
    const [row] = await run(cassandra, "SELECT member_of FROM system_auth.roles WHERE role = 'alice'");
    expect(row?.['member_of']).toBeNull();
    expect(await run(cassandra, "SELECT * FROM system_auth.role_members WHERE role = 'staff'")).toEqual([]);
    await run(cassandra, 'DROP ROLE IF EXISTS staff');
    expect(await failure(cassandra, 'DROP USER staff')).toMatchObject({ message: "staff doesn't exist" });
  });
});
