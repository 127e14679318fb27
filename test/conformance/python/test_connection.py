"""Protocol versions, version negotiation and compression as the Python driver uses them."""
import logging
import os
import re
import unittest

from cassandra import ProtocolVersion
from cassandra.cluster import NoHostAvailable
from cassandra.concurrent import execute_concurrent_with_args

from cassanova_support import connect, create_keyspace, drop_keyspace, main

DOWNGRADE = re.compile(r'Downgrading core protocol version from (\d+) to (\d+)')


class _LogRecorder(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class ProtocolVersionTest(unittest.TestCase):
    def assert_serves(self, session, expected_version):
        cluster = session.cluster
        self.assertEqual(cluster.protocol_version, expected_version)
        self.assertEqual(cluster.control_connection._connection.protocol_version, expected_version)
        result = session.execute('SELECT release_version, data_center FROM system.local')
        self.assertEqual(result.response_future._connection.protocol_version, expected_version)
        row = result.one()
        self.assertIsNotNone(row)
        self.assertRegex(row.release_version, r'^\d+\.\d+')

    def test_explicit_v4(self):
        cluster, session = connect(protocol_version=4)
        try:
            self.assert_serves(session, 4)
        finally:
            cluster.shutdown()

    def test_explicit_v5(self):
        cluster, session = connect(protocol_version=5)
        try:
            self.assert_serves(session, 5)
        finally:
            cluster.shutdown()

    def test_default_negotiation_steps_down_from_dse_v2_to_v5(self):
        recorder = _LogRecorder()
        logger = logging.getLogger('cassandra.cluster')
        logger.addHandler(recorder)
        try:
            cluster, session = connect()
        finally:
            logger.removeHandler(recorder)
        try:
            steps = [tuple(int(v) for v in m.groups())
                     for m in (DOWNGRADE.search(msg) for msg in recorder.messages) if m]
            self.assertEqual(steps, [(ProtocolVersion.DSE_V2, ProtocolVersion.DSE_V1),
                                     (ProtocolVersion.DSE_V1, ProtocolVersion.V5)])
            self.assert_serves(session, 5)
        finally:
            cluster.shutdown()

    def test_explicit_unsupported_version_is_refused_with_a_protocol_error(self):
        with self.assertRaises(NoHostAvailable) as raised:
            cluster, _ = connect(protocol_version=ProtocolVersion.DSE_V1)
            cluster.shutdown()
        self.assertIn('ProtocolError returned from server', str(raised.exception))


class CompressionTest(unittest.TestCase):
    """Large values cross several v5 segments (128 KiB payload limit) and v4 compressed envelopes."""

    @classmethod
    def setUpClass(cls):
        cls.cluster, cls.session = connect(protocol_version=5, compression=False)
        cls.keyspace = create_keyspace(cls.session, 'py_conn')
        cls.session.execute('CREATE TABLE %s.payloads (k int PRIMARY KEY, t text, b blob)' % cls.keyspace)

    @classmethod
    def tearDownClass(cls):
        try:
            drop_keyspace(cls.session, cls.keyspace)
        finally:
            cls.cluster.shutdown()

    def round_trip(self, protocol_version, compression, expected_compression):
        cluster, session = connect(protocol_version=protocol_version, compression=compression)
        try:
            connection = cluster.control_connection._connection
            self.assertEqual(connection.protocol_version, protocol_version)
            self.assertEqual(connection._compression_type, expected_compression)

            key = protocol_version * 10 + (1 if compression else 0)
            text = ('cassanova %d ' % key) * 30000  # ~400 KB, compresses well
            blob = os.urandom(300 * 1024)  # does not compress
            insert = session.prepare('INSERT INTO %s.payloads (k, t, b) VALUES (?, ?, ?)' % self.keyspace)
            session.execute(insert, (key, text, blob))
            row = session.execute('SELECT t, b FROM %s.payloads WHERE k = %%s' % self.keyspace, (key,)).one()
            self.assertEqual(row.t, text)
            self.assertEqual(row.b, blob)

            # Many small requests in flight at once: responses may share a segment or arrive in any order.
            results = execute_concurrent_with_args(
                session, session.prepare('SELECT k FROM %s.payloads WHERE k = ?' % self.keyspace),
                [(key,)] * 64, concurrency=32)
            self.assertTrue(all(ok and rows.one().k == key for ok, rows in results))
        finally:
            cluster.shutdown()

    def test_v4_lz4(self):
        self.round_trip(4, 'lz4', 'lz4')

    def test_v4_uncompressed(self):
        self.round_trip(4, False, None)

    def test_v5_lz4(self):
        self.round_trip(5, 'lz4', 'lz4')

    def test_v5_uncompressed(self):
        self.round_trip(5, False, None)


if __name__ == '__main__':
    main()
