import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { internalCluster, startCluster, type CassanovaCluster } from '../main.js';
import { AdminTestClient } from './testing/admin-test-client.js';
import { LiveReader } from './testing/live-reader.js';

/**
 * The activity and prime routes over real HTTP, with the Node.js driver's traffic: what they answer, how
 * they refuse bad input (400 naming the field) and unknown ids (404), and the live stream in both of its
 * forms, which starts with nothing old and ends cleanly when the client leaves or the cluster closes.
 */
const { consistencies, Long } = cassandra.types;
const KS = 'doors';
let cluster: CassanovaCluster;
let client: cassandra.Client;
let api: AdminTestClient;

interface Record {
  readonly seq: number;
  readonly time: string;
  readonly node: number;
  readonly opcode: string;
  readonly query: string | null;
  readonly values: unknown[] | null;
  readonly consistency: string | null;
  readonly primed: number | null;
  readonly outcome: { readonly type: string; readonly error?: string } | null;
}

interface Activity {
  readonly sequence: number;
  readonly records: Record[];
}

interface Prime {
  readonly id: number;
  readonly when: object;
  readonly then: object;
  readonly times: number | string | null;
  readonly remaining: number | null;
  readonly matched: number;
}

const INSERT = `INSERT INTO ${KS}.t (k, big, data) VALUES (?, ?, ?)`;

beforeAll(async () => {
  cluster = await startCluster({ port: 0, adminPort: 0 });
  api = new AdminTestClient(cluster.adminUrl!);
  client = new cassandra.Client(cluster.driverOptions());
  await client.connect();
  await client.execute(`CREATE KEYSPACE ${KS} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  await client.execute(`CREATE TABLE ${KS}.t (k int PRIMARY KEY, big bigint, data blob)`);
});

afterAll(async () => {
  await client?.shutdown();
  await cluster?.close();
});

beforeEach(async () => {
  await api.call('DELETE', '/primes');
  await api.call('DELETE', '/activity');
});

async function activity(query = ''): Promise<Activity> {
  const answer = await api.call<Activity>('GET', `/activity${query}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

async function prime(body: unknown): Promise<Prime> {
  const answer = await api.call<Prime>('POST', '/primes', body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

describe('GET and DELETE /activity', () => {
  it('shows what the driver sent, values as JSON carries them, and forgets it all on DELETE', async () => {
    await client.execute(INSERT, [1, Long.fromString('9007199254740993'), Buffer.from('cafe', 'hex')], { prepare: true, consistency: consistencies.localQuorum });
    const { sequence, records } = await activity('?opcode=EXECUTE');
    expect(records).toMatchObject([{
      node: 1, opcode: 'EXECUTE', query: INSERT, values: [1, '9007199254740993', '0xcafe'], consistency: 'LOCAL_QUORUM',
      primed: null, outcome: { type: 'RESULT', kind: 'void' },
    }]);
    expect(new Date(records[0]!.time).toISOString()).toBe(records[0]!.time);
    expect(sequence).toBeGreaterThanOrEqual(records[0]!.seq);
    expect(await api.call('DELETE', '/activity')).toMatchObject({ status: 204 });
    expect(await activity()).toEqual({ sequence, records: [] });
  });

  it('filters by node, since (a sequence number or a time), a regular expression, opcodes, and keeps the latest n', async () => {
    const start = (await activity()).sequence;
    for (let k = 0; k < 3; k++) await client.execute(`SELECT * FROM ${KS}.t WHERE k = ${k}`);
    await client.execute(`select * from ${KS}.t where k = 9`);
    const texts = (body: Activity): (string | null)[] => body.records.map((r) => r.query);
    expect(texts(await activity(`?since=${start}&match=${encodeURIComponent('^SELECT .* k = [12]$')}`))).toEqual([
      `SELECT * FROM ${KS}.t WHERE k = 1`, `SELECT * FROM ${KS}.t WHERE k = 2`,
    ]);
    expect(texts(await activity('?match=k%20%3D%209&node=1&opcode=QUERY&opcode=EXECUTE'))).toEqual([`select * from ${KS}.t where k = 9`]);
    expect((await activity('?node=1&opcode=PREPARE')).records).toEqual([]);
    expect(texts(await activity('?opcode=QUERY&limit=2'))).toEqual([`SELECT * FROM ${KS}.t WHERE k = 2`, `select * from ${KS}.t where k = 9`]);
    const all = (await activity()).records;
    expect((await activity(`?since=${encodeURIComponent(all[0]!.time)}`)).records.length).toBe(all.length);
    expect((await activity('?since=2999-01-01T00:00:00Z')).records).toEqual([]);
  });

  it('refuses bad filters, naming them', async () => {
    expect(await api.call('GET', '/activity?since=yesterday')).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^query\/since must match pattern/) } });
    expect(await api.call('GET', '/activity?since=2025-13-45')).toMatchObject({ status: 400, body: { message: 'query/since must be a sequence number or an ISO 8601 time (got "2025-13-45")' } });
    expect(await api.call('GET', '/activity?match=(')).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^query\/match is not a valid regular expression: /) } });
    expect(await api.call('GET', '/activity?opcode=SELECT')).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^query\/opcode\/0 must be one of "STARTUP"/) } });
    expect(await api.call('GET', '/activity?node=0')).toMatchObject({ status: 400, body: { message: 'query/node must be >= 1' } });
    expect(await api.call('GET', '/activity?limit=-1')).toMatchObject({ status: 400, body: { message: 'query/limit must be >= 0' } });
    expect(await api.call('GET', '/activity?grep=x')).toMatchObject({ status: 400, body: { message: 'query/grep is not a known field' } });
  });
});

