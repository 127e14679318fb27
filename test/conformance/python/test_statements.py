"""Prepared statements (bound by position and by name), simple statements and batches, on v4 and v5."""
import unittest

from cassandra.query import UNSET_VALUE, BatchStatement, BatchType, SimpleStatement

from cassanova_support import KeyspaceFixture, main


class StatementTests(KeyspaceFixture):
    keyspace_prefix = 'py_stmt'
    schema = (
        'CREATE TABLE {ks}.kv (k int, c text, v bigint, note text, PRIMARY KEY (k, c))',
        'CREATE TABLE {ks}.counters (k int PRIMARY KEY, n counter)',
    )

    def select_row(self, k, c):
        return self.session.execute('SELECT c, v, note FROM %s.kv WHERE k = %%s AND c = %%s' % self.ks, (k, c)).one()

    def test_prepared_metadata(self):
        insert = self.session.prepare('INSERT INTO %s.kv (k, c, v, note) VALUES (?, ?, ?, ?)' % self.ks)
        self.assertEqual([m.name for m in insert.column_metadata], ['k', 'c', 'v', 'note'])
        self.assertEqual(insert.routing_key_indexes, [0])
        select = self.session.prepare('SELECT note, v FROM %s.kv WHERE k = ? AND c = ?' % self.ks)
        self.assertEqual([m[2] for m in select.result_metadata], ['note', 'v'])
        self.assertEqual(select.routing_key_indexes, [0])

    def test_bound_by_position(self):
        insert = self.session.prepare('INSERT INTO %s.kv (k, c, v, note) VALUES (?, ?, ?, ?)' % self.ks)
        self.session.execute(insert, (1, 'a', 10, 'first'))
        self.session.execute(insert.bind((1, 'b', -(2 ** 63), None)))
        select = self.session.prepare('SELECT c, v, note FROM %s.kv WHERE k = ? AND c = ?' % self.ks)
        row = self.session.execute(select, (1, 'a')).one()
        self.assertEqual((row.c, row.v, row.note), ('a', 10, 'first'))
        row = self.session.execute(select, (1, 'b')).one()
        self.assertEqual((row.c, row.v, row.note), ('b', -(2 ** 63), None))
        self.assertIsNone(self.session.execute(select, (1, 'zz')).one())

    def test_bound_by_name(self):
        insert = self.session.prepare('INSERT INTO %s.kv (k, c, v, note) VALUES (?, ?, ?, ?)' % self.ks)
        self.session.execute(insert, {'note': 'by column name', 'v': 20, 'c': 'a', 'k': 2})
        named = self.session.prepare('INSERT INTO %s.kv (k, c, v, note) VALUES (:key, :col, :val, :txt)' % self.ks)
        self.assertEqual([m.name for m in named.column_metadata], ['key', 'col', 'val', 'txt'])
        self.session.execute(named, {'txt': 'by marker name', 'val': 21, 'col': 'b', 'key': 2})
        select = self.session.prepare('SELECT c, v, note FROM %s.kv WHERE k = :key AND c = :col' % self.ks)
        self.assertEqual(self.session.execute(select, {'col': 'a', 'key': 2}).one().note, 'by column name')
        self.assertEqual(self.session.execute(select, {'key': 2, 'col': 'b'}).one().v, 21)

    def test_unset_value_keeps_the_stored_cell(self):
        insert = self.session.prepare('INSERT INTO %s.kv (k, c, v, note) VALUES (?, ?, ?, ?)' % self.ks)
        self.session.execute(insert, (3, 'a', 1, 'kept'))
        self.session.execute(insert, (3, 'a', 2, UNSET_VALUE))
        row = self.select_row(3, 'a')
        self.assertEqual((row.v, row.note), (2, 'kept'))

    def test_clustering_range_and_order(self):
        insert = self.session.prepare('INSERT INTO %s.kv (k, c, v) VALUES (?, ?, ?)' % self.ks)
        for i, c in enumerate(['d', 'a', 'c', 'b', 'e']):
            self.session.execute(insert, (4, c, i))
        select = self.session.prepare('SELECT c FROM %s.kv WHERE k = ? AND c >= ? AND c < ?' % self.ks)
        self.assertEqual([r.c for r in self.session.execute(select, (4, 'b', 'e'))], ['b', 'c', 'd'])
        reverse = 'SELECT c FROM %s.kv WHERE k = 4 ORDER BY c DESC LIMIT 2' % self.ks
        self.assertEqual([r.c for r in self.session.execute(reverse)], ['e', 'd'])
        in_list = self.session.prepare('SELECT c FROM %s.kv WHERE k IN ? AND c = ?' % self.ks)
        self.assertEqual([r.c for r in self.session.execute(in_list, ([4, 99], 'a'))], ['a'])

    def test_simple_statement_with_client_side_values(self):
        self.session.execute(
            SimpleStatement("INSERT INTO %s.kv (k, c, v, note) VALUES (%%s, %%s, %%s, %%s)" % self.ks),
            (5, "it's", 7, 'quote \' inside'))
        row = self.select_row(5, "it's")
        self.assertEqual((row.v, row.note), (7, "quote ' inside"))

    def test_logged_batch_of_prepared_and_simple_statements(self):
        insert = self.session.prepare('INSERT INTO %s.kv (k, c, v) VALUES (?, ?, ?)' % self.ks)
        batch = BatchStatement()
        batch.add(insert, (6, 'a', 1))
        batch.add(insert, (6, 'b', 2))
        batch.add(SimpleStatement('INSERT INTO %s.kv (k, c, v) VALUES (%%s, %%s, %%s)' % self.ks), (6, 'c', 3))
        batch.add("UPDATE %s.kv SET note = 'batched' WHERE k = 6 AND c = 'a'" % self.ks)
        self.session.execute(batch)
        rows = self.session.execute('SELECT c, v, note FROM %s.kv WHERE k = 6' % self.ks)
        self.assertEqual([(r.c, r.v, r.note) for r in rows], [('a', 1, 'batched'), ('b', 2, None), ('c', 3, None)])

    def test_unlogged_batch_across_partitions(self):
        insert = self.session.prepare('INSERT INTO %s.kv (k, c, v) VALUES (?, ?, ?)' % self.ks)
        batch = BatchStatement(batch_type=BatchType.UNLOGGED)
        for k in range(100, 110):
            batch.add(insert, (k, 'x', k))
        self.session.execute(batch)
        select = self.session.prepare('SELECT v FROM %s.kv WHERE k = ? AND c = ?' % self.ks)
        self.assertEqual([self.session.execute(select, (k, 'x')).one().v for k in range(100, 110)],
                         list(range(100, 110)))

    def test_counter_batch(self):
        update = self.session.prepare('UPDATE %s.counters SET n = n + ? WHERE k = ?' % self.ks)
        batch = BatchStatement(batch_type=BatchType.COUNTER)
        batch.add(update, (5, 1))
        batch.add(update, (7, 1))
        batch.add(update, (-1, 2))
        self.session.execute(batch)
        rows = {r.k: r.n for r in self.session.execute('SELECT k, n FROM %s.counters' % self.ks)}
        self.assertEqual(rows, {1: 12, 2: -1})

    def test_session_connected_to_a_keyspace(self):
        scoped = self.cluster.connect(self.ks)
        try:
            scoped.execute("INSERT INTO kv (k, c, v) VALUES (8, 'a', 80)")
            select = scoped.prepare('SELECT v FROM kv WHERE k = ? AND c = ?')
            self.assertEqual(scoped.execute(select, (8, 'a')).one().v, 80)
            self.assertEqual(self.select_row(8, 'a').v, 80)
        finally:
            scoped.shutdown()

    def test_ttl_and_writetime(self):
        self.session.execute(
            "INSERT INTO %s.kv (k, c, note) VALUES (10, 'a', 'expiring') USING TTL 1000 AND TIMESTAMP 123456" % self.ks)
        row = self.session.execute("SELECT TTL(note), WRITETIME(note) FROM %s.kv WHERE k = 10 AND c = 'a'" % self.ks).one()
        self.assertTrue(990 <= row[0] <= 1000, row[0])
        self.assertEqual(row[1], 123456)

    def test_older_write_timestamps_lose(self):
        write = "INSERT INTO %s.kv (k, c, note) VALUES (11, 'a', %%s) USING TIMESTAMP %%s" % self.ks
        self.session.execute(write, ('newer', 2000))
        self.session.execute(write, ('older', 1000))
        self.session.execute("DELETE FROM %s.kv USING TIMESTAMP 1500 WHERE k = 11 AND c = 'a'" % self.ks)
        self.assertEqual(self.select_row(11, 'a').note, 'newer')


