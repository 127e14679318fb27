"""Prepared statements after schema changes, on v4 and v5.

The Python driver asks to skip result metadata on every EXECUTE (it holds the PREPARED metadata), so a
server that kept answering with the metadata of the old table would make it decode rows with the wrong
columns. Cassandra 4.1 drops the prepared statements a schema change affects: the driver gets UNPREPARED,
prepares again (taking the new result metadata, and on v5 its new id) and retries. On v5 the retried
EXECUTE still carries the old result metadata id, so the rows come with Metadata_changed.
"""
import unittest

from cassandra import InvalidRequest

from cassanova_support import KeyspaceFixture, main


class PreparedSchemaChanges(object):
    keyspace_prefix = 'py_prep_schema'

    def run_ddl(self, statement):
        self.session.execute(statement.format(ks=self.ks))

    def test_alter_add_column(self):
        self.run_ddl('CREATE TABLE {ks}.added (k int PRIMARY KEY, a int)')
        self.run_ddl('INSERT INTO {ks}.added (k, a) VALUES (1, 10)')
        select = self.session.prepare('SELECT * FROM %s.added WHERE k = ?' % self.ks)
        first_id = select.result_metadata_id
        self.assertEqual(list(self.session.execute(select, (1,)).one()._fields), ['k', 'a'])

        self.run_ddl('ALTER TABLE {ks}.added ADD b text')
        self.run_ddl("UPDATE {ks}.added SET b = 'new' WHERE k = 1")
        for _ in range(2):  # the retry after UNPREPARED, then a plain execution with the new metadata
            row = self.session.execute(select, (1,)).one()
            self.assertEqual(list(row._fields), ['k', 'a', 'b'])
            self.assertEqual((row.k, row.a, row.b), (1, 10, 'new'))
        self.assertEqual([c[2] for c in select.result_metadata], ['k', 'a', 'b'])
        if self.protocol_version >= 5:
            self.assertNotEqual(select.result_metadata_id, first_id)
        else:
            self.assertIsNone(select.result_metadata_id)

    def test_alter_drop_column(self):
        self.run_ddl('CREATE TABLE {ks}.dropped (k int PRIMARY KEY, a int, b text)')
        self.run_ddl("INSERT INTO {ks}.dropped (k, a, b) VALUES (1, 1, 'one')")
        select = self.session.prepare('SELECT * FROM %s.dropped WHERE k = ?' % self.ks)
        insert = self.session.prepare('INSERT INTO %s.dropped (k, a, b) VALUES (?, ?, ?)' % self.ks)
        self.assertEqual(list(self.session.execute(select, (1,)).one()._fields), ['k', 'a', 'b'])

        self.run_ddl('ALTER TABLE {ks}.dropped DROP b')
        row = self.session.execute(select, (1,)).one()
        self.assertEqual(list(row._fields), ['k', 'a'])
        self.assertEqual((row.k, row.a), (1, 1))
        # Prepared again after UNPREPARED, the statement names a column that is gone.
        with self.assertRaises(InvalidRequest):
            self.session.execute(insert, (2, 2, 'two'))

    def test_alter_rename_column(self):
        self.run_ddl('CREATE TABLE {ks}.renamed (k int, c int, v int, PRIMARY KEY (k, c))')
        self.run_ddl('INSERT INTO {ks}.renamed (k, c, v) VALUES (1, 2, 3)')
        select = self.session.prepare('SELECT * FROM %s.renamed WHERE k = ?' % self.ks)
        self.assertEqual(list(self.session.execute(select, (1,)).one()._fields), ['k', 'c', 'v'])

        self.run_ddl('ALTER TABLE {ks}.renamed RENAME c TO d')
        row = self.session.execute(select, (1,)).one()
        self.assertEqual(list(row._fields), ['k', 'd', 'v'])
        self.assertEqual((row.k, row.d, row.v), (1, 2, 3))

    def test_drop_and_create_with_another_shape(self):
        self.run_ddl('CREATE TABLE {ks}.reshaped (k int PRIMARY KEY, v int)')
        self.run_ddl('INSERT INTO {ks}.reshaped (k, v) VALUES (1, 5)')
        select = self.session.prepare('SELECT * FROM %s.reshaped WHERE k = ?' % self.ks)
        self.assertEqual(tuple(self.session.execute(select, (1,)).one()), (1, 5))

        self.run_ddl('DROP TABLE {ks}.reshaped')
        self.run_ddl('CREATE TABLE {ks}.reshaped (k int PRIMARY KEY, v text, w int)')
        self.run_ddl("INSERT INTO {ks}.reshaped (k, v, w) VALUES (1, 'five', 6)")
        # Decoded with the old metadata, the text would be read as an int.
        row = self.session.execute(select, (1,)).one()
        self.assertEqual(list(row._fields), ['k', 'v', 'w'])
        self.assertEqual(tuple(row), (1, 'five', 6))
        insert = self.session.prepare('INSERT INTO %s.reshaped (k, v, w) VALUES (?, ?, ?)' % self.ks)
        self.session.execute(insert, (2, 'two', 2))
        self.assertEqual(tuple(self.session.execute(select, (2,)).one()), (2, 'two', 2))

    def test_alter_type_of_a_column(self):
        self.run_ddl('CREATE TYPE {ks}.addr (street text)')
        self.run_ddl('CREATE TABLE {ks}.people (k int PRIMARY KEY, home frozen<addr>)')
        self.run_ddl("INSERT INTO {ks}.people (k, home) VALUES (1, {{street: 'a'}})")
        select = self.session.prepare('SELECT home FROM %s.people WHERE k = ?' % self.ks)
        self.assertEqual(self.session.execute(select, (1,)).one().home.street, 'a')

        self.run_ddl('ALTER TYPE {ks}.addr ADD zip int')
        self.run_ddl("INSERT INTO {ks}.people (k, home) VALUES (2, {{street: 'b', zip: 7}})")
        home = self.session.execute(select, (2,)).one().home
        self.assertEqual((home.street, home.zip), ('b', 7))


class PreparedSchemaChangesV4(PreparedSchemaChanges, KeyspaceFixture, unittest.TestCase):
    protocol_version = 4


class PreparedSchemaChangesV5(PreparedSchemaChanges, KeyspaceFixture, unittest.TestCase):
    protocol_version = 5


if __name__ == '__main__':
    main()