describe('POST, GET and DELETE /primes', () => {
  it('primes a WriteTimeout that reaches the driver with its fields, and lists it until removed', async () => {
    const made = await prime({ when: { query: INSERT, consistency: ['QUORUM', 'ONE'] }, then: { error: 'WriteTimeout', received: 1, blockFor: 2, writeType: 'SIMPLE' } });
    expect(made).toMatchObject({ id: expect.any(Number), times: null, remaining: null, matched: 0, when: { query: INSERT } });
    const error = await client.execute(INSERT, [1, 2, null], { prepare: true, consistency: consistencies.quorum }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 0x1100, received: 1, blockFor: 2, writeType: 'SIMPLE', consistencies: consistencies.quorum });
    await client.execute(INSERT, [1, 2, null], { prepare: true, consistency: consistencies.all });
    expect((await api.call<Prime[]>('GET', '/primes')).body).toEqual([{ ...made, matched: 1 }]);
    const [record] = (await activity(`?opcode=EXECUTE&limit=2`)).records;
    expect(record).toMatchObject({ primed: made.id, outcome: { type: 'ERROR', error: 'WRITE_TIMEOUT' } });
    expect(await api.call('DELETE', `/primes/${made.id}`)).toMatchObject({ status: 204 });
    expect(await api.call('DELETE', `/primes/${made.id}`)).toMatchObject({ status: 404, body: { message: `No prime ${made.id}: removed, used up or never made` } });
    expect(await api.call('DELETE', '/primes/x')).toMatchObject({ status: 400, body: { message: 'path/id must be integer' } });
  });

  it('matches a regular expression given as {regex, flags}, answers typed rows, and uses itself up', async () => {
    const made = await prime({
      when: { query: { regex: '^select .* from doors\\.t', flags: 'i' } },
      then: { columns: [{ name: 'big', type: 'bigint' }, { name: 'data', type: 'blob' }, { name: 'm', type: 'map<text, int>' }], rows: [['9007199254740993', '0xcafe', { a: 1 }]] },
      times: 'once',
    });
    expect(made).toMatchObject({ when: { query: { regex: '^select .* from doors\\.t', flags: 'i' } }, times: 'once', remaining: 1 });
    const { rows } = await client.execute(`SELECT * FROM ${KS}.t WHERE k = 1`);
    expect(rows.map((r) => [String(r['big']), (r['data'] as Buffer).toString('hex'), r['m']])).toEqual([['9007199254740993', 'cafe', { a: 1 }]]);
    expect((await api.call<Prime[]>('GET', '/primes')).body).toEqual([]);
    expect((await client.execute(`SELECT * FROM ${KS}.t WHERE k = 1`)).columns.map((c) => c.name)).toEqual(['k', 'big', 'data']);
  });

  it('DELETE /primes removes every prime', async () => {
    await prime({ then: { delayMs: 1 } });
    await prime({ when: { node: [1], opcode: 'QUERY' }, then: { error: 4096, required: 1, alive: 0 } });
    expect((await api.call<Prime[]>('GET', '/primes')).body.map((p) => p.then)).toEqual([{ delayMs: 1 }, { error: 4096, required: 1, alive: 0 }]);
    expect(await api.call('DELETE', '/primes')).toMatchObject({ status: 204 });
    expect((await api.call<Prime[]>('GET', '/primes')).body).toEqual([]);
  });

  it('refuses bad primes with a message naming the field', async () => {
    const refused = async (body: unknown): Promise<string> => {
      const answer = await api.call('POST', '/primes', body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      return answer.body.message!;
    };
    expect(await refused({ when: {} })).toBe('body/then is required');
    expect(await refused({ then: { error: 'UNAVAILABLE', required: 'three', alive: 1 } })).toBe('body/then/required must be integer');
    expect(await refused({ then: { error: 'NOPE' } })).toMatch(/^body\/then\/error must be a protocol error: SERVER_ERROR, /);
    expect(await refused({ then: { error: 'UNAVAILABLE', alive: 1 } })).toMatch(/^body\/then\/required must be a whole number/);
    expect(await refused({ when: { query: { regex: '(' } }, then: { void: true } })).toMatch(/^body\/when\/query\/regex is not a valid regular expression: /);
    expect(await refused({ when: { query: 42 }, then: { void: true } })).toBe('body/when/query must be the exact CQL text (a string), or {"regex": "^SELECT", "flags": "i"}');
    expect(await refused({ then: { columns: [{ name: 'b', type: 'bigint' }], rows: [['x']] } })).toMatch(/^body\/then\/rows\/0\/0: /);
    expect(await refused({ then: { columns: [{ name: 'b', type: 'list<' }], rows: [] } })).toMatch(/^body\/then\/columns\/0\/type: /);
    expect(await refused({ then: { void: true }, times: 0 })).toBe('body/times must be how many requests it answers (default: until removed)');
    expect(await refused({ then: { void: true }, when: { consistency: 'MOST' } })).toBe('body/when/consistency must be a consistency level, or a list of them');
    expect(await refused({ then: { void: true, color: 'red' } })).toBe('body/then/color is not a known field');
    expect(await refused('{"then": ')).toMatch(/^body is not valid JSON/);
  });
});

