"""Native functions as terms through the Python driver: nested calls such as toTimestamp(now()) in
VALUES, SET, WHERE, IF, selections and batches, simple and prepared, with bind markers typed and named
by the function they feed (Cassandra 4.1's FunctionResolver), and cqlengine's query functions."""
import calendar
import datetime
import unittest
import uuid

from cassandra import InvalidRequest
from cassandra.cqlengine import columns, connection, models
from cassandra.cqlengine.functions import MaxTimeUUID, MinTimeUUID, Token
from cassandra.query import BatchStatement, SimpleStatement
from cassandra.util import uuid_from_time

from cassanova_support import KeyspaceFixture, main

JAN_2013 = datetime.datetime(2013, 1, 1)
JAN_2013_MS = 1356998400000


def utc_now():
    """The current time as the driver returns timestamps: naive UTC, to the millisecond."""
    now = datetime.datetime.utcnow()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


class FunctionTests(KeyspaceFixture):
    keyspace_prefix = 'py_fn'
    schema = (
        'CREATE TABLE {ks}.events (k int, c timeuuid, ts timestamp, d date, bi bigint, tx text, PRIMARY KEY (k, c))',
        'CREATE TABLE {ks}.docs (k int PRIMARY KEY, created timestamp, m map<text, timestamp>, l list<timestamp>)',
    )

    def assert_now(self, value, before, after):
        self.assertIsInstance(value, datetime.datetime)
        self.assertGreaterEqual(value, before - datetime.timedelta(milliseconds=1))
        self.assertLessEqual(value, after + datetime.timedelta(milliseconds=1))

    def test_insert_with_nested_calls_as_plain_text(self):
        before = utc_now()
        self.session.execute('INSERT INTO %s.events (k, c, ts, bi) VALUES (1, now(), toTimestamp(now()), toUnixTimestamp(now()))' % self.ks)
        after = utc_now()
        row = self.session.execute('SELECT ts, bi FROM %s.events WHERE k = 1' % self.ks).one()
        self.assert_now(row.ts, before, after)
        self.assertGreaterEqual(row.bi, calendar.timegm(before.utctimetuple()) * 1000 - 1000)
        self.session.execute(
            "INSERT INTO %s.events (k, c, ts) VALUES (2, now(), toTimestamp(minTimeuuid('2013-01-01 00:00:00+0000')))" % self.ks)
        self.assertEqual(self.session.execute('SELECT ts FROM %s.events WHERE k = 2' % self.ks).one().ts, JAN_2013)

    def test_client_side_parameters_around_functions(self):
        # The driver writes the datetime as its milliseconds: maxTimeuuid takes the integer as a timestamp.
        self.session.execute(
            SimpleStatement('INSERT INTO %s.events (k, c, ts, tx) VALUES (%%s, maxTimeuuid(%%s), dateOf(minTimeuuid(%%s)), blobAsText(textAsBlob(%%s)))' % self.ks),
            (3, JAN_2013, JAN_2013, 'x'))
        row = self.session.execute('SELECT c, ts, tx FROM %s.events WHERE k = 3' % self.ks).one()
        self.assertEqual((row.ts, row.tx), (JAN_2013, 'x'))
        # The largest timeuuid of that millisecond: 9999 ticks of 100 ns past its start.
        self.assertEqual(row.c.time, uuid_from_time(JAN_2013_MS / 1000.0).time + 9999)

    def test_prepared_markers_take_the_parameter_type_and_name(self):
        insert = self.session.prepare('INSERT INTO %s.events (k, c, ts, d) VALUES (?, now(), dateOf(?), toDate((timestamp)?))' % self.ks)
        self.assertEqual([m.name for m in insert.column_metadata], ['k', 'arg0(system.dateof)', 'arg0(system.todate)'])
        self.assertEqual([m.type.typename for m in insert.column_metadata], ['int', 'timeuuid', 'timestamp'])
        self.assertEqual(insert.routing_key_indexes, [0])
        self.session.execute(insert, (4, uuid_from_time(JAN_2013_MS / 1000.0), JAN_2013))
        row = self.session.execute('SELECT ts, d FROM %s.events WHERE k = 4' % self.ks).one()
        self.assertEqual(row.ts, JAN_2013)
        self.assertEqual(str(row.d), '2013-01-01')
        select = self.session.prepare('SELECT k, textAsBlob(?) FROM %s.events WHERE token(k) > token(?)' % self.ks)
        self.assertEqual([m.name for m in select.column_metadata], ['[selection]', 'arg0(system.token)'])

    def test_ambiguous_marker_is_refused_and_a_hint_settles_it(self):
        with self.assertRaises(InvalidRequest) as caught:
            self.session.prepare('INSERT INTO %s.events (k, c, ts) VALUES (?, now(), toTimestamp(?))' % self.ks)
        self.assertIn(
            'Ambiguous call to function totimestamp (can be matched by following signatures: '
            'system.totimestamp : (timeuuid) -> timestamp, system.totimestamp : (date) -> timestamp): '
            'use type casts to disambiguate', str(caught.exception))
        hinted = self.session.prepare('INSERT INTO %s.events (k, c, ts) VALUES (?, now(), toTimestamp((timeuuid)?))' % self.ks)
        self.session.execute(hinted, (5, uuid_from_time(JAN_2013_MS / 1000.0)))
        self.assertEqual(self.session.execute('SELECT ts FROM %s.events WHERE k = 5' % self.ks).one().ts, JAN_2013)

    def test_update_set_elements_and_lists(self):
        before = utc_now()
        update = self.session.prepare(
            "UPDATE %s.docs SET created = toTimestamp(now()), m['at'] = toTimestamp(now()), l = l + [toTimestamp(now())] WHERE k = ?" % self.ks)
        self.session.execute(update, (10,))
        after = utc_now()
        row = self.session.execute('SELECT created, m, l FROM %s.docs WHERE k = 10' % self.ks).one()
        self.assert_now(row.created, before, after)
        self.assert_now(row.m['at'], before, after)
        self.assert_now(row.l[0], before, after)

    def test_where_and_if_with_functions(self):
        for i in range(3):
            self.session.execute('INSERT INTO %s.events (k, c, bi) VALUES (20, minTimeuuid(%d), %d)' % (self.ks, JAN_2013_MS + i * 1000, i))
        select = self.session.prepare('SELECT bi FROM %s.events WHERE k = 20 AND c > maxTimeuuid(?) AND c < minTimeuuid(?)' % self.ks)
        rows = self.session.execute(select, (JAN_2013, JAN_2013 + datetime.timedelta(seconds=2)))
        self.assertEqual([r.bi for r in rows], [1])
        self.session.execute('INSERT INTO %s.docs (k, created) VALUES (21, dateOf(minTimeuuid(0)))' % self.ks)
        result = self.session.execute('UPDATE %s.docs SET created = toTimestamp(now()) WHERE k = 21 IF created < toTimestamp(now())' % self.ks)
        self.assertTrue(result.was_applied)

    def test_selection_names_and_values(self):
        self.session.execute("INSERT INTO %s.events (k, c, ts) VALUES (30, minTimeuuid('2015-05-21 11:03:02+0000'), '2015-05-21 11:03:02+0000')" % self.ks)
        result = self.session.execute(
            'SELECT toTimestamp(c), toDate(ts), toUnixTimestamp(toDate(c)), CAST(ts AS text), toJson(toTimestamp(c)) FROM %s.events WHERE k = 30' % self.ks)
        self.assertEqual(result.column_names, [
            'system.totimestamp(c)', 'system.todate(ts)', 'system.tounixtimestamp(system.todate(c))', 'cast(ts as text)',
            'system.tojson(system.totimestamp(c))'])
        row = result.one()
        self.assertEqual(row[0], datetime.datetime(2015, 5, 21, 11, 3, 2))
        self.assertEqual(str(row[1]), '2015-05-21')
        self.assertEqual(row[2], calendar.timegm(datetime.date(2015, 5, 21).timetuple()) * 1000)
        self.assertEqual(row[3], '2015-05-21T11:03:02.000Z')
        self.assertEqual(row[4], '"2015-05-21 11:03:02.000Z"')

    def test_batch_of_simple_and_prepared_children(self):
        before = utc_now()
        batch = BatchStatement()
        batch.add(self.session.prepare('INSERT INTO %s.events (k, c, ts) VALUES (?, now(), toTimestamp(now()))' % self.ks), (40,))
        batch.add(SimpleStatement('UPDATE %s.docs SET created = toTimestamp(now()) WHERE k = %%s' % self.ks), (40,))
        self.session.execute(batch)
        after = utc_now()
        self.assert_now(self.session.execute('SELECT ts FROM %s.events WHERE k = 40' % self.ks).one().ts, before, after)
        self.assert_now(self.session.execute('SELECT created FROM %s.docs WHERE k = 40' % self.ks).one().created, before, after)

    def test_refusals(self):
        cases = [
            ('INSERT INTO %s.events (k, c, d) VALUES (1, now(), dateOf(now()))',
             'Type error: cannot assign result of function system.dateof (type timestamp) to d (type date)'),
            ('INSERT INTO %s.events (k, c, ts) VALUES (1, now(), nosuchfunction(1))', 'Unknown function nosuchfunction called'),
            ('INSERT INTO %s.events (k, c, bi) VALUES (1, now(), blobAsBigint(0x01))',
             'In call to function system.blobasbigint, value 0x01 is not a valid binary representation for type bigint'),
        ]
        for cql, message in cases:
            with self.assertRaises(InvalidRequest) as caught:
                self.session.execute(cql % self.ks)
            self.assertIn(message, str(caught.exception))


