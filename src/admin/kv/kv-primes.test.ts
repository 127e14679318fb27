import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCluster, type CassanovaCluster } from '../../main.js';

/**
 * Primes answer the statements of KV requests as they answer a driver's, and each answer comes back over
 * plain HTTP with the status a gateway gives it: the coordinator's errors 502 (unless they are the
 * request's fault, an overload or a consistency failure), a held request 504 once the read timeout passes.
 */
let cluster: CassanovaCluster;

beforeAll(async () => {
  cluster = await startCluster({ port: 0, adminPort: 0, clock: 'virtual', readRequestTimeoutMs: 5000 });
});

afterAll(async () => {
  await cluster?.close();
});

beforeEach(async () => {
  await cluster.reset();
  await put('/users/alice', 'a');
});

const SELECT = 'SELECT value, content_type, writetime(value) FROM "kv"."users" WHERE key = ?';
const INSERT = /^INSERT INTO "kv"\."users"/;

async function http(method: string, path: string, body?: string): Promise<{ status: number; json: Record<string, unknown> | null; text: string }> {
  const response = await fetch(`${cluster.adminUrl!}/v1/kv${path}`, { method, body, headers: body === undefined ? {} : { 'content-type': 'text/plain' } });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').startsWith('application/json') ? JSON.parse(text) as Record<string, unknown> : null;
  return { status: response.status, json, text };
}

const put = (path: string, body: string) => http('PUT', path, body);

