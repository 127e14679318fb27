"""Request errors reach the Python driver as the right exception classes, with Cassandra's messages."""
import unittest

from cassandra import AlreadyExists, InvalidRequest
from cassandra.protocol import SyntaxException

from cassanova_support import KeyspaceFixture, main


class ErrorTests(KeyspaceFixture):
    keyspace_prefix = 'py_errors'
    schema = ('CREATE TABLE {ks}.present (k int PRIMARY KEY, v text)',)

    def tearDown(self):
        # An error answers one request; the connection that carried it must stay usable.
        self.assertEqual(self.session.execute('SELECT key FROM system.local').one().key, 'local')

    def test_unknown_table(self):
        with self.assertRaises(InvalidRequest) as raised:
            self.session.execute('SELECT * FROM %s.nosuch' % self.ks)
        self.assertIn('code=2200', str(raised.exception))
        self.assertIn('table nosuch does not exist', str(raised.exception))

    def test_unknown_table_when_preparing(self):
        with self.assertRaises(InvalidRequest) as raised:
            self.session.prepare('INSERT INTO %s.nosuch (k) VALUES (?)' % self.ks)
        self.assertIn('table nosuch does not exist', str(raised.exception))

    def test_unknown_keyspace(self):
        with self.assertRaises(InvalidRequest) as raised:
            self.session.execute('SELECT * FROM nosuch_keyspace.present')
        self.assertIn('keyspace nosuch_keyspace does not exist', str(raised.exception))

    def test_unknown_column(self):
        with self.assertRaises(InvalidRequest) as raised:
            self.session.execute('SELECT nope FROM %s.present' % self.ks)
        self.assertIn('Undefined column name nope', str(raised.exception))

    def test_syntax_error(self):
        with self.assertRaises(SyntaxException) as raised:
            self.session.execute('SELEC * FROM %s.present' % self.ks)
        self.assertEqual(raised.exception.code, 0x2000)
        self.assertRegex(raised.exception.message, r'^line 1:\d+ ')

    def test_table_already_exists(self):
        with self.assertRaises(AlreadyExists) as raised:
            self.session.execute('CREATE TABLE %s.present (k int PRIMARY KEY)' % self.ks)
        self.assertEqual((raised.exception.keyspace, raised.exception.table), (self.ks, 'present'))
        self.session.execute('CREATE TABLE IF NOT EXISTS %s.present (k int PRIMARY KEY)' % self.ks)

    def test_keyspace_already_exists(self):
        with self.assertRaises(AlreadyExists) as raised:
            self.session.execute(
                "CREATE KEYSPACE %s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}" % self.ks)
        self.assertEqual((raised.exception.keyspace, raised.exception.table), (self.ks, ''))


class ErrorsV4Test(ErrorTests, unittest.TestCase):
    protocol_version = 4


class ErrorsV5Test(ErrorTests, unittest.TestCase):
    protocol_version = 5


if __name__ == '__main__':
    main()
