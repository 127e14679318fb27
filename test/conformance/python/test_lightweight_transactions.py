"""Lightweight transactions (compare-and-set) as the Python driver reads their results, on v4 and v5."""
import unittest

from cassanova_support import KeyspaceFixture, main


class LightweightTransactionTests(KeyspaceFixture):
    keyspace_prefix = 'py_lwt'
    schema = ('CREATE TABLE {ks}.kv (k int, c text, v bigint, note text, PRIMARY KEY (k, c))',)

    def test_insert_if_not_exists(self):
        insert = 'INSERT INTO %s.kv (k, c, v, note) VALUES (1, %%s, %%s, %%s) IF NOT EXISTS' % self.ks
        self.assertTrue(self.session.execute(insert, ('a', 1, 'first')).was_applied)
        refused = self.session.execute(insert, ('a', 2, 'second'))
        self.assertFalse(refused.was_applied)
        self.assertEqual(refused.one().note, 'first')  # the current row comes back beside [applied] = false

    def test_update_if_condition(self):
        self.session.execute("INSERT INTO %s.kv (k, c, v, note) VALUES (2, 'a', 1, 'first')" % self.ks)
        update = "UPDATE %s.kv SET v = %%s WHERE k = 2 AND c = 'a' IF note = %%s" % self.ks
        refused = self.session.execute(update, (3, 'other'))
        self.assertFalse(refused.was_applied)
        self.assertEqual(refused.one().note, 'first')
        self.assertTrue(self.session.execute(update, (4, 'first')).was_applied)
        row = self.session.execute("SELECT v FROM %s.kv WHERE k = 2 AND c = 'a'" % self.ks).one()
        self.assertEqual(row.v, 4)

    def test_delete_if_exists(self):
        delete = "DELETE FROM %s.kv WHERE k = 3 AND c = 'a' IF EXISTS" % self.ks
        self.assertFalse(self.session.execute(delete).was_applied)
        self.session.execute("INSERT INTO %s.kv (k, c, v) VALUES (3, 'a', 1)" % self.ks)
        self.assertTrue(self.session.execute(delete).was_applied)


class LightweightTransactionsV4Test(LightweightTransactionTests, unittest.TestCase):
    protocol_version = 4


class LightweightTransactionsV5Test(LightweightTransactionTests, unittest.TestCase):
    protocol_version = 5


if __name__ == '__main__':
    main()
