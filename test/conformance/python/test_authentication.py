"""PasswordAuthenticator as the Python driver uses it, on a three-node cluster started with it.

PlainTextAuthProvider logs in as the default superuser cassandra/cassandra; a wrong password fails with
the driver's AuthenticationFailed carrying Cassandra's message; a role created through one node logs in
at another, since roles live in system_auth like any replicated data.
"""
import unittest

from cassandra import AuthenticationFailed, Unauthorized
from cassandra.auth import PlainTextAuthProvider
from cassandra.cluster import EXEC_PROFILE_DEFAULT, ExecutionProfile, NoHostAvailable
from cassandra.policies import WhiteListRoundRobinPolicy

from cassanova_support import connect, main


def login(user, password, **options):
    return connect(auth_provider=PlainTextAuthProvider(username=user, password=password), **options)


def only_host(address):
    """Options for a driver Cluster that sends every request to the node at `address`."""
    return dict(contact_points=[address], execution_profiles={
        EXEC_PROFILE_DEFAULT: ExecutionProfile(load_balancing_policy=WhiteListRoundRobinPolicy([address]), request_timeout=5.0)})


def auth_failure(error):
    """The AuthenticationFailed inside the NoHostAvailable a failed login raises."""
    failures = [e for e in error.errors.values() if isinstance(e, AuthenticationFailed)]
    return failures[0] if failures else None


class AuthenticationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster, cls.session = login('cassandra', 'cassandra')
        cls.addresses = sorted(h.endpoint.address for h in cls.cluster.metadata.all_hosts())

    @classmethod
    def tearDownClass(cls):
        cls.cluster.shutdown()

    def test_default_superuser_logs_in(self):
        row = self.session.execute("SELECT role, is_superuser, can_login FROM system_auth.roles WHERE role = 'cassandra'").one()
        self.assertEqual((row.role, row.is_superuser, row.can_login), ('cassandra', True, True))

    def test_wrong_password_fails_with_cassandras_message(self):
        with self.assertRaises(NoHostAvailable) as raised:
            login('cassandra', 'not-the-password')
        failure = auth_failure(raised.exception)
        self.assertIsNotNone(failure, raised.exception.errors)
        self.assertIn('Provided username cassandra and/or password are incorrect', str(failure))

    def test_role_created_on_one_node_logs_in_at_another(self):
        self.assertEqual(len(self.addresses), 3, self.addresses)
        first, last = self.addresses[0], self.addresses[-1]
        admin_cluster, admin = login('cassandra', 'cassandra', **only_host(first))
        try:
            admin.execute("CREATE ROLE py_user WITH PASSWORD = 'py-secret' AND LOGIN = true")
            admin.execute('CREATE ROLE py_group')
            admin.execute('GRANT py_group TO py_user')
        finally:
            admin_cluster.shutdown()
        user_cluster, session = login('py_user', 'py-secret', **only_host(last))
        try:
            rows = session.execute('LIST ROLES OF py_user')
            self.assertEqual(rows.column_names, ['role', 'super', 'login', 'options', 'datacenters'])
            self.assertEqual([(r.role, r.super, r.login, r.datacenters) for r in rows],
                             [('py_group', False, False, 'ALL'), ('py_user', False, True, 'ALL')])
            with self.assertRaises(Unauthorized) as raised:
                session.execute('CREATE ROLE py_boss WITH SUPERUSER = true')
            self.assertIn('Only superusers can create a role with superuser status', str(raised.exception))
        finally:
            user_cluster.shutdown()


if __name__ == '__main__':
    main()
