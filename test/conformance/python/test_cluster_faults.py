"""Failures on demand as the Python driver sees them, on a three-node Cassanova cluster with RF 3.

The Vitest wrapper starts the cluster and serves a control channel (see test_cluster_topology.py):
this script asks it to stop, pause or partition nodes, or to lose messages, and checks what clients
see: consistency levels met or Unavailable with its figures, a stale read at ONE across a partition and
its repair at QUORUM, hints replayed to a node that comes back, a QUORUM read that asks a replica again
for the rows past those another replica deleted (short-read protection). Without the channel (a real
Cassandra) it is skipped.
"""
import unittest

from cassandra import ConsistencyLevel, Unavailable, WriteTimeout
from cassandra.policies import RetryPolicy
from cassandra.query import SimpleStatement

from cassanova_support import CONTROL_FD, control, main, new_cluster, wait_until


class NoRetry(RetryPolicy):
    """The scenarios want each coordinator's own answer, not a retry elsewhere."""
    def on_unavailable(self, *args, **kwargs):
        return self.RETHROW, None

    def on_write_timeout(self, *args, **kwargs):
        return self.RETHROW, None

    def on_read_timeout(self, *args, **kwargs):
        return self.RETHROW, None

    def on_request_error(self, *args, **kwargs):
        return self.RETHROW, None


@unittest.skipIf(CONTROL_FD is None, 'needs a cluster started by python-driver.test.ts (CASSANOVA_CONTROL_FD)')
class ClusterFaultsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster = new_cluster(protocol_version=4, topology_event_refresh_window=0, status_event_refresh_window=0)
        cls.cluster.profile_manager.default.retry_policy = NoRetry()
        cls.session = cls.cluster.connect()
        cls.session.execute("CREATE KEYSPACE faults WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}")
        cls.session.execute('CREATE TABLE faults.t (k int PRIMARY KEY, v text)')
        wait_until(lambda: len(cls.cluster.metadata.all_hosts()) == 3, 'three hosts')
        cls.hosts = sorted(cls.cluster.metadata.all_hosts(), key=lambda h: (h.endpoint.address, h.endpoint.port))

    @classmethod
    def tearDownClass(cls):
        cls.cluster.shutdown()

    def write(self, k, v, cl, node):
        statement = SimpleStatement('INSERT INTO faults.t (k, v) VALUES (%s, %s)', consistency_level=cl)
        self.session.execute(statement, (k, v), host=self.hosts[node - 1])

    def read(self, k, cl, node):
        statement = SimpleStatement('SELECT v FROM faults.t WHERE k = %s', consistency_level=cl)
        row = self.session.execute(statement, (k,), host=self.hosts[node - 1]).one()
        return None if row is None else row.v

    def test_1_quorum_with_a_node_stopped_and_all_unavailable(self):
        control('stop', node=3)
        try:
            self.write(1, 'a', ConsistencyLevel.QUORUM, 1)
            with self.assertRaises(Unavailable) as raised:
                self.write(2, 'b', ConsistencyLevel.ALL, 1)
            self.assertEqual(raised.exception.consistency, ConsistencyLevel.ALL)
            self.assertEqual(raised.exception.required_replicas, 3)
            self.assertEqual(raised.exception.alive_replicas, 2)
        finally:
            control('start', node=3)

    def test_2_hints_reach_a_node_that_comes_back(self):
        control('stop', node=3)
        self.write(10, 'hinted', ConsistencyLevel.QUORUM, 1)
        self.assertGreaterEqual(control('hints', node=1)['pending'], 1)
        control('start', node=3)
        wait_until(lambda: control('hints', node=1)['pending'] == 0, 'the hints to be replayed')
        wait_until(lambda: self.hosts[2].is_up, 'node 3 to be up for the driver')
        self.assertEqual(self.read(10, ConsistencyLevel.ONE, 3), 'hinted')

    def test_3_stale_read_at_one_across_a_partition_then_repaired_at_quorum(self):
        self.write(20, 'old', ConsistencyLevel.ALL, 1)
        control('partition', groups=[[1], [2, 3]])
        try:
            self.write(20, 'new', ConsistencyLevel.ONE, 1)
            self.assertEqual(self.read(20, ConsistencyLevel.ONE, 2), 'old')
        finally:
            control('heal')
        self.assertEqual(self.read(20, ConsistencyLevel.QUORUM, 2), 'new')
        self.assertEqual(self.read(20, ConsistencyLevel.ONE, 2), 'new')

    def test_4_all_times_out_on_a_paused_node(self):
        control('pause', node=2)
        try:
            with self.assertRaises(WriteTimeout) as raised:
                self.write(30, 'x', ConsistencyLevel.ALL, 1)
            self.assertEqual(raised.exception.received_responses, 2)
            self.assertEqual(raised.exception.required_responses, 3)
            self.assertEqual(raised.exception.write_type, 0)  # WriteType.SIMPLE
        finally:
            control('resume', node=2)

    def without_writes_to(self, node, work):
        control('drop', verb='MUTATION', to=node)
        control('drop', verb='HINT', to=node)
        try:
            work()
        finally:
            control('resetNetwork')

    def test_5_short_read_at_quorum_reads_past_the_deleted_rows(self):
        self.session.execute('CREATE TABLE faults.sr (pk int, ck int, v int, PRIMARY KEY (pk, ck))')
        insert = 'INSERT INTO faults.sr (pk, ck, v) VALUES (%s, %s, %s)'
        delete = 'DELETE FROM faults.sr WHERE pk = %s AND ck <= 5'

        def run(cql, values, cl, node, **options):
            statement = SimpleStatement(cql, consistency_level=cl, **options)
            return list(self.session.execute(statement, values, host=self.hosts[node - 1]))

        # In partitions 1 and 2: ck 1-5 everywhere, ck 6-10 on nodes 1 and 3, ck 1-5 deleted on nodes 2 and 3.
        for pk in (1, 2):
            for ck in range(1, 6):
                run(insert, (pk, ck, ck), ConsistencyLevel.ALL, 1)
            self.without_writes_to(2, lambda: [run(insert, (pk, ck, ck), ConsistencyLevel.QUORUM, 1) for ck in range(6, 11)])
            self.without_writes_to(1, lambda: run(delete, (pk,), ConsistencyLevel.QUORUM, 2))
        # Node 1 answers ck 1-5, all deleted on node 2: it is asked again for the rows after ck 5.
        limited = run('SELECT ck FROM faults.sr WHERE pk = 1 LIMIT 5', (), ConsistencyLevel.QUORUM, 1)
        self.assertEqual([r.ck for r in limited], [6, 7, 8, 9, 10])
        paged = run('SELECT ck FROM faults.sr WHERE pk = 2', (), ConsistencyLevel.QUORUM, 1, fetch_size=5)
        self.assertEqual([r.ck for r in paged], [6, 7, 8, 9, 10])


if __name__ == '__main__':
    main()
