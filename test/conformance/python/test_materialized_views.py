"""Materialized views through the Python driver: the view kept from its base table, the experimental
warning, refusals, and cluster.metadata's keyspace views and table views built from system_schema.views."""
import unittest

from cassandra import InvalidRequest
from cassandra.metadata import MaterializedViewMetadata

from cassanova_support import connect, create_keyspace, drop_keyspace, main

cluster = session = keyspace = None


def setUpModule():
    global cluster, session, keyspace
    cluster, session = connect(protocol_version=4)
    keyspace = create_keyspace(session, 'py_views')
    session.execute('CREATE TABLE %s.users (id int PRIMARY KEY, email text, name text, age int)' % keyspace)


def tearDownModule():
    try:
        drop_keyspace(session, keyspace)
    finally:
        cluster.shutdown()


class MaterializedViewTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        future = session.execute_async(
            'CREATE MATERIALIZED VIEW %s.by_email AS SELECT id, email, name FROM %s.users '
            'WHERE email IS NOT NULL AND id IS NOT NULL PRIMARY KEY (email, id)' % (keyspace, keyspace))
        future.result()
        cls.warnings = future.warnings
        cluster.refresh_schema_metadata()

    def test_create_warns(self):
        self.assertEqual(self.warnings, ['Materialized views are experimental and are not recommended for production use.'])

    def test_view_follows_base_writes(self):
        insert = session.prepare('INSERT INTO %s.users (id, email, name, age) VALUES (?, ?, ?, ?)' % keyspace)
        session.execute(insert, (1, 'ann@x', 'Ann', 30))
        session.execute(insert, (2, 'bob@x', 'Bob', 40))
        row = session.execute("SELECT id, name FROM %s.by_email WHERE email = 'ann@x'" % keyspace).one()
        self.assertEqual((row.id, row.name), (1, 'Ann'))
        session.execute("UPDATE %s.users SET email = 'ann@y' WHERE id = 1" % keyspace)
        self.assertIsNone(session.execute("SELECT id FROM %s.by_email WHERE email = 'ann@x'" % keyspace).one())
        self.assertEqual(session.execute("SELECT id FROM %s.by_email WHERE email = 'ann@y'" % keyspace).one().id, 1)
        session.execute('DELETE FROM %s.users WHERE id = 2' % keyspace)
        self.assertIsNone(session.execute("SELECT id FROM %s.by_email WHERE email = 'bob@x'" % keyspace).one())

    def test_direct_writes_are_refused(self):
        with self.assertRaisesRegex(InvalidRequest, 'Cannot directly modify a materialized view'):
            session.execute("INSERT INTO %s.by_email (email, id) VALUES ('x', 9)" % keyspace)
        with self.assertRaisesRegex(InvalidRequest, 'Cannot include more than one non-primary key column'):
            session.execute('CREATE MATERIALIZED VIEW %s.bad AS SELECT * FROM %s.users WHERE email IS NOT NULL '
                            'AND name IS NOT NULL AND id IS NOT NULL PRIMARY KEY (email, name, id)' % (keyspace, keyspace))

    def test_keyspace_and_table_metadata_list_the_view(self):
        meta = cluster.metadata.keyspaces[keyspace]
        self.assertIn('by_email', meta.views)
        self.assertNotIn('by_email', meta.tables)
        view = meta.views['by_email']
        self.assertIsInstance(view, MaterializedViewMetadata)
        self.assertEqual(view.base_table_name, 'users')
        self.assertFalse(view.include_all_columns)
        self.assertEqual(view.where_clause, 'email IS NOT NULL AND id IS NOT NULL')
        self.assertEqual([c.name for c in view.partition_key], ['email'])
        self.assertEqual([c.name for c in view.clustering_key], ['id'])
        self.assertEqual(sorted(view.columns), ['email', 'id', 'name'])
        self.assertIn('by_email', meta.tables['users'].views)
        self.assertTrue(view.as_cql_query().startswith('CREATE MATERIALIZED VIEW %s.by_email AS' % keyspace))

    def test_dropped_view_leaves_metadata(self):
        session.execute('CREATE MATERIALIZED VIEW %s.by_age AS SELECT * FROM %s.users '
                        'WHERE age IS NOT NULL AND id IS NOT NULL PRIMARY KEY (age, id)' % (keyspace, keyspace))
        cluster.refresh_schema_metadata()
        self.assertTrue(cluster.metadata.keyspaces[keyspace].views['by_age'].include_all_columns)
        session.execute('DROP MATERIALIZED VIEW %s.by_age' % keyspace)
        cluster.refresh_schema_metadata()
        self.assertNotIn('by_age', cluster.metadata.keyspaces[keyspace].views)
        self.assertNotIn('by_age', cluster.metadata.keyspaces[keyspace].tables['users'].views)


if __name__ == '__main__':
    main()
