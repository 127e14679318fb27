"""A durable cluster through the Python driver: written, closed, opened again from its data folder.

The Vitest wrapper (python-driver.test.ts) starts three nodes on a virtual clock in a data folder of their own and
serves a control channel: {"op": "flush"} writes every memtable to SSTables; {"op": "reopen", "ending": "close" or
"crash", "advanceMs": n} closes the cluster (cleanly, or as a killed process leaves its files: nothing flushed) and
starts it again from the folder on the same port, its clock n ms later. Against a real Cassandra it is skipped.

The steps build on each other and run in name order (unittest sorts test methods by name).
"""
import unittest

from cassandra import ConsistencyLevel
from cassandra.query import SimpleStatement

from cassanova_support import CONTROL_FD, DurableClusterCase, control, main

ALL = ConsistencyLevel.ALL


@unittest.skipIf(CONTROL_FD is None, 'needs a durable cluster started by python-driver.test.ts (CASSANOVA_CONTROL_FD)')
class DurableReopenTest(DurableClusterCase):
    state = {}

    def run_all(self, cql, params=None):
        return list(self.session.execute(SimpleStatement(cql, consistency_level=ALL, fetch_size=9), params))

    def rows(self):
        """Every row with its write time and remaining TTL, and the static and map columns, in scan order."""
        return [(r.k, r.c, r.v, r.s, dict(r.m or {}), r.wt, r.tv)
                for r in self.run_all('SELECT k, c, v, s, m, writetime(v) AS wt, ttl(v) AS tv FROM durable.t')]

    def ttls(self):
        return [(r.c, r.v, r.tv) for r in self.run_all('SELECT c, v, ttl(v) AS tv FROM durable.t WHERE k = 9')]

    def test_1_writes_rows_ttls_and_tombstones_half_flushed(self):
        self.session.execute(
            "CREATE KEYSPACE durable WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}")
        self.session.execute('CREATE TABLE durable.t (k int, c int, v text, s text static, m map<text, int>, '
                             'PRIMARY KEY (k, c))')
        insert = self.session.prepare('INSERT INTO durable.t (k, c, v, m) VALUES (?, ?, ?, ?)')
        insert.consistency_level = ALL
        for k in range(1, 6):
            for c in range(8):
                self.session.execute(insert, (k, c, 'v%d.%d' % (k, c), {'a': c, 'b': k}))
            self.session.execute(SimpleStatement('UPDATE durable.t SET s = %s WHERE k = %s', consistency_level=ALL),
                                 ('static%d' % k, k))
        self.session.execute(SimpleStatement(
            "INSERT INTO durable.t (k, c, v) VALUES (9, 0, 'day') USING TTL 86400", consistency_level=ALL))
        self.session.execute(SimpleStatement(
            "INSERT INTO durable.t (k, c, v) VALUES (9, 1, 'minute') USING TTL 60", consistency_level=ALL))
        self.session.execute(SimpleStatement(
            "INSERT INTO durable.t (k, c, v) VALUES (9, 2, 'hour') USING TTL 3600", consistency_level=ALL))
        control('flush')
        for cql in ('DELETE FROM durable.t WHERE k = 1',
                    'DELETE FROM durable.t WHERE k = 2 AND c >= 2 AND c < 6',
                    'DELETE FROM durable.t WHERE k = 3 AND c = 3',
                    'DELETE v FROM durable.t WHERE k = 4 AND c = 4',
                    "DELETE m['a'] FROM durable.t WHERE k = 4 AND c = 5",
                    'DELETE s FROM durable.t WHERE k = 5',
                    "INSERT INTO durable.t (k, c, v) VALUES (1, 100, 'after the partition deletion')"):
            self.session.execute(SimpleStatement(cql, consistency_level=ALL))
        rows = self.rows()
        self.assertEqual([r[:2] for r in rows if r[0] == 1], [(1, 100)])
        self.assertEqual([r[1] for r in rows if r[0] == 2], [0, 1, 6, 7])
        self.assertEqual(self.ttls(), [(0, 'day', 86400), (1, 'minute', 60), (2, 'hour', 3600)])
        DurableReopenTest.state['rows'] = rows

    def test_2_reads_the_same_after_a_clean_restart_two_minutes_later(self):
        self.reopen('close', 120000)
        before = DurableReopenTest.state['rows']
        # Two minutes on: the minute TTL ran out while the cluster was closed; the others count down.
        expected = [(k, c, v, s, m, wt, None if tv is None else tv - 120)
                    for (k, c, v, s, m, wt, tv) in before if not (k == 9 and c == 1)]
        self.assertEqual(self.rows(), expected)
        self.assertEqual(self.ttls(), [(0, 'day', 86280), (2, 'hour', 3480)])
        row = self.run_all('SELECT v, m, s FROM durable.t WHERE k = 4 AND c IN (4, 5)')
        self.assertEqual([(r.v, dict(r.m), r.s) for r in row], [(None, {'a': 4, 'b': 4}, 'static4'), ('v4.5', {'b': 4}, 'static4')])
        DurableReopenTest.state['rows'] = expected

    def test_3_reads_what_only_the_commit_log_had_after_a_crash(self):
        for cql in ("UPDATE durable.t SET v = 'rewritten' WHERE k = 5 AND c = 0",
                    'DELETE FROM durable.t WHERE k = 5 AND c > 5',
                    "INSERT INTO durable.t (k, c, v) VALUES (6, 0, 'new') USING TTL 600"):
            self.session.execute(SimpleStatement(cql, consistency_level=ALL))
        before = self.rows()
        self.assertIn((5, 0, 'rewritten'), [r[:3] for r in before])
        self.reopen('crash', 0)
        self.assertEqual(self.rows(), before)
        self.assertEqual([r.c for r in self.run_all('SELECT c FROM durable.t WHERE k = 5')], [0, 1, 2, 3, 4, 5])
        self.assertEqual([r.tv for r in self.run_all('SELECT ttl(v) AS tv FROM durable.t WHERE k = 6 AND c = 0')], [600])


if __name__ == '__main__':
    main()
