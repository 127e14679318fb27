"""Client encryption through the Python driver's ssl_context, on a three-node cluster with tls: 'self-signed'.

The CA the cluster generated comes in CASSANOVA_TLS_CA (a PEM file). A context trusting it, with hostname
checks on (the driver then names each node by its address), reaches every node; a context without the CA,
and a client without TLS, are refused.
"""
import os
import ssl
import unittest

from cassandra.cluster import NoHostAvailable

from cassanova_support import connect, main, new_cluster, wait_until

CA_FILE = os.environ['CASSANOVA_TLS_CA']


def verifying_context(ca_file=None):
    context = ssl.create_default_context(purpose=ssl.Purpose.SERVER_AUTH, cafile=ca_file)
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    return context


class TlsTest(unittest.TestCase):
    def test_ssl_context_with_the_ca_verifies_every_node(self):
        cluster, session = connect(ssl_context=verifying_context(CA_FILE))
        try:
            hosts = cluster.metadata.all_hosts()
            self.assertEqual(3, len(hosts))
            # The pools to the other nodes open in the background (a TLS handshake each, slow on a loaded machine).
            wait_until(lambda: all(h.is_up for h in hosts)
                       and {h.endpoint.address for h in session.get_pool_state()} == {h.endpoint.address for h in hosts},
                       'a pool to every node')
            for host in hosts:
                self.assertTrue(host.is_up, host)
                rows = list(session.execute('SELECT ssl_enabled, ssl_protocol FROM system_views.clients', host=host))
                self.assertTrue(rows, host)
                for row in rows:
                    self.assertTrue(row.ssl_enabled)
                    self.assertIn(row.ssl_protocol, ('TLSv1.2', 'TLSv1.3'))
            pool_hosts = {h.endpoint.address for h in session.get_pool_state()}
            self.assertEqual({h.endpoint.address for h in hosts}, pool_hosts)
        finally:
            cluster.shutdown()

    def test_a_context_without_the_ca_is_refused(self):
        cluster = new_cluster(ssl_context=verifying_context(), connect_timeout=2)
        try:
            with self.assertRaises(NoHostAvailable) as raised:
                cluster.connect()
            self.assertIn('CERTIFICATE_VERIFY_FAILED', str(raised.exception))
        finally:
            cluster.shutdown()

    def test_a_client_without_tls_is_refused(self):
        cluster = new_cluster(connect_timeout=2, control_connection_timeout=2)
        try:
            with self.assertRaises(NoHostAvailable):
                cluster.connect()
        finally:
            cluster.shutdown()


if __name__ == '__main__':
    main()
