"""Read limits through the Python driver's paging: PER PARTITION LIMIT on a range scan, partitions holding only
static content (a row only when whole partitions are queried, never counted against a page otherwise), and
USING TTL bound to None (no TTL) and to UNSET_VALUE (the table's default)."""
import unittest

from cassandra.query import SimpleStatement, UNSET_VALUE

from cassanova_support import KeyspaceFixture, main

PARTITIONS = 20
FETCH_SIZES = (1, 2, 3, 5, 7, 5000)


class ReadLimitsTests(KeyspaceFixture, unittest.TestCase):
    keyspace_prefix = 'py_read_limits'
    schema = (
        'CREATE TABLE {ks}.grid (a int, b int, c int, PRIMARY KEY (a, b))',
        'CREATE TABLE {ks}.statics (pk int, ck int, s int static, v int, PRIMARY KEY (pk, ck))',
        'CREATE TABLE {ks}.ttls (k int PRIMARY KEY, v int) WITH default_time_to_live = 1000',
    )

    @classmethod
    def setUpClass(cls):
        super(ReadLimitsTests, cls).setUpClass()
        grid = cls.session.prepare('INSERT INTO %s.grid (a, b, c) VALUES (?, ?, ?)' % cls.ks)
        for a in range(5):
            for b in range(5):
                cls.session.execute(grid, (a, b, b))
        static = cls.session.prepare('INSERT INTO %s.statics (pk, s) VALUES (?, ?)' % cls.ks)
        row = cls.session.prepare('INSERT INTO %s.statics (pk, ck, v) VALUES (?, 1, ?)' % cls.ks)
        for pk in range(PARTITIONS):
            cls.session.execute(static, (pk, pk))
            if pk % 4 == 0:
                cls.session.execute(row, (pk, pk))

    def paged(self, query, fetch_size):
        """Every row of the query, iterating the driver's pages; and the number of pages it fetched."""
        result = self.session.execute(SimpleStatement(query % self.ks, fetch_size=fetch_size))
        rows = list(result.current_rows)
        pages = 1
        while result.has_more_pages:
            result.fetch_next_page()
            rows.extend(result.current_rows)
            pages += 1
        return rows, pages

    def test_per_partition_limit_caps_each_partition_of_a_scan(self):
        for fetch_size in FETCH_SIZES:
            rows, _ = self.paged('SELECT a, b FROM %s.grid PER PARTITION LIMIT 2', fetch_size)
            self.assertEqual(sorted((r.a, r.b) for r in rows), [(a, b) for a in range(5) for b in range(2)], fetch_size)
            rows, _ = self.paged('SELECT a, b FROM %s.grid PER PARTITION LIMIT 2 LIMIT 7', fetch_size)
            self.assertEqual(len(rows), 7, fetch_size)

    def test_static_only_partitions_do_not_end_a_page_early(self):
        for fetch_size in FETCH_SIZES:
            rows, pages = self.paged('SELECT pk, ck FROM %s.statics WHERE ck = 1 ALLOW FILTERING', fetch_size)
            self.assertEqual(sorted(r.pk for r in rows), [0, 4, 8, 12, 16], fetch_size)
            # Five rows: full pages until the last, so never more pages than the rows need (and one more, empty, at most).
            self.assertLessEqual(pages, 5 // fetch_size + 1, fetch_size)
            rows, _ = self.paged('SELECT pk, ck FROM %s.statics WHERE ck > 0 LIMIT 3 ALLOW FILTERING', fetch_size)
            self.assertEqual(len(rows), 3, fetch_size)

    def test_static_only_partitions_are_rows_of_whole_partition_queries(self):
        for fetch_size in FETCH_SIZES:
            rows, _ = self.paged('SELECT pk, ck, s FROM %s.statics', fetch_size)
            self.assertEqual(len(rows), PARTITIONS, fetch_size)
            self.assertEqual(sum(1 for r in rows if r.ck is None), PARTITIONS - 5, fetch_size)
            rows, _ = self.paged('SELECT DISTINCT pk, s FROM %s.statics LIMIT 13', fetch_size)
            self.assertEqual(len(rows), 13, fetch_size)

    def test_ttl_bound_to_none_means_no_ttl(self):
        insert = self.session.prepare('INSERT INTO %s.ttls (k, v) VALUES (?, ?) USING TTL ?' % self.ks)
        self.session.execute(insert, (1, 1, None))
        self.session.execute(insert, (2, 2, UNSET_VALUE))
        ttls = dict((r.k, r.t) for r in self.session.execute('SELECT k, ttl(v) AS t FROM %s.ttls' % self.ks))
        self.assertIsNone(ttls[1])
        self.assertGreater(ttls[2], 0)


if __name__ == '__main__':
    main()
