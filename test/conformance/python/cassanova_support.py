"""Shared setup for the Python-driver conformance scripts.

The Vitest wrapper (python-driver.test.ts) starts a cluster and passes its contact point through
CASSANOVA_HOST / CASSANOVA_PORT (and the local data center through CASSANOVA_DC). Every driver
Cluster built here is aimed only at that contact point and has bounded timeouts, so a broken
server makes a script fail quickly instead of hanging.
"""
import faulthandler
import itertools
import json
import logging
import os
import sys
import time
import unittest
import urllib.error
import urllib.request

from cassandra.cluster import EXEC_PROFILE_DEFAULT, Cluster, ExecutionProfile
from cassandra.policies import DCAwareRoundRobinPolicy

HOST = os.environ.get('CASSANOVA_HOST', '127.0.0.1')
PORT = int(os.environ.get('CASSANOVA_PORT', '9042'))
LOCAL_DC = os.environ.get('CASSANOVA_DC', 'datacenter1')

REQUEST_TIMEOUT_S = 5.0
CONNECT_TIMEOUT_S = 5.0
SCHEMA_AGREEMENT_WAIT_S = 5
# A hung script dumps every thread's stack and exits well before the wrapper kills it.
WATCHDOG_S = float(os.environ.get('CASSANOVA_PY_WATCHDOG_S', '90'))

_keyspace_numbers = itertools.count(1)


def new_cluster(**options):
    """A driver Cluster aimed at the server under test; `options` override the bounded defaults."""
    settings = dict(
        contact_points=[HOST],
        port=PORT,
        execution_profiles={EXEC_PROFILE_DEFAULT: ExecutionProfile(
            load_balancing_policy=DCAwareRoundRobinPolicy(local_dc=LOCAL_DC),
            request_timeout=REQUEST_TIMEOUT_S)},
        connect_timeout=CONNECT_TIMEOUT_S,
        control_connection_timeout=CONNECT_TIMEOUT_S,
        max_schema_agreement_wait=SCHEMA_AGREEMENT_WAIT_S,
    )
    settings.update(options)
    return Cluster(**settings)


def connect(**options):
    """Returns (cluster, session)."""
    cluster = new_cluster(**options)
    try:
        return cluster, cluster.connect()
    except BaseException:
        cluster.shutdown()
        raise


def create_keyspace(session, prefix):
    """Creates a keyspace of our own (the pid keeps parallel runs against one server apart)."""
    name = '%s_%d_%d' % (prefix, os.getpid(), next(_keyspace_numbers))
    session.execute(
        "CREATE KEYSPACE %s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}" % name)
    return name


def drop_keyspace(session, name):
    session.execute('DROP KEYSPACE IF EXISTS %s' % name)


class KeyspaceFixture(object):
    """Mixin for unittest.TestCase: one connected driver Cluster and one scratch keyspace per class.

    Subclasses set `protocol_version`, `keyspace_prefix` and `schema` (CQL statements in which
    `{ks}` stands for the keyspace name), and reach them through `cls.session` / `cls.ks`.
    """
    protocol_version = 5
    keyspace_prefix = 'py'
    schema = ()

    @classmethod
    def connect_options(cls):
        """Driver Cluster options besides the protocol version (a subclass may add its own)."""
        return {}

    @classmethod
    def setUpClass(cls):
        cls.cluster, cls.session = connect(protocol_version=cls.protocol_version, **cls.connect_options())
        try:
            cls.ks = create_keyspace(cls.session, cls.keyspace_prefix)
            for statement in cls.schema:
                cls.session.execute(statement.format(ks=cls.ks))
        except BaseException:
            cls.cluster.shutdown()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            drop_keyspace(cls.session, cls.ks)
        finally:
            cls.cluster.shutdown()


CONTROL_FD = os.environ.get('CASSANOVA_CONTROL_FD')
CONTROL_WAIT_S = 20


def control(op, **args):
    """Asks the wrapper (python-driver.test.ts) to change the cluster; returns its result or raises with its error."""
    os.write(int(CONTROL_FD), (json.dumps(dict(op=op, **args)) + '\n').encode('utf-8'))
    line = sys.stdin.readline()
    if not line:
        raise AssertionError('the wrapper closed the control channel')
    reply = json.loads(line)
    if not reply['ok']:
        raise AssertionError('%s failed: %s' % (op, reply['error']))
    return reply.get('result')


ADMIN_URL = os.environ.get('CASSANOVA_ADMIN_URL')


def admin_call(method, path, body=None):
    """One admin API call (its URL in CASSANOVA_ADMIN_URL): (status, parsed JSON answer or None)."""
    data = None if body is None else json.dumps(body).encode('utf-8')
    headers = {} if data is None else {'content-type': 'application/json'}
    request = urllib.request.Request(ADMIN_URL + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read().decode('utf-8')
            return response.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as error:
        text = error.read().decode('utf-8')
        return error.code, (json.loads(text) if text else None)


def admin(method, path, body=None):
    """An admin API call that must succeed: the parsed JSON answer, None for 204."""
    status, answer = admin_call(method, path, body)
    if status >= 300:
        raise AssertionError('%s %s answered %d: %s' % (method, path, status, json.dumps(answer)))
    return answer


def wait_until(condition, what):
    """Polls `condition` every 50 ms, failing after CONTROL_WAIT_S seconds."""
    deadline = time.time() + CONTROL_WAIT_S
    while not condition():
        if time.time() > deadline:
            raise AssertionError('timed out after %d s waiting for %s' % (CONTROL_WAIT_S, what))
        time.sleep(0.05)


class DurableClusterCase(unittest.TestCase):
    """A script on the three-node durable cluster python-driver.test.ts serves: one driver for the class, connected
    once every host is up; reopen() has the cluster closed and started again from its folder (see control())."""

    @classmethod
    def setUpClass(cls):
        cls.connect()

    @classmethod
    def tearDownClass(cls):
        cls.cluster.shutdown()

    @classmethod
    def connect(cls):
        cls.cluster = new_cluster(protocol_version=5)
        cls.session = cls.cluster.connect()
        wait_until(lambda: len([h for h in cls.cluster.metadata.all_hosts() if h.is_up]) == 3, 'three hosts up')

    @classmethod
    def reopen(cls, ending, advance_ms):
        """Closes the driver, has the cluster closed (cleanly, or as a crash) and opened again, connects a new driver."""
        cls.cluster.shutdown()
        control('reopen', ending=ending, advanceMs=advance_ms)
        cls.connect()


def main():
    faulthandler.dump_traceback_later(WATCHDOG_S, exit=True)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format='%(asctime)s %(levelname)s %(name)s: %(message)s')
    unittest.main(verbosity=2)
