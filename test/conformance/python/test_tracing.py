"""Query tracing as the Python driver reads it, on a three-node cluster with RF 3, on v4 and v5.

`trace=True` sets the TRACING flag; `ResultSet.get_query_trace()` polls system_traces.sessions until
the session has its duration, then reads system_traces.events (QueryTrace.populate). The events come
from every node the request reached, each with its own source and elapsed time. Trace rows are written
asynchronously, as by Cassandra: a replica's events may land a moment after the coordinator's duration,
so `complete_trace` polls until every replica shows. Probabilistic tracing goes through the control
channel (skipped against a real Cassandra, where it would be `nodetool settraceprobability`).
"""
import time
import unittest
import uuid
from datetime import datetime, timedelta

from cassandra import ConsistencyLevel
from cassandra.query import SimpleStatement

from cassanova_support import CONTROL_FD, control, main, new_cluster

KEYSPACE = 'py_tracing'


def complete_trace(result, sources, attempts=40):
    """The trace of a result once `sources` nodes wrote events to it."""
    trace = result.get_query_trace(max_wait_sec=5.0)
    for _ in range(attempts):
        if len({str(e.source) for e in trace.events}) >= sources:
            return trace
        time.sleep(0.05)
        trace.populate(max_wait=5.0)
    return trace


class TracingTests(object):
    protocol_version = 5

    @classmethod
    def setUpClass(cls):
        cls.cluster = new_cluster(protocol_version=cls.protocol_version)
        cls.session = cls.cluster.connect()
        cls.session.execute("CREATE KEYSPACE IF NOT EXISTS %s WITH replication = "
                            "{'class': 'SimpleStrategy', 'replication_factor': 3}" % KEYSPACE)
        cls.session.execute('CREATE TABLE IF NOT EXISTS %s.t (k int, c int, v text, PRIMARY KEY (k, c))' % KEYSPACE)
        cls.hosts = sorted(cls.cluster.metadata.all_hosts(), key=lambda h: h.address)

    @classmethod
    def tearDownClass(cls):
        cls.cluster.shutdown()

    def test_session_of_a_traced_query(self):
        query = "INSERT INTO %s.t (k, c, v) VALUES (1, 1, 'a')" % KEYSPACE
        result = self.session.execute(SimpleStatement(query, consistency_level=ConsistencyLevel.ALL), trace=True)
        trace = complete_trace(result, 3)
        self.assertIsInstance(trace.trace_id, uuid.UUID)
        self.assertEqual(trace.trace_id.version, 1)
        self.assertEqual(trace.request_type, 'Execute CQL3 query')
        self.assertEqual(trace.parameters['query'], query)
        self.assertEqual(trace.parameters['consistency_level'], 'ALL')
        self.assertIsInstance(trace.duration, timedelta)
        self.assertGreater(trace.duration, timedelta(0))
        self.assertIsInstance(trace.started_at, datetime)
        self.assertTrue(str(trace.client).startswith('127.'))
        self.assertIn(str(trace.coordinator), [h.address for h in self.hosts])
        self.assertEqual(result.response_future.get_query_trace_ids(), [trace.trace_id])

    def test_events_come_from_every_replica(self):
        coordinator = self.hosts[0]
        result = self.session.execute(SimpleStatement("INSERT INTO %s.t (k, c, v) VALUES (2, 1, 'b')" % KEYSPACE,
                                                      consistency_level=ConsistencyLevel.ALL), trace=True, host=coordinator)
        trace = complete_trace(result, 3)
        self.assertEqual(str(trace.coordinator), coordinator.address)
        by_source = {}
        for event in trace.events:
            by_source.setdefault(str(event.source), []).append(event.description)
            self.assertIsInstance(event.source_elapsed, timedelta)
            self.assertTrue(event.thread_name)
            self.assertIsInstance(event.datetime, datetime)
        self.assertEqual(sorted(by_source), sorted(h.address for h in self.hosts))
        self.assertIn('Determining replicas for mutation', by_source[coordinator.address])
        for replica in self.hosts[1:]:
            self.assertEqual(by_source[replica.address][0], 'MUTATION_REQ message received from /%s:7000' % coordinator.address)
            self.assertIn('Adding to t memtable', by_source[replica.address])
            self.assertIn('Sending MUTATION_REQ message to /%s:7000' % replica.address,
                          ' '.join(by_source[coordinator.address]))

    def test_prepared_read_at_quorum(self):
        prepared = self.session.prepare('SELECT v FROM %s.t WHERE k = ? AND c = ?' % KEYSPACE)
        prepared.consistency_level = ConsistencyLevel.QUORUM
        result = self.session.execute(prepared, (2, 1), trace=True, host=self.hosts[1])
        self.assertEqual(result.one().v, 'b')
        trace = complete_trace(result, 2)
        self.assertEqual(trace.request_type, 'Execute CQL3 prepared query')
        self.assertEqual(trace.parameters['bound_var_0_k'], '2')
        self.assertEqual(trace.parameters['bound_var_1_c'], '1')
        descriptions = [e.description for e in trace.events]
        self.assertTrue(any(d.startswith('reading digest from /') for d in descriptions), descriptions)
        self.assertIn('Read 1 live rows and 0 tombstone cells', descriptions)

    def test_untraced_requests_have_no_trace(self):
        result = self.session.execute('SELECT * FROM %s.t WHERE k = 1' % KEYSPACE)
        self.assertEqual(result.get_all_query_traces(), [])
        self.assertIsNone(result.get_query_trace())

    @unittest.skipIf(CONTROL_FD is None, 'needs the control channel of Cassanova')
    def test_probabilistic_tracing(self):
        marker = 'probabilistic_%d' % self.protocol_version
        query = "SELECT * FROM %s.t WHERE k = 3 AND c = 0 AND v = '%s' ALLOW FILTERING" % (KEYSPACE, marker)
        control('traceProbability', probability=1)
        try:
            result = self.session.execute(query)
        finally:
            control('traceProbability', probability=0)
        self.assertEqual(result.get_all_query_traces(), [])
        deadline = time.time() + 5
        while True:
            sessions = self.session.execute(SimpleStatement('SELECT parameters FROM system_traces.sessions',
                                                            consistency_level=ConsistencyLevel.ONE))
            if any(row.parameters and row.parameters.get('query') == query for row in sessions):
                break
            self.assertLess(time.time(), deadline, 'no session recorded for %s' % query)
            time.sleep(0.05)


class TracingV4Test(TracingTests, unittest.TestCase):
    protocol_version = 4


class TracingV5Test(TracingTests, unittest.TestCase):
    protocol_version = 5


if __name__ == '__main__':
    main()
