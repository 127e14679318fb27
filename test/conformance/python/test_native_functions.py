"""Casts, time functions, token(), string concatenation, tuples and user types through the Python
driver, as it decodes them (Cassandra 4.1's CastFctsTest, TimeFctsTest, OperationFcts' string
concatenations, SelectOrderedPartitionerTest's token relations, TupleTypeTest, UserTypesTest)."""
import datetime
import unittest
import uuid
from decimal import Decimal

from cassandra import InvalidRequest
from cassandra.query import UNSET_VALUE
from cassandra.util import Date

from cassanova_support import KeyspaceFixture, main

DATE_TIME = datetime.datetime(2015, 5, 21, 11, 3, 2)
DATE_TIME_MS = 1432206182000


def timeuuid_at(ms):
    """The smallest timeuuid of a millisecond, as Cassandra's minTimeuuid makes it."""
    ticks = ms * 10000 + 0x01B21DD213814000
    return uuid.UUID(fields=(ticks & 0xFFFFFFFF, (ticks >> 32) & 0xFFFF, 0x1000 | (ticks >> 48), 0x80, 0x80, 0x808080808080))


class NativeFunctionTests(KeyspaceFixture, unittest.TestCase):
    keyspace_prefix = 'py_natfn'
    schema = (
        'CREATE TABLE {ks}.numbers (a tinyint PRIMARY KEY, b smallint, c int, d bigint, e float, f double, g decimal, h varint, i int)',
        'CREATE TABLE {ks}.temporals (a timeuuid PRIMARY KEY, b timestamp, c date, d time, big bigint)',
        'CREATE TABLE {ks}.strings (k text PRIMARY KEY, t text, a ascii)',
        'CREATE TABLE {ks}.tokens (a int, b text, c int, PRIMARY KEY ((a, b), c))',
        'CREATE TYPE {ks}.address (street text, zip int, phones set<text>)',
        'CREATE TYPE {ks}.office (street text, zip int)',
        'CREATE TABLE {ks}.people (k int PRIMARY KEY, t frozen<tuple<int, text, double>>, home frozen<address>, work office)',
    )

    @classmethod
    def setUpClass(cls):
        super(NativeFunctionTests, cls).setUpClass()
        cls.session.execute('INSERT INTO %s.numbers (a, b, c, d, e, f, g, h) VALUES (1, 2, 3, 4, 5.2, 6.3, 6.3, 4)' % cls.ks)
        cls.session.execute(
            "INSERT INTO %s.temporals (a, b, c, d, big) VALUES (%%s, '2015-05-21 11:03:02+00', '2015-05-21', '11:03:02', %%s)" % cls.ks,
            (timeuuid_at(DATE_TIME_MS), DATE_TIME_MS))

    def test_numeric_casts_named_and_decoded(self):
        result = self.session.execute(
            'SELECT CAST(b AS int), CAST(d AS double), CAST(e AS decimal), CAST(f AS decimal), CAST(h AS decimal), '
            'CAST(g AS float), CAST(e AS text), CAST(d AS varint), CAST(i AS tinyint) FROM %s.numbers WHERE a = 1' % self.ks)
        self.assertEqual(result.column_names, ['cast(b as int)', 'cast(d as double)', 'cast(e as decimal)', 'cast(f as decimal)',
                                               'cast(h as decimal)', 'cast(g as float)', 'cast(e as text)', 'cast(d as varint)',
                                               'cast(i as tinyint)'])
        row = result.one()
        # 4.1 widens the float 5.2 to a double before making a decimal of it (5.0 changed that).
        self.assertEqual(tuple(row), (2, 4.0, Decimal('5.199999809265137'), Decimal('6.3'), Decimal('4'),
                                      row.cast_g_as_float, '5.2', 4, None))
        self.assertAlmostEqual(row.cast_g_as_float, 6.3, places=5)

    def test_temporal_casts(self):
        row = self.session.execute(
            'SELECT CAST(a AS timestamp), CAST(c AS timestamp), CAST(b AS date), CAST(b AS text), CAST(d AS text) '
            'FROM %s.temporals' % self.ks).one()
        self.assertEqual(tuple(row), (DATE_TIME, datetime.datetime(2015, 5, 21), Date('2015-05-21'),
                                      '2015-05-21T11:03:02.000Z', '11:03:02.000000000'))

    def test_casts_in_terms_and_their_refusals(self):
        prepared = self.session.prepare('INSERT INTO %s.numbers (a, c) VALUES (CAST(2.7 AS tinyint), CAST((float) ? AS int))' % self.ks)
        self.session.execute(prepared, (3.9,))
        self.assertEqual(self.session.execute('SELECT c FROM %s.numbers WHERE a = CAST(2.2 AS tinyint)' % self.ks).one().c, 3)
        with self.assertRaisesRegex(InvalidRequest, 'c cannot be cast to boolean'):
            self.session.execute('SELECT CAST(c AS boolean) FROM %s.numbers' % self.ks)
        with self.assertRaisesRegex(InvalidRequest, r'Ambiguous call to function system\.castAsInt \(can be matched'):
            self.session.prepare('SELECT a FROM %s.numbers WHERE a = 1 AND c = CAST(? AS int) ALLOW FILTERING' % self.ks)

    def test_time_functions(self):
        result = self.session.execute(
            'SELECT toTimestamp(a), toUnixTimestamp(b), toDate(big), dateOf(a), unixTimestampOf(a), minTimeuuid(b), '
            'maxTimeuuid(big) FROM %s.temporals' % self.ks)
        row = result.one()
        self.assertEqual(tuple(row)[:5], (DATE_TIME, DATE_TIME_MS, Date('2015-05-21'), DATE_TIME, DATE_TIME_MS))
        self.assertEqual(row[5], timeuuid_at(DATE_TIME_MS))
        self.assertEqual(row[6].time, timeuuid_at(DATE_TIME_MS).time + 9999)
        self.assertEqual(str(row[6])[19:], '7f7f-7f7f7f7f7f7f')
        prepared = self.session.prepare('SELECT a FROM %s.temporals WHERE a >= minTimeuuid(?) AND a <= maxTimeuuid(?) ALLOW FILTERING' % self.ks)
        self.assertEqual(len(list(self.session.execute(prepared, (DATE_TIME, DATE_TIME)))), 1)
        with self.assertRaisesRegex(InvalidRequest, 'Invalid call to function todate, none of its type signatures match'):
            self.session.execute('SELECT toDate(d) FROM %s.temporals' % self.ks)

    def test_token_in_selections_and_relations(self):
        prepared = self.session.prepare('INSERT INTO %s.tokens (a, b, c) VALUES (?, ?, 0)' % self.ks)
        for key in ((1, 'x'), (2, 'y'), (3, 'z')):
            self.session.execute(prepared, key)
        rows = list(self.session.execute('SELECT token(a, b), a, b FROM %s.tokens' % self.ks))
        # The driver makes a field name of the column name `system.token(a, b)`.
        self.assertEqual(rows[0]._fields[0], 'system_token_a__b')
        tokens = [r[0] for r in rows]
        self.assertEqual(tokens, sorted(tokens))
        after = self.session.execute(self.session.prepare('SELECT a FROM %s.tokens WHERE token(a, b) > ?' % self.ks), (tokens[0],))
        self.assertEqual([r.a for r in after], [r.a for r in rows[1:]])
        upto = self.session.execute(
            self.session.prepare('SELECT a FROM %s.tokens WHERE token(a, b) <= token(?, ?)' % self.ks), (rows[0].a, rows[0].b))
        self.assertEqual([r.a for r in upto], [rows[0].a])
        with self.assertRaisesRegex(InvalidRequest, 'The token function arguments must be in the partition key order: a, b'):
            self.session.execute("SELECT * FROM %s.tokens WHERE token(b, a) > token('c', 0)" % self.ks)

    def test_string_concatenation(self):
        self.session.execute("INSERT INTO %s.strings (k, t, a) VALUES ('k' + '1', 'été' + ' !', 'a' + 'b')" % self.ks)
        result = self.session.execute("SELECT t + a, a + a FROM %s.strings WHERE k = 'k1'" % self.ks)
        self.assertEqual(tuple(result.one()), ('été !ab', 'abab'))
        with self.assertRaisesRegex(InvalidRequest, "the '\\+' operation is not supported between t and 1"):
            self.session.execute('SELECT t + 1 FROM %s.strings' % self.ks)

    def test_tuples(self):
        self.session.execute("INSERT INTO %s.people (k, t) VALUES (0, (3, 'foo', 3.4))" % self.ks)
        self.session.execute(self.session.prepare('INSERT INTO %s.people (k, t) VALUES (1, ?)' % self.ks), ((8, None, 0.2),))
        self.session.execute("INSERT INTO %s.people (k, t) VALUES (2, '5:bar')" % self.ks)
        by_key = dict((r.k, r.t) for r in self.session.execute('SELECT k, t FROM %s.people WHERE k IN (0, 1, 2)' % self.ks))
        self.assertEqual(by_key, {0: (3, 'foo', 3.4), 1: (8, None, 0.2), 2: (5, 'bar', None)})
        with self.assertRaisesRegex(InvalidRequest, 'Invalid tuple literal for t: too many elements. '
                                                    r'Type frozen<tuple<int, text, double>> expects 3 but got 4'):
            self.session.execute("INSERT INTO %s.people (k, t) VALUES (3, (2, 'foo', 3.1, 'bar'))" % self.ks)
        with self.assertRaisesRegex(InvalidRequest, 'Invalid unset value for tuple field number 1'):
            self.session.execute(self.session.prepare('INSERT INTO %s.people (k, t) VALUES (3, (3, ?, 2.1))' % self.ks), (UNSET_VALUE,))

    def test_user_types(self):
        self.session.execute("INSERT INTO %s.people (k, home, work) VALUES (5, {street: 'Main', zip: 1, phones: {'a'}}, {street: 'Side'})" % self.ks)
        self.session.execute(self.session.prepare('UPDATE %s.people SET work.zip = ? WHERE k = 5' % self.ks), (75,))
        row = self.session.execute('SELECT home, work, home.zip, work.street FROM %s.people WHERE k = 5' % self.ks).one()
        self.assertEqual((row.home.street, row.home.zip, set(row.home.phones)), ('Main', 1, {'a'}))
        self.assertEqual((row.work.street, row.work.zip), ('Side', 75))
        self.assertEqual((row[2], row[3]), (1, 'Side'))
        with self.assertRaisesRegex(InvalidRequest, r'Invalid operation \(home.zip = 2\) for frozen UDT column home'):
            self.session.execute('UPDATE %s.people SET home.zip = 2 WHERE k = 5' % self.ks)
        with self.assertRaisesRegex(InvalidRequest, "Unknown field 'floor' in value of user defined type address"):
            self.session.execute("INSERT INTO %s.people (k, home) VALUES (6, {street: 'x', floor: 2})" % self.ks)
        with self.assertRaisesRegex(InvalidRequest, "Invalid unset value for field 'zip' of user defined type address"):
            self.session.execute(self.session.prepare('INSERT INTO %s.people (k, home) VALUES (6, {street: ?, zip: ?})' % self.ks),
                                 ('x', UNSET_VALUE))


if __name__ == '__main__':
    main()
