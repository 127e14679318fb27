/**
 * Keyspace statements through the Node driver: CREATE (SimpleStrategy, NetworkTopologyStrategy), ALTER,
 * DROP, IF [NOT] EXISTS, USE and the keyspace client option, and the errors Cassandra 4.1 answers with.
 */
import { describe, expect, it } from 'vitest';
import { useNodeTarget, uniqueName } from '../support/node-client.js';
import { ErrorCodes, expectServerError, plainRows } from '../support/node-values.js';

const target = useNodeTarget('ddl_ks');

const SIMPLE_RF1 = "{'class': 'SimpleStrategy', 'replication_factor': 1}";

async function keyspaceRow(name: string): Promise<Record<string, unknown> | undefined> {
  const result = await target.client.execute(
    'SELECT keyspace_name, durable_writes, replication FROM system_schema.keyspaces WHERE keyspace_name = ?',
    [name],
  );
  return plainRows(result)[0];
}

describe('CREATE / ALTER / DROP KEYSPACE', () => {
  it('creates a SimpleStrategy keyspace and reports it in system_schema.keyspaces', async () => {
    const name = uniqueName('ks_simple');
    const result = await target.client.execute(
      `CREATE KEYSPACE ${name} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}`,
    );
    expect(result.info.warnings ?? []).toEqual([
      expect.stringContaining(`Your replication factor 3 for keyspace ${name} is higher than the number of nodes`),
    ]);
    expect(await keyspaceRow(name)).toEqual({
      keyspace_name: name,
      durable_writes: true,
      replication: { class: 'org.apache.cassandra.locator.SimpleStrategy', replication_factor: '3' },
    });
    expect(target.client.metadata.keyspaces[name]?.strategy).toBe('org.apache.cassandra.locator.SimpleStrategy');
    await target.client.execute(`DROP KEYSPACE ${name}`);
  });

  it('creates a NetworkTopologyStrategy keyspace with per-data-center factors', async () => {
    const name = uniqueName('ks_nts');
    await target.client.execute(
      `CREATE KEYSPACE ${name} WITH replication = {'class': 'NetworkTopologyStrategy', '${target.localDataCenter}': 1}
       AND durable_writes = false`,
    );
    expect(await keyspaceRow(name)).toEqual({
      keyspace_name: name,
      durable_writes: false,
      replication: { class: 'org.apache.cassandra.locator.NetworkTopologyStrategy', [target.localDataCenter]: '1' },
    });
    await target.client.execute(`DROP KEYSPACE ${name}`);
  });

  it('expands a NetworkTopologyStrategy replication_factor to every known data center', async () => {
    const name = uniqueName('ks_nts_rf');
    await target.client.execute(
      `CREATE KEYSPACE ${name} WITH replication = {'class': 'NetworkTopologyStrategy', 'replication_factor': 1}`,
    );
    const row = await keyspaceRow(name);
    expect(row?.['replication']).toEqual({
      class: 'org.apache.cassandra.locator.NetworkTopologyStrategy',
      [target.localDataCenter]: '1',
    });
    await target.client.execute(`DROP KEYSPACE ${name}`);
  });

  it('alters replication and durable_writes', async () => {
    const name = uniqueName('ks_alter');
    await target.client.execute(`CREATE KEYSPACE ${name} WITH replication = ${SIMPLE_RF1}`);
    await target.client.execute(
      `ALTER KEYSPACE ${name} WITH replication = {'class': 'NetworkTopologyStrategy', '${target.localDataCenter}': 1}
       AND durable_writes = false`,
    );
    const row = await keyspaceRow(name);
    expect(row?.['durable_writes']).toBe(false);
    expect(row?.['replication']).toEqual({
      class: 'org.apache.cassandra.locator.NetworkTopologyStrategy',
      [target.localDataCenter]: '1',
    });
    expect(target.client.metadata.keyspaces[name]?.strategy).toBe('org.apache.cassandra.locator.NetworkTopologyStrategy');
    await target.client.execute(`DROP KEYSPACE ${name}`);
  });

  it('drops a keyspace with its tables', async () => {
    const name = uniqueName('ks_drop');
    await target.client.execute(`CREATE KEYSPACE ${name} WITH replication = ${SIMPLE_RF1}`);
    await target.client.execute(`CREATE TABLE ${name}.t (k int PRIMARY KEY)`);
    await target.client.execute(`DROP KEYSPACE ${name}`);
    expect(await keyspaceRow(name)).toBeUndefined();
    expect(target.client.metadata.keyspaces[name]).toBeUndefined();
    await expectServerError(
      target.client.execute(`SELECT * FROM ${name}.t`),
      ErrorCodes.invalid,
      `keyspace ${name} does not exist`,
    );
  });

  it('answers AlreadyExists (0x2400) with the keyspace name and no table', async () => {
    const error = await expectServerError(
      target.client.execute(`CREATE KEYSPACE ${target.keyspace} WITH replication = ${SIMPLE_RF1}`),
      ErrorCodes.alreadyExists,
      `Cannot add existing keyspace "${target.keyspace}"`,
    );
    expect(error['keyspace']).toBe(target.keyspace);
    expect(error['table']).toBeUndefined();
  });

  it('accepts IF NOT EXISTS / IF EXISTS without error', async () => {
    await target.client.execute(`CREATE KEYSPACE IF NOT EXISTS ${target.keyspace} WITH replication = ${SIMPLE_RF1}`);
    await target.client.execute(`DROP KEYSPACE IF EXISTS ${uniqueName('ks_never')}`);
  });

  it('rejects dropping a keyspace that does not exist', async () => {
    const name = uniqueName('ks_missing');
    await expectServerError(
      target.client.execute(`DROP KEYSPACE ${name}`),
      ErrorCodes.invalid,
      `Keyspace '${name}' doesn't exist`,
    );
  });

  it('fills in default_keyspace_rf (1) when SimpleStrategy has no replication_factor (4.1+)', async () => {
    const name = uniqueName('ks_default_rf');
    await target.client.execute(`CREATE KEYSPACE ${name} WITH replication = {'class': 'SimpleStrategy'}`);
    const row = (await target.client.execute('SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?', [name])).first();
    expect(row?.['replication']).toEqual({ class: 'org.apache.cassandra.locator.SimpleStrategy', replication_factor: '1' });
    await target.client.execute(`DROP KEYSPACE ${name}`);
  });
});

