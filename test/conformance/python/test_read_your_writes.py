"""Read-your-writes across coordinators through the Python driver, on three nodes with RF 3.

A write acknowledged at ONE through one node, then read at ONE through another, comes back fresh on a
healthy cluster: with perfect links every replica applies a mutation before the client's next request
can arrive, as on a real cluster on one machine. With latency on the links (set through the control
channel) stale reads at ONE appear, as they would on a real cluster with a slow network.
"""
import unittest

from cassandra import ConsistencyLevel
from cassandra.query import SimpleStatement

from cassanova_support import CONTROL_FD, control, main, new_cluster, wait_until

PAIRS_PER_LEVEL = 5000


@unittest.skipIf(CONTROL_FD is None, 'needs a cluster started by python-driver.test.ts (CASSANOVA_CONTROL_FD)')
class ReadYourWritesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster = new_cluster(protocol_version=4)
        cls.session = cls.cluster.connect()
        cls.session.execute("CREATE KEYSPACE ryw WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}")
        cls.session.execute('CREATE TABLE ryw.t (k int PRIMARY KEY, v int)')
        wait_until(lambda: len(cls.cluster.metadata.all_hosts()) == 3, 'three hosts')
        cls.hosts = sorted(cls.cluster.metadata.all_hosts(), key=lambda h: (h.endpoint.address, h.endpoint.port))
        cls.insert = cls.session.prepare('INSERT INTO ryw.t (k, v) VALUES (?, ?)')
        cls.select = cls.session.prepare('SELECT v FROM ryw.t WHERE k = ?')

    @classmethod
    def tearDownClass(cls):
        cls.cluster.shutdown()

    def stale_pairs(self, first_key, pairs, cl):
        """Writes key k through node k % 3 and reads it through the next node; counts the misses."""
        self.insert.consistency_level = cl
        self.select.consistency_level = cl
        stale = 0
        for k in range(first_key, first_key + pairs):
            writer = k % 3
            reader = (writer + 1) % 3
            self.session.execute(self.insert, (k, k * 7), host=self.hosts[writer])
            row = self.session.execute(self.select, (k,), host=self.hosts[reader]).one()
            if row is None or row.v != k * 7:
                stale += 1
        return stale

    def test_1_no_stale_read_at_one_or_local_one_on_a_healthy_cluster(self):
        self.assertEqual(self.stale_pairs(0, PAIRS_PER_LEVEL, ConsistencyLevel.ONE), 0)
        self.assertEqual(self.stale_pairs(PAIRS_PER_LEVEL, PAIRS_PER_LEVEL, ConsistencyLevel.LOCAL_ONE), 0)

    def test_2_stale_reads_at_one_with_latency_on_the_links(self):
        # 50 ms: far longer than a loaded machine's turnaround, so nearly every read overtakes its write.
        control('links', latencyMs=50)
        try:
            self.assertGreater(self.stale_pairs(100000, 100, ConsistencyLevel.ONE), 75)
            self.assertEqual(self.stale_pairs(200000, 20, ConsistencyLevel.QUORUM), 0)
        finally:
            control('resetNetwork')


if __name__ == '__main__':
    main()
