/**
 * Keys and indexed values over 64 KiB, as Cassandra 4.1's InsertTest, UpdateTest, DeleteTest, SelectTest
 * (testOverlyLarge…) and SecondaryIndexTest (…Over64k) check them: a partition key or a clustering value
 * over 65535 bytes is refused in writes, a partition key in reads (a clustering value there only finds
 * nothing), and a value a built-in index would store or look up from 64 KiB on.
 */
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/index.js';
import { useCqlTester, row } from './testing/cql-tester.js';

const tester = useCqlTester();
const { execute, rows, createTable, assertInvalidMessage, assertErrorClass } = tester;
/** CQLTester.TOO_BIG: MAX_UNSIGNED_SHORT + 1024 bytes. */
const TOO_BIG = 65535 + 1024;
const bigText = '\0'.repeat(TOO_BIG);
const bigBlob = Buffer.alloc(TOO_BIG);
const keyTooLong = (n: number) => `Key length of ${n} is longer than maximum of 65535`;

describe('partition and clustering keys over 64 KiB in writes (testOverlyLargeInsertPK/CK, Update, Delete)', () => {
  it('refuses an INSERT, UPDATE or DELETE naming such a partition key', async () => {
    await createTable('(a text, b text, c text, PRIMARY KEY ((a), b))');
    await assertInvalidMessage(keyTooLong(TOO_BIG), "INSERT INTO %s (a, b) VALUES (?, 'foo')", bigText);
    await assertInvalidMessage(keyTooLong(TOO_BIG), "UPDATE %s SET c = 'x' WHERE a = ? AND b = 'foo'", bigText);
    await assertInvalidMessage(keyTooLong(TOO_BIG), 'DELETE FROM %s WHERE a = ?', bigText);
    await assertInvalidMessage(keyTooLong(TOO_BIG), "INSERT INTO %s (a, b) VALUES (?, 'foo') IF NOT EXISTS", bigText);
  });

  it('refuses such a clustering value, naming the size of the whole clustering', async () => {
    await createTable('(a text, b text, c text, PRIMARY KEY ((a), b))');
    await assertInvalidMessage(keyTooLong(TOO_BIG), "INSERT INTO %s (a, b) VALUES ('foo', ?)", bigText);
    await assertInvalidMessage(keyTooLong(TOO_BIG), "UPDATE %s SET c = 'x' WHERE a = 'foo' AND b = ?", bigText);
    await assertInvalidMessage(keyTooLong(TOO_BIG), "DELETE FROM %s WHERE a = 'foo' AND b = ?", bigText);
    await assertInvalidMessage(keyTooLong(TOO_BIG), "INSERT INTO %s (a, b) VALUES ('foo', ?) IF NOT EXISTS", bigText);
    await createTable('(a int, b blob, c blob, PRIMARY KEY (a, b, c))');
    await assertInvalidMessage(keyTooLong(10 + 65536), 'INSERT INTO %s (a, b, c) VALUES (0, ?, ?)', Buffer.alloc(10), Buffer.alloc(65536));
  });

  it('counts a compound partition key as its composite serialization', async () => {
    await createTable('(a text, b text, c text, d text, PRIMARY KEY ((a, b, c), d))');
    // Each component is written with a two-byte length and an end-of-component byte.
    await assertInvalidMessage(keyTooLong(6 + 6 + 3 + TOO_BIG), "INSERT INTO %s (a, b, c, d) VALUES ('foo', 'bar', ?, 'x')", bigText);
  });

  it('accepts values of exactly 65535 bytes', async () => {
    await createTable('(a blob, b blob, v int, PRIMARY KEY (a, b))');
    await execute('INSERT INTO %s (a, b, v) VALUES (?, ?, 1)', Buffer.alloc(65535, 1), Buffer.alloc(65535, 2));
    expect(await rows('SELECT v FROM %s WHERE a = ? AND b = ?', Buffer.alloc(65535, 1), Buffer.alloc(65535, 2))).toEqual([row(1)]);
  });

  it('refuses such a key inside a BATCH as in the statement alone', async () => {
    await createTable('(a text, b text, PRIMARY KEY (a, b))');
    await assertInvalidMessage(keyTooLong(TOO_BIG), "BEGIN BATCH INSERT INTO %s (a, b) VALUES (?, 'x'); APPLY BATCH", bigText);
  });
});

describe('keys over 64 KiB in SELECT (testOverlyLargeSelectPK/CK/KeyIn, testPKQueryWithValueOver64K, testCKQueryWithValueOver64K)', () => {
  it('refuses such a partition key, alone or in IN', async () => {
    await createTable('(a text, b text, PRIMARY KEY ((a), b))');
    await assertErrorClass(InvalidRequestError, 'SELECT * FROM %s WHERE a = ?', bigText);
    await assertInvalidMessage(keyTooLong(TOO_BIG), 'SELECT * FROM %s WHERE a = ?', bigText);
    await createTable('(a text, b text, c text, d text, PRIMARY KEY ((a, b, c), d))');
    await assertInvalidMessage(keyTooLong(6 + 6 + 3 + TOO_BIG), "SELECT * FROM %s WHERE a = 'foo' AND b = 'bar' AND c IN (?, ?)", bigText, bigText);
  });

  it('refuses an empty partition key, as writes do (getSliceCommands validates each key)', async () => {
    await createTable('(a text, b text, PRIMARY KEY (a, b))');
    await assertInvalidMessage('Key may not be empty', "SELECT * FROM %s WHERE a = ''");
    await assertInvalidMessage('Key may not be empty', "SELECT * FROM %s WHERE a IN ('x', '')");
    await assertInvalidMessage('Key may not be empty', "INSERT INTO %s (a, b) VALUES ('', 'b')");
  });

  it('finds nothing for such a clustering value', async () => {
    await createTable('(a text, b text, PRIMARY KEY (a, b))');
    expect(await rows("SELECT * FROM %s WHERE a = 'foo' AND b = ?", bigText)).toEqual([]);
  });
});

