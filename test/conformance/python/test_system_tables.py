"""System tables through the Python driver, on a three-node cluster with RF 3.

system."IndexInfo" lists a built index on every node once it is built and forgets it when dropped, so
the Cassandra dtests' block_until_index_is_built (copied below in substance) returns; cqlengine's
sync_table creates indexes and finds them again in the driver's metadata (system_schema.indexes).
system_views.clients on each node lists that node's own connections with what the driver's STARTUP
said, and counts their requests.
"""
import os
import time
import unittest

import cassandra
from cassandra.cqlengine import columns, connection, management
from cassandra.cqlengine.models import Model

from cassanova_support import main, new_cluster, wait_until

os.environ.setdefault('CQLENG_ALLOW_SCHEMA_MANAGEMENT', '1')
KEYSPACE = 'system_tables_%d' % os.getpid()


def index_is_built(session, keyspace, index_name, host):
    rows = session.execute(
        'SELECT * FROM system."IndexInfo" WHERE table_name = %s AND index_name = %s', (keyspace, index_name), host=host)
    return len(list(rows)) == 1


def block_until_index_is_built(session, keyspace, index_name, host, timeout_s=10):
    """The dtests' helper: polls IndexInfo and fails if the index is not built in time."""
    deadline = time.time() + timeout_s
    while not index_is_built(session, keyspace, index_name, host):
        if time.time() > deadline:
            raise AssertionError('index %s.%s was not built on %s within %d s' % (keyspace, index_name, host, timeout_s))
        time.sleep(0.05)


class Tagged(Model):
    __table_name__ = 'tagged'
    id = columns.Integer(primary_key=True)
    tag = columns.Text(index=True)


class SystemTablesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster = new_cluster()
        cls.session = cls.cluster.connect()
        cls.session.execute(
            "CREATE KEYSPACE %s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}" % KEYSPACE)
        wait_until(lambda: len(cls.cluster.metadata.all_hosts()) == 3, 'three hosts')
        cls.hosts = sorted(cls.cluster.metadata.all_hosts(), key=lambda h: (h.endpoint.address, h.endpoint.port))

    @classmethod
    def tearDownClass(cls):
        try:
            cls.session.execute('DROP KEYSPACE IF EXISTS %s' % KEYSPACE)
        finally:
            cls.cluster.shutdown()

    def test_index_info_on_every_node(self):
        self.session.execute('CREATE TABLE %s.t (k int PRIMARY KEY, v text)' % KEYSPACE)
        self.session.execute('CREATE INDEX t_v ON %s.t (v)' % KEYSPACE)
        for host in self.hosts:
            block_until_index_is_built(self.session, KEYSPACE, 't_v', host)
        row = self.session.execute(
            'SELECT * FROM system."IndexInfo" WHERE table_name = %s', (KEYSPACE,), host=self.hosts[1]).one()
        self.assertEqual((row.table_name, row.index_name, row.value), (KEYSPACE, 't_v', None))
        self.session.execute('DROP INDEX %s.t_v' % KEYSPACE)
        for host in self.hosts:
            self.assertFalse(index_is_built(self.session, KEYSPACE, 't_v', host))

    def test_cqlengine_sync_table_creates_the_index_it_then_finds(self):
        # cqlengine shuts down the cluster of a connection it unregisters: it gets one of its own, whose
        # metadata the DDL it runs refreshes.
        cluster = new_cluster()
        connection.register_connection('system_tables', session=cluster.connect(), default=True)
        try:
            management.sync_table(Tagged, keyspaces=[KEYSPACE])
            table = cluster.metadata.keyspaces[KEYSPACE].tables['tagged']
            [index] = table.indexes.values()
            self.assertEqual((index.kind, index.index_options), ('COMPOSITES', {'target': 'tag'}))
            for host in self.hosts:
                block_until_index_is_built(self.session, KEYSPACE, index.name, host)
            # A second sync finds the index through the metadata and creates nothing.
            management.sync_table(Tagged, keyspaces=[KEYSPACE])
            self.assertEqual(list(cluster.metadata.keyspaces[KEYSPACE].tables['tagged'].indexes), [index.name])
        finally:
            connection.unregister_connection('system_tables')

    def clients(self, host):
        rows = self.session.execute('SELECT * FROM system_views.clients', host=host)
        return [r for r in rows if r.driver_name == 'DataStax Python Driver']

    def test_each_node_lists_its_own_clients(self):
        seen = set()
        cql_version = self.session.execute('SELECT cql_version FROM system.local').one().cql_version
        for host in self.hosts:
            rows = self.clients(host)
            self.assertGreaterEqual(len(rows), 1, host)
            for row in rows:
                self.assertNotIn((row.address, row.port), seen)
                seen.add((row.address, row.port))
                self.assertEqual(row.driver_version, cassandra.__version__)
                self.assertEqual(row.protocol_version, self.cluster.protocol_version)
                self.assertEqual((row.username, row.connection_stage, row.ssl_enabled), ('anonymous', 'ready', False))
                self.assertEqual(row.hostname, row.address)
                self.assertEqual(row.client_options['CQL_VERSION'], cql_version)
                self.assertEqual(row.client_options['DRIVER_NAME'], 'DataStax Python Driver')
                self.assertGreaterEqual(row.request_count, 1)

    def test_request_count_grows(self):
        host = self.hosts[2]
        before = sum(r.request_count for r in self.clients(host))
        for _ in range(5):
            self.session.execute('SELECT release_version FROM system.local', host=host)
        self.assertGreaterEqual(sum(r.request_count for r in self.clients(host)), before + 6)

    def test_virtual_tables_in_the_driver_metadata(self):
        clients = self.cluster.metadata.keyspaces['system_views'].tables['clients']
        self.assertTrue(clients.virtual)
        self.assertEqual([c.name for c in clients.partition_key], ['address'])
        self.assertEqual([c.name for c in clients.clustering_key], ['port'])
        latency = self.cluster.metadata.keyspaces['system_views'].tables['local_read_latency']
        self.assertEqual([c.name for c in latency.partition_key], ['keyspace_name', 'table_name'])
        self.assertEqual(latency.columns['50th_ms'].cql_type, 'double')


if __name__ == '__main__':
    main()
