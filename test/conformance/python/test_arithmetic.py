"""Arithmetic operators through the Python driver, as Cassandra 4.1 runs them (OperationFcts,
OperationFctsTest): results decoded as the driver's types for the wider operand (int, float, Decimal),
column names as Cassandra prints them, operations in VALUES and WHERE with bind markers typed by their
receiver, timestamp/date +/- duration, and failures with Cassandra's codes and messages."""
import datetime
import unittest
from decimal import Decimal

from cassandra import FunctionFailure, InvalidRequest

from cassanova_support import KeyspaceFixture, main


class ArithmeticTests(KeyspaceFixture, unittest.TestCase):
    keyspace_prefix = 'py_arith'
    schema = (
        'CREATE TABLE {ks}.nums (a tinyint, b smallint, c int, d bigint, e float, f double, g varint, h decimal,'
        ' PRIMARY KEY (a, b))',
        "INSERT INTO {ks}.nums (a, b, c, d, e, f, g, h) VALUES (1, 2, 3, 4, 5.5, 6.5, 7, 8.5)",
        'CREATE TABLE {ks}.days (k int, d date, v int, PRIMARY KEY (k, d))',
    )

    def select(self, selection, prepared=False):
        query = 'SELECT %s FROM %s.nums WHERE a = 1 AND b = 2' % (selection, self.ks)
        statement = self.session.prepare(query) if prepared else query
        return self.session.execute(statement)

    def test_results_typed_by_the_wider_operand(self):
        for prepared in (False, True):
            result = self.select('a + a, c - d, e * a, f / b, g % c, h + a, h / c, -h', prepared)
            self.assertEqual(result.column_names, ['a + a', 'c - d', 'e * a', 'f / b', 'g % c', 'h + a', 'h / c', '-h'])
            self.assertEqual(
                [t.typename for t in result.column_types],
                ['tinyint', 'bigint', 'float', 'double', 'varint', 'decimal', 'decimal', 'decimal'])
            row = result.one()
            self.assertEqual(row[0], 2)
            self.assertEqual(row[1], -1)
            self.assertEqual(row[2], 5.5)
            self.assertEqual(row[3], 3.25)
            self.assertEqual(row[4], 1)
            self.assertEqual(str(row[5]), '9.5')
            self.assertEqual(str(row[6]), '2.833333333333333333333333333333333')
            self.assertEqual(row[7], Decimal('-8.5'))

    def test_precedence_and_parentheses(self):
        result = self.select('c - a * b, (c - a) * b, c / b / a, -(c - d) % b')
        self.assertEqual(result.column_names, ['c - a * b', '(c - a) * b', 'c / b / a', '-(c - d) % b'])
        self.assertEqual(tuple(result.one()), (1, 4, 1, 1))

    def test_terms_with_bind_markers(self):
        insert = self.session.prepare('INSERT INTO %s.nums (a, b, c) VALUES (?, (smallint) ? * 2, (int) ? + 1)' % self.ks)
        self.session.execute(insert, (3, 4, 41))
        select = self.session.prepare('SELECT c FROM %s.nums WHERE a = 1 + 2 AND b = (smallint) ? + 4' % self.ks)
        self.assertEqual(self.session.execute(select, (4,)).one().c, 42)
        # Only one operation returns a tinyint, so the marker is typed by it; in a selection nothing settles it.
        self.assertEqual(self.session.execute(self.session.prepare(
            'SELECT c FROM %s.nums WHERE a = ? + 1 AND b = 8' % self.ks), (2,)).one().c, 42)
        with self.assertRaises(InvalidRequest) as raised:
            self.session.prepare('SELECT ? + 1 FROM %s.nums' % self.ks)
        self.assertIn("Ambiguous '+' operation: use type casts to disambiguate", str(raised.exception))

    def test_dates_and_durations(self):
        for day, v in (('2016-09-27', 1), ('2016-09-30', 2), ('2016-10-04', 3)):
            self.session.execute("INSERT INTO %s.days (k, d, v) VALUES (1, '%s', %d)" % (self.ks, day, v))
        rows = self.session.execute("SELECT v FROM %s.days WHERE k = 1 AND d > '2016-10-04' - 5d" % self.ks)
        self.assertEqual([r.v for r in rows], [2, 3])
        shifted = self.session.execute("SELECT d + 1mo FROM %s.days WHERE k = 1 AND d = '2016-09-30'" % self.ks)
        self.assertEqual(shifted.column_names, ['d + 1mo'])
        self.assertEqual(str(shifted.one()[0]), '2016-10-30')

    def test_failures(self):
        with self.assertRaises(FunctionFailure) as raised:
            self.select('c / (int) 0')
        self.assertIn("the operation 'int / int' failed: / by zero", str(raised.exception))
        with self.assertRaises(FunctionFailure) as raised:
            self.select('g / (varint) 0')
        self.assertIn("the operation 'varint / varint' failed: BigInteger divide by zero", str(raised.exception))
        with self.assertRaises(InvalidRequest) as raised:
            self.select("a + 'x'")
        self.assertIn("the '+' operation is not supported between a and 'x'", str(raised.exception))
        self.assertEqual(self.select('f / (int) 0').one()[0], float('inf'))


if __name__ == '__main__':
    main()
