"""The admin HTTP API driven from Python with nothing but urllib, and what the Python driver sees of it.

The Vitest wrapper (python-driver.test.ts) starts a three-node cluster with its admin API on and passes
its URL in CASSANOVA_ADMIN_URL. Stopping a node through the API makes the driver mark it down; with one
replica of three gone a QUORUM write still succeeds while ALL is Unavailable. Against a server without
the admin API the script is skipped.
"""
import unittest

from cassandra import ConsistencyLevel, Unavailable
from cassandra.policies import RetryPolicy
from cassandra.query import SimpleStatement

from cassanova_support import ADMIN_URL, admin_call as admin, main, new_cluster, wait_until


class NoRetry(RetryPolicy):
    """Each coordinator's own answer, not a retry on another host."""
    def on_unavailable(self, *args, **kwargs):
        return self.RETHROW, None

    def on_write_timeout(self, *args, **kwargs):
        return self.RETHROW, None

    def on_request_error(self, *args, **kwargs):
        return self.RETHROW, None


@unittest.skipIf(ADMIN_URL is None, 'needs a cluster with its admin API (CASSANOVA_ADMIN_URL)')
class AdminApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # The driver ignores a DOWN event while its pool to that host is open, and notices a pool connection the
        # server closed only at its next request or heartbeat (30 s by default): which of the two comes first is a
        # race, as against Cassandra, so heartbeats every second bound the wait.
        cls.cluster = new_cluster(protocol_version=4, topology_event_refresh_window=0, status_event_refresh_window=0,
                                  idle_heartbeat_interval=1)
        cls.cluster.profile_manager.default.retry_policy = NoRetry()
        cls.session = cls.cluster.connect()
        cls.session.execute("CREATE KEYSPACE admin_py WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}")
        cls.session.execute('CREATE TABLE admin_py.t (k int PRIMARY KEY, v text)')
        wait_until(lambda: len(cls.cluster.metadata.all_hosts()) == 3, 'three hosts')
        cls.hosts = sorted(cls.cluster.metadata.all_hosts(), key=lambda h: h.endpoint.address)

    @classmethod
    def tearDownClass(cls):
        cls.cluster.shutdown()

    def write(self, k, cl):
        statement = SimpleStatement('INSERT INTO admin_py.t (k, v) VALUES (%s, %s)', consistency_level=cl)
        self.session.execute(statement, (k, 'v%d' % k), host=self.hosts[0])

    def test_1_a_node_stopped_through_the_api_is_down_for_the_driver(self):
        status, node = admin('POST', '/nodes/3/stop')
        self.assertEqual(status, 200)
        self.assertEqual((node['id'], node['address'], node['status']), (3, '127.0.0.3', 'down'))
        stopped = self.hosts[2]
        self.assertEqual(stopped.endpoint.address, '127.0.0.3')
        try:
            wait_until(lambda: not stopped.is_up, 'the driver marks 127.0.0.3 down')
            self.write(1, ConsistencyLevel.QUORUM)
            with self.assertRaises(Unavailable) as raised:
                self.write(2, ConsistencyLevel.ALL)
            self.assertEqual((raised.exception.consistency, raised.exception.required_replicas, raised.exception.alive_replicas),
                             (ConsistencyLevel.ALL, 3, 2))
            status, nodes = admin('GET', '/nodes?observer=1')
            self.assertEqual([(n['id'], n['gossip']) for n in nodes['nodes']], [(1, 'UP'), (2, 'UP'), (3, 'DOWN')])
        finally:
            status, node = admin('POST', '/nodes/3/start')
            self.assertEqual((status, node['status']), (200, 'up'))
        wait_until(lambda: stopped.is_up, 'the driver marks 127.0.0.3 up again')
        self.write(3, ConsistencyLevel.ALL)

    def test_2_refusals_carry_a_status_and_a_message(self):
        self.assertEqual(admin('POST', '/nodes/1/start'), (409, {'statusCode': 409, 'error': 'Conflict', 'message': 'Node 1 is already running'}))
        self.assertEqual(admin('POST', '/nodes/9/stop')[0], 404)
        self.assertEqual(admin('PUT', '/network/links', {'loss': 7})[1]['message'], 'body/loss must be <= 1')


if __name__ == '__main__':
    main()
