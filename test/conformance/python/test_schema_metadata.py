"""cluster.metadata as the Python driver builds it from system_schema, and schema agreement after DDL."""
import struct
import time
import unittest

from cassandra.metadata import Murmur3Token, SimpleStrategy

from cassanova_support import LOCAL_DC, connect, create_keyspace, drop_keyspace, main

cluster = session = keyspace = None


def setUpModule():
    global cluster, session, keyspace
    cluster, session = connect(protocol_version=5)
    keyspace = create_keyspace(session, 'py_schema')
    session.execute('CREATE TYPE %s.address (street text, city text, zip int)' % keyspace)
    session.execute('''
        CREATE TABLE %s.events (
            tenant text, day int, at timestamp, seq int,
            owner text static,
            payload text, tags set<text>, scores map<text, int>, counts list<bigint>,
            home frozen<address>, pair tuple<int, text>,
            PRIMARY KEY ((tenant, day), at, seq)
        ) WITH CLUSTERING ORDER BY (at DESC, seq ASC)''' % keyspace)
    session.execute('CREATE TABLE %s.users (id uuid PRIMARY KEY, name text)' % keyspace)


def tearDownModule():
    try:
        drop_keyspace(session, keyspace)
    finally:
        cluster.shutdown()


class KeyspaceMetadataTest(unittest.TestCase):
    def test_keyspaces_are_listed(self):
        names = set(cluster.metadata.keyspaces)
        self.assertTrue({'system', 'system_schema', keyspace} <= names, names)

    def test_replication_and_durable_writes(self):
        meta = cluster.metadata.keyspaces[keyspace]
        self.assertIsInstance(meta.replication_strategy, SimpleStrategy)
        self.assertEqual(meta.replication_strategy.replication_factor, 1)
        self.assertTrue(meta.durable_writes)
        self.assertTrue({'events', 'users'} <= set(meta.tables), set(meta.tables))

    def test_hosts_and_token_ring(self):
        hosts = cluster.metadata.all_hosts()
        self.assertGreaterEqual(len(hosts), 1)
        for host in hosts:
            self.assertEqual(host.datacenter, LOCAL_DC)
            self.assertIsNotNone(host.rack)
            self.assertTrue(host.is_up)
        self.assertEqual(cluster.metadata.partitioner, 'org.apache.cassandra.dht.Murmur3Partitioner')
        self.assertGreaterEqual(len(cluster.metadata.token_map.ring), len(hosts))
        replicas = cluster.metadata.get_replicas(keyspace, b'\x00\x00\x00\x01')
        self.assertEqual(len(replicas), 1)

    def test_server_tokens_match_the_driver_murmur3(self):
        session.execute('CREATE TABLE %s.tokens (k int PRIMARY KEY)' % keyspace)
        keys = [0, 1, 2, 42, -1, 2 ** 31 - 1]
        for k in keys:
            session.execute('INSERT INTO %s.tokens (k) VALUES (%%s)' % keyspace, (k,))
        server = {r.k: r.t for r in session.execute('SELECT k, token(k) AS t FROM %s.tokens' % keyspace)}
        driver = {k: Murmur3Token.from_key(struct.pack('>i', k)).value for k in keys}
        self.assertEqual(server, driver)
        self.assertEqual(server[1], -4069959284402364209)


class TableMetadataTest(unittest.TestCase):
    def setUp(self):
        self.events = cluster.metadata.keyspaces[keyspace].tables['events']

    def test_partition_and_clustering_keys(self):
        self.assertEqual([c.name for c in self.events.partition_key], ['tenant', 'day'])
        self.assertEqual([c.name for c in self.events.clustering_key], ['at', 'seq'])
        self.assertEqual([c.is_reversed for c in self.events.clustering_key], [True, False])
        self.assertEqual([c.name for c in self.events.primary_key], ['tenant', 'day', 'at', 'seq'])

    def test_column_types(self):
        types = {name: column.cql_type for name, column in self.events.columns.items()}
        self.assertEqual(types, {
            'tenant': 'text', 'day': 'int', 'at': 'timestamp', 'seq': 'int',
            'owner': 'text', 'payload': 'text', 'tags': 'set<text>', 'scores': 'map<text, int>',
            'counts': 'list<bigint>', 'home': 'frozen<address>', 'pair': 'frozen<tuple<int, text>>',
        })
        self.assertEqual([n for n, c in self.events.columns.items() if c.is_static], ['owner'])

    def test_single_column_primary_key(self):
        users = cluster.metadata.keyspaces[keyspace].tables['users']
        self.assertEqual([c.name for c in users.partition_key], ['id'])
        self.assertEqual(users.clustering_key, [])
        self.assertEqual(users.columns['id'].cql_type, 'uuid')

    def test_user_type(self):
        address = cluster.metadata.keyspaces[keyspace].user_types['address']
        self.assertEqual(address.field_names, ['street', 'city', 'zip'])
        self.assertEqual(address.field_types, ['text', 'text', 'int'])


