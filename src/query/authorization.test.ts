import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestContext } from '../common/index.js';
import { ConsistencyLevel } from '../errors/index.js';
import { AuthenticatedUser, PERMISSIONS_VALIDITY_MS, resourceFromName, resourceName, resourceText, type Resource } from '../auth/index.js';
import type { Cluster } from '../cluster/index.js';
import { runUntilSettled, virtualCluster } from '../cluster/testing/virtual-cluster.js';
import { parseStatement } from '../cql/index.js';
import { setupDefaultRole } from './internal-auth-store.js';
import { rowsOf } from './node-session.js';
import { QueryProcessor, type RequestParameters } from './query-processor.js';

const PARAMETERS: RequestParameters = {
  consistency: ConsistencyLevel.ONE, serialConsistency: ConsistencyLevel.SERIAL, values: [], valueNames: null,
  skipMetadata: false, pageSize: null, pagingState: null, timestamp: null, keyspace: null, nowInSeconds: null,
};

describe('permission statements: parsing and resources', () => {
  it('parses GRANT, REVOKE and LIST with every kind of resource', () => {
    expect(parseStatement('GRANT SELECT ON ks.t TO r').statement).toEqual({
      kind: 'grantPermissions', permissions: ['SELECT'], resource: { kind: 'table', keyspace: 'ks', table: 't' }, grantee: 'r',
    });
    expect(parseStatement('REVOKE ALL PERMISSIONS ON ALL KEYSPACES FROM r').statement).toMatchObject({
      kind: 'revokePermissions', permissions: null, resource: { kind: 'allKeyspaces' },
    });
    expect(parseStatement('GRANT MODIFY PERMISSION, SELECT ON TABLE t TO "R"').statement).toMatchObject({
      permissions: ['MODIFY', 'SELECT'], resource: { kind: 'table', keyspace: null, table: 't' }, grantee: 'R',
    });
    expect(parseStatement('GRANT ALTER ON ALL ROLES TO r').statement).toMatchObject({ resource: { kind: 'allRoles' } });
    expect(parseStatement('GRANT DROP ON ROLE x TO r').statement).toMatchObject({ resource: { kind: 'role', role: 'x' } });
    expect(parseStatement('GRANT EXECUTE ON ALL FUNCTIONS IN KEYSPACE ks TO r').statement).toMatchObject({
      resource: { kind: 'keyspaceFunctions', keyspace: 'ks' },
    });
    expect(parseStatement('GRANT EXECUTE ON FUNCTION ks.f(int, text) TO r').statement).toMatchObject({
      resource: { kind: 'function', keyspace: 'ks', name: 'f', argTypes: ['int', 'text'] },
    });
    expect(parseStatement('LIST ALL OF r NORECURSIVE').statement).toEqual({
      kind: 'listPermissions', permissions: null, resource: null, grantee: 'r', recursive: false,
    });
    expect(parseStatement('LIST SELECT ON KEYSPACE ks').statement).toMatchObject({
      permissions: ['SELECT'], resource: { kind: 'keyspace', keyspace: 'ks' }, grantee: null, recursive: true,
    });
    // GRANT role TO role is still role membership.
    expect(parseStatement('GRANT a TO b').statement).toMatchObject({ kind: 'grantRole' });
  });

  it('names resources as Cassandra stores and shows them', () => {
    const resources: [Resource, string, string][] = [
      [{ kind: 'allKeyspaces' }, 'data', '<all keyspaces>'],
      [{ kind: 'keyspace', keyspace: 'ks' }, 'data/ks', '<keyspace ks>'],
      [{ kind: 'table', keyspace: 'ks', table: 't' }, 'data/ks/t', '<table ks.t>'],
      [{ kind: 'allRoles' }, 'roles', '<all roles>'],
      [{ kind: 'role', role: 'r' }, 'roles/r', '<role r>'],
      [{ kind: 'allFunctions' }, 'functions', '<all functions>'],
      [{ kind: 'keyspaceFunctions', keyspace: 'ks' }, 'functions/ks', '<all functions in ks>'],
      [{ kind: 'function', keyspace: 'ks', name: 'f', argTypes: ['int', 'text'] },
        'functions/ks/f[org.apache.cassandra.db.marshal.Int32Type^org.apache.cassandra.db.marshal.UTF8Type]', '<function ks.f(int, text)>'],
      [{ kind: 'function', keyspace: 'ks', name: 'g', argTypes: ['list<int>'] },
        'functions/ks/g[org.apache.cassandra.db.marshal.ListType(org.apache.cassandra.db.marshal.Int32Type)]', '<function ks.g(list<int>)>'],
    ];
    for (const [resource, name, text] of resources) {
      expect(resourceName(resource)).toBe(name);
      expect(resourceText(resource)).toBe(text);
      expect(resourceFromName(name)).toEqual(resource);
    }
  });
});