/** Lets the HTTP request reach its prime's timer before the virtual clock moves. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((done) => setImmediate(done));
}

describe('primes on the statements of KV requests', () => {
  it('a primed server error on the read is 502 with the protocol error named; the activity log names the prime', async () => {
    const prime = cluster.prime({ when: { query: SELECT }, then: { error: 'SERVER_ERROR' } });
    expect(await http('GET', '/users/alice')).toMatchObject({
      status: 502,
      json: { statusCode: 502, error: 'Bad Gateway', message: 'java.lang.RuntimeException: primed server error', cqlError: 'SERVER_ERROR' },
    });
    expect(prime.matchedCount).toBe(1);
    const record = cluster.activity({ opcode: 'EXECUTE' }).at(-1)!;
    expect(record).toMatchObject({ query: SELECT, primed: prime.id });
  });

  it('replica failures are 502 with the coordinator\'s figures; a write failure has its write type', async () => {
    cluster.prime({ when: { query: SELECT }, times: 1, then: { error: 'READ_FAILURE', received: 0, blockFor: 1, failures: [{ node: 1, reason: 'READ_TOO_MANY_TOMBSTONES' }] } });
    const read = await http('GET', '/users/alice?consistency=ONE');
    expect(read.status).toBe(502);
    expect(read.json).toMatchObject({ cqlError: 'READ_FAILURE', consistency: 'ONE', received: 0, blockFor: 1, failures: 1 });
    expect(read.json!['message']).toMatch(/^Operation failed - received 0 responses and 1 failures: READ_TOO_MANY_TOMBSTONES from /);
    cluster.prime({ when: { query: INSERT }, then: { error: 'WRITE_FAILURE', received: 0, blockFor: 1, writeType: 'SIMPLE', failures: [{ node: 1 }] } });
    expect((await put('/users/bob?consistency=ONE', 'b')).json).toMatchObject({ statusCode: 502, cqlError: 'WRITE_FAILURE', writeType: 'SIMPLE', blockFor: 1 });
  });

  it('each primed error answers with its status: 503 unavailable or overloaded, 504 timeouts, 400 invalid, 502 the rest', async () => {
    const cases: [Parameters<CassanovaCluster['prime']>[0]['then'], number, Record<string, unknown>][] = [
      [{ error: 'UNAVAILABLE', required: 2, alive: 1 }, 503, { consistency: 'QUORUM', required: 2, alive: 1, message: 'Cannot achieve consistency level QUORUM' }],
      [{ error: 'OVERLOADED' }, 503, { message: 'Server is in overloaded state. Cannot accept more requests at this point' }],
      [{ error: 'IS_BOOTSTRAPPING' }, 503, {}],
      [{ error: 'READ_TIMEOUT', received: 1, blockFor: 2 }, 504, { consistency: 'QUORUM', received: 1, blockFor: 2 }],
      [{ error: 'INVALID', message: 'no such thing' }, 400, { message: 'no such thing' }],
      [{ error: 'SYNTAX_ERROR' }, 400, {}],
      [{ error: 'PROTOCOL_ERROR' }, 502, { cqlError: 'PROTOCOL_ERROR' }],
      [{ error: 'UNAUTHORIZED' }, 502, { cqlError: 'UNAUTHORIZED' }],
      [{ error: 'TRUNCATE_ERROR' }, 502, { cqlError: 'TRUNCATE_ERROR' }],
    ];
    for (const [then, status, body] of cases) {
      const prime = cluster.prime({ when: { query: SELECT }, then, times: 1 });
      const answer = await http('GET', '/users/alice?consistency=QUORUM');
      expect(answer.status, JSON.stringify(then)).toBe(status);
      expect(answer.json, JSON.stringify(then)).toMatchObject({ statusCode: status, ...body });
      expect(prime.remaining).toBe(0);
    }
    cluster.prime({ when: { query: INSERT }, then: { error: 'WRITE_TIMEOUT', received: 0, blockFor: 1, writeType: 'SIMPLE' }, times: 1 });
    expect((await put('/users/carol', 'c')).json).toMatchObject({ statusCode: 504, error: 'Gateway Timeout', writeType: 'SIMPLE', blockFor: 1 });
    expect((await http('GET', '/users/alice')).status).toBe(200);
  });

  it('matches as for a driver: by bound values, consistency and node', async () => {
    cluster.prime({ when: { query: SELECT, values: ['bob'] }, then: { error: 'SERVER_ERROR' } });
    cluster.prime({ when: { query: SELECT, consistency: 'ALL' }, then: { error: 'OVERLOADED' } });
    cluster.prime({ when: { query: SELECT, node: 2 }, then: { error: 'SERVER_ERROR' } });
    await put('/users/bob', 'b');
    expect((await http('GET', '/users/bob')).status).toBe(502);
    expect((await http('GET', '/users/alice')).status).toBe(200);
    expect((await http('GET', '/users/alice?consistency=ALL')).status).toBe(503);
  });

  it('primed rows stand for the read; rows of other columns are 502; VOID makes a read find nothing', async () => {
    cluster.prime({
      when: { query: SELECT }, times: 1,
      then: { columns: [{ name: 'value', type: 'blob' }, { name: 'content_type', type: 'text' }, { name: 'writetime(value)', type: 'bigint' }], rows: [[Buffer.from('primed'), 'text/x-primed', 42n]] },
    });
    const read = await fetch(`${cluster.adminUrl!}/v1/kv/users/alice`);
    expect(read.status).toBe(200);
    expect(await read.text()).toBe('primed');
    expect(read.headers.get('content-type')).toBe('text/x-primed');
    expect(read.headers.get('etag')).toBe('"42"');

    const wrong = cluster.prime({ when: { query: SELECT }, times: 1, then: { columns: [{ name: 'v', type: 'int' }], rows: [[1]] } });
    expect(await http('GET', '/users/alice')).toMatchObject({
      status: 502,
      json: { message: `The coordinator answered rows of (v int) where the key-value API reads (value blob, content_type text, writetime(value) bigint) (prime ${wrong.id})` },
    });
    cluster.prime({ when: { query: SELECT }, times: 1, then: { void: true } });
    expect((await http('GET', '/users/alice')).status).toBe(404);
    expect((await http('GET', '/users/alice')).text).toBe('a');
  });

  it('a delay holds the request until the clock passes it; a closed connection is 502; no answer is 504 after the read timeout', async () => {
    cluster.prime({ when: { query: SELECT }, times: 1, then: { delayMs: 1000 } });
    let delayed: string | null = null;
    const pending = http('GET', '/users/alice').then((a) => { delayed = a.text; });
    await settle();
    cluster.advanceTime(999);
    await settle();
    expect(delayed).toBeNull();
    cluster.advanceTime(1);
    await pending;
    expect(delayed).toBe('a');

    const closing = cluster.prime({ when: { query: SELECT }, times: 1, then: { closeConnection: true } });
    expect(await http('GET', '/users/alice')).toMatchObject({
      status: 502, json: { message: `The coordinator closed the connection instead of answering (prime ${closing.id})` },
    });

    const silent = cluster.prime({ when: { query: SELECT }, times: 1, then: { noAnswer: true } });
    const held = http('GET', '/users/alice');
    await settle();
    cluster.advanceTime(5000);
    expect(await held).toMatchObject({ status: 504, json: { statusCode: 504, message: `The coordinator did not answer within 5000 ms (prime ${silent.id})` } });
  });
});
