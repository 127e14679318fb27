"""Every common CQL type round-trips through the Python driver: bound values (binary codecs) and
client-side formatted CQL literals (the server's literal parser), on v4 and v5, plus UDT mapping."""
import datetime
import math
import unittest
import uuid
from decimal import Decimal

from cassandra.util import Duration, Time

from cassanova_support import KeyspaceFixture, main


class Address(object):
    """Mapped to the `address` UDT with cluster.register_user_type."""

    def __init__(self, street=None, city=None, zip=None):
        self.street = street
        self.city = city
        self.zip = zip

    def __eq__(self, other):
        return isinstance(other, Address) and vars(self) == vars(other)

    def __repr__(self):
        return 'Address(%r, %r, %r)' % (self.street, self.city, self.zip)


COLUMNS = (
    ('a_int', 'int'), ('a_bigint', 'bigint'), ('a_smallint', 'smallint'), ('a_tinyint', 'tinyint'),
    ('a_varint', 'varint'), ('a_decimal', 'decimal'), ('a_double', 'double'), ('a_float', 'float'),
    ('a_boolean', 'boolean'), ('a_text', 'text'), ('a_ascii', 'ascii'), ('a_blob', 'blob'),
    ('a_uuid', 'uuid'), ('a_timeuuid', 'timeuuid'), ('a_timestamp', 'timestamp'), ('a_date', 'date'),
    ('a_time', 'time'), ('a_inet', 'inet'), ('a_duration', 'duration'),
    ('a_list', 'list<int>'), ('a_set', 'set<text>'), ('a_map', 'map<text, int>'),
    ('a_tuple', 'tuple<int, text, boolean>'), ('a_frozen_list', 'frozen<list<text>>'),
    ('a_nested', 'map<text, frozen<list<int>>>'), ('a_udt', 'frozen<address>'),
    ('a_udt_list', 'list<frozen<address>>'),
)
NAMES = [name for name, _ in COLUMNS]

HIGH_ROW = {
    'a_int': 2 ** 31 - 1, 'a_bigint': 2 ** 63 - 1, 'a_smallint': 32767, 'a_tinyint': 127,
    'a_varint': 2 ** 100, 'a_decimal': Decimal('123456789.0123456789'),
    'a_double': 3.141592653589793, 'a_float': 1.5, 'a_boolean': True,
    'a_text': 'h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c', 'a_ascii': 'plain ascii', 'a_blob': bytes(range(256)),
    'a_uuid': uuid.UUID('f47ac10b-58cc-4372-a567-0e02b2c3d479'),
    'a_timeuuid': uuid.UUID('50554d6e-29bb-11e5-b345-feff819cdc9f'),
    'a_timestamp': datetime.datetime(2021, 3, 4, 5, 6, 7, 123000),
    'a_date': datetime.date(2020, 2, 29), 'a_time': Time(86399999999999),
    'a_inet': '192.168.1.10', 'a_duration': Duration(1, 2, 3000000000),
    'a_list': [3, 1, 2], 'a_set': {'b', 'a'}, 'a_map': {'x': 1, 'y': 2},
    'a_tuple': (1, 'one', True), 'a_frozen_list': ['p', 'q'], 'a_nested': {'k': [1, 2]},
    'a_udt': Address('1 Main St', 'Springfield', 12345),
    'a_udt_list': [Address('a', 'b', 1), Address('c', None, 2)],
}
LOW_ROW = {
    'a_int': -2 ** 31, 'a_bigint': -2 ** 63, 'a_smallint': -32768, 'a_tinyint': -128,
    'a_varint': -(2 ** 100) - 1, 'a_decimal': Decimal('-0.000001'),
    'a_double': -1.0e308, 'a_float': -2.25, 'a_boolean': False,
    'a_text': '', 'a_ascii': '', 'a_blob': b'',
    'a_uuid': uuid.UUID(int=0), 'a_timeuuid': uuid.UUID('00000000-0000-1000-8080-808080808080'),
    'a_timestamp': datetime.datetime(1950, 6, 7, 8, 9, 10, 500000),
    'a_date': datetime.date(1000, 1, 1), 'a_time': datetime.time(0, 0),
    'a_inet': '2001:db8::1', 'a_duration': Duration(-1, -2, -3),
    'a_list': [-1], 'a_set': {''}, 'a_map': {'': -1},
    'a_tuple': (-1, '', False), 'a_frozen_list': [''], 'a_nested': {'': [0]},
    'a_udt': Address('', '', 0), 'a_udt_list': [Address()],
}
VARINTS = [0, 1, -1, 127, 128, -128, -129, 255, 256, -256, 2 ** 31, 2 ** 63 - 1, 2 ** 63, -(2 ** 63),
           -(2 ** 63) - 1, 10 ** 40, -(10 ** 40)]
DECIMALS = ['0', '0.00', '-0.1', '1E+10', '123.456', '-9999999999999999999.99999999999999', '1E-30', '1']


