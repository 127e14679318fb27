"""CassandraAuthorizer as the Python driver meets it, on a three-node cluster started with it.

A role granted SELECT on a table reads it (through a prepared statement too) and cannot write it: the
driver raises its Unauthorized exception with Cassandra's message. LIST PERMISSIONS answers rows with
the columns role, username, resource and permission; REVOKE takes the permission away.
"""
import unittest

from cassandra import Unauthorized
from cassandra.auth import PlainTextAuthProvider
from cassandra.cluster import EXEC_PROFILE_DEFAULT, ExecutionProfile
from cassandra.policies import WhiteListRoundRobinPolicy

from cassanova_support import connect, main


def login(user, password, address):
    """A session of `user` whose requests all go to the node at `address` (its permission cache is the one asked)."""
    return connect(auth_provider=PlainTextAuthProvider(username=user, password=password), contact_points=[address],
                   execution_profiles={EXEC_PROFILE_DEFAULT: ExecutionProfile(
                       load_balancing_policy=WhiteListRoundRobinPolicy([address]), request_timeout=5.0)})


class AuthorizationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster, cls.session = connect(auth_provider=PlainTextAuthProvider(username='cassandra', password='cassandra'))
        cls.address = sorted(h.endpoint.address for h in cls.cluster.metadata.all_hosts())[0]
        cls.admin_cluster, cls.admin = login('cassandra', 'cassandra', cls.address)
        cls.admin.execute("CREATE KEYSPACE py_authz WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}")
        cls.admin.execute('CREATE TABLE py_authz.t (k int PRIMARY KEY, v text)')
        cls.admin.execute("INSERT INTO py_authz.t (k, v) VALUES (1, 'one')")
        cls.admin.execute("CREATE ROLE py_reader WITH PASSWORD = 'py-secret' AND LOGIN = true")
        cls.admin.execute('GRANT SELECT ON TABLE py_authz.t TO py_reader')

    @classmethod
    def tearDownClass(cls):
        cls.admin_cluster.shutdown()
        cls.cluster.shutdown()

    def test_reader_reads_and_cannot_write(self):
        reader_cluster, reader = login('py_reader', 'py-secret', self.address)
        try:
            select = reader.prepare('SELECT v FROM py_authz.t WHERE k = ?')
            self.assertEqual(reader.execute(select, [1]).one().v, 'one')
            with self.assertRaises(Unauthorized) as raised:
                reader.execute("INSERT INTO py_authz.t (k, v) VALUES (2, 'two')")
            self.assertIn('User py_reader has no MODIFY permission on <table py_authz.t> or any of its parents', str(raised.exception))
        finally:
            reader_cluster.shutdown()

    def test_list_permissions_and_revoke(self):
        self.admin.execute("CREATE ROLE py_other WITH PASSWORD = 'other' AND LOGIN = true")
        self.admin.execute('GRANT MODIFY ON KEYSPACE py_authz TO py_other')
        rows = list(self.admin.execute('LIST ALL PERMISSIONS OF py_other'))
        self.assertEqual([(r.role, r.username, r.resource, r.permission) for r in rows],
                         [('py_other', 'py_other', '<keyspace py_authz>', 'MODIFY')])
        other_cluster, other = login('py_other', 'other', self.address)
        try:
            other.execute("INSERT INTO py_authz.t (k, v) VALUES (3, 'three')")
            self.admin.execute('REVOKE MODIFY ON KEYSPACE py_authz FROM py_other')
            with self.assertRaises(Unauthorized):
                other.execute("INSERT INTO py_authz.t (k, v) VALUES (4, 'four')")
        finally:
            other_cluster.shutdown()


if __name__ == '__main__':
    main()
