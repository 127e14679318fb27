import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCluster, type CassanovaCluster } from '../../main.js';

/** The /v1/kv routes over real HTTP on 127.0.0.1, one status code after another, against a one-node cluster on a virtual clock. */
let cluster: CassanovaCluster;
let base: string;

beforeAll(async () => {
  cluster = await startCluster({ port: 0, adminPort: 0, clock: 'virtual', kvMaxValueBytes: 1000 });
  base = `${cluster.adminUrl!}/v1/kv`;
});

afterAll(async () => {
  await cluster?.close();
});

beforeEach(async () => {
  await cluster.reset();
});

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: Record<string, unknown> | null;
}

async function http(method: string, path: string, init: { body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await fetch(`${base}${path}`, { method, body: init.body, headers: init.headers });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').startsWith('application/json') ? JSON.parse(text) as Record<string, unknown> : null;
  return { status: response.status, headers: response.headers, text, json };
}

const put = (path: string, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'text/plain' }) =>
  http('PUT', path, { body, headers });

describe('PUT, GET, HEAD and DELETE of a key', () => {
  it('creates (201), replaces (200), reads back with its content type and ETag, and deletes (204, then 404)', async () => {
    const created = await put('/users/alice', '{"age":30}', { 'content-type': 'application/json' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ key: 'alice', created: true });
    const etag = created.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+"$/);

    const read = await http('GET', '/users/alice');
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toBe('application/json');
    expect(read.headers.get('etag')).toBe(etag);
    expect(read.headers.get('last-modified')).toBe(cluster.now().toUTCString());
    expect(read.text).toBe('{"age":30}');

    const replaced = await put('/users/alice', 'plain');
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({ created: false });
    expect(BigInt(JSON.parse(replaced.headers.get('etag')!) as string)).toBeGreaterThan(BigInt(JSON.parse(etag) as string));

    const head = await http('HEAD', '/users/alice');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('5');
    expect(head.headers.get('content-type')).toBe('text/plain');
    expect(head.text).toBe('');

    expect((await http('DELETE', '/users/alice')).status).toBe(204);
    const gone = await http('GET', '/users/alice');
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ statusCode: 404, error: 'Not Found', message: "No value for the key 'alice' in the namespace 'users'" });
    expect((await http('HEAD', '/users/alice')).status).toBe(404);
    expect((await http('DELETE', '/users/alice')).status).toBe(404);
  });

  it('keeps any bytes as they came, and keys with slashes, spaces and non-ASCII letters', async () => {
    const bytes = Buffer.from([0, 255, 1, 128, 10, 13]);
    expect((await put('/files/a%2Fb/c%20d%C3%A9', bytes, { 'content-type': 'image/png' })).status).toBe(201);
    const response = await fetch(`${base}/files/a%2Fb/c%20d%C3%A9`);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
    expect(response.headers.get('content-type')).toBe('image/png');
    const page = await http('GET', '/files');
    expect(page.json).toEqual({ namespace: 'files', keys: ['a/b/c dé'], cursor: null });
  });

  it('stores an empty body, and a body sent without a content type as application/octet-stream', async () => {
    expect((await http('PUT', '/misc/empty')).status).toBe(201);
    const read = await http('GET', '/misc/empty');
    expect(read.status).toBe(200);
    expect(read.text).toBe('');
    expect(read.headers.get('content-type')).toBe('application/octet-stream');
  });

  it('answers 304 to a GET whose If-None-Match names the current ETag', async () => {
    const etag = (await put('/users/bob', 'x')).headers.get('etag')!;
    expect((await http('GET', '/users/bob', { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await http('GET', '/users/bob', { headers: { 'if-none-match': '"1"' } })).status).toBe(200);
  });

  it('answers 404 for a namespace never written, without creating its table', async () => {
    expect((await http('GET', '/nothing/here')).status).toBe(404);
    expect((await http('DELETE', '/nothing/here')).status).toBe(404);
    expect((await http('GET', '/nothing')).json).toEqual({ namespace: 'nothing', keys: [], cursor: null });
    expect((await cluster.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = 'kv'")).rows).toEqual([]);
  });
});

describe('TTL', () => {
  it('expires a value written with ?ttl= once the virtual clock passes it', async () => {
    expect((await put('/sessions/s1?ttl=10', 'token')).status).toBe(201);
    const row = (await cluster.execute('SELECT ttl(value) FROM kv.sessions WHERE key = ?', ['s1'])).rows[0];
    expect(row?.['ttl(value)']).toBe(10);
    cluster.advanceTime(9_000);
    expect((await http('GET', '/sessions/s1')).status).toBe(200);
    cluster.advanceTime(1_000);
    expect((await http('GET', '/sessions/s1')).status).toBe(404);
    expect((await http('GET', '/sessions')).json).toEqual({ namespace: 'sessions', keys: [], cursor: null });
  });

  it('keeps the table default_time_to_live unless ttl is given, and ttl=0 writes a value that never expires', async () => {
    await put('/cache/a', 'x');
    await cluster.execute('ALTER TABLE kv.cache WITH default_time_to_live = 5');
    await put('/cache/default', 'x');
    await put('/cache/forever?ttl=0', 'x');
    cluster.advanceTime(6_000);
    expect((await http('GET', '/cache/default')).status).toBe(404);
    expect((await http('GET', '/cache/forever')).status).toBe(200);
  });
});

describe('refusals', () => {
  it('400 for a bad namespace, an empty key, an unknown or repeated parameter, a bad consistency, ttl, node or limit', async () => {
    const cases: [string, string, RegExp][] = [
      ['PUT', '/Users/a', /^Invalid namespace 'Users': a lower-case letter/],
      ['PUT', `/${'n'.repeat(49)}/a`, /^Invalid namespace/],
      ['PUT', '/1abc/a', /^Invalid namespace/],
      ['PUT', '/ns/', /^The key may not be empty$/],
      ['PUT', '/ns/a?consistancy=ONE', /^Unknown query parameter 'consistancy'/],
      ['PUT', '/ns/a?ttl=1&ttl=2', /^The query parameter 'ttl' is given more than once$/],
      ['PUT', '/ns/a?consistency=MOST', /^Invalid consistency 'MOST': one of ANY, ONE, TWO/],
      ['PUT', '/ns/a?serialConsistency=QUORUM', /^Invalid serialConsistency 'QUORUM': SERIAL or LOCAL_SERIAL$/],
      ['PUT', '/ns/a?ttl=soon', /^Invalid ttl 'soon': a whole number$/],
      ['PUT', '/ns/a?ttl=630720001', /^ttl is too large. requested \(630720001\) maximum \(630720000\)$/],
      ['PUT', '/ns/a?ttl=-1', /^A TTL must be greater or equal to 0, but was -1$/],
      ['PUT', '/ns/a?node=7', /^No node 7 in the ring/],
      ['GET', '/ns?limit=0', /^Invalid limit '0': a whole number from 1 to 1000$/],
      ['GET', '/ns?limit=1001', /^Invalid limit/],
      ['GET', '/ns?cursor=%25%25', /^Invalid cursor/],
      ['GET', '/ns/a?ttl=3', /^Unknown query parameter 'ttl'/],
    ];
    await put('/ns/seed', 'x');
    for (const [method, path, message] of cases) {
      const answer = await http(method, path, method === 'PUT' ? { body: 'v', headers: { 'content-type': 'text/plain' } } : {});
      expect(answer.status, `${method} ${path}`).toBe(400);
      expect(answer.json, `${method} ${path}`).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(answer.json!['message'], `${method} ${path}`).toMatch(message);
    }
  });

  it('400 for a key longer than Cassandra takes, with its message (too long for a URL: through the TypeScript API)', async () => {
    await expect(cluster.kv('ns').set('k'.repeat(65536), 'v')).rejects.toMatchObject({
      status: 400, message: expect.stringMatching(/Key length of 65536 is longer than maximum of 65535/) as unknown,
    });
  });

  it('400 for ANY on a read, as Cassandra refuses it', async () => {
    await put('/ns/a', 'v');
    const answer = await http('GET', '/ns/a?consistency=ANY');
    expect(answer.status).toBe(400);
    expect(answer.json!['message']).toBe('ANY ConsistencyLevel is only supported for writes');
  });

  it('413 for a value over kvMaxValueBytes, and takes one at the limit', async () => {
    const over = await put('/ns/big', 'x'.repeat(1001));
    expect(over.status).toBe(413);
    expect(over.json).toEqual({
      statusCode: 413, error: 'Payload Too Large', message: 'The value is 1001 bytes, more than the limit of 1000 bytes (kvMaxValueBytes)',
    });
    expect((await put('/ns/big', 'x'.repeat(1000))).status).toBe(201);
    // Read to its end before the answer: the client, still sending, gets the 413 rather than a broken pipe.
    const huge = await put('/ns/huge', Buffer.alloc(5 * 1024 * 1024), { 'content-type': 'application/octet-stream' });
    expect(huge.status).toBe(413);
    expect(huge.json!['message']).toBe('The value is 5242880 bytes, more than the limit of 1000 bytes (kvMaxValueBytes)');
    await expect(cluster.kv('ns').set('big', 'y'.repeat(1001))).rejects.toMatchObject({ status: 413 });
  });

  it('leaves the rest of the admin API parsing JSON', async () => {
    const response = await fetch(`${cluster.adminUrl!}/clock/advance`, { method: 'POST', body: '{oops', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/^body is not valid JSON/);
  });
});

describe('the OpenAPI document the server serves', () => {
  it('describes the key-value API', async () => {
    const document = await (await fetch(`${cluster.adminUrl!}/openapi.json`)).json() as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/kv/{namespace}/{key}', '/v1/kv/{namespace}', '/nodes']));
  });
});