class FunctionsV4Test(FunctionTests, unittest.TestCase):
    protocol_version = 4


class FunctionsV5Test(FunctionTests, unittest.TestCase):
    protocol_version = 5


class Event(models.Model):
    __table_name__ = 'cqlengine_events'
    k = columns.Integer(partition_key=True)
    c = columns.TimeUUID(primary_key=True, default=uuid.uuid1)
    note = columns.Text()


class CqlengineFunctionTest(KeyspaceFixture, unittest.TestCase):
    """cqlengine writes MinTimeUUID(...), MaxTimeUUID(...) and token(...) into the CQL it sends."""
    keyspace_prefix = 'py_fn_orm'
    schema = ('CREATE TABLE {ks}.cqlengine_events (k int, c timeuuid, note text, PRIMARY KEY (k, c))',)

    @classmethod
    def setUpClass(cls):
        super(CqlengineFunctionTest, cls).setUpClass()
        connection.set_session(cls.session)
        Event.__keyspace__ = cls.ks

    @classmethod
    def tearDownClass(cls):
        try:
            super(CqlengineFunctionTest, cls).tearDownClass()
        finally:
            connection.unregister_connection('default')

    def test_time_uuid_range_functions(self):
        for seconds in range(3):
            moment = JAN_2013 + datetime.timedelta(seconds=seconds)
            Event.create(k=1, c=uuid_from_time(calendar.timegm(moment.utctimetuple())), note='n%d' % seconds)
        start = JAN_2013 + datetime.timedelta(milliseconds=500)
        stop = JAN_2013 + datetime.timedelta(milliseconds=1500)
        found = Event.objects.filter(k=1, c__gt=MinTimeUUID(start), c__lt=MaxTimeUUID(stop))
        self.assertEqual([e.note for e in found], ['n1'])
        self.assertEqual(Event.objects.filter(k=1, c__gte=MinTimeUUID(JAN_2013)).count(), 3)

    def test_token_paging(self):
        for k in range(10, 20):
            Event.create(k=k, note='t')
        seen = []
        page = list(Event.objects.filter(k__in=list(range(10, 20))).limit(1000))
        keys = sorted(set(e.k for e in page))
        self.assertEqual(keys, list(range(10, 20)))
        last = None
        while True:
            query = Event.objects.all().limit(3)
            if last is not None:
                query = query.filter(pk__token__gt=Token(last))
            batch = list(query)
            if not batch:
                break
            seen.extend(e.k for e in batch if e.k >= 10)
            last = batch[-1].k
        self.assertEqual(sorted(set(seen)), list(range(10, 20)))


if __name__ == '__main__':
    main()
