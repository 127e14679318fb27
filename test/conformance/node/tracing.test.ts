/**
 * Query tracing through the Node.js driver: `traceQuery` sets the TRACING flag, the response names the
 * session (`result.info.traceId`) and `client.metadata.getTrace()` reads it back from system_traces
 * (sessions, then events) as it does from Cassandra 4.1. On three nodes (RF 3) the events come from every
 * replica the request reached. Probabilistic tracing (nodetool settraceprobability) records sessions
 * without naming them in responses.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { isExternalTarget, useNodeTarget } from '../support/node-client.js';

const target = useNodeTarget('tracing');
const { consistencies } = cassandra.types;

type Trace = Awaited<ReturnType<cassandra.metadata.Metadata['getTrace']>>;

beforeAll(async () => {
  await target.client.execute('CREATE TABLE t (k int, c int, v text, PRIMARY KEY (k, c))');
});

/**
 * The trace of a session once every node that took part wrote its events: trace rows are written
 * asynchronously (getTrace itself waits only for the session's duration).
 */
async function traceOf(client: cassandra.Client, traceId: cassandra.types.Uuid, sources = 1): Promise<Trace> {
  for (let attempt = 0; ; attempt++) {
    const trace = await client.metadata.getTrace(traceId);
    const seen = new Set(trace.events.map((e) => String(e.source)));
    if (seen.size >= sources || attempt === 20) return trace;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const activities = (trace: Trace): string[] => trace.events.map((e) => e.activity);

describe('traced requests on one node', () => {
  it('name their session in the response, and getTrace reads the session and its events', async () => {
    const query = 'INSERT INTO t (k, c, v) VALUES (1, 1, \'a\')';
    const result = await target.client.execute(query, [], { traceQuery: true });
    expect(result.info.traceId).toBeInstanceOf(cassandra.types.Uuid);
    expect(result.info.traceId.toString()[14]).toBe('1');
    const trace = await traceOf(target.client, result.info.traceId);
    expect(trace.requestType).toBe('Execute CQL3 query');
    expect(trace.parameters).toMatchObject({ query, consistency_level: 'LOCAL_ONE', serial_consistency_level: 'SERIAL' });
    expect(typeof trace.duration).toBe('number');
    expect(trace.duration).toBeGreaterThan(0);
    expect(trace.startedAt).toBeInstanceOf(Date);
    expect(String(trace.clientAddress)).toMatch(/^127\./);
    if (!isExternalTarget) {
      expect(String(trace.coordinator)).toBe('127.0.0.1');
      expect(activities(trace)).toEqual([
        `Parsing ${query}`, 'Preparing statement', 'Determining replicas for mutation', 'Appending to commitlog', 'Adding to t memtable',
      ]);
      expect(trace.events[0]!.thread).toMatch(/^Native-Transport-Requests-\d+$/);
    }
    for (const event of trace.events) {
      expect(String(event.source)).toMatch(/^127\./);
      expect(event.elapsed).toBeGreaterThanOrEqual(0);
      expect(typeof event.thread).toBe('string');
    }
  });

  it('record a prepared statement with its bound values, and a read with what it scanned', async () => {
    const insert = 'INSERT INTO t (k, c, v) VALUES (?, ?, ?)';
    const written = await target.client.execute(insert, [2, 1, "it's"], { prepare: true, traceQuery: true, consistency: consistencies.one });
    const writeTrace = await traceOf(target.client, written.info.traceId);
    expect(writeTrace.requestType).toBe('Execute CQL3 prepared query');
    expect(writeTrace.parameters).toMatchObject({
      query: insert, consistency_level: 'ONE', bound_var_0_k: '2', bound_var_1_c: '1', bound_var_2_v: "'it''s'",
    });
    const read = await target.client.execute('SELECT v FROM t WHERE k = 2', [], { traceQuery: true });
    const readTrace = await traceOf(target.client, read.info.traceId);
    expect(readTrace.parameters).toMatchObject({ page_size: '5000' });
    if (!isExternalTarget) {
      expect(activities(readTrace)).toEqual(expect.arrayContaining([
        'Executing single-partition query on t', 'Acquiring sstable references', 'Read 1 live rows and 0 tombstone cells',
      ]));
    }
  });

  it('record a batch, and leave untraced requests without a session id', async () => {
    const batch = await target.client.batch([
      'INSERT INTO t (k, c, v) VALUES (3, 1, \'x\')', 'INSERT INTO t (k, c, v) VALUES (3, 2, \'y\')',
    ], { traceQuery: true });
    const trace = await traceOf(target.client, batch.info.traceId);
    expect(trace.requestType).toBe('Execute batch of CQL3 queries');
    expect(trace.parameters).toMatchObject({ consistency_level: 'LOCAL_ONE' });
    expect(trace.parameters).not.toHaveProperty('query');
    const untraced = await target.client.execute('SELECT * FROM t WHERE k = 3');
    expect(untraced.info.traceId).toBeUndefined();
  });

  it('are stored in system_traces with Cassandra 4.1 columns, for 24 hours', async () => {
    const result = await target.client.execute('SELECT * FROM t WHERE k = 1', [], { traceQuery: true });
    await traceOf(target.client, result.info.traceId);
    const session = await target.client.execute('SELECT command, coordinator_port, request, ttl(request) FROM system_traces.sessions WHERE session_id = ?',
      [result.info.traceId], { prepare: true });
    expect(session.first()['command']).toBe('QUERY');
    expect(session.first()['request']).toBe('Execute CQL3 query');
    expect(session.first()['coordinator_port']).toBe(7000);
    expect(session.first()['ttl(request)']).toBeGreaterThan(86_000);
    const events = await target.client.execute('SELECT event_id, source_port FROM system_traces.events WHERE session_id = ?',
      [result.info.traceId], { prepare: true });
    expect(events.rows.length).toBeGreaterThan(0);
    for (const row of events.rows) {
      expect(row['event_id']).toBeInstanceOf(cassandra.types.TimeUuid);
      expect(row['source_port']).toBe(7000);
    }
  });
});

describe.skipIf(isExternalTarget)('probabilistic tracing (nodetool settraceprobability)', () => {
  it('records sessions for requests that did not ask, and names none of them in responses', async () => {
    const cluster = target.cluster!;
    const query = `SELECT v FROM t WHERE k = 1 AND c = ${Date.now() % 1000}`;
    cluster.setTraceProbability(1);
    try {
      const result = await target.client.execute(query);
      expect(result.info.traceId).toBeUndefined();
    } finally {
      cluster.setTraceProbability(0);
    }
    let found = false;
    for (let attempt = 0; attempt < 20 && !found; attempt++) {
      const sessions = await target.client.execute('SELECT parameters FROM system_traces.sessions');
      found = sessions.rows.some((row) => (row['parameters'] as Record<string, string> | null)?.['query'] === query);
      if (!found) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(found).toBe(true);
    expect(() => cluster.node(1).setTraceProbability(2)).toThrow('Trace probability must be between 0 and 1');
  });
});

describe.skipIf(isExternalTarget)('traced requests on three nodes (RF 3)', () => {
  const three = useNodeTarget('traced', { nodes: 3, keyspace: false });
  let client: cassandra.Client;

  beforeAll(async () => {
    client = three.client;
    await client.execute("CREATE KEYSPACE traced WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
    await client.execute('CREATE TABLE traced.t (k int PRIMARY KEY, v text)');
  });

  const coordinatedBy = (id: number) => ({ host: client.hosts.values().find((h) => h.address.startsWith(`127.0.0.${id}:`)) });

  it('show a write sent to every replica, each replica applying it and answering', async () => {
    const written = await client.execute("INSERT INTO traced.t (k, v) VALUES (1, 'a')", [], { traceQuery: true, consistency: consistencies.all, ...coordinatedBy(1) });
    const trace = await traceOf(client, written.info.traceId, 3);
    expect(String(trace.coordinator)).toBe('127.0.0.1');
    const bySource = (address: string) => trace.events.filter((e) => String(e.source) === address).map((e) => e.activity);
    expect(bySource('127.0.0.1')).toEqual(expect.arrayContaining([
      'Determining replicas for mutation',
      expect.stringMatching(/^Sending MUTATION_REQ message to \/127\.0\.0\.2:7000 message size \d+ bytes$/),
      expect.stringMatching(/^Sending MUTATION_REQ message to \/127\.0\.0\.3:7000 message size \d+ bytes$/),
      'MUTATION_RSP message received from /127.0.0.2:7000',
      'Processing response from /127.0.0.3:7000',
    ]));
    for (const replica of ['127.0.0.2', '127.0.0.3']) {
      expect(bySource(replica)).toEqual([
        'MUTATION_REQ message received from /127.0.0.1:7000', 'Appending to commitlog', 'Adding to t memtable',
        'Enqueuing response to /127.0.0.1:7000', expect.stringMatching(/^Sending MUTATION_RSP message to \/127\.0\.0\.1:7000 message size \d+ bytes$/),
      ]);
    }
  });

  it('show a read at ALL asking one replica for data and the others for digests', async () => {
    const read = await client.execute('SELECT v FROM traced.t WHERE k = 1', [], { traceQuery: true, consistency: consistencies.all, ...coordinatedBy(2) });
    const trace = await traceOf(client, read.info.traceId, 3);
    expect(String(trace.coordinator)).toBe('127.0.0.2');
    expect(activities(trace)).toEqual(expect.arrayContaining([
      'reading digest from /127.0.0.1:7000', 'reading digest from /127.0.0.3:7000',
      'READ_REQ message received from /127.0.0.2:7000', 'Read 1 live rows and 0 tombstone cells',
    ]));
    expect(new Set(trace.events.map((e) => String(e.source)))).toEqual(new Set(['127.0.0.1', '127.0.0.2', '127.0.0.3']));
  });

  it('show the Paxos phases of a lightweight transaction on every replica', async () => {
    const cas = await client.execute("INSERT INTO traced.t (k, v) VALUES (9, 'p') IF NOT EXISTS", [], { traceQuery: true, ...coordinatedBy(3) });
    expect(cas.first()['[applied]']).toBe(true);
    const trace = await traceOf(client, cas.info.traceId, 3);
    const all = activities(trace);
    expect(all).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Preparing [0-9a-f-]{36}$/), 'Reading existing values for CAS precondition', 'CAS applied successfully',
      expect.stringMatching(/^Promising ballot /), expect.stringMatching(/^Accepting proposal Commit\(/),
      expect.stringMatching(/^Committing proposal Commit\(/),
    ]));
  });
});