describe('CassandraAuthorizer', () => {
  let cluster: Cluster | undefined;
  let processor: QueryProcessor | undefined;
  beforeAll(async () => {
    cluster = await virtualCluster(1, 1, [], 1, { authenticator: 'PasswordAuthenticator', authorizer: 'CassandraAuthorizer' });
    processor = new QueryProcessor(cluster.node(1));
    await runUntilSettled(cluster, setupDefaultRole(cluster.node(1)));
  });
  afterAll(() => cluster?.close());
  const run = async (user: AuthenticatedUser, cql: string) => {
    const result = await runUntilSettled(cluster!, processor!.query(cql, PARAMETERS, { keyspace: null, user }, 4, requestContext(null)));
    return result.kind === 'rows' ? rowsOf(result).rows : [];
  };
  const failure = (user: AuthenticatedUser, cql: string) => run(user, cql).then(
    () => null,
    (e: unknown) => (e instanceof Error ? { type: e.constructor.name, message: e.message } : e),
  );
  const cassandra = new AuthenticatedUser('cassandra');
  const alice = new AuthenticatedUser('alice');
  const bob = new AuthenticatedUser('bob');
  const unauthorized = (message: string) => ({ type: 'UnauthorizedError', message });

  it('checks every statement against the grants of the role and the roles it inherits', async () => {
    await run(cassandra, "CREATE KEYSPACE ka WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    await run(cassandra, 'CREATE TABLE ka.t (k int PRIMARY KEY, v int)');
    await run(cassandra, "CREATE ROLE alice WITH LOGIN = true AND PASSWORD = 'a'");
    await run(cassandra, "CREATE ROLE bob WITH LOGIN = true AND PASSWORD = 'b'");
    await run(cassandra, 'CREATE ROLE readers');

    expect(await failure(alice, 'SELECT * FROM ka.t')).toEqual(unauthorized('User alice has no SELECT permission on <table ka.t> or any of its parents'));
    await run(cassandra, 'GRANT SELECT ON ka.t TO alice');
    expect(await run(alice, 'SELECT * FROM ka.t')).toEqual([]);
    expect(await failure(alice, 'INSERT INTO ka.t (k, v) VALUES (1, 1)')).toEqual(unauthorized('User alice has no MODIFY permission on <table ka.t> or any of its parents'));
    expect(await failure(alice, 'TRUNCATE ka.t')).toEqual(unauthorized('User alice has no MODIFY permission on <table ka.t> or any of its parents'));

    // Inherited through a granted role, on a parent resource.
    await run(cassandra, 'GRANT MODIFY ON KEYSPACE ka TO readers');
    await run(cassandra, 'GRANT readers TO alice');
    await run(alice, 'INSERT INTO ka.t (k, v) VALUES (1, 1)');
    await run(alice, 'BEGIN BATCH INSERT INTO ka.t (k, v) VALUES (2, 2); APPLY BATCH');

    // System tables drivers read are open; others, and DDL on system keyspaces, are not.
    expect((await run(bob, 'SELECT * FROM system.local')).length).toBe(1);
    await run(bob, 'SELECT * FROM system_schema.tables');
    expect(await failure(bob, 'SELECT * FROM system_auth.roles')).toEqual(unauthorized('User bob has no SELECT permission on <table system_auth.roles> or any of its parents'));
    expect(await failure(bob, 'DROP TABLE system.local')).toEqual(unauthorized('system keyspace is not user-modifiable.'));

    // REVOKE takes the permission away (on this node at once).
    await run(cassandra, 'REVOKE SELECT ON ka.t FROM alice');
    expect(await failure(alice, 'SELECT * FROM ka.t')).toEqual(unauthorized('User alice has no SELECT permission on <table ka.t> or any of its parents'));
  });

  it('gives the creator of a keyspace or table its permissions, and lists them', async () => {
    expect(await failure(bob, "CREATE KEYSPACE kb WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"))
      .toEqual(unauthorized('User bob has no CREATE permission on <all keyspaces> or any of its parents'));
    await run(cassandra, 'GRANT CREATE ON ALL KEYSPACES TO bob');
    await run(bob, "CREATE KEYSPACE kb WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    await run(bob, 'CREATE TABLE kb.t (k int PRIMARY KEY)');
    await run(bob, 'INSERT INTO kb.t (k) VALUES (1)');
    expect((await run(bob, 'SELECT * FROM kb.t')).length).toBe(1);
    const rows = (await run(bob, 'LIST ALL PERMISSIONS ON kb.t OF bob')).map((r) => [r['role'], r['username'], r['resource'], r['permission']]);
    // ALL on a table means the permissions a table can have, on it and on its parents.
    expect(rows).toEqual([
      ['bob', 'bob', '<keyspace kb>', 'ALTER'], ['bob', 'bob', '<keyspace kb>', 'DROP'],
      ['bob', 'bob', '<keyspace kb>', 'SELECT'], ['bob', 'bob', '<keyspace kb>', 'MODIFY'], ['bob', 'bob', '<keyspace kb>', 'AUTHORIZE'],
      ['bob', 'bob', '<table kb.t>', 'ALTER'], ['bob', 'bob', '<table kb.t>', 'DROP'], ['bob', 'bob', '<table kb.t>', 'SELECT'],
      ['bob', 'bob', '<table kb.t>', 'MODIFY'], ['bob', 'bob', '<table kb.t>', 'AUTHORIZE'],
    ]);
    expect(await failure(bob, 'LIST ALL PERMISSIONS')).toEqual(unauthorized("You are not authorized to view everyone's permissions"));
    // Functions: CREATE on the keyspace's functions (the keyspace's creator has it), the creator's grants, DROP revokes.
    await run(bob, "CREATE FUNCTION kb.twice(x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return x * 2;'");
    const fn = '<function kb.twice(int)>';
    expect((await run(cassandra, 'LIST EXECUTE ON FUNCTION kb.twice(int) OF bob NORECURSIVE')).map((r) => r['resource'])).toEqual([fn]);
    // A statement that calls a user function needs EXECUTE on it.
    await run(bob, 'GRANT SELECT ON kb.t TO alice');
    expect(await failure(alice, 'SELECT kb.twice(k) FROM kb.t')).toEqual(unauthorized(`User alice has no EXECUTE permission on ${fn} or any of its parents`));
    expect(await failure(alice, 'SELECT * FROM kb.t WHERE k = kb.twice(1)')).toEqual(unauthorized(`User alice has no EXECUTE permission on ${fn} or any of its parents`));
    await run(bob, 'GRANT EXECUTE ON FUNCTION kb.twice(int) TO alice');
    expect((await run(alice, 'SELECT kb.twice(k) AS d FROM kb.t')).map((r) => r['d'])).toEqual([2]);
    // An aggregate needs EXECUTE on its state function too.
    await run(bob, "CREATE FUNCTION kb.acc(s int, x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return s + x;'");
    await run(bob, 'CREATE AGGREGATE kb.total(int) SFUNC acc STYPE int INITCOND 0');
    await run(bob, 'GRANT EXECUTE ON FUNCTION kb.total(int) TO alice');
    expect(await failure(alice, 'SELECT kb.total(k) FROM kb.t')).toEqual(unauthorized('User alice has no EXECUTE permission on <function kb.acc(int, int)> or any of its parents'));
    await run(bob, 'GRANT EXECUTE ON FUNCTION kb.acc(int, int) TO alice');
    expect((await run(alice, 'SELECT kb.total(k) AS s FROM kb.t')).map((r) => r['s'])).toEqual([1]);
    expect(await failure(alice, 'DROP FUNCTION kb.twice')).toEqual(unauthorized(`User alice has no DROP permission on ${fn} or any of its parents`));
    await run(bob, 'DROP FUNCTION kb.twice(int)');
    expect(await failure(cassandra, 'LIST ALL ON FUNCTION kb.twice(int)')).toEqual({ type: 'InvalidRequestError', message: `${fn} doesn't exist` });
    // What the cluster's own statements (the system user) drop takes its grants along too.
    await run(bob, 'CREATE TABLE kb.sys (k int PRIMARY KEY)');
    await runUntilSettled(cluster!, processor!.query('DROP TABLE kb.sys', PARAMETERS, { keyspace: null }, 4, requestContext(null)));
    expect((await run(cassandra, 'LIST ALL PERMISSIONS OF bob NORECURSIVE')).map((r) => r['resource'])).not.toContain('<table kb.sys>');
    // DROP TABLE revokes what was granted on it.
    await run(bob, 'DROP TABLE kb.t');
    expect((await run(cassandra, 'LIST ALL PERMISSIONS OF bob NORECURSIVE')).map((r) => r['resource'])).not.toContain('<table kb.t>');
  });

  it("keeps a node's answers for the permissions validity (2 s) when grants come through another node", async () => {
    // A second processor of the same node stands for another node: it has a permission cache of its own.
    const other = new QueryProcessor(cluster!.node(1));
    await run(cassandra, 'CREATE TABLE ka.cached (k int PRIMARY KEY)');
    const select = 'SELECT * FROM ka.cached';
    const denied = unauthorized('User alice has no SELECT permission on <table ka.cached> or any of its parents');
    expect(await failure(alice, select)).toEqual(denied);
    await runUntilSettled(cluster!, other.query('GRANT SELECT ON ka.cached TO alice', PARAMETERS, { keyspace: null, user: cassandra }, 4, requestContext(null)));
    expect(await failure(alice, select)).toEqual(denied);
    cluster!.advanceTime(PERMISSIONS_VALIDITY_MS);
    expect(await failure(alice, select)).toBeNull();
  });

  it('refuses what Cassandra refuses in GRANT, REVOKE and role statements', async () => {
    expect(await failure(cassandra, 'GRANT SELECT ON ALL ROLES TO alice')).toEqual({
      type: 'InvalidRequestError', message: 'Resource type RoleResource does not support the requested permissions: SELECT',
    });
    expect(await failure(cassandra, 'GRANT DESCRIBE ON ka.t TO alice')).toEqual({
      type: 'InvalidRequestError', message: 'Resource type DataResource does not support the requested permissions: DESCRIBE',
    });
    expect(await failure(cassandra, 'GRANT SELECT ON ka.nope TO alice')).toEqual({ type: 'InvalidRequestError', message: "Resource <table ka.nope> doesn't exist" });
    expect(await failure(cassandra, 'GRANT SELECT ON ka.t TO nobody')).toEqual({ type: 'InvalidRequestError', message: "Role nobody doesn't exist" });
    expect(await failure(alice, 'GRANT SELECT ON ka.t TO bob')).toEqual(unauthorized('User alice has no AUTHORIZE permission on <table ka.t> or any of its parents'));
    expect(await failure(alice, 'CREATE ROLE carol')).toEqual(unauthorized('User alice does not have sufficient privileges to perform the requested operation'));
    await run(cassandra, 'GRANT CREATE ON ALL ROLES TO alice');
    await run(alice, 'CREATE ROLE carol');
    // The creator of a role may alter, drop and grant it.
    await run(alice, 'GRANT carol TO bob');
    await run(alice, 'DROP ROLE carol');
    expect(await failure(alice, 'DROP ROLE bob')).toEqual(unauthorized('User alice does not have sufficient privileges to perform the requested operation'));
  });
});
