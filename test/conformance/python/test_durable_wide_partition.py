"""A wide partition of 100,000 rows through the Python driver on a durable cluster, sliced after a flush.

The Vitest wrapper (python-driver.test.ts) runs this on three nodes in a data folder of their own, with a control
channel: {"op": "flush"}, {"op": "reopen", ...} (see test_durable_reopen.py) and {"op": "dataReads", "keyspace",
"table"}: the positional reads of Data.db the table's SSTables have made so far, on every node. Against a real
Cassandra it is skipped.

The steps build on each other and run in name order (unittest sorts test methods by name).
"""
import unittest

from cassandra.concurrent import execute_concurrent
from cassandra.query import BatchStatement, BatchType, SimpleStatement

from cassanova_support import CONTROL_FD, DurableClusterCase, control, main

ROWS = 100000
BATCH = 100


def value(c):
    return 'value-%06d-of-the-wide-row' % c


@unittest.skipIf(CONTROL_FD is None, 'needs a durable cluster started by python-driver.test.ts (CASSANOVA_CONTROL_FD)')
class DurableWidePartitionTest(DurableClusterCase):
    def data_reads(self):
        return control('dataReads', keyspace='wide', table='t')

    def clusterings(self, where, params=(), fetch_size=5000):
        """The clusterings the slice returns, every page fetched, each row's value checked."""
        statement = SimpleStatement('SELECT c, v FROM wide.t WHERE k = 1' + where, fetch_size=fetch_size)
        out = []
        for row in self.session.execute(statement, params):
            self.assertEqual(row.v, 'rewritten' if row.c == 50000 else value(row.c), row.c)
            out.append(row.c)
        return out

    def check_slices(self):
        before = self.data_reads()
        self.assertEqual(self.clusterings(' AND c >= %s AND c < %s', (49998, 50010)),
                         [49998, 49999, 50000, 50001, 50002, 50006, 50007, 50008, 50009])
        narrow = self.data_reads() - before
        self.assertGreater(narrow, 0)
        self.assertLessEqual(narrow, 3)
        self.assertEqual(self.clusterings(' AND c < %s', (4,)), [0, 1, 2, 3])
        self.assertEqual(self.clusterings(' AND c >= %s', (ROWS - 4,)), list(range(ROWS - 4, ROWS)))
        self.assertEqual(self.clusterings(' AND c > %s AND c <= %s ORDER BY c DESC', (29990, 30010), fetch_size=6),
                         list(range(30010, 29990, -1)))
        expected = [c for c in range(46000, 52000) if c < 50003 or c >= 50006]
        self.assertEqual(self.clusterings(' AND c >= %s AND c < %s', (46000, 52000), fetch_size=1000), expected)
        self.assertEqual(self.clusterings(' AND c >= %s AND c < %s ORDER BY c DESC', (46000, 52000), fetch_size=999),
                         expected[::-1])
        # LIMITs within bounded slices: a read merges the whole slice before the limit counts rows.
        self.assertEqual(self.clusterings(' AND c >= %s ORDER BY c DESC LIMIT 3', (99000,)), [99999, 99998, 99997])
        self.assertEqual(self.clusterings(' AND c > %s AND c < %s LIMIT 4', (50001, 50100)), [50002, 50006, 50007, 50008])

    def paged_reads(self, cql, fetch_size=5000):
        """The clusterings of every page of `cql`, each page fetched by its paging state, and the Data.db reads of each."""
        statement = SimpleStatement(cql, fetch_size=fetch_size)
        out, reads, paging_state = [], [], None
        while True:
            before = self.data_reads()
            result = self.session.execute(statement, paging_state=paging_state)
            reads.append(self.data_reads() - before)
            for row in result.current_rows:
                self.assertEqual(row.v, 'rewritten' if row.c == 50000 else value(row.c), row.c)
                out.append(row.c)
            paging_state = result.paging_state
            if paging_state is None:
                return out, reads

    def test_1_writes_a_wide_partition_and_flushes_it(self):
        self.session.execute("CREATE KEYSPACE wide WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        self.session.execute('CREATE TABLE wide.t (k int, c int, v text, PRIMARY KEY (k, c))')
        insert = self.session.prepare('INSERT INTO wide.t (k, c, v) VALUES (1, ?, ?)')
        batches = []
        for start in range(0, ROWS, BATCH):
            batch = BatchStatement(batch_type=BatchType.UNLOGGED)
            for c in range(start, start + BATCH):
                batch.add(insert, (c, value(c)))
            batches.append((batch, ()))
        for ok, result in execute_concurrent(self.session, batches, concurrency=16, raise_on_first_error=True):
            self.assertTrue(ok, result)
        control('flush')
        # Over the SSTable, from the memtable: a range deleted and a row rewritten.
        self.session.execute('DELETE FROM wide.t WHERE k = 1 AND c >= 50003 AND c < 50006')
        self.session.execute("UPDATE wide.t SET v = 'rewritten' WHERE k = 1 AND c = 50000")

    def test_2_slices_it_reading_only_the_blocks_needed(self):
        self.check_slices()

    def test_2b_pages_the_whole_partition_reading_the_blocks_of_each_page_only(self):
        expected = [c for c in range(ROWS) if c < 50003 or c >= 50006]
        for order, rows in (('', expected), (' ORDER BY c DESC', expected[::-1])):
            cs, reads = self.paged_reads('SELECT c, v FROM wide.t WHERE k = 1' + order)
            self.assertEqual(cs, rows)
            self.assertEqual(len(reads), 20)
            # A page of 5,000 rows is about 4 blocks of 64 KiB: with the head and the block a page boundary cuts, at
            # most 8 reads (reading each page's slice to the end of the partition took up to 70).
            for page, n in enumerate(reads):
                self.assertLessEqual(n, 8, 'page %d%s' % (page, order))
        before = self.data_reads()
        self.assertEqual(self.clusterings(' AND c >= %s LIMIT 100', (60000,)), list(range(60000, 60100)))
        self.assertEqual(self.clusterings(' AND c <= %s ORDER BY c DESC LIMIT 100', (60000,)), list(range(60000, 59900, -1)))
        self.assertLessEqual(self.data_reads() - before, 6)

    def test_3_slices_it_the_same_from_the_sstables_opened_at_a_restart(self):
        type(self).reopen('close', 0)
        self.check_slices()


if __name__ == '__main__':
    main()
