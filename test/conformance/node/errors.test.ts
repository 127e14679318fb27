/**
 * Request errors as the Node driver receives them: protocol code, the stable part of Cassandra 4.1's
 * message, and code-specific fields. Bad bytes are bound as Buffers, which the driver sends untouched.
 * UNPREPARED is checked on the wire and shown to be transparent to the driver, which re-prepares.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeTarget, uniqueName } from '../support/node-client.js';
import { ErrorCodes, expectServerError, plainRows } from '../support/node-values.js';
import { ErrorCode, executeBody, frame, Opcode, openReadyConnection, parseError } from '../support/raw-cql-connection.js';

const target = useNodeTarget('errors');

beforeAll(async () => {
  await target.client.execute('CREATE TABLE kv (k int PRIMARY KEY, i int, t text, a ascii)');
  await target.client.execute('CREATE TABLE wide (k int, c int, v text, PRIMARY KEY (k, c))');
  await target.client.execute('CREATE TABLE by_text (k text PRIMARY KEY, v int)');
});

describe('syntax errors (0x2000)', () => {
  it('reports the line and column of an unknown keyword', async () => {
    const error = await expectServerError(target.client.execute('SELEC * FROM kv'), ErrorCodes.syntaxError, 'line 1:0');
    expect(error.message).toContain("no viable alternative at input 'SELEC'");
  });

  it('reports the position of a misspelt keyword in the middle of a statement', async () => {
    await expectServerError(target.client.execute('SELECT * FORM kv'), ErrorCodes.syntaxError, /^line 1:9\b/);
  });

  it('reports a syntax error when preparing', async () => {
    await expectServerError(
      target.client.execute('INSERT INTO kv (k) VALUE (1)', [], { prepare: true }),
      ErrorCodes.syntaxError,
      /^line 1:\d+/,
    );
  });

  it('counts lines in multi-line statements', async () => {
    await expectServerError(target.client.execute('SELECT *\nFROM kv\nWHERE WHERE'), ErrorCodes.syntaxError, /^line 3:\d+/);
  });
});

describe('unknown schema elements (0x2200)', () => {
  it('names a missing keyspace', async () => {
    const name = uniqueName('nowhere');
    await expectServerError(
      target.client.execute(`SELECT * FROM ${name}.kv`),
      ErrorCodes.invalid,
      `keyspace ${name} does not exist`,
    );
  });

  it('names a missing table, for simple and prepared statements', async () => {
    await expectServerError(target.client.execute('SELECT * FROM nope'), ErrorCodes.invalid, 'table nope does not exist');
    await expectServerError(
      target.client.execute('INSERT INTO nope (k) VALUES (?)', [1], { prepare: true }),
      ErrorCodes.invalid,
      'table nope does not exist',
    );
  });

  it('names a missing column in the selection, the WHERE clause and an INSERT', async () => {
    await expectServerError(target.client.execute('SELECT nope FROM kv'), ErrorCodes.invalid, 'Undefined column name nope');
    await expectServerError(
      target.client.execute('SELECT * FROM kv WHERE nope = 1'),
      ErrorCodes.invalid,
      'Undefined column name nope',
    );
    await expectServerError(
      target.client.execute('INSERT INTO kv (k, nope) VALUES (1, 2)'),
      ErrorCodes.invalid,
      'Undefined column name nope',
    );
  });

  it('asks for a keyspace when none is selected', async () => {
    const bare = await target.newClient();
    await expectServerError(
      bare.execute('SELECT * FROM kv'),
      ErrorCodes.invalid,
      'No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename',
    );
    await expectServerError(
      bare.execute('SELECT * FROM kv WHERE k = ?', [1], { prepare: true }),
      ErrorCodes.invalid,
      'No keyspace has been specified',
    );
  });
});

describe('invalid statements (0x2200)', () => {
  it('rejects writes that leave out part of the primary key', async () => {
    await expectServerError(
      target.client.execute("INSERT INTO kv (i) VALUES (1)"),
      ErrorCodes.invalid,
      'Some partition key parts are missing: k',
    );
    await expectServerError(
      target.client.execute("INSERT INTO wide (k, v) VALUES (1, 'x')"),
      ErrorCodes.invalid,
      'Some clustering keys are missing: c',
    );
  });

  it('rejects UPDATE and DELETE that do not name whole partition keys, before any filtering check', async () => {
    await expectServerError(
      target.client.execute('DELETE FROM wide WHERE c = 1'),
      ErrorCodes.invalid,
      'Some partition key parts are missing: k',
    );
    await expectServerError(
      target.client.execute("UPDATE wide SET v = 'x' WHERE c = 1"),
      ErrorCodes.invalid,
      'Some partition key parts are missing: k',
    );
    await expectServerError(
      target.client.execute("UPDATE wide SET v = 'x' WHERE k = 1 AND c = 1 AND v = 'y'"),
      ErrorCodes.invalid,
      'Non PRIMARY KEY columns found in where clause: v',
    );
    await expectServerError(
      target.client.execute('DELETE FROM wide WHERE token(k) > 0'),
      ErrorCodes.invalid,
      'The token function cannot be used in WHERE clauses for DELETE statements',
    );
  });

  it('rejects assigning a primary key column in UPDATE', async () => {
    await expectServerError(
      target.client.execute('UPDATE kv SET k = 2 WHERE k = 1'),
      ErrorCodes.invalid,
      'PRIMARY KEY part k found in SET part',
    );
  });

  it('rejects an empty partition key', async () => {
    await expectServerError(
      target.client.execute("INSERT INTO by_text (k, v) VALUES ('', 1)"),
      ErrorCodes.invalid,
      'Key may not be empty',
    );
  });
});

describe('bound values (0x2200)', () => {
  it('rejects a wrong number of values for a simple statement', async () => {
    await expectServerError(
      target.client.execute('SELECT * FROM kv WHERE k = ?', [1, 2], { hints: ['int', 'int'] }),
      ErrorCodes.invalid,
      'Invalid amount of bind variables',
    );
    await expectServerError(
      target.client.execute('INSERT INTO kv (k, i) VALUES (?, ?)', [1], { hints: ['int'] }),
      ErrorCodes.invalid,
      'Invalid amount of bind variables',
    );
  });

  it('rejects a value of the wrong size for its type', async () => {
    const threeBytes = Buffer.from([0, 0, 1]);
    await expectServerError(
      target.client.execute('INSERT INTO kv (k, i) VALUES (?, ?)', [1, threeBytes], { prepare: true }),
      ErrorCodes.invalid,
      'Expected 4 or 0 byte int (3)',
    );
    await expectServerError(
      target.client.execute('INSERT INTO kv (k, i) VALUES (1, ?)', [threeBytes]),
      ErrorCodes.invalid,
      'Expected 4 or 0 byte int (3)',
    );
    await expectServerError(
      target.client.execute('SELECT * FROM kv WHERE k = ?', [Buffer.alloc(8)], { prepare: true }),
      ErrorCodes.invalid,
      'Expected 4 or 0 byte int (8)',
    );
  });

  it('rejects invalid UTF-8 for text and non-ASCII bytes for ascii', async () => {
    const invalidUtf8 = Buffer.from([0x61, 0xc3, 0x28]);
    await expectServerError(
      target.client.execute('INSERT INTO kv (k, t) VALUES (?, ?)', [1, invalidUtf8], { prepare: true }),
      ErrorCodes.invalid,
      "String didn't validate.",
    );
    await expectServerError(
      target.client.execute('INSERT INTO kv (k, a) VALUES (?, ?)', [1, Buffer.from([0x41, 0x80])], { prepare: true }),
      ErrorCodes.invalid,
      'Invalid byte for ascii: -128',
    );
    expect(plainRows(await target.client.execute('SELECT * FROM kv WHERE k = 1'))).toEqual([]);
  });

  it('rejects an unset partition key value', async () => {
    await expectServerError(
      target.client.execute('SELECT * FROM kv WHERE k = ?', [undefined], { prepare: true }),
      ErrorCodes.invalid,
      'Invalid unset value for column k',
    );
  });
});

describe('prepared statements the server does not know (0x2500)', () => {
  it('answers EXECUTE of an unknown id with UNPREPARED carrying that id', async () => {
    const connection = await openReadyConnection(target.contactPoints[0]!);
    try {
      const id = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
      connection.send(frame(Opcode.EXECUTE, 5, executeBody(id)));
      const reply = await connection.nextFrame();
      expect([reply.opcode, reply.stream]).toEqual([Opcode.ERROR, 5]);
      const error = parseError(reply.body);
      expect(error.code).toBe(ErrorCode.UNPREPARED);
      expect(error.message).toContain('Prepared query with ID 00112233445566778899aabbccddeeff not found');
      expect(error.details.readUInt16BE(0)).toBe(16);
      expect(error.details.subarray(2, 18)).toEqual(id);
    } finally {
      connection.close();
    }
  });

  it('is transparent to the driver, which re-prepares after the table is dropped and re-created', async () => {
    await target.client.execute('CREATE TABLE recycled (k int PRIMARY KEY, v text)');
    await target.client.execute("INSERT INTO recycled (k, v) VALUES (1, 'before')");
    const query = 'SELECT v FROM recycled WHERE k = ?';
    expect(plainRows(await target.client.execute(query, [1], { prepare: true }))).toEqual([{ v: 'before' }]);

    await target.client.execute('DROP TABLE recycled');
    await target.client.execute('CREATE TABLE recycled (k int PRIMARY KEY, v text)');
    await target.client.execute("INSERT INTO recycled (k, v) VALUES (1, 'after')");
    expect(plainRows(await target.client.execute(query, [1], { prepare: true }))).toEqual([{ v: 'after' }]);
  });
});