class TypeTests(KeyspaceFixture):
    keyspace_prefix = 'py_types'
    schema = (
        'CREATE TYPE {ks}.address (street text, city text, zip int)',
        'CREATE TABLE {ks}.all_types (k int PRIMARY KEY, %s)' % ', '.join('%s %s' % c for c in COLUMNS),
        'CREATE TABLE {ks}.numbers (k int PRIMARY KEY, vi varint, de decimal, db double)',
    )

    @classmethod
    def setUpClass(cls):
        super(TypeTests, cls).setUpClass()
        cls.cluster.register_user_type(cls.ks, 'address', Address)
        cls.insert = cls.session.prepare('INSERT INTO %s.all_types (k, %s) VALUES (?, %s)' % (
            cls.ks, ', '.join(NAMES), ', '.join('?' * len(NAMES))))

    def read_row(self, k):
        row = self.session.execute('SELECT * FROM %s.all_types WHERE k = %%s' % self.ks, (k,)).one()
        self.assertIsNotNone(row, 'row %d is missing' % k)
        return row

    def assert_row(self, k, expected):
        row = self.read_row(k)
        for name in NAMES:
            with self.subTest(column=name):
                self.assertEqual(getattr(row, name), expected[name])

    def insert_literals(self, k, values):
        """Client-side formatted INSERT (no bound values): the server parses every value as a literal.
        The driver formats Python tuples as list literals, so the tuple column gets its own literal."""
        names = [n for n in NAMES if n != 'a_tuple']
        tuple_literal = '(%s)' % ', '.join(self.session.encoder.cql_encode_all_types(v) for v in values['a_tuple'])
        self.session.execute('INSERT INTO %s.all_types (k, a_tuple, %s) VALUES (%%s, %s, %s)' % (
            self.ks, ', '.join(names), tuple_literal, ', '.join(['%s'] * len(names))),
            [k] + [values[n] for n in names])

    def test_bound_high_values(self):
        self.session.execute(self.insert, [1] + [HIGH_ROW[n] for n in NAMES])
        self.assert_row(1, HIGH_ROW)

    def test_bound_low_values(self):
        self.session.execute(self.insert, {'k': 2, **LOW_ROW})
        self.assert_row(2, LOW_ROW)

    def test_literal_high_values(self):
        self.insert_literals(3, HIGH_ROW)
        self.assert_row(3, HIGH_ROW)

    def test_literal_low_values(self):
        self.insert_literals(4, LOW_ROW)
        self.assert_row(4, LOW_ROW)

    def test_absent_values_read_as_null(self):
        self.session.execute('INSERT INTO %s.all_types (k) VALUES (5)' % self.ks)
        row = self.read_row(5)
        self.assertEqual({n: getattr(row, n) for n in NAMES}, dict.fromkeys(NAMES))

    def test_empty_non_frozen_collections_read_as_null(self):
        self.session.execute(self.insert, {'k': 6, **dict.fromkeys(NAMES), 'a_list': [], 'a_set': set(), 'a_map': {}})
        row = self.read_row(6)
        self.assertEqual((row.a_list, row.a_set, row.a_map), (None, None, None))

    def test_udt_maps_to_registered_class(self):
        self.session.execute(self.insert, {'k': 7, **dict.fromkeys(NAMES), 'a_udt': Address('x', 'y', 1)})
        udt = self.read_row(7).a_udt
        self.assertIsInstance(udt, Address)
        self.assertEqual((udt.street, udt.city, udt.zip), ('x', 'y', 1))
        selected = self.session.execute('SELECT a_udt.city FROM %s.all_types WHERE k = 7' % self.ks).one()
        self.assertEqual(selected[0], 'y')

    def test_varint_and_decimal_edges(self):
        insert = self.session.prepare('INSERT INTO %s.numbers (k, vi, de) VALUES (?, ?, ?)' % self.ks)
        for k, value in enumerate(VARINTS):
            decimal = Decimal(DECIMALS[k % len(DECIMALS)])
            self.session.execute(insert, (k, value, decimal))
            self.session.execute('INSERT INTO %s.numbers (k, vi, de) VALUES (%%s, %%s, %%s)' % self.ks,
                                 (1000 + k, value, decimal))
        for k, value in enumerate(VARINTS):
            decimal = Decimal(DECIMALS[k % len(DECIMALS)])
            for key in (k, 1000 + k):
                row = self.session.execute('SELECT vi, de FROM %s.numbers WHERE k = %%s' % self.ks, (key,)).one()
                with self.subTest(key=key, varint=value, decimal=str(decimal)):
                    self.assertEqual(row.vi, value)
                    self.assertEqual(row.de.as_tuple(), decimal.as_tuple())

    def test_special_doubles(self):
        insert = self.session.prepare('INSERT INTO %s.numbers (k, db) VALUES (?, ?)' % self.ks)
        values = [float('nan'), float('inf'), float('-inf'), -0.0, 5e-324]
        for k, value in enumerate(values, start=2000):
            self.session.execute(insert, (k, value))
        read = [self.session.execute('SELECT db FROM %s.numbers WHERE k = %d' % (self.ks, k)).one().db
                for k in range(2000, 2000 + len(values))]
        self.assertTrue(math.isnan(read[0]))
        self.assertEqual(read[1:3], [float('inf'), float('-inf')])
        self.assertEqual(math.copysign(1.0, read[3]), -1.0)
        self.assertEqual(read[4], 5e-324)


class TypesV4Test(TypeTests, unittest.TestCase):
    protocol_version = 4


class TypesV5Test(TypeTests, unittest.TestCase):
    protocol_version = 5


if __name__ == '__main__':
    main()
