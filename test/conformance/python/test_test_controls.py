"""Reset, truncate, snapshot and restore through the admin HTTP API, with a Python driver session connected.

Cassanova's test controls as a Python test suite reaches them (urllib, through cassanova_support.admin;
python-driver.test.ts passes the admin API's URL in CASSANOVA_ADMIN_URL), on three nodes: the session
stays connected, its metadata
follows the schema changes they make (SCHEMA_CHANGE events), its prepared statements are prepared again
where the server dropped them, and every node answers. Without the admin API the script is skipped.
"""
import unittest

from cassandra import ConsistencyLevel
from cassandra.policies import ConstantReconnectionPolicy
from cassandra.query import SimpleStatement

from cassanova_support import ADMIN_URL, admin, main, new_cluster, wait_until

REPLICATED = "{'class': 'SimpleStrategy', 'replication_factor': 3}"


@unittest.skipIf(ADMIN_URL is None, 'needs a cluster with its admin API (CASSANOVA_ADMIN_URL)')
class TestControlsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster = new_cluster(protocol_version=4, schema_event_refresh_window=0.05, topology_event_refresh_window=0,
                                  status_event_refresh_window=0, reconnection_policy=ConstantReconnectionPolicy(0.1))
        cls.session = cls.cluster.connect()
        wait_until(lambda: len(cls.cluster.metadata.all_hosts()) == 3, 'three hosts')

    @classmethod
    def tearDownClass(cls):
        cls.cluster.shutdown()

    def setUp(self):
        admin('POST', '/reset')
        wait_until(self.all_up, 'every host up after the reset')

    def all_up(self):
        return all(host.is_up for host in self.cluster.metadata.all_hosts())

    def hosts(self):
        return sorted(self.cluster.metadata.all_hosts(), key=lambda h: (h.endpoint.address, h.endpoint.port))

    def keyspaces(self):
        return set(self.cluster.metadata.keyspaces)

    def create_app(self):
        self.session.execute('CREATE KEYSPACE app WITH replication = %s' % REPLICATED)
        self.session.execute('CREATE TABLE app.users (id int PRIMARY KEY, name text)')

    def on_every_host(self, statement, params=()):
        return [list(self.session.execute(statement, params, host=host)) for host in self.hosts()]

    def test_reset_drops_keyspaces_the_metadata_follows_and_prepared_statements_prepare_again(self):
        self.create_app()
        insert = self.session.prepare('INSERT INTO app.users (id, name) VALUES (?, ?)')
        insert.consistency_level = ConsistencyLevel.ALL
        self.session.execute(insert, (1, 'before'))
        self.assertIn('app', self.keyspaces())
        admin('POST', '/nodes/3/stop')
        admin('POST', '/nodes/2/pause')

        self.assertEqual({'droppedKeyspaces': ['app']}, admin('POST', '/reset'))
        wait_until(lambda: 'app' not in self.keyspaces(), 'keyspace app gone from the metadata')
        wait_until(self.all_up, 'nodes 2 and 3 back')

        self.create_app()
        for host in self.hosts():
            self.session.execute(insert, (2, 'after'), host=host)
        select = SimpleStatement('SELECT id, name FROM app.users', consistency_level=ConsistencyLevel.ALL)
        for rows in self.on_every_host(select):
            self.assertEqual([(2, 'after')], [(r.id, r.name) for r in rows])

    def test_restore_brings_back_schema_and_data_the_metadata_follows(self):
        self.create_app()
        self.session.execute("INSERT INTO app.users (id, name) VALUES (1, 'seed')")
        select = self.session.prepare('SELECT * FROM app.users WHERE id = ?')
        select.consistency_level = ConsistencyLevel.ALL
        self.assertEqual(['app'], admin('POST', '/snapshots', {'name': 'seeded'})['keyspaces'])

        self.session.execute('ALTER TABLE app.users ADD email text')
        self.session.execute("UPDATE app.users SET name = 'changed', email = 'e' WHERE id = 1")
        self.session.execute('CREATE TABLE app.extra (id int PRIMARY KEY)')
        wait_until(lambda: 'email' in self.cluster.metadata.keyspaces['app'].tables['users'].columns, 'email in the metadata')

        admin('POST', '/snapshots/seeded/restore')
        wait_until(lambda: 'extra' not in self.cluster.metadata.keyspaces['app'].tables, 'app.extra gone from the metadata')
        wait_until(lambda: 'email' not in self.cluster.metadata.keyspaces['app'].tables['users'].columns, 'email gone from the metadata')
        for host in self.hosts():
            row = self.session.execute(select, (1,), host=host).one()
            self.assertEqual(('seed', ['id', 'name']), (row.name, list(row._fields)))

    def test_truncate_all_empties_tables_and_keeps_the_schema(self):
        self.create_app()
        for i in range(10):
            self.session.execute(SimpleStatement('INSERT INTO app.users (id, name) VALUES (%s, %s)', consistency_level=ConsistencyLevel.ALL), (i, 'u'))
        self.assertEqual({'truncatedTables': ['app.users']}, admin('POST', '/truncate'))
        self.assertIn('users', self.cluster.metadata.keyspaces['app'].tables)
        count = SimpleStatement('SELECT count(*) FROM app.users', consistency_level=ConsistencyLevel.ALL)
        for rows in self.on_every_host(count):
            self.assertEqual(0, rows[0].count)
        self.session.execute("INSERT INTO app.users (id, name) VALUES (3, 'next')")
        self.assertEqual(1, self.session.execute(count).one().count)


if __name__ == '__main__':
    main()