describe('USE and the session keyspace', () => {
  it('USE switches the client keyspace for unqualified names', async () => {
    const other = await target.newClient();
    const name = uniqueName('ks_use');
    await other.execute(`CREATE KEYSPACE ${name} WITH replication = ${SIMPLE_RF1}`);
    await other.execute(`CREATE TABLE ${name}.t (k int PRIMARY KEY, v text)`);
    await other.execute(`USE ${name}`);
    expect(other.keyspace).toBe(name);
    await other.execute("INSERT INTO t (k, v) VALUES (1, 'in use')");
    expect(plainRows(await other.execute('SELECT v FROM t WHERE k = 1'))).toEqual([{ v: 'in use' }]);
    await other.execute(`DROP KEYSPACE ${name}`);
  });

  it('the keyspace client option applies to every connection', async () => {
    await target.client.execute('CREATE TABLE by_option (k int PRIMARY KEY)');
    const other = await target.newClient({ keyspace: target.keyspace });
    await other.execute('INSERT INTO by_option (k) VALUES (7)', [], { prepare: true });
    expect(plainRows(await other.execute('SELECT k FROM by_option'))).toEqual([{ k: 7 }]);
  });

  it('USE of a missing keyspace is Invalid', async () => {
    const name = uniqueName('ks_nowhere');
    await expectServerError(
      target.client.execute(`USE ${name}`),
      ErrorCodes.invalid,
      `Keyspace '${name}' does not exist`,
    );
  });
});
