"""A corrupt SSTable stops only its node (disk_failure_policy), as the Python driver sees it.

The Vitest wrapper starts three nodes with a data folder of their own (CASSANOVA_DATA_DIR) and the admin
API. The script flushes the rows to SSTables, flips a byte in the middle of node 2's Data.db, and reads
through node 2 at ONE: the read fails with a ReadFailure, node 2 stops (the admin API names the file), the
driver sees it down and the other replicas answer at QUORUM. Once the file is put right, node 2 starts and
answers from its own SSTable. Without a data folder (a real Cassandra) it is skipped.
"""
import glob
import os
import unittest

from cassandra import ConsistencyLevel, ReadFailure
from cassandra.policies import RetryPolicy
from cassandra.query import SimpleStatement

from cassanova_support import admin, admin_call, main, new_cluster, wait_until

DATA_DIR = os.environ.get('CASSANOVA_DATA_DIR')
ROWS = 30


class NoRetry(RetryPolicy):
    """Each coordinator's own answer, not a retry elsewhere."""
    def on_read_timeout(self, *args, **kwargs):
        return self.RETHROW, None

    def on_unavailable(self, *args, **kwargs):
        return self.RETHROW, None

    def on_request_error(self, *args, **kwargs):
        return self.RETHROW, None


def flip_byte(path, offset):
    with open(path, 'r+b') as f:
        f.seek(offset)
        byte = f.read(1)
        f.seek(offset)
        f.write(bytes([byte[0] ^ 0xff]))


@unittest.skipIf(DATA_DIR is None, 'needs a cluster with a data folder started by python-driver.test.ts (CASSANOVA_DATA_DIR)')
class DiskFailureTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster = new_cluster(protocol_version=4, topology_event_refresh_window=0, status_event_refresh_window=0)
        cls.cluster.profile_manager.default.retry_policy = NoRetry()
        cls.session = cls.cluster.connect()
        cls.session.execute("CREATE KEYSPACE disk WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}")
        cls.session.execute('CREATE TABLE disk.t (k int PRIMARY KEY, v text)')
        insert = SimpleStatement('INSERT INTO disk.t (k, v) VALUES (%s, %s)', consistency_level=ConsistencyLevel.ALL)
        for k in range(ROWS):
            cls.session.execute(insert, (k, 'value %d' % k))
        wait_until(lambda: len(cls.cluster.metadata.all_hosts()) == 3, 'three hosts')
        cls.hosts = sorted(cls.cluster.metadata.all_hosts(), key=lambda h: h.endpoint.address)

    @classmethod
    def tearDownClass(cls):
        cls.cluster.shutdown()

    def count(self, cl, host=None):
        statement = SimpleStatement('SELECT k FROM disk.t', consistency_level=cl, fetch_size=1000)
        return len(list(self.session.execute(statement, host=host)))

    def test_a_corrupt_sstable_stops_only_its_node(self):
        admin('POST', '/flush', {})
        [data] = glob.glob(os.path.join(DATA_DIR, 'node2', 'data', 'disk', 't-*', '*-Data.db'))
        with open(data, 'rb') as f:
            saved = f.read()
        flip_byte(data, len(saved) // 2)

        node2 = self.hosts[1]
        with self.assertRaises(ReadFailure) as caught:
            self.count(ConsistencyLevel.ONE, host=node2)
        self.assertEqual((caught.exception.received_responses, caught.exception.required_responses, caught.exception.failures), (0, 1, 1))

        wait_until(lambda: admin('GET', '/nodes/2')['status'] == 'down', 'node 2 down')
        failure = admin('GET', '/nodes/2')['failure']
        self.assertTrue(failure.startswith('Corrupt SSTable file %s: ' % data), failure)
        wait_until(lambda: not node2.is_up, 'the driver to see node 2 down')
        self.assertEqual(self.count(ConsistencyLevel.QUORUM), ROWS)
        self.assertEqual(self.count(ConsistencyLevel.ONE), ROWS)

        with open(data, 'wb') as f:
            f.write(saved)
        status, answer = admin_call('POST', '/nodes/2/start')
        self.assertEqual(status, 200, answer)
        self.assertIsNone(answer['failure'])
        wait_until(lambda: node2.is_up, 'the driver to see node 2 up')
        self.assertEqual(self.count(ConsistencyLevel.ONE, host=node2), ROWS)


if __name__ == '__main__':
    main()
