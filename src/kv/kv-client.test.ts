import { describe, expect, it } from 'vitest';
import { KvClient } from './kv-client.js';
import { KvError } from './kv-error.js';

/** What the client sent, and a canned answer: the client's side of the HTTP exchange, without a server. */
function fakeServer(answer: () => Response): { client: KvClient; sent: { url: string; init: RequestInit }[] } {
  const sent: { url: string; init: RequestInit }[] = [];
  const client = new KvClient('http://127.0.0.1:8187/', (url, init) => {
    sent.push({ url, init });
    return Promise.resolve(answer());
  });
  return { client, sent };
}

describe('KvClient', () => {
  it('puts the value with its content type, options in the query and conditions in headers', async () => {
    const { client, sent } = fakeServer(() => new Response('{}', { status: 201, headers: { etag: '"17"' } }));
    const result = await client.kv('users').set('a/b c', 'v', { consistency: 'QUORUM', ttl: 60, ifMatch: ['1', '"2"'] });
    expect(result).toEqual({ created: true, etag: '17' });
    expect(sent[0]!.url).toBe('http://127.0.0.1:8187/v1/kv/users/a%2Fb%20c?consistency=QUORUM&ttl=60');
    expect(sent[0]!.init).toMatchObject({ method: 'PUT', body: 'v', headers: { 'content-type': 'text/plain; charset=utf-8', 'if-match': '"1", "2"' } });
    await client.kv('users').set('k', new Uint8Array([1]), { ifNoneMatch: '*' });
    expect(sent[1]!.init.headers).toEqual({ 'content-type': 'application/octet-stream', 'if-none-match': '*' });
  });

  it('reads a value, its content type and unquoted ETag; a 404 is null, a deleted key true, a missing one false', async () => {
    let status = 200;
    const { client } = fakeServer(() => (status === 204 ? new Response(null, { status }) : new Response(status === 200 ? 'hi' : '{}', { status, headers: { 'content-type': 'text/plain', etag: '"5"' } })));
    expect(await client.kv('n').get('k')).toEqual({ key: 'k', value: Buffer.from('hi'), contentType: 'text/plain', etag: '5' });
    status = 404;
    expect(await client.kv('n').get('k')).toBeNull();
    expect(await client.kv('n').del('k')).toBe(false);
    status = 204;
    expect(await client.kv('n').del('k')).toBe(true);
  });

  it('throws the KvError of an error body, with its figures', async () => {
    const body = { statusCode: 503, error: 'Service Unavailable', message: 'Cannot achieve consistency level ALL', consistency: 'ALL', required: 3, alive: 2 };
    const { client } = fakeServer(() => Response.json(body, { status: 503 }));
    const error = await client.kv('n').list({ prefix: 'a' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KvError);
    expect(error).toMatchObject({ status: 503, error: 'Service Unavailable', message: 'Cannot achieve consistency level ALL', details: { consistency: 'ALL', required: 3, alive: 2 } });
    expect((error as KvError).toJSON()).toEqual(body);
  });

  it('says what came back when an error answer is not the API\'s JSON', async () => {
    const { client } = fakeServer(() => new Response('<html>bad gateway</html>', { status: 502 }));
    await expect(client.kv('n').get('k')).rejects.toMatchObject({ status: 502, message: 'the key-value API answered 502: <html>bad gateway</html>' });
  });
});
