"""SASI indexes through the Python driver, as Cassandra 4.1 answers them: CREATE CUSTOM INDEX with the
experimental-feature warning, LIKE prefix / suffix / contains / whole-term searches by mode and analyzer,
= and ranges, the refusals and their messages, paging, and the index metadata the driver reads.
"""
import unittest

from cassandra import InvalidRequest
from cassandra.protocol import ConfigurationException
from cassandra.query import SimpleStatement

from cassanova_support import KeyspaceFixture, main

SASI = 'org.apache.cassandra.index.sasi.SASIIndex'
ANALYZERS = 'org.apache.cassandra.index.sasi.analyzer.'
WARNING = 'SASI indexes are experimental and are not recommended for production use.'
FILTERING = 'Cannot execute this query as it might involve data filtering'


class SasiTests(KeyspaceFixture, unittest.TestCase):
    keyspace_prefix = 'py_sasi'
    schema = (
        'CREATE TABLE {ks}.people (id int PRIMARY KEY, name text, bio text, age int)',
        "CREATE CUSTOM INDEX people_name ON {ks}.people (name) USING '%s' WITH OPTIONS = "
        "{{'mode': 'CONTAINS', 'analyzer_class': '%sNonTokenizingAnalyzer', 'case_sensitive': 'false'}}" % (SASI, ANALYZERS),
        "CREATE CUSTOM INDEX people_bio ON {ks}.people (bio) USING '%s' WITH OPTIONS = {{'mode': 'CONTAINS', "
        "'analyzer_class': '%sStandardAnalyzer', 'tokenization_normalize_lowercase': 'true', "
        "'tokenization_skip_stop_words': 'true', 'tokenization_enable_stemming': 'true', 'tokenization_locale': 'en'}}" % (SASI, ANALYZERS),
        "CREATE CUSTOM INDEX people_age ON {ks}.people (age) USING '%s' WITH OPTIONS = {{'mode': 'SPARSE'}}" % SASI,
        "INSERT INTO {ks}.people (id, name, bio, age) VALUES (1, 'Ada Lovelace', 'Wrote the first programs', 36)",
        "INSERT INTO {ks}.people (id, name, bio, age) VALUES (2, 'Alan Turing', 'Broke codes and was programming machines', 41)",
        "INSERT INTO {ks}.people (id, name, bio, age) VALUES (3, 'Grace Hopper', 'Invented compilers', 85)",
    )

    def ids(self, where, params=None):
        rows = self.session.execute('SELECT id FROM %s.people WHERE %s' % (self.ks, where), params)
        return sorted(row.id for row in rows)

    def test_create_warns_even_when_the_index_exists(self):
        future = self.session.execute_async(
            "CREATE CUSTOM INDEX IF NOT EXISTS people_name ON %s.people (name) USING '%s'" % (self.ks, SASI))
        future.result()
        self.assertEqual(future.warnings, [WARNING])

    def test_like_forms_on_a_case_insensitive_contains_index(self):
        self.assertEqual(self.ids("name LIKE 'ada%'"), [1])
        self.assertEqual(self.ids("name LIKE '%TURING'"), [2])
        self.assertEqual(self.ids("name LIKE '%o%'"), [1, 3])
        self.assertEqual(self.ids("name LIKE 'grace hopper'"), [3])
        self.assertEqual(self.ids("name LIKE 'grace'"), [])
        self.assertEqual(self.ids("name = 'ALAN TURING'"), [2])
        self.assertEqual(self.ids('name LIKE %s', ['%love%']), [1])

    def test_stemmed_words_of_a_standard_analyzer(self):
        self.assertEqual(self.ids("bio LIKE 'program'"), [1, 2])
        self.assertEqual(self.ids("bio LIKE '%pil%'"), [3])
        self.assertEqual(self.ids("bio LIKE 'the'"), [])

    def test_numbers_by_equality_and_range(self):
        self.assertEqual(self.ids('age > 40'), [2, 3])
        self.assertEqual(self.ids('age = 36'), [1])
        with self.assertRaisesRegex(InvalidRequest, FILTERING):
            self.ids("age > 40 AND name LIKE 'a%'")
        self.assertEqual(self.ids("age > 40 AND name LIKE 'a%' ALLOW FILTERING"), [2])

    def test_refusals(self):
        with self.assertRaisesRegex(InvalidRequest, "LIKE restriction is only supported on properly indexed columns. id LIKE 1 is not valid."):
            self.ids('id LIKE 1')
        with self.assertRaisesRegex(InvalidRequest, "bio LIKE '<term>%' prog is only supported on properly indexed columns"):
            self.ids("bio LIKE 'prog%'")
        with self.assertRaisesRegex(InvalidRequest, "LIKE value can't be empty."):
            self.ids("name LIKE '%%'")
        with self.assertRaisesRegex(InvalidRequest, FILTERING):
            self.ids("bio = 'x'")
        with self.assertRaisesRegex(ConfigurationException, 'Incorrect index mode: FUZZY'):
            self.session.execute("CREATE CUSTOM INDEX ON %s.people (bio) USING '%s' WITH OPTIONS = {'mode': 'FUZZY'}" % (self.ks, SASI))

    def test_pages_through_the_matches(self):
        statement = SimpleStatement("SELECT id FROM %s.people WHERE name LIKE '%%a%%'" % self.ks, fetch_size=1)
        result = self.session.execute(statement)
        self.assertEqual(len(result.current_rows), 1)
        self.assertEqual(sorted(row.id for row in result), [1, 2, 3])

    def test_index_metadata(self):
        index = self.cluster.metadata.keyspaces[self.ks].tables['people'].indexes['people_name']
        self.assertEqual(index.kind, 'CUSTOM')
        self.assertEqual(index.index_options['class_name'], SASI)
        self.assertEqual(index.index_options['target'], 'name')
        cql = index.as_cql_query()
        self.assertTrue(cql.startswith("CREATE CUSTOM INDEX people_name ON %s.people (name) USING '%s' WITH OPTIONS = " % (self.ks, SASI)), cql)
        self.assertIn("'mode': 'CONTAINS'", cql)


if __name__ == '__main__':
    main()