class ExportAsStringTest(unittest.TestCase):
    def setUp(self):
        self.cql = cluster.metadata.keyspaces[keyspace].export_as_string()

    def assert_fragment(self, fragment):
        self.assertIn(fragment, self.cql, '\n--- exported CQL ---\n' + self.cql)

    def test_create_keyspace(self):
        self.assertTrue(self.cql.startswith(
            "CREATE KEYSPACE %s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'}"
            "  AND durable_writes = true;" % keyspace), self.cql)

    def test_create_type(self):
        self.assert_fragment('CREATE TYPE %s.address (\n    street text,\n    city text,\n    zip int\n);' % keyspace)

    def test_create_table_columns_in_cassandra_order(self):
        # Key columns first, by position; then the others sorted by name (system_schema.columns order).
        self.assert_fragment('\n'.join([
            'CREATE TABLE %s.events (' % keyspace,
            '    tenant text,',
            '    day int,',
            '    at timestamp,',
            '    seq int,',
            '    counts list<bigint>,',
            '    home frozen<address>,',
            '    owner text static,',
            '    pair frozen<tuple<int, text>>,',
            '    payload text,',
            '    scores map<text, int>,',
            '    tags set<text>,',
            '    PRIMARY KEY ((tenant, day), at, seq)',
            ') WITH CLUSTERING ORDER BY (at DESC, seq ASC)',
        ]))
        self.assert_fragment('CREATE TABLE %s.users (\n    id uuid PRIMARY KEY,\n    name text\n) WITH ' % keyspace)

    def test_table_options_have_cassandra_defaults(self):
        self.assert_fragment('AND gc_grace_seconds = 864000')
        self.assert_fragment('AND default_time_to_live = 0')
        self.assert_fragment("compaction = {'class': 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy'")


class SchemaAgreementTest(unittest.TestCase):
    def test_create_alter_drop_table_are_visible_when_execute_returns(self):
        result = session.execute('CREATE TABLE %s.late (k int PRIMARY KEY, v text)' % keyspace)
        self.assertTrue(result.response_future.is_schema_agreed)
        tables = cluster.metadata.keyspaces[keyspace].tables
        self.assertIn('late', tables)

        result = session.execute('ALTER TABLE %s.late ADD extra map<int, text>' % keyspace)
        self.assertTrue(result.response_future.is_schema_agreed)
        self.assertEqual(cluster.metadata.keyspaces[keyspace].tables['late'].columns['extra'].cql_type,
                         'map<int, text>')

        session.execute('DROP TABLE %s.late' % keyspace)
        self.assertNotIn('late', cluster.metadata.keyspaces[keyspace].tables)
        self.assertTrue(cluster.control_connection.wait_for_schema_agreement())

    def test_create_type_and_keyspace_are_visible_when_execute_returns(self):
        session.execute('CREATE TYPE %s.point (x double, y double)' % keyspace)
        self.assertEqual(cluster.metadata.keyspaces[keyspace].user_types['point'].field_names, ['x', 'y'])
        other = create_keyspace(session, 'py_schema_more')
        try:
            self.assertIn(other, cluster.metadata.keyspaces)
        finally:
            drop_keyspace(session, other)
        self.assertNotIn(other, cluster.metadata.keyspaces)


    def test_schema_change_events_reach_another_client(self):
        observer, _ = connect(protocol_version=5, schema_event_refresh_window=0.1)
        try:
            session.execute('CREATE TABLE %s.announced (k int PRIMARY KEY)' % keyspace)
            deadline = time.monotonic() + 5
            while 'announced' not in observer.metadata.keyspaces[keyspace].tables and time.monotonic() < deadline:
                time.sleep(0.05)
            self.assertIn('announced', observer.metadata.keyspaces[keyspace].tables)
        finally:
            observer.shutdown()


if __name__ == '__main__':
    main()
