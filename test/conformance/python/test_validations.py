"""Cassandra 4.1's validations reach the Python driver with Cassandra's codes and messages: keys and
indexed values over 64 KiB, CONTAINS on key columns, SELECT DISTINCT with static columns, counters in
batches, null and unset values in literals and USING TIMESTAMP, filtering on durations, multi-column
slices on clustering columns of mixed order, several operations on one list, schema names and options
(ConfigurationException where Cassandra throws it) and ALTER TABLE."""
import unittest

from cassandra import InvalidRequest
from cassandra.protocol import ConfigurationException, SyntaxException
from cassandra.query import UNSET_VALUE, BatchStatement, BatchType

from cassanova_support import KeyspaceFixture, main

TOO_BIG = 65535 + 1024


class ValidationTests(KeyspaceFixture):
    keyspace_prefix = 'py_validations'
    schema = (
        'CREATE TABLE {ks}.keyed (a text, b text, c blob, PRIMARY KEY (a, b))',
        'CREATE TABLE {ks}.indexed (k int PRIMARY KEY, v blob)',
        'CREATE INDEX indexed_v ON {ks}.indexed (v)',
        'CREATE TABLE {ks}.frozen_keys (a int, b frozen<list<int>>, c int, PRIMARY KEY (a, b))',
        'CREATE TABLE {ks}.statics (a int, b int, c int, s int static, PRIMARY KEY (a, b))',
        'CREATE TABLE {ks}.counts (k int PRIMARY KEY, c counter)',
        'CREATE TABLE {ks}.plain (k int PRIMARY KEY, v int, l list<int>, m map<int, int>)',
        'CREATE TABLE {ks}.durations (k int PRIMARY KEY, d duration, u frozen<tuple<int, duration>>)',
        'CREATE TABLE {ks}.mixed (a int, b int, c int, PRIMARY KEY (a, b, c)) WITH CLUSTERING ORDER BY (b DESC, c ASC)',
        'CREATE TABLE {ks}.lists (k int PRIMARY KEY, l list<int>)',
    )

    def assertInvalid(self, message, statement, params=None):
        self.assertRefused(InvalidRequest, '2200', message, statement, params)

    def assertRefused(self, error, code, message, statement, params=None):
        with self.assertRaises(error) as raised:
            self.session.execute(statement, params)
        self.assertIn('code=%s' % code, str(raised.exception))
        self.assertIn(message, str(raised.exception))

    def test_partition_and_clustering_keys_over_64k(self):
        insert = self.session.prepare('INSERT INTO %s.keyed (a, b) VALUES (?, ?)' % self.ks)
        message = 'Key length of %d is longer than maximum of 65535' % TOO_BIG
        self.assertInvalid(message, insert, ('x' * TOO_BIG, 'b'))
        self.assertInvalid(message, insert, ('a', 'x' * TOO_BIG))
        select = self.session.prepare('SELECT * FROM %s.keyed WHERE a = ?' % self.ks)
        self.assertInvalid(message, select, ('x' * TOO_BIG,))

    def test_indexed_value_over_64k(self):
        insert = self.session.prepare('INSERT INTO %s.indexed (k, v) VALUES (1, ?)' % self.ks)
        self.assertInvalid('Cannot index value of size %d for index indexed_v on %s.indexed(v) (maximum allowed size=65535)'
                           % (TOO_BIG, self.ks), insert, (b'\0' * TOO_BIG,))
        select = self.session.prepare('SELECT * FROM %s.indexed WHERE v = ?' % self.ks)
        self.assertInvalid('Index expression values may not be larger than 64K', select, (b'\0' * TOO_BIG,))

    def test_contains_on_key_columns(self):
        self.assertInvalid('Cannot use CONTAINS on non-collection column a',
                           'SELECT * FROM %s.keyed WHERE a CONTAINS 1 ALLOW FILTERING' % self.ks)
        self.assertInvalid('Clustering columns can only be restricted with CONTAINS with a secondary index or filtering',
                           'SELECT * FROM %s.frozen_keys WHERE b CONTAINS 1' % self.ks)

    def test_select_distinct_with_statics(self):
        self.session.execute('INSERT INTO %s.statics (a, b, c, s) VALUES (1, 1, 1, 10)' % self.ks)
        self.assertEqual([(1, 10)], [tuple(r) for r in self.session.execute('SELECT DISTINCT a, s FROM %s.statics' % self.ks)])
        self.assertInvalid('SELECT DISTINCT queries must only request partition key columns and/or static columns (not c)',
                           'SELECT DISTINCT a, c FROM %s.statics' % self.ks)
        self.assertInvalid('SELECT DISTINCT with WHERE clause only supports restriction by partition key and/or static columns.',
                           'SELECT DISTINCT a FROM %s.statics WHERE a = 1 AND b = 1' % self.ks)

    def test_counters_in_batches(self):
        increment = self.session.prepare('UPDATE %s.counts SET c = c + 1 WHERE k = ?' % self.ks)
        insert = self.session.prepare('INSERT INTO %s.plain (k, v) VALUES (?, 1)' % self.ks)
        unlogged = BatchStatement(batch_type=BatchType.UNLOGGED)
        unlogged.add(increment, (1,))
        self.session.execute(unlogged)
        self.assertEqual(1, self.session.execute('SELECT c FROM %s.counts WHERE k = 1' % self.ks).one().c)
        logged = BatchStatement(batch_type=BatchType.LOGGED)
        logged.add(increment, (1,))
        self.assertInvalid('Cannot include a counter statement in a logged batch', logged)
        mixed = BatchStatement(batch_type=BatchType.UNLOGGED)
        mixed.add(increment, (1,))
        mixed.add(insert, (1,))
        self.assertInvalid('Counter and non-counter mutations cannot exist in the same batch', mixed)

    def test_null_and_unset_values(self):
        self.session.execute('INSERT INTO %s.plain (k, l) VALUES (2, [1])' % self.ks)
        update = self.session.prepare('UPDATE %s.plain SET l = [1, ?] WHERE k = 2' % self.ks)
        self.assertInvalid('null is not supported inside collections', update, (None,))
        self.session.execute(update, (UNSET_VALUE,))
        self.assertEqual([1], self.session.execute('SELECT l FROM %s.plain WHERE k = 2' % self.ks).one().l)
        map_key = self.session.prepare('UPDATE %s.plain SET m = {?: 1} WHERE k = 2' % self.ks)
        self.assertInvalid('unset value is not supported for map keys', map_key, (UNSET_VALUE,))
        timestamp = self.session.prepare('INSERT INTO %s.plain (k, v) VALUES (3, 3) USING TIMESTAMP ?' % self.ks)
        self.assertInvalid('Invalid null value of timestamp', timestamp, (None,))
        self.assertInvalid("Invalid list literal for l: value 'x' is not of type int",
                           "INSERT INTO %s.plain (k, l) VALUES (3, [1, 'x'])" % self.ks)


    def test_filtering_on_durations(self):
        self.session.execute('INSERT INTO %s.durations (k, d, u) VALUES (1, 1s, (1, 1s))' % self.ks)
        self.assertEqual([1], [r.k for r in self.session.execute('SELECT k FROM %s.durations WHERE d = 1s ALLOW FILTERING' % self.ks)])
        self.assertInvalid('Slice restrictions are not supported on duration columns',
                           'SELECT * FROM %s.durations WHERE d > 1s ALLOW FILTERING' % self.ks)
        self.assertInvalid('Slice restrictions are not supported on tuples containing durations',
                           'SELECT * FROM %s.durations WHERE u <= (1, 1s) ALLOW FILTERING' % self.ks)

    def test_mixed_order_multi_column_slices(self):
        insert = self.session.prepare('INSERT INTO %s.mixed (a, b, c) VALUES (0, ?, ?)' % self.ks)
        for b, c in ((2, 3), (2, 4), (4, 4), (3, 4), (4, 5), (4, 6)):
            self.session.execute(insert, (b, c))
        select = self.session.prepare('SELECT b, c FROM %s.mixed WHERE a = 0 AND (b, c) >= (?, ?) AND (b, c) < (?, ?)' % self.ks)
        select.fetch_size = 1
        self.assertEqual([(4, 4), (3, 4), (2, 3), (2, 4)], [(r.b, r.c) for r in self.session.execute(select, (2, 3, 4, 5))])

    def test_several_operations_on_one_list(self):
        self.session.execute('INSERT INTO %s.lists (k, l) VALUES (1, [1, 2, 3, 4])' % self.ks)
        self.session.execute('UPDATE %s.lists SET l[2] = 8, l = l - [8] WHERE k = 1' % self.ks)
        self.assertEqual([1, 2, 4], self.session.execute('SELECT l FROM %s.lists WHERE k = 1' % self.ks).one().l)
        self.assertInvalid('List index 3 out of bound, list has size 2',
                           'UPDATE %s.lists SET l = l - [4], l[3] = 1 WHERE k = 1' % self.ks)
        self.assertRefused(SyntaxException, '2000', 'Multiple incompatible setting of column l',
                           'UPDATE %s.lists SET l = [1], l = l + [2] WHERE k = 1' % self.ks)

    def test_schema_names_and_options(self):
        self.assertInvalid("(got 'bad-name')",
                           "CREATE KEYSPACE \"bad-name\" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        self.assertRefused(ConfigurationException, '2300', "Unable to find replication strategy class 'org.apache.cassandra.locator.FooStrategy'",
                           "CREATE KEYSPACE pyvks1 WITH replication = {'class': 'FooStrategy'}")
        self.assertRefused(ConfigurationException, '2300', 'Table name must not be empty, more than 48 characters long',
                           'CREATE TABLE %s.%s (k int PRIMARY KEY)' % (self.ks, 't' * 49))
        self.assertRefused(ConfigurationException, '2300', 'sstable_size_in_mb must be larger than 0, but was -1',
                           "CREATE TABLE %s.opts (k int PRIMARY KEY) WITH compaction = "
                           "{'class': 'LeveledCompactionStrategy', 'sstable_size_in_mb': -1}" % self.ks)

    def test_alter_table(self):
        self.session.execute('CREATE TABLE %s.altered (k int, c int, v text, PRIMARY KEY (k, c))' % self.ks)
        self.session.execute("INSERT INTO %s.altered (k, c, v) VALUES (1, 1, 'old')" % self.ks)
        self.assertInvalid('DROP COMPACT STORAGE is disabled. Enable in cassandra.yaml to use.',
                           'ALTER TABLE %s.altered DROP COMPACT STORAGE' % self.ks)
        self.assertInvalid('Cannot drop PRIMARY KEY column c', 'ALTER TABLE %s.altered DROP c' % self.ks)
        self.session.execute('ALTER TABLE %s.altered DROP v' % self.ks)
        self.assertInvalid("Cannot re-add previously dropped column 'v' of type int, incompatible with previous type text",
                           'ALTER TABLE %s.altered ADD v int' % self.ks)
        self.session.execute('ALTER TABLE %s.altered ADD v text' % self.ks)
        self.assertEqual([None], [r.v for r in self.session.execute('SELECT v FROM %s.altered' % self.ks)])


class ValidationTestsV5(ValidationTests, unittest.TestCase):
    protocol_version = 5


if __name__ == '__main__':
    main()