describe('GET /activity/stream', () => {
  const streamUrl = (query = ''): string => `${cluster.adminUrl}/activity/stream${query}`;
  const subscribers = (): number => internalCluster(cluster).activity.subscriberCount;

  async function untilNoSubscriber(): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (subscribers() > 0) {
      if (Date.now() > deadline) throw new Error(`${subscribers()} subscribers left`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('sends each request as NDJSON as it is answered, nothing older, and stops when the client leaves', async () => {
    await client.execute(`SELECT * FROM ${KS}.t WHERE k = 0`);
    const stream = await LiveReader.open(streamUrl(`?match=${encodeURIComponent('k = [12]$')}`));
    expect(stream.response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(subscribers()).toBe(1);
    for (const k of [1, 3, 2]) await client.execute(`SELECT * FROM ${KS}.t WHERE k = ${k}`);
    const lines = (await stream.next(2)).map((l) => JSON.parse(l) as Record);
    expect(lines.map((r) => [r.query, r.outcome?.type])).toEqual([[`SELECT * FROM ${KS}.t WHERE k = 1`, 'RESULT'], [`SELECT * FROM ${KS}.t WHERE k = 2`, 'RESULT']]);
    stream.close();
    await untilNoSubscriber();
  });

  it('sends server-sent events when asked, from `since` when given', async () => {
    const since = (await activity()).sequence;
    await client.execute(`SELECT * FROM ${KS}.t WHERE k = 5`);
    const stream = await LiveReader.open(streamUrl(`?since=${since}&opcode=QUERY`), { accept: 'text/event-stream' });
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await client.execute(`SELECT * FROM ${KS}.t WHERE k = 6`, [], { consistency: consistencies.one });
    const events = await stream.next(2, '\n\n');
    const parsed = events.map((e) => {
      const [id, event, data] = e.split('\n');
      return { id, event, record: JSON.parse(data!.replace(/^data: /, '')) as Record };
    });
    expect(parsed.map((e) => [e.id, e.event, e.record.query, e.record.consistency])).toEqual([
      [`id: ${parsed[0]!.record.seq}`, 'event: activity', `SELECT * FROM ${KS}.t WHERE k = 5`, 'LOCAL_ONE'],
      [`id: ${parsed[1]!.record.seq}`, 'event: activity', `SELECT * FROM ${KS}.t WHERE k = 6`, 'ONE'],
    ]);
    stream.close();
    await untilNoSubscriber();
  });

  it('refuses bad filters before streaming', async () => {
    expect(await api.call('GET', '/activity/stream?match=[')).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^query\/match is not a valid/) } });
    expect(await api.call('GET', '/activity/stream?limit=3')).toMatchObject({ status: 400, body: { message: 'query/limit is not a known field' } });
  });

  it('ends cleanly, leaving no subscriber, when the cluster closes', async () => {
    const own = await startCluster({ port: 0, adminPort: 0 });
    let closed = false;
    try {
      const ndjson = await LiveReader.open(`${own.adminUrl}/activity/stream`);
      const events = await LiveReader.open(`${own.adminUrl}/activity/stream`, { accept: 'text/event-stream' });
      expect(internalCluster(own).activity.subscriberCount).toBe(2);
      await own.close();
      closed = true;
      expect(await ndjson.end()).toBe('');
      expect(await events.end()).toBe('');
      expect(internalCluster(own).activity.subscriberCount).toBe(0);
    } finally {
      if (!closed) await own.close();
    }
  });
});

describe('the routes of activity and primes', () => {
  it('were all called', () => {
    expect(api.uncalled().filter((r) => /^\w+ \/(activity|primes)/.test(r))).toEqual([]);
  });
});
