"""Protocol v6 in beta, as Cassandra 4.1 serves it to the Python driver.

A client that sets the USE_BETA flag (`allow_beta_protocol_version=True`) may speak v6: the same framing
and messages as v5. Without the flag the server refuses v6 with "Beta version of the protocol used
(6/v6-beta), but USE_BETA flag is unset"; an explicitly chosen version is not stepped down, and the
driver's own negotiation never tries the beta version.
"""
import unittest

from cassandra import InvalidRequest, ProtocolVersion
from cassandra.cluster import NoHostAvailable
from cassandra.protocol import SyntaxException
from cassandra.query import SimpleStatement

from cassanova_support import KeyspaceFixture, connect, main


class ProtocolV6BetaTest(KeyspaceFixture, unittest.TestCase):
    protocol_version = ProtocolVersion.V6
    keyspace_prefix = 'py_v6'
    schema = ('CREATE TABLE {ks}.t (k int, c int, v text, PRIMARY KEY (k, c))',)
    compression = True

    @classmethod
    def connect_options(cls):
        return dict(allow_beta_protocol_version=True, compression=cls.compression)

    def test_connects_with_v6(self):
        self.assertEqual(self.cluster.protocol_version, ProtocolVersion.V6)
        self.assertEqual(self.cluster.control_connection._connection.protocol_version, ProtocolVersion.V6)
        result = self.session.execute('SELECT release_version FROM system.local')
        self.assertEqual(result.response_future._connection.protocol_version, ProtocolVersion.V6)
        self.assertRegex(result.one().release_version, r'^\d+\.\d+')

    def test_prepared_statements_and_result_metadata_id(self):
        insert = self.session.prepare('INSERT INTO %s.t (k, c, v) VALUES (?, ?, ?)' % self.ks)
        for c in range(3):
            self.session.execute(insert, (1, c, 'v%d' % c))
        select = self.session.prepare('SELECT c, v FROM %s.t WHERE k = ?' % self.ks)
        self.assertIsNotNone(select.result_metadata_id)
        self.assertEqual([(r.c, r.v) for r in self.session.execute(select, (1,))], [(0, 'v0'), (1, 'v1'), (2, 'v2')])

    def test_paging(self):
        insert = self.session.prepare('INSERT INTO %s.t (k, c, v) VALUES (2, ?, ?)' % self.ks)
        for c in range(25):
            self.session.execute(insert, (c, 'x'))
        statement = SimpleStatement('SELECT c FROM %s.t WHERE k = 2' % self.ks, fetch_size=10)
        result = self.session.execute(statement)
        self.assertEqual(len(result.current_rows), 10)
        self.assertTrue(result.has_more_pages)
        self.assertEqual([r.c for r in result], list(range(25)))

    def test_errors(self):
        with self.assertRaises(SyntaxException):
            self.session.execute('SELEC * FROM %s.t' % self.ks)
        with self.assertRaises(InvalidRequest) as raised:
            self.session.execute('SELECT * FROM %s.missing' % self.ks)
        self.assertIn('missing', str(raised.exception))


class ProtocolV6BetaUncompressedTest(ProtocolV6BetaTest):
    compression = False


class BetaFlagTest(unittest.TestCase):
    def test_v6_without_the_beta_flag_is_refused(self):
        with self.assertRaises(NoHostAvailable) as raised:
            cluster, _ = connect(protocol_version=ProtocolVersion.V6)
            cluster.shutdown()
        self.assertIn('Beta version of the protocol used (6/v6-beta), but USE_BETA flag is unset', str(raised.exception))

    def test_negotiation_with_beta_allowed_skips_v6(self):
        # The driver steps down from DSE_V2 and skips beta versions; it sets USE_BETA on its v5 envelopes too.
        cluster, session = connect(allow_beta_protocol_version=True)
        try:
            self.assertEqual(cluster.protocol_version, ProtocolVersion.V5)
            self.assertIsNotNone(session.execute('SELECT release_version FROM system.local').one())
        finally:
            cluster.shutdown()

    def test_v4_and_v5_with_the_beta_flag(self):
        for version in (ProtocolVersion.V4, ProtocolVersion.V5):
            cluster, session = connect(protocol_version=version, allow_beta_protocol_version=True)
            try:
                self.assertEqual(cluster.control_connection._connection.protocol_version, version)
                self.assertIsNotNone(session.execute('SELECT release_version FROM system.local').one())
            finally:
                cluster.shutdown()


if __name__ == '__main__':
    main()
