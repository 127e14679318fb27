"""Client warnings as the Python driver exposes them (`ResponseFuture.warnings`), with Cassandra 4.1's
texts and default thresholds, on v4 and v5; v3 has no warnings in its frames.
"""
import unittest

from cassandra import InvalidRequest
from cassandra.query import BatchStatement, BatchType, SimpleStatement

from cassanova_support import KeyspaceFixture, main


class WarningTests(KeyspaceFixture):
    keyspace_prefix = 'py_warn'
    schema = ('CREATE TABLE {ks}.t (k int, c int, v text, PRIMARY KEY (k, c))',)

    def batch(self, rows, batch_type=BatchType.LOGGED):
        insert = self.session.prepare('INSERT INTO %s.t (k, c, v) VALUES (?, ?, ?)' % self.ks)
        batch = BatchStatement(batch_type=batch_type)
        for row in rows:
            batch.add(insert, row)
        return batch

    def test_aggregation_without_partition_key(self):
        future = self.session.execute_async('SELECT count(*) FROM %s.t' % self.ks)
        future.result()
        self.assertEqual(future.warnings, ['Aggregation query used without partition key'])
        in_keys = self.session.execute('SELECT count(*) FROM %s.t WHERE k IN (1, 2)' % self.ks)
        self.assertEqual(in_keys.response_future.warnings, ['Aggregation query used on multiple partition keys (IN restriction)'])
        one = self.session.execute('SELECT count(*) FROM %s.t WHERE k = 1' % self.ks)
        self.assertIsNone(one.response_future.warnings)

    def test_batch_size(self):
        result = self.session.execute(self.batch([(1, 1, 'x' * 3000), (2, 1, 'y' * 3000)]))
        warnings = result.response_future.warnings
        self.assertEqual(len(warnings), 1)
        self.assertRegex(warnings[0], r'^Batch for \[%s\.t\] is of size \d+, exceeding specified threshold of 5120 by \d+\.$' % self.ks)
        with self.assertRaisesRegex(InvalidRequest, 'Batch too large'):
            self.session.execute(self.batch([(10 + i, 1, 'z' * 10000) for i in range(6)]))

    def test_unlogged_batch_across_partitions(self):
        result = self.session.execute(self.batch([(100 + i, 1, 'v') for i in range(11)], BatchType.UNLOGGED))
        self.assertEqual(result.response_future.warnings, [
            'Unlogged batch covering 11 partitions detected against table [%s.t]. '
            'You should use a logged batch for atomicity, or asynchronous writes for performance.' % self.ks])

    def test_tombstones_scanned(self):
        delete = self.session.prepare('DELETE FROM %s.t WHERE k = 500 AND c = ?' % self.ks)
        deletes = BatchStatement(batch_type=BatchType.UNLOGGED)
        for c in range(1001):
            deletes.add(delete, (c,))
        self.session.execute(deletes)
        result = self.session.execute(SimpleStatement('SELECT * FROM %s.t WHERE k = 500' % self.ks, fetch_size=100))
        self.assertEqual(list(result), [])
        warnings = result.response_future.warnings
        self.assertEqual(len(warnings), 1)
        self.assertRegex(warnings[0], r'^Read 0 live rows and 1001 tombstone cells for query SELECT \* FROM %s\.t WHERE k = 500 '
                                      r'LIMIT 100; token -?\d+ \(see tombstone_warn_threshold\)$' % self.ks)


class WarningsV4Test(WarningTests, unittest.TestCase):
    protocol_version = 4


class WarningsV5Test(WarningTests, unittest.TestCase):
    protocol_version = 5


class WarningsV3Test(KeyspaceFixture, unittest.TestCase):
    """Protocol v3 frames carry no warnings: the same query has none."""
    protocol_version = 3
    keyspace_prefix = 'py_warn3'
    schema = ('CREATE TABLE {ks}.t (k int PRIMARY KEY, v text)',)

    def test_no_warnings_on_v3(self):
        result = self.session.execute('SELECT count(*) FROM %s.t' % self.ks)
        self.assertIsNone(result.response_future.warnings)


if __name__ == '__main__':
    main()
