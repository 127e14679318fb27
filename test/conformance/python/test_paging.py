"""Paging: fetch_size, resuming from a paging_state in a new execute, on another Session and on every host."""
import unittest

from cassandra.concurrent import execute_concurrent_with_args
from cassandra.query import SimpleStatement

from cassanova_support import KeyspaceFixture, connect, main

WIDE_ROWS = 25
NARROW_KEYS = 30


class PagingTests(KeyspaceFixture):
    keyspace_prefix = 'py_paging'
    schema = (
        'CREATE TABLE {ks}.wide (p int, c int, v text, PRIMARY KEY (p, c))',
        'CREATE TABLE {ks}.narrow (k int PRIMARY KEY, v int)',
    )

    @classmethod
    def setUpClass(cls):
        super(PagingTests, cls).setUpClass()
        wide = cls.session.prepare('INSERT INTO %s.wide (p, c, v) VALUES (1, ?, ?)' % cls.ks)
        narrow = cls.session.prepare('INSERT INTO %s.narrow (k, v) VALUES (?, ?)' % cls.ks)
        for statement, rows in ((wide, [(c, 'v%d' % c) for c in range(WIDE_ROWS)]),
                                (narrow, [(k, k) for k in range(NARROW_KEYS)])):
            for ok, result in execute_concurrent_with_args(cls.session, statement, rows, concurrency=16):
                if not ok:
                    raise result

    def wide_page_statement(self):
        return SimpleStatement('SELECT c FROM %s.wide WHERE p = 1' % self.ks, fetch_size=10)

    def test_fetch_size_limits_each_page(self):
        result = self.session.execute(self.wide_page_statement())
        self.assertEqual([r.c for r in result.current_rows], list(range(10)))
        self.assertTrue(result.has_more_pages)
        self.assertIsNotNone(result.paging_state)
        self.assertEqual([r.c for r in result], list(range(WIDE_ROWS)))  # iterating fetches the rest

    def test_paging_state_resumes_in_a_new_execute(self):
        statement = self.wide_page_statement()
        first = self.session.execute(statement)
        second = self.session.execute(statement, paging_state=first.paging_state)
        self.assertEqual([r.c for r in second.current_rows], list(range(10, 20)))
        third = self.session.execute(statement, paging_state=second.paging_state)
        self.assertEqual([r.c for r in third.current_rows], list(range(20, WIDE_ROWS)))
        self.assertFalse(third.has_more_pages)
        self.assertIsNone(third.paging_state)

    def test_paging_state_resumes_on_a_second_session_and_cluster(self):
        statement = self.wide_page_statement()
        paging_state = self.session.execute(statement).paging_state
        second_session = self.cluster.connect()
        try:
            resumed = second_session.execute(statement, paging_state=paging_state)
            self.assertEqual([r.c for r in resumed.current_rows], list(range(10, 20)))
        finally:
            second_session.shutdown()
        other_cluster, other_session = connect(protocol_version=self.protocol_version)
        try:
            resumed = other_session.execute(statement, paging_state=paging_state)
            self.assertEqual([r.c for r in resumed.current_rows], list(range(10, 20)))
        finally:
            other_cluster.shutdown()

    def test_paging_state_is_valid_on_every_coordinator(self):
        statement = self.wide_page_statement()
        paging_state = self.session.execute(statement).paging_state
        for host in self.cluster.metadata.all_hosts():
            resumed = self.session.execute(statement, paging_state=paging_state, host=host)
            self.assertEqual([r.c for r in resumed.current_rows], list(range(10, 20)), host)

    def test_prepared_statement_pages(self):
        bound = self.session.prepare('SELECT c, v FROM %s.wide WHERE p = ?' % self.ks).bind((1,))
        bound.fetch_size = 7
        result = self.session.execute(bound)
        sizes = [len(result.current_rows)]
        while result.has_more_pages:
            result = self.session.execute(bound, paging_state=result.paging_state)
            sizes.append(len(result.current_rows))
        self.assertEqual(sum(sizes), WIDE_ROWS)
        self.assertEqual(sizes[:3], [7, 7, 7])

    def test_limit_with_paging(self):
        statement = SimpleStatement('SELECT c FROM %s.wide WHERE p = 1 LIMIT 15' % self.ks, fetch_size=10)
        self.assertEqual([r.c for r in self.session.execute(statement)], list(range(15)))

    def test_page_size_equal_to_row_count(self):
        statement = SimpleStatement('SELECT c FROM %s.wide WHERE p = 1' % self.ks, fetch_size=WIDE_ROWS)
        self.assertEqual([r.c for r in self.session.execute(statement)], list(range(WIDE_ROWS)))

    def test_full_scan_pages_across_partitions_in_token_order(self):
        statement = SimpleStatement('SELECT token(k) AS t, k FROM %s.narrow' % self.ks, fetch_size=7)
        rows = list(self.session.execute(statement))
        self.assertEqual(sorted(r.k for r in rows), list(range(NARROW_KEYS)))
        tokens = [r.t for r in rows]
        self.assertEqual(tokens, sorted(tokens))


class PagingV4Test(PagingTests, unittest.TestCase):
    protocol_version = 4


class PagingV5Test(PagingTests, unittest.TestCase):
    protocol_version = 5


if __name__ == '__main__':
    main()
