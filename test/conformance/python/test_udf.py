"""User-defined functions and aggregates through the Python driver: CREATE/DROP FUNCTION and AGGREGATE,
calls in selections, WHERE terms and GROUP BY queries, FunctionFailure with its fields, and the driver's
schema metadata (keyspace_metadata.functions / .aggregates, refreshed by FUNCTION and AGGREGATE events)."""
import unittest

from cassandra import FunctionFailure, InvalidRequest

from cassanova_support import KeyspaceFixture, main


class UdfTests(KeyspaceFixture, unittest.TestCase):
    keyspace_prefix = 'py_udf'
    schema = (
        'CREATE TABLE {ks}.t (k int, c int, v int, s text, PRIMARY KEY (k, c))',
        "CREATE FUNCTION {ks}.plus(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a + b;'",
        "CREATE FUNCTION {ks}.greet(s text) CALLED ON NULL INPUT RETURNS text LANGUAGE javascript "
        "AS 's === null ? \"nobody\" : \"hello \" + s'",
        "CREATE FUNCTION {ks}.acc(state bigint, v int) RETURNS NULL ON NULL INPUT RETURNS bigint LANGUAGE java "
        "AS 'return state + v;'",
        "CREATE FUNCTION {ks}.fin(state bigint) RETURNS NULL ON NULL INPUT RETURNS text LANGUAGE java "
        "AS 'return \"total=\" + state;'",
        'CREATE AGGREGATE {ks}.total(int) SFUNC acc STYPE bigint FINALFUNC fin INITCOND 0',
    )

    @classmethod
    def setUpClass(cls):
        super(UdfTests, cls).setUpClass()
        insert = cls.session.prepare('INSERT INTO %s.t (k, c, v, s) VALUES (?, ?, ?, ?)' % cls.ks)
        for k in range(2):
            for c in range(3):
                cls.session.execute(insert, (k, c, k * 10 + c, None if c == 2 else 'p%d' % c))

    def test_calls_in_selections_and_terms(self):
        rows = self.session.execute('SELECT plus(c, v), greet(s) FROM %s.t WHERE k = 1' % self.ks)
        self.assertEqual([tuple(r) for r in rows], [(10, 'hello p0'), (12, 'hello p1'), (14, 'nobody')])
        prepared = self.session.prepare('SELECT c FROM %s.t WHERE k = plus(?, 1) AND c = plus(1, ?)' % self.ks)
        self.assertEqual([r.c for r in self.session.execute(prepared, (0, 1))], [2])

    def test_aggregates_by_group(self):
        rows = self.session.execute('SELECT k, total(v) FROM %s.t GROUP BY k' % self.ks)
        self.assertEqual(sorted(tuple(r) for r in rows), [(0, 'total=3'), (1, 'total=33')])

    def test_function_failure(self):
        self.session.execute(
            "CREATE FUNCTION %s.div(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a / b;'" % self.ks)
        with self.assertRaises(FunctionFailure) as caught:
            self.session.execute('SELECT div(v, c) FROM %s.t WHERE k = 0' % self.ks)
        self.assertEqual(caught.exception.keyspace, self.ks)
        self.assertEqual(caught.exception.function, 'div')
        self.assertEqual(caught.exception.arg_types, ['int', 'int'])
        self.assertIn("execution of '%s.div[int, int]' failed: java.lang.ArithmeticException: / by zero" % self.ks,
                      str(caught.exception))

    def test_refusals(self):
        with self.assertRaisesRegex(InvalidRequest, "Function 'plus' already exists"):
            self.session.execute(
                "CREATE FUNCTION %s.plus(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a;'" % self.ks)
        with self.assertRaisesRegex(InvalidRequest, "Function '%s.acc' is still referenced by aggregates %s.total" % (self.ks, self.ks)):
            self.session.execute('DROP FUNCTION %s.acc' % self.ks)
        with self.assertRaisesRegex(InvalidRequest, 'Java source compilation failed:'):
            self.session.execute(
                "CREATE FUNCTION %s.broken(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a.foo;'" % self.ks)

    def test_driver_metadata(self):
        self.cluster.refresh_schema_metadata()
        keyspace = self.cluster.metadata.keyspaces[self.ks]
        plus = keyspace.functions['plus(int,int)']
        self.assertEqual(plus.argument_names, ['a', 'b'])
        self.assertEqual(plus.argument_types, ['int', 'int'])
        self.assertEqual(plus.return_type, 'int')
        self.assertEqual(plus.language, 'java')
        self.assertEqual(plus.body, 'return a + b;')
        self.assertFalse(plus.called_on_null_input)
        self.assertTrue(keyspace.functions['greet(text)'].called_on_null_input)
        total = keyspace.aggregates['total(int)']
        self.assertEqual((total.state_func, total.state_type, total.final_func, total.initial_condition, total.return_type),
                         ('acc', 'bigint', 'fin', '0', 'text'))
        self.assertIn('CREATE AGGREGATE %s.total(int)' % self.ks, total.as_cql_query())
        self.assertIn('CREATE FUNCTION %s.plus(a int, b int)' % self.ks, keyspace.export_as_string())

    def test_events_refresh_metadata(self):
        self.session.execute(
            "CREATE FUNCTION %s.twice(x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return x * 2;'" % self.ks)
        self.assertIn('twice(int)', self.cluster.metadata.keyspaces[self.ks].functions)
        self.session.execute('DROP FUNCTION %s.twice' % self.ks)
        self.assertNotIn('twice(int)', self.cluster.metadata.keyspaces[self.ks].functions)


if __name__ == '__main__':
    main()
