"""Topology changes as the Python driver follows them, on a three-node Cassanova cluster.

The Vitest wrapper starts the cluster (once with one address per node, once with one port per node
on a single address) and serves a control channel: this script writes one JSON request per line to
the file descriptor CASSANOVA_CONTROL_FD ({"op": "addNode"}, {"op": "decommission", "node": 4}, ...)
and reads the JSON answer from stdin. Without that channel (against a real Cassandra) it is skipped.

The steps build on each other and run in name order (unittest sorts test methods by name).
"""
import unittest

from cassandra import ConsistencyLevel
from cassandra.query import SimpleStatement

from cassanova_support import CONTROL_FD, control, main, new_cluster, wait_until

ROWS = 60


@unittest.skipIf(CONTROL_FD is None, 'needs a cluster started by python-driver.test.ts (CASSANOVA_CONTROL_FD)')
class ClusterTopologyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # No random delay before reacting to events (the driver's default window is up to 10 s).
        # Heartbeats every second: a stopped host's closed pool connection is noticed without waiting 30 s when its
        # DOWN event came first and was discounted (see test_admin_api.py).
        cls.cluster = new_cluster(protocol_version=5, topology_event_refresh_window=0, status_event_refresh_window=0,
                                  idle_heartbeat_interval=1)
        cls.session = cls.cluster.connect()
        cls.added = None

    @classmethod
    def tearDownClass(cls):
        cls.cluster.shutdown()

    def host_at(self, address, port):
        """The driver's host with this native address and port (events are matched on both)."""
        for host in self.cluster.metadata.all_hosts():
            if host.broadcast_rpc_address == address and host.broadcast_rpc_port == port:
                return host
        return None

    def endpoints(self):
        return sorted((h.endpoint.address, h.endpoint.port) for h in self.cluster.metadata.all_hosts())

    def read_all(self, host=None):
        statement = SimpleStatement('SELECT k, v FROM topo.t', consistency_level=ConsistencyLevel.ALL, fetch_size=25)
        rows = self.session.execute(statement, host=host)
        return sorted((row.k, row.v) for row in rows)

    def expected_rows(self):
        return [(k, 'v%d' % k) for k in range(ROWS)]

    def test_1_discovers_three_nodes_with_their_own_endpoints(self):
        endpoints = self.endpoints()
        self.assertEqual(len(endpoints), 3, endpoints)
        self.assertEqual(len(set(endpoints)), 3)
        wait_until(lambda: all(h.is_up for h in self.cluster.metadata.all_hosts()), 'every host up')
        self.session.execute("CREATE KEYSPACE topo WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}")
        self.session.execute('CREATE TABLE topo.t (k int PRIMARY KEY, v text)')
        insert = self.session.prepare('INSERT INTO topo.t (k, v) VALUES (?, ?)')
        insert.consistency_level = ConsistencyLevel.ALL
        for k in range(ROWS):
            self.session.execute(insert, (k, 'v%d' % k))

    def test_2_a_new_node_joins_and_serves_what_it_was_streamed(self):
        added = control('addNode')
        type(self).added = added
        wait_until(lambda: self.host_at(added['address'], added['port']) is not None, 'the new host in the metadata')
        host = self.host_at(added['address'], added['port'])
        wait_until(lambda: host.is_up, 'the new host up')
        self.assertEqual(host.datacenter, added['dataCenter'])
        self.assertEqual(len(self.endpoints()), 4)
        wait_until(lambda: host in self.cluster.metadata.token_map.token_to_host_owner.values(), 'the new host in the token map')
        peers = self.session.execute('SELECT peer, native_address, native_port FROM system.peers_v2', host=host)
        self.assertEqual(len(list(peers)), 3)
        local = self.session.execute("SELECT bootstrapped, rpc_port FROM system.local WHERE key = 'local'", host=host).one()
        self.assertEqual((local.bootstrapped, local.rpc_port), ('COMPLETED', added['port']))
        self.assertEqual(self.read_all(host), self.expected_rows())

    def test_3_a_stopped_node_is_marked_down_then_up(self):
        node = self.host_at(self.added['address'], self.added['port'])
        control('stop', node=self.added['id'])
        wait_until(lambda: not node.is_up, 'the stopped host down')
        quorum = SimpleStatement('SELECT k, v FROM topo.t', consistency_level=ConsistencyLevel.QUORUM, fetch_size=25)
        self.assertEqual(sorted((row.k, row.v) for row in self.session.execute(quorum)), self.expected_rows())
        control('start', node=self.added['id'])
        wait_until(lambda: node.is_up, 'the restarted host up')

    def test_4_a_decommissioned_node_is_removed(self):
        result = control('decommission', node=self.added['id'])
        self.assertGreater(result['streamedPartitions'], 0)
        wait_until(lambda: self.host_at(self.added['address'], self.added['port']) is None, 'the host removed')
        self.assertEqual(len(self.endpoints()), 3)
        self.assertEqual(self.read_all(), self.expected_rows())

    def test_5_repair_finds_converged_replicas(self):
        result = control('repair', keyspace='topo')
        self.assertEqual(result['failures'], [])
        self.assertEqual(result['mismatchedLeaves'], 0)


if __name__ == '__main__':
    main()
