/**
 * Prepared statements across schema changes, on one node and on three. Cassandra 4.1 drops the prepared
 * statements of a table when its columns (or indexes, default TTL, gc_grace_seconds) change, and of a
 * dropped table or keyspace, on every node (QueryProcessor's schema listener): the next EXECUTE is answered
 * UNPREPARED and the driver prepares again, getting the new bind and result metadata. The driver's
 * "not prepared on host" log line counts those re-prepares; the wire check sends the old id itself.
 */
import { describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { useNodeTarget, type NodeTarget } from '../support/node-client.js';
import { plainRows } from '../support/node-values.js';
import {
  ErrorCode, executeBody, frame, Opcode, openReadyConnection, parseError, prepareBody, preparedId,
} from '../support/raw-cql-connection.js';

const targets: [string, NodeTarget][] = [
  ['one node', useNodeTarget('prepared_schema')],
  ['three nodes', useNodeTarget('prepared_schema3', { nodes: 3 })],
];

/** Counts the driver's re-prepares after UNPREPARED (request-execution.js logs each one). */
function reprepareCounter(client: cassandra.Client): () => number {
  let count = 0;
  client.on('log', (_level: string, _className: string, message: string) => {
    if (message.includes('not prepared on host')) count++;
  });
  return () => count;
}

/** Executes a prepared statement once on each host the client knows, in host order. */
async function onEveryHost(client: cassandra.Client, query: string, params: unknown[]): Promise<cassandra.types.ResultSet[]> {
  const results: cassandra.types.ResultSet[] = [];
  for (const host of client.hosts.values()) results.push(await client.execute(query, params, { prepare: true, host }));
  return results;
}

const columnNames = (rs: cassandra.types.ResultSet): string[] => rs.columns.map((c) => c.name);

describe.each(targets)('prepared statements after schema changes (%s)', (_, target) => {
  it('ALTER TABLE ADD: every node answers UNPREPARED once, then SELECT * has the new column', async () => {
    const { client } = target;
    const reprepares = reprepareCounter(client);
    await client.execute('CREATE TABLE add_col (id int PRIMARY KEY, a int)');
    await client.execute('INSERT INTO add_col (id, a) VALUES (1, 10)');
    const query = 'SELECT * FROM add_col WHERE id = ?';
    for (const rs of await onEveryHost(client, query, [1])) expect(columnNames(rs)).toEqual(['id', 'a']);

    await client.execute('ALTER TABLE add_col ADD b text');
    await client.execute("UPDATE add_col SET b = 'x' WHERE id = 1");
    const before = reprepares();
    for (const rs of await onEveryHost(client, query, [1])) {
      expect(columnNames(rs)).toEqual(['id', 'a', 'b']);
      expect(plainRows(rs)).toEqual([{ id: 1, a: 10, b: 'x' }]);
    }
    expect(reprepares() - before).toBe(client.hosts.length);
    // Prepared again everywhere: no more UNPREPARED.
    await onEveryHost(client, query, [1]);
    expect(reprepares() - before).toBe(client.hosts.length);
  });

  it('ALTER TABLE DROP: SELECT * loses the column, a statement naming it fails when prepared again', async () => {
    const { client } = target;
    await client.execute('CREATE TABLE drop_col (id int PRIMARY KEY, a int, b text)');
    await onEveryHost(client, 'INSERT INTO drop_col (id, a, b) VALUES (?, ?, ?)', [1, 1, 'one']);
    const select = 'SELECT * FROM drop_col WHERE id = ?';
    for (const rs of await onEveryHost(client, select, [1])) expect(columnNames(rs)).toEqual(['id', 'a', 'b']);

    await client.execute('ALTER TABLE drop_col DROP b');
    for (const rs of await onEveryHost(client, select, [1])) {
      expect(plainRows(rs)).toEqual([{ id: 1, a: 1 }]);
    }
    await expect(client.execute('INSERT INTO drop_col (id, a, b) VALUES (?, ?, ?)', [2, 2, 'two'], { prepare: true }))
      .rejects.toThrow();
  });

  it('ALTER TABLE RENAME: the renamed clustering column appears, statements naming the old one fail', async () => {
    const { client } = target;
    await client.execute('CREATE TABLE ren (k int, c int, v int, PRIMARY KEY (k, c))');
    await client.execute('INSERT INTO ren (k, c, v) VALUES (1, 2, 3)');
    const select = 'SELECT * FROM ren WHERE k = ?';
    const old = 'SELECT c FROM ren WHERE k = ?';
    for (const rs of await onEveryHost(client, select, [1])) expect(columnNames(rs)).toEqual(['k', 'c', 'v']);
    await onEveryHost(client, old, [1]);

    await client.execute('ALTER TABLE ren RENAME c TO d');
    for (const rs of await onEveryHost(client, select, [1])) {
      expect(columnNames(rs)).toEqual(['k', 'd', 'v']);
      expect(plainRows(rs)).toEqual([{ k: 1, d: 2, v: 3 }]);
    }
    await expect(client.execute(old, [1], { prepare: true })).rejects.toThrow();
  });

  it('DROP and CREATE with another shape: bind and result metadata are the new table\'s', async () => {
    const { client } = target;
    await client.execute('CREATE TABLE shape (id int PRIMARY KEY, v int)');
    const insert = 'INSERT INTO shape (id, v) VALUES (?, ?)';
    const select = 'SELECT * FROM shape WHERE id = ?';
    await onEveryHost(client, insert, [1, 5]);
    for (const rs of await onEveryHost(client, select, [1])) expect(plainRows(rs)).toEqual([{ id: 1, v: 5 }]);

    await client.execute('DROP TABLE shape');
    await client.execute('CREATE TABLE shape (id int PRIMARY KEY, v text, w int)');
    // The driver encodes values with the bind metadata it holds, so the first execution binds a value valid
    // for both shapes; its UNPREPARED brings the new metadata, with which a text binds where v was an int.
    await onEveryHost(client, insert, [2, null]);
    await onEveryHost(client, insert, [3, 'three']);
    for (const rs of await onEveryHost(client, select, [3])) {
      expect(columnNames(rs)).toEqual(['id', 'v', 'w']);
      expect(plainRows(rs)).toEqual([{ id: 3, v: 'three', w: null }]);
    }
  });

  it('ALTER TYPE: statements on a table with a UDT column are prepared again with the new fields', async () => {
    const { client } = target;
    await client.execute('CREATE TYPE addr (street text)');
    await client.execute('CREATE TABLE people (id int PRIMARY KEY, home frozen<addr>)');
    const insert = 'INSERT INTO people (id, home) VALUES (?, ?)';
    const select = 'SELECT home FROM people WHERE id = ?';
    await onEveryHost(client, insert, [1, { street: 'a' }]);
    await onEveryHost(client, select, [1]);

    await client.execute('ALTER TYPE addr ADD zip int');
    // The driver encodes the zip field only if it has the new UDT definition from a new PREPARE.
    await onEveryHost(client, insert, [2, { street: 'b', zip: 7 }]);
    for (const rs of await onEveryHost(client, select, [2])) expect(plainRows(rs)).toEqual([{ home: { street: 'b', zip: 7 } }]);
  });

  it('on the wire: EXECUTE of the old id is answered UNPREPARED with that id by every node', async () => {
    const { client, keyspace } = target;
    await client.execute('CREATE TABLE wire (id int PRIMARY KEY, a int)');
    const query = `SELECT * FROM ${keyspace}.wire WHERE id = 1`;
    const connections = await Promise.all([...client.hosts.values()].map((h) => openReadyConnection(h.address)));
    try {
      const ids: Buffer[] = [];
      for (const connection of connections) {
        connection.send(frame(Opcode.PREPARE, 1, prepareBody(query)));
        ids.push(preparedId((await connection.nextFrame()).body));
      }
      await client.execute(`ALTER TABLE ${keyspace}.wire ADD b int`);
      for (const [i, connection] of connections.entries()) {
        connection.send(frame(Opcode.EXECUTE, 2, executeBody(ids[i]!)));
        const reply = await connection.nextFrame();
        expect(reply.opcode).toBe(Opcode.ERROR);
        const error = parseError(reply.body);
        expect(error.code).toBe(ErrorCode.UNPREPARED);
        expect(error.details.subarray(2, 2 + ids[i]!.length)).toEqual(ids[i]);
        connection.send(frame(Opcode.PREPARE, 3, prepareBody(query)));
        expect(preparedId((await connection.nextFrame()).body)).toEqual(ids[i]);
        connection.send(frame(Opcode.EXECUTE, 4, executeBody(ids[i]!)));
        expect((await connection.nextFrame()).opcode).toBe(Opcode.RESULT);
      }
    } finally {
      for (const connection of connections) connection.close();
    }
  });

  it('keeps the statements of other tables and after changes that do not affect them', async () => {
    const { client, keyspace } = target;
    await client.execute('CREATE TABLE kept (id int PRIMARY KEY, a int)');
    await client.execute('CREATE TABLE bystander (id int PRIMARY KEY)');
    const query = `SELECT * FROM ${keyspace}.kept WHERE id = 1`;
    const [host] = [...client.hosts.values()];
    const connection = await openReadyConnection(host!.address);
    try {
      connection.send(frame(Opcode.PREPARE, 1, prepareBody(query)));
      const id = preparedId((await connection.nextFrame()).body);
      await client.execute(`ALTER TABLE ${keyspace}.kept WITH comment = 'still the same columns'`);
      await client.execute(`ALTER TABLE ${keyspace}.bystander ADD x int`);
      await client.execute(`DROP TABLE ${keyspace}.bystander`);
      connection.send(frame(Opcode.EXECUTE, 2, executeBody(id)));
      expect((await connection.nextFrame()).opcode).toBe(Opcode.RESULT);
    } finally {
      connection.close();
    }
  });
});