class StatementsV4Test(StatementTests, unittest.TestCase):
    protocol_version = 4


class StatementsV5Test(StatementTests, unittest.TestCase):
    protocol_version = 5

    def test_statement_keyspace_without_use(self):
        # v5 carries the keyspace in QUERY, PREPARE and BATCH instead of a USE on the connection.
        self.session.execute(SimpleStatement("INSERT INTO kv (k, c, v) VALUES (12, 'a', 1)", keyspace=self.ks))
        select = self.session.prepare('SELECT v FROM kv WHERE k = ? AND c = ?', keyspace=self.ks)
        self.assertEqual(self.session.execute(select, (12, 'a')).one().v, 1)
        batch = BatchStatement()
        batch.keyspace = self.ks  # BatchStatement takes no keyspace argument; the driver sends this attribute
        batch.add(SimpleStatement("INSERT INTO kv (k, c, v) VALUES (12, 'b', 2)", keyspace=self.ks))
        self.session.execute(batch)
        self.assertEqual(self.session.execute(select, (12, 'b')).one().v, 2)

    def test_result_metadata_id_follows_alter_table(self):
        # v5 sends the result metadata id with EXECUTE; after ALTER the server answers Metadata_changed.
        self.session.execute('CREATE TABLE %s.evolving (k int PRIMARY KEY, a int)' % self.ks)
        self.session.execute('INSERT INTO %s.evolving (k, a) VALUES (1, 1)' % self.ks)
        select = self.session.prepare('SELECT * FROM %s.evolving WHERE k = ?' % self.ks)
        self.assertEqual(list(self.session.execute(select, (1,)).one()._fields), ['k', 'a'])
        self.session.execute('ALTER TABLE %s.evolving ADD b text' % self.ks)
        self.session.execute("UPDATE %s.evolving SET b = 'new' WHERE k = 1" % self.ks)
        row = self.session.execute(select, (1,)).one()
        self.assertEqual(list(row._fields), ['k', 'a', 'b'])
        self.assertEqual(row.b, 'new')


if __name__ == '__main__':
    main()
