"""Conditions on static rows and unset values, and list reads at ANY, as the Python driver reports them.

The Python driver checks that a conditional statement answers exactly one row before it reads
`was_applied`, and it can send ANY with a single statement (the Node driver turns ANY into ONE there).
"""
import unittest

from cassandra import ConsistencyLevel, InvalidRequest
from cassandra.query import UNSET_VALUE, SimpleStatement

from cassanova_support import KeyspaceFixture, main


class LwtConditionTests(KeyspaceFixture):
    keyspace_prefix = 'py_lwt_cond'
    schema = (
        'CREATE TABLE {ks}.sc (id int, ck int, version int static, v int, PRIMARY KEY (id, ck))',
        'CREATE TABLE {ks}.wallets (id int PRIMARY KEY, balance int, l list<int>)',
    )

    def test_static_insert_if_not_exists_checks_the_static_row(self):
        self.session.execute('INSERT INTO %s.sc (id, ck, v) VALUES (1, 1, 10)' % self.ks)
        insert = 'INSERT INTO %s.sc (id, version) VALUES (1, %%s) IF NOT EXISTS' % self.ks
        first = self.session.execute(insert, (1,))
        self.assertTrue(first.was_applied)
        self.assertEqual(first.column_names, ['[applied]'])
        second = self.session.execute(insert, (2,))
        self.assertFalse(second.was_applied)
        self.assertEqual(second.column_names, ['[applied]', 'id', 'ck', 'version', 'v'])
        # Only the static row and the first row's key are read: v shows null.
        self.assertEqual(tuple(second.one()), (False, 1, 1, 1, None))

    def test_static_update_if_exists_checks_the_static_row(self):
        self.session.execute('INSERT INTO %s.sc (id, ck, v) VALUES (2, 1, 20)' % self.ks)
        update = 'UPDATE %s.sc SET version = %%s WHERE id = 2 IF EXISTS' % self.ks
        refused = self.session.execute(update, (7,))
        self.assertFalse(refused.was_applied)
        self.assertEqual(tuple(refused.one()), (False, 2, 1, None, None))
        self.session.execute('INSERT INTO %s.sc (id, version) VALUES (2, 1)' % self.ks)
        self.assertTrue(self.session.execute(update, (7,)).was_applied)
        missing = self.session.execute('UPDATE %s.sc SET version = 1 WHERE id = 3 IF EXISTS' % self.ks)
        self.assertFalse(missing.was_applied)
        self.assertEqual(missing.column_names, ['[applied]'])

    def test_null_column_conditions(self):
        self.session.execute('INSERT INTO %s.wallets (id) VALUES (1)' % self.ks)
        above = self.session.execute('UPDATE %s.wallets SET balance = 0 WHERE id = 1 IF balance > 100' % self.ks)
        self.assertFalse(above.was_applied)
        self.assertEqual(tuple(above.one()), (False, None))
        self.assertTrue(self.session.execute(
            'UPDATE %s.wallets SET balance = 5 WHERE id = 1 IF balance IN (null, 5)' % self.ks).was_applied)

    def test_unset_values_in_conditions(self):
        equal = self.session.prepare('UPDATE %s.wallets SET balance = 1 WHERE id = ? IF balance = ?' % self.ks)
        with self.assertRaisesRegex(InvalidRequest, "Invalid 'unset' value in condition"):
            self.session.execute(equal, (2, UNSET_VALUE))
        in_marker = self.session.prepare('UPDATE %s.wallets SET balance = 1 WHERE id = ? IF balance IN ?' % self.ks)
        with self.assertRaisesRegex(InvalidRequest, "Invalid 'unset' value in condition"):
            self.session.execute(in_marker, (2, UNSET_VALUE))
        self.assertEqual(list(self.session.execute('SELECT * FROM %s.wallets WHERE id = 2' % self.ks)), [])
        self.session.execute('INSERT INTO %s.wallets (id, balance) VALUES (2, 3)' % self.ks)
        in_list = self.session.prepare('UPDATE %s.wallets SET balance = 9 WHERE id = ? IF balance IN (?, ?)' % self.ks)
        self.assertTrue(self.session.execute(in_list, (2, UNSET_VALUE, 3)).was_applied)

    def test_list_reads_refuse_any(self):
        self.session.execute('INSERT INTO %s.wallets (id, l) VALUES (4, [1, 2])' % self.ks)
        for cql in ('UPDATE {ks}.wallets SET l[0] = 5 WHERE id = 4', 'UPDATE {ks}.wallets SET l = l - [1] WHERE id = 4',
                    'DELETE l[0] FROM {ks}.wallets WHERE id = 4'):
            statement = SimpleStatement(cql.format(ks=self.ks), consistency_level=ConsistencyLevel.ANY)
            with self.assertRaisesRegex(InvalidRequest, 'Write operation require a read but consistency ANY is not supported on reads'):
                self.session.execute(statement)
        append = SimpleStatement('UPDATE %s.wallets SET l = l + [3] WHERE id = 4' % self.ks, consistency_level=ConsistencyLevel.ANY)
        self.session.execute(append)
        self.assertEqual(self.session.execute('SELECT l FROM %s.wallets WHERE id = 4' % self.ks).one().l, [1, 2, 3])


class LwtConditionsV4Test(LwtConditionTests, unittest.TestCase):
    protocol_version = 4


class LwtConditionsV5Test(LwtConditionTests, unittest.TestCase):
    protocol_version = 5


if __name__ == '__main__':
    main()