describe('indexed values over 64 KiB (SecondaryIndexTest …Over64k)', () => {
  it('refuses a regular column value an index would store, singly, conditionally and in batches', async () => {
    await createTable('(a int, b int, c blob, PRIMARY KEY (a))');
    await execute('CREATE INDEX c_index ON %s (c)');
    const message = `Cannot index value of size ${TOO_BIG} for index c_index on ks.${tester.cql.table}(c) (maximum allowed size=65535)`;
    await assertInvalidMessage(message, 'INSERT INTO %s (a, b, c) VALUES (0, 0, ?)', bigBlob);
    await assertInvalidMessage(message, 'INSERT INTO %s (a, b, c) VALUES (0, 0, ?) IF NOT EXISTS', bigBlob);
    await assertInvalidMessage(message, 'BEGIN BATCH\nINSERT INTO %s (a, b, c) VALUES (0, 0, ?);\nAPPLY BATCH', bigBlob);
    await assertInvalidMessage(message, 'BEGIN BATCH\nINSERT INTO %s (a, b, c) VALUES (0, 0, ?) IF NOT EXISTS;\nAPPLY BATCH', bigBlob);
    // The limit is inclusive (validateIndexedValue refuses from MAX_UNSIGNED_SHORT on).
    await assertInvalidMessage('Cannot index value of size 65535', 'INSERT INTO %s (a, c) VALUES (0, ?)', Buffer.alloc(65535));
    await execute('INSERT INTO %s (a, c) VALUES (0, ?)', Buffer.alloc(65534));
    expect(await rows('SELECT a FROM %s WHERE a = 0')).toEqual([row(0)]);
  });

  it('refuses a frozen collection whose full() index entry is too big', async () => {
    await createTable('(a int, b frozen<map<int, blob>>, PRIMARY KEY (a))');
    await execute('CREATE INDEX ON %s (full(b))');
    await assertInvalidMessage('Cannot index value of size', 'INSERT INTO %s (a, b) VALUES (0, ?)', new Map([[0, Buffer.alloc(65 * 1024)]]));
  });

  it('refuses a collection element a values() index would store', async () => {
    await createTable('(a int PRIMARY KEY, l list<blob>, s set<blob>)');
    await execute('CREATE INDEX ON %s (l)');
    await execute('CREATE INDEX ON %s (s)');
    await assertInvalidMessage(`Cannot index value of size ${TOO_BIG}`, 'UPDATE %s SET l = l + ? WHERE a = 0', [bigBlob]);
    await assertInvalidMessage(`Cannot index value of size ${TOO_BIG}`, 'UPDATE %s SET s = s + ? WHERE a = 0', [bigBlob]);
  });

  it('accepts such values in indexed key columns (testIndexOnPartitionKey/ClusteringColumnInsertValueOver64k)', async () => {
    await createTable('(a int, b int, c blob, PRIMARY KEY ((a, b)))');
    await execute('CREATE INDEX ON %s (a)');
    await execute('INSERT INTO %s (a, b, c) VALUES (0, 0, ?)', bigBlob);
    await execute('INSERT INTO %s (a, b, c) VALUES (0, 0, ?) IF NOT EXISTS', bigBlob);
    await execute('BEGIN BATCH\nINSERT INTO %s (a, b, c) VALUES (0, 0, ?);\nAPPLY BATCH', bigBlob);
    await createTable('(a int, b int, c blob, PRIMARY KEY (a, b))');
    await execute('CREATE INDEX ON %s (b)');
    await execute('INSERT INTO %s (a, b, c) VALUES (0, 0, ?)', bigBlob);
  });

  it('refuses such a value to look up in an index, and filters on it once the index is dropped (testIndexQueryWithValueOver64K)', async () => {
    await createTable('(a int, b int, c blob, PRIMARY KEY (a, b))');
    await execute('CREATE INDEX c_lookup ON %s (c)');
    await execute('INSERT INTO %s (a, b, c) VALUES (?, ?, ?)', 0, 0, Buffer.from([1]));
    await execute('INSERT INTO %s (a, b, c) VALUES (?, ?, ?)', 0, 1, Buffer.from([2]));
    await assertInvalidMessage('Index expression values may not be larger than 64K', 'SELECT * FROM %s WHERE c = ?  ALLOW FILTERING', bigBlob);
    await execute('DROP INDEX ks.c_lookup');
    expect(await rows('SELECT * FROM %s WHERE c = ?  ALLOW FILTERING', bigBlob)).toEqual([]);
  });
});
