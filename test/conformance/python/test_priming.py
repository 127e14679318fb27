"""Primed errors as the Python driver raises them, with their fields, on protocol v4 and v5.

The wrapper (python-driver.test.ts) starts a cluster of the script's own with its admin API, whose URL it
passes in CASSANOVA_ADMIN_URL; primes are made and the activity log read over HTTP (POST /primes, GET
/activity), as a Python test suite of an application would. A fall-through retry policy hands each error
straight to the test; the default policy's retry of a read timeout that got enough answers but no data is
shown to reach the real answer once a prime that answers once is used up.
"""
import re
import unittest
import urllib.parse

from cassandra import (ConsistencyLevel, OperationTimedOut, ReadFailure, ReadTimeout, Unavailable, WriteTimeout,
                       WriteType)
from cassandra.cluster import EXEC_PROFILE_DEFAULT, ExecutionProfile
from cassandra.policies import DCAwareRoundRobinPolicy, FallthroughRetryPolicy, RetryPolicy
from cassandra.query import SimpleStatement

from cassanova_support import ADMIN_URL, LOCAL_DC, admin, main, new_cluster

SELECT = 'SELECT k, v FROM primed.kv WHERE k = ?'
INSERT = 'INSERT INTO primed.kv (k, v) VALUES (?, ?)'


def profile(retry_policy, request_timeout=5.0):
    return ExecutionProfile(load_balancing_policy=DCAwareRoundRobinPolicy(local_dc=LOCAL_DC),
                            retry_policy=retry_policy, request_timeout=request_timeout)


def prime(spec):
    """Primes an answer through the admin API; returns the prime's id."""
    return admin('POST', '/primes', spec)['id']


def activity(cql):
    """The activity records of the requests with this exact CQL text."""
    return admin('GET', '/activity?match=' + urllib.parse.quote('^%s$' % re.escape(cql)))['records']


@unittest.skipIf(ADMIN_URL is None, 'needs a cluster with its admin API (CASSANOVA_ADMIN_URL)')
class PrimedErrorsTest(object):
    protocol_version = None

    @classmethod
    def setUpClass(cls):
        cls.cluster = new_cluster(protocol_version=cls.protocol_version,
                                  execution_profiles={EXEC_PROFILE_DEFAULT: profile(FallthroughRetryPolicy()),
                                                      'default_retry': profile(RetryPolicy()),
                                                      'short': profile(FallthroughRetryPolicy(), request_timeout=0.3)})
        cls.session = cls.cluster.connect()
        cls.session.execute("CREATE KEYSPACE IF NOT EXISTS primed "
                            "WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        cls.session.execute('CREATE TABLE IF NOT EXISTS primed.kv (k int PRIMARY KEY, v text)')
        cls.select = cls.session.prepare(SELECT)
        cls.insert = cls.session.prepare(INSERT)

    @classmethod
    def tearDownClass(cls):
        admin('DELETE', '/primes')
        cls.cluster.shutdown()

    def setUp(self):
        admin('DELETE', '/primes')
        admin('DELETE', '/activity')

    def test_unavailable_carries_consistency_required_and_alive(self):
        prime({'when': {'query': SELECT}, 'then': {'error': 'UNAVAILABLE', 'required': 3, 'alive': 1}})
        self.select.consistency_level = ConsistencyLevel.QUORUM
        with self.assertRaises(Unavailable) as raised:
            self.session.execute(self.select, [1])
        error = raised.exception
        self.assertEqual(error.consistency, ConsistencyLevel.QUORUM)
        self.assertEqual(error.required_replicas, 3)
        self.assertEqual(error.alive_replicas, 1)
        self.assertIn('Cannot achieve consistency level QUORUM', str(error))

    def test_read_timeout_carries_received_blockfor_and_data_present(self):
        prime({'when': {'query': SELECT},
               'then': {'error': 'READ_TIMEOUT', 'consistency': 'LOCAL_QUORUM', 'received': 1, 'blockFor': 2,
                        'dataPresent': True}})
        with self.assertRaises(ReadTimeout) as raised:
            self.session.execute(self.select, [1])
        error = raised.exception
        self.assertEqual(error.consistency, ConsistencyLevel.LOCAL_QUORUM)
        self.assertEqual(error.received_responses, 1)
        self.assertEqual(error.required_responses, 2)
        self.assertTrue(error.data_retrieved)

    def test_write_timeout_carries_its_write_type(self):
        prime({'when': {'query': INSERT},
               'then': {'error': 'WRITE_TIMEOUT', 'received': 0, 'blockFor': 1, 'writeType': 'UNLOGGED_BATCH'}})
        self.insert.consistency_level = ConsistencyLevel.ONE
        with self.assertRaises(WriteTimeout) as raised:
            self.session.execute(self.insert, [1, 'a'])
        self.assertEqual(raised.exception.write_type, WriteType.UNLOGGED_BATCH)
        self.assertEqual(raised.exception.consistency, ConsistencyLevel.ONE)

    def test_default_policy_retries_a_read_timeout_without_data_once(self):
        self.session.execute(self.insert, [5, 'five'])
        prime({'when': {'query': SELECT},
               'then': {'error': 'READ_TIMEOUT', 'received': 1, 'blockFor': 1, 'dataPresent': False},
               'times': 1})
        row = self.session.execute(self.select, [5], execution_profile='default_retry').one()
        self.assertEqual(row.v, 'five')
        outcomes = [r['outcome']['type'] for r in activity(SELECT) if r['opcode'] == 'EXECUTE']
        self.assertEqual(outcomes, ['ERROR', 'RESULT'])

    def test_primed_delay_makes_the_client_time_out(self):
        prime({'when': {'query': SELECT}, 'then': {'delayMs': 2000}, 'times': 1})
        with self.assertRaises(OperationTimedOut):
            self.session.execute(self.select, [1], execution_profile='short')
        self.session.execute(self.select, [1])

    def test_primed_rows_come_back(self):
        prime({'when': {'query': 'SELECT release_version FROM system.local'},
               'then': {'columns': [{'name': 'n', 'type': 'int'}, {'name': 's', 'type': 'set<text>'}],
                        'rows': [[1, ['a', 'b']]]}})
        row = self.session.execute(SimpleStatement('SELECT release_version FROM system.local')).one()
        self.assertEqual(row.n, 1)
        self.assertEqual(sorted(row.s), ['a', 'b'])


class PrimedErrorsV4Test(PrimedErrorsTest, unittest.TestCase):
    protocol_version = 4


class PrimedErrorsV5Test(PrimedErrorsTest, unittest.TestCase):
    protocol_version = 5

    def test_read_failure_carries_its_reasons_by_address(self):
        prime({'when': {'query': SELECT},
               'then': {'error': 'READ_FAILURE', 'received': 0, 'blockFor': 1,
                        'failures': [{'node': 1, 'reason': 'READ_TOO_MANY_TOMBSTONES'}]}})
        with self.assertRaises(ReadFailure) as raised:
            self.session.execute(self.select, [1])
        error = raised.exception
        self.assertEqual(error.failures, 1)
        self.assertEqual(error.error_code_map, {'127.0.0.1': 1})


if __name__ == '__main__':
    main()
