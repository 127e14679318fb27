"""The key-value API (/v1/kv) from Python with nothing but urllib, and its rows read back by the Python driver.

The Vitest wrapper (python-driver.test.ts) starts a three-node cluster with its admin API on and passes
its URL in CASSANOVA_ADMIN_URL; against a server without the admin API the script is skipped. Values are
bytes with their content type, an ETag is the write timestamp, If-Match and If-None-Match make lightweight
transactions, and with a node stopped QUORUM writes succeed while ALL is refused with the Unavailable figures.
"""
import json
import unittest
import urllib.error
import urllib.parse
import urllib.request

from cassanova_support import ADMIN_URL, admin, main, new_cluster


def kv(method, path, body=None, headers=None):
    """One request to /v1/kv: (status, headers, body bytes)."""
    request = urllib.request.Request(ADMIN_URL + '/v1/kv' + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def error_body(answer):
    status, headers, body = answer
    if not headers.get('content-type', '').startswith('application/json'):
        raise AssertionError('status %d without a JSON body: %r' % (status, body))
    return json.loads(body.decode('utf-8'))


@unittest.skipIf(ADMIN_URL is None, 'needs a cluster with its admin API (CASSANOVA_ADMIN_URL)')
class KvApiTest(unittest.TestCase):
    def test_put_get_head_delete(self):
        status, headers, body = kv('PUT', '/py_users/alice', b'{"age": 30}', {'Content-Type': 'application/json'})
        self.assertEqual(status, 201)
        etag = headers['ETag']
        self.assertRegex(etag, r'^"\d+"$')
        self.assertEqual(json.loads(body.decode('utf-8'))['created'], True)
        status, headers, body = kv('GET', '/py_users/alice')
        self.assertEqual((status, headers['Content-Type'], headers['ETag'], body), (200, 'application/json', etag, b'{"age": 30}'))
        self.assertEqual(kv('PUT', '/py_users/alice', b'\x00\xff', {'Content-Type': 'application/octet-stream'})[0], 200)
        status, headers, body = kv('HEAD', '/py_users/alice')
        self.assertEqual((status, headers['Content-Length'], body), (200, '2', b''))
        self.assertEqual(kv('DELETE', '/py_users/alice')[0], 204)
        answer = kv('GET', '/py_users/alice')
        self.assertEqual(answer[0], 404)
        self.assertEqual(error_body(answer), {'statusCode': 404, 'error': 'Not Found',
                                              'message': "No value for the key 'alice' in the namespace 'py_users'"})
        self.assertEqual(kv('DELETE', '/py_users/alice')[0], 404)

    def test_bad_input_is_400_and_large_values_413(self):
        answer = kv('PUT', '/Bad-Name/k', b'v')
        self.assertEqual(answer[0], 400)
        self.assertRegex(error_body(answer)['message'], r"^Invalid namespace 'Bad-Name'")
        answer = kv('PUT', '/py_misc/k?consistency=SOME', b'v')
        self.assertEqual(answer[0], 400)
        answer = kv('PUT', '/py_misc/k?ttl=630720001', b'v')
        self.assertEqual(error_body(answer)['message'], 'ttl is too large. requested (630720001) maximum (630720000)')
        answer = kv('PUT', '/py_misc/big', b'x' * (1024 * 1024 + 1), {'Content-Type': 'application/octet-stream'})
        self.assertEqual(answer[0], 413)
        self.assertEqual(error_body(answer)['error'], 'Payload Too Large')

    def test_conditional_writes(self):
        etag = kv('PUT', '/py_cond/k', b'v1', {'Content-Type': 'text/plain'})[1]['ETag']
        self.assertEqual(kv('PUT', '/py_cond/k', b'v2', {'If-None-Match': '*'})[0], 412)
        fresh = kv('GET', '/py_cond/k')[1]['ETag']
        self.assertEqual(fresh, etag)
        status, headers, _ = kv('PUT', '/py_cond/k', b'v2', {'If-Match': fresh, 'Content-Type': 'text/plain'})
        self.assertEqual(status, 200)
        answer = kv('PUT', '/py_cond/k', b'v3', {'If-Match': etag, 'Content-Type': 'text/plain'})
        self.assertEqual(answer[0], 412)
        self.assertEqual(error_body(answer)['error'], 'Precondition Failed')
        self.assertEqual(kv('DELETE', '/py_cond/k', headers={'If-Match': headers['ETag']})[0], 204)
        self.assertEqual(kv('PUT', '/py_cond/k', b'v4', {'If-None-Match': '*'})[0], 201)

    def test_listing_pages(self):
        for i in range(7):
            kv('PUT', '/py_list/item%d' % i, b'x')
        keys, cursor, pages = [], None, 0
        while True:
            query = urllib.parse.urlencode({'limit': 3, **({'cursor': cursor} if cursor else {})})
            page = json.loads(kv('GET', '/py_list?' + query)[2].decode('utf-8'))
            keys += page['keys']
            pages += 1
            cursor = page['cursor']
            if cursor is None:
                break
        self.assertEqual(pages, 3)
        self.assertEqual(sorted(keys), ['item%d' % i for i in range(7)])

    def test_rows_are_cql_rows(self):
        etag = kv('PUT', '/py_cql/k1', b'hello', {'Content-Type': 'text/plain'})[1]['ETag']
        cluster = new_cluster(protocol_version=4)
        try:
            session = cluster.connect()
            row = session.execute('SELECT value, content_type, writetime(value) AS wt FROM kv.py_cql WHERE key = %s', ('k1',)).one()
            self.assertEqual((row.value, row.content_type, '"%d"' % row.wt), (b'hello', 'text/plain', etag))
            session.execute('INSERT INTO kv.py_cql (key, value, content_type) VALUES (%s, %s, %s)', ('k2', b'from cql', 'text/csv'))
            status, headers, body = kv('GET', '/py_cql/k2')
            self.assertEqual((status, headers['Content-Type'], body), (200, 'text/csv', b'from cql'))
        finally:
            cluster.shutdown()

    def test_z_quorum_with_a_node_stopped_and_all_unavailable(self):
        kv('PUT', '/py_cl/seed', b'x')
        admin('POST', '/nodes/3/stop')
        try:
            self.assertEqual(kv('PUT', '/py_cl/k?consistency=QUORUM&node=1', b'q')[0], 201)
            answer = kv('PUT', '/py_cl/k2?consistency=ALL&node=1', b'a')
            self.assertEqual(answer[0], 503)
            self.assertEqual(error_body(answer), {'statusCode': 503, 'error': 'Service Unavailable',
                                                  'message': 'Cannot achieve consistency level ALL',
                                                  'consistency': 'ALL', 'required': 3, 'alive': 2})
        finally:
            admin('POST', '/nodes/3/start')


if __name__ == '__main__':
    main()
