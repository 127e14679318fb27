"""Custom types written as class names, through the Python driver: the types its metadata reads from
system_schema (full class names, as Cassandra records them), CompositeType literals such as 'abc:123', and
CompositeType values, which the driver decodes into tuples with the component types the result names."""
import unittest

from cassandra import InvalidRequest

from cassanova_support import KeyspaceFixture, main

M = 'org.apache.cassandra.db.marshal.'
DYNAMIC = "'%sDynamicCompositeType(s=>%sUTF8Type,i=>%sInt32Type)'" % (M, M, M)
COMPOSITE = "'%sCompositeType(%sUTF8Type,%sInt32Type)'" % (M, M, M)


class CustomTypeTests(KeyspaceFixture, unittest.TestCase):
    keyspace_prefix = 'py_custom'
    schema = (
        "CREATE TABLE {ks}.tbl9 (id uuid, c1 'DynamicCompositeType(s => UTF8Type, i => Int32Type)', "
        "c2 'ReversedType(CompositeType(UTF8Type, Int32Type))', c3 'Int32Type', PRIMARY KEY (id, c1, c2))",
        'CREATE TABLE {ks}.tbl_static (id1 int, id2 int, static_value int static, value int, PRIMARY KEY (id1, id2))',
        "CREATE TABLE {ks}.comp (k int, c 'CompositeType(UTF8Type, Int32Type)', PRIMARY KEY (k, c))",
    )

    def table(self, name):
        self.cluster.refresh_table_metadata(self.ks, name)
        return self.cluster.metadata.keyspaces[self.ks].tables[name]

    def test_metadata_has_full_class_names_and_orders(self):
        columns = self.table('tbl9').columns
        self.assertEqual(columns['c1'].cql_type, DYNAMIC)
        self.assertEqual(columns['c2'].cql_type, COMPOSITE)
        self.assertEqual(columns['c3'].cql_type, 'int')
        self.assertEqual((columns['c1'].is_reversed, columns['c2'].is_reversed), (False, True))
        self.assertIn('c2 %s' % COMPOSITE, self.table('tbl9').export_as_string())

    def test_static_columns(self):
        columns = self.table('tbl_static').columns
        self.assertEqual({name: c.is_static for name, c in columns.items()},
                         {'id1': False, 'id2': False, 'static_value': True, 'value': False})

    def test_composite_literals_read_back_as_tuples_in_order(self):
        for literal in ('b:1', 'a:10', 'a:2', 'a', 'a\\:x:5'):
            self.session.execute("INSERT INTO %s.comp (k, c) VALUES (1, '%s')" % (self.ks, literal))
        rows = self.session.execute('SELECT c FROM %s.comp WHERE k = 1' % self.ks)
        self.assertEqual([r.c for r in rows], [('a',), ('a', 2), ('a', 10), ('a:x', 5), ('b', 1)])
        # The driver cannot serialize composites (no serialize in cqltypes.CompositeType): literals only.
        after = self.session.execute("SELECT c FROM %s.comp WHERE k = 1 AND c > 'a:!'" % self.ks)
        self.assertEqual([r.c for r in after], [('a:x', 5), ('b', 1)])

    def test_bad_literal_is_refused_as_cassandra_does(self):
        with self.assertRaises(InvalidRequest) as raised:
            self.session.execute("INSERT INTO %s.comp (k, c) VALUES (2, 'a:x')" % self.ks)
        self.assertIn("Unable to make int from 'x'", str(raised.exception))


if __name__ == '__main__':
    main()
