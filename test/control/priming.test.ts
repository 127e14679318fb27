/**
 * Priming through the Node.js driver: primed errors reach the driver's retry policy with their fields,
 * primed rows come back typed, delays and withheld answers make the client time out, a closed connection
 * is reconnected, `times` is honoured, and a primed request changes no data.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { rejectionOf, useControlTarget } from './support.js';

const { types, policies, errors } = cassandra;
const target = useControlTarget();
const INSERT = 'INSERT INTO prime_ks.kv (k, v) VALUES (?, ?)';
const SELECT = 'SELECT k, v FROM prime_ks.kv WHERE k = ?';

beforeAll(async () => {
  await target.client.execute("CREATE KEYSPACE prime_ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
  await target.client.execute('CREATE TABLE prime_ks.kv (k int PRIMARY KEY, v text)');
});

beforeEach(() => {
  target.cluster.clearPrimes();
  target.cluster.clearActivity();
});

/** A retry policy that notes what it was asked and gives the error back. */
class RecordingRetryPolicy extends policies.retry.RetryPolicy {
  readonly calls: unknown[][] = [];
  override onWriteTimeout(info: unknown, consistency: number, received: number, blockFor: number, writeType: string) {
    this.calls.push(['writeTimeout', consistency, received, blockFor, writeType]);
    return this.rethrowResult();
  }
  override onReadTimeout(info: unknown, consistency: number, received: number, blockFor: number, dataPresent: boolean) {
    this.calls.push(['readTimeout', consistency, received, blockFor, dataPresent]);
    return this.rethrowResult();
  }
  // The driver's typings call `alive` a boolean; it is the count the error carries.
  override onUnavailable(info: unknown, consistency: number, required: number, alive: unknown) {
    this.calls.push(['unavailable', consistency, required, alive]);
    return this.rethrowResult();
  }
}

describe('primed errors', () => {
  it('hands a WriteTimeout to the retry policy with received, blockFor and writeType', async () => {
    const retry = new RecordingRetryPolicy();
    const client = await target.newClient({ policies: { retry } });
    target.cluster.prime({
      when: { query: INSERT },
      then: { error: 'WRITE_TIMEOUT', received: 1, blockFor: 2, writeType: 'BATCH' },
    });
    // The driver asks its retry policy about write timeouts of idempotent statements only.
    const error = await rejectionOf(client.execute(INSERT, [1, 'a'], { prepare: true, isIdempotent: true, consistency: types.consistencies.quorum }));
    expect(retry.calls).toEqual([['writeTimeout', types.consistencies.quorum, 1, 2, 'BATCH']]);
    expect(error).toBeInstanceOf(errors.ResponseError);
    expect(error).toMatchObject({ code: 0x1100, received: 1, blockFor: 2, writeType: 'BATCH', consistencies: types.consistencies.quorum });
    expect(error.message).toContain('Server timeout during write query at consistency QUORUM');
  });

  it('takes the consistency from the prime when given, and hands ReadTimeout and Unavailable to the policy', async () => {
    const retry = new RecordingRetryPolicy();
    const client = await target.newClient({ policies: { retry } });
    target.cluster.prime({ when: { query: SELECT }, then: { error: 'READ_TIMEOUT', consistency: 'LOCAL_QUORUM', received: 1, blockFor: 2, dataPresent: true }, times: 1 });
    target.cluster.prime({ when: { query: /FROM prime_ks\.kv WHERE k = 7/ }, then: { error: 'UNAVAILABLE', required: 3, alive: 1 } });
    await rejectionOf(client.execute(SELECT, [1], { prepare: true }));
    await rejectionOf(client.execute('SELECT k, v FROM prime_ks.kv WHERE k = 7', [], { consistency: types.consistencies.all }));
    expect(retry.calls).toEqual([
      // The driver hands data_present on as the byte it read.
      ['readTimeout', types.consistencies.localQuorum, 1, 2, 1],
      ['unavailable', types.consistencies.all, 3, 1],
    ]);
  });

  it('lets the default policy retry a BATCH_LOG write timeout, which a prime answering once lets through', async () => {
    const prime = target.cluster.prime({
      when: { query: INSERT }, then: { error: 'WRITE_TIMEOUT', received: 0, blockFor: 2, writeType: 'BATCH_LOG' }, times: 1,
    });
    await target.client.execute(INSERT, [40, 'retried'], { prepare: true, isIdempotent: true });
    expect(prime.remaining).toBe(0);
    expect(prime.matchedCount).toBe(1);
    const rows = await target.client.execute(SELECT, [40], { prepare: true });
    expect(rows.first()?.['v']).toBe('retried');
    const executions = target.cluster.activity({ opcode: 'EXECUTE', match: 'INSERT' });
    expect(executions.map((r) => [r.primed, r.outcome?.type])).toEqual([[prime.id, 'ERROR'], [null, 'RESULT']]);
  });

  it('answers ReadFailure and WriteFailure with their failures (counted in v4, where the driver reads no reasons)', async () => {
    target.cluster.prime({
      when: { query: SELECT },
      then: { error: 'READ_FAILURE', received: 0, blockFor: 1, failures: [{ node: 1, reason: 'READ_TOO_MANY_TOMBSTONES' }] },
    });
    target.cluster.prime({
      when: { query: INSERT }, then: { error: 'WRITE_FAILURE', received: 1, blockFor: 2, writeType: 'SIMPLE', failures: [{ node: 1 }] },
    });
    const read = await rejectionOf(target.client.execute(SELECT, [1], { prepare: true }));
    expect(read).toMatchObject({ code: 0x1300, received: 0, blockFor: 1, failures: 1, isDataPresent: 0 });
    const write = await rejectionOf(target.client.execute(INSERT, [1, 'x'], { prepare: true }));
    expect(write).toMatchObject({ code: 0x1500, received: 1, blockFor: 2, failures: 1, writeType: 'SIMPLE' });
    const [record] = target.cluster.activity({ opcode: 'EXECUTE', match: SELECT });
    expect(record?.outcome).toEqual({
      type: 'ERROR', code: 0x1300, error: 'READ_FAILURE',
      message: 'Operation failed - received 0 responses and 1 failures: READ_TOO_MANY_TOMBSTONES from /127.0.0.1:7000',
    });
  });

  it('answers errors without fields with Cassandra\'s message, or the one given', async () => {
    target.cluster.prime({ when: { query: /k = 1$/ }, then: { error: 'OVERLOADED' } });
    target.cluster.prime({ when: { query: /k = 2$/ }, then: { error: 'INVALID', message: 'no such thing' } });
    const overloaded = await rejectionOf(target.client.execute('SELECT * FROM prime_ks.kv WHERE k = 1'));
    const invalid = await rejectionOf(target.client.execute('SELECT * FROM prime_ks.kv WHERE k = 2'));
    expect(overloaded).toMatchObject({ code: 0x1001, message: 'Server is in overloaded state. Cannot accept more requests at this point' });
    expect(invalid).toMatchObject({ code: 0x2200, message: 'no such thing' });
  });

  it('answers UNPREPARED with the statement id, and the driver prepares again and retries', async () => {
    await target.client.execute(SELECT, [1], { prepare: true });
    target.cluster.prime({ when: { query: SELECT }, then: { error: 'UNPREPARED' }, times: 1 });
    await target.client.execute(SELECT, [1], { prepare: true });
    const seen = target.cluster.activity({ match: SELECT }).map((r) => `${r.opcode} ${r.outcome?.type === 'ERROR' ? r.outcome.error : 'ok'}`);
    expect(seen).toEqual(['EXECUTE ok', 'EXECUTE UNPREPARED', 'PREPARE ok', 'EXECUTE ok']);
  });
});

describe('primed rows', () => {
  it('come back typed, with the columns given', async () => {
    const id = types.Uuid.random();
    target.cluster.prime({
      when: { query: SELECT },
      then: {
        columns: [
          { name: 'k', type: 'int' }, { name: 'big', type: 'bigint' }, { name: 'id', type: 'uuid' }, { name: 'at', type: 'timestamp' },
          { name: 'tags', type: 'list<text>' }, { name: 'counts', type: 'map<text, int>' }, { name: 'ok', type: 'boolean' },
          { name: 'raw', type: 'blob' }, { name: 'missing', type: 'text' },
        ],
        rows: [[7, 12345678901234n, id.toString(), new Date(1_700_000_000_000), ['a', 'b'], new Map([['x', 1]]), true, Buffer.from('cafe', 'hex'), null]],
      },
    });
    const result = await target.client.execute(SELECT, [1], { prepare: true });
    const row = result.first();
    expect(row['k']).toBe(7);
    expect(row['big']).toEqual(types.Long.fromString('12345678901234'));
    expect(row['id']).toEqual(id);
    expect(row['at']).toEqual(new Date(1_700_000_000_000));
    expect(row['tags']).toEqual(['a', 'b']);
    expect(row['counts']).toEqual({ x: 1 });
    expect(row['ok']).toBe(true);
    expect(row['raw']).toEqual(Buffer.from('cafe', 'hex'));
    expect(row['missing']).toBeNull();
    expect(result.columns.map((c) => c.name)).toEqual(['k', 'big', 'id', 'at', 'tags', 'counts', 'ok', 'raw', 'missing']);
  });

  it('answer a simple statement too, and several rows', async () => {
    target.cluster.prime({ when: { query: 'SELECT v FROM prime_ks.kv' }, then: { columns: [{ name: 'v', type: 'text' }], rows: [['one'], ['two']] } });
    const result = await target.client.execute('SELECT v FROM prime_ks.kv');
    expect(result.rows.map((r) => r['v'])).toEqual(['one', 'two']);
  });

  it('are refused when a value does not fit its column, naming the place', () => {
    expect(() => target.cluster.prime({ when: {}, then: { columns: [{ name: 'k', type: 'int' }], rows: [['seven']] } }))
      .toThrow(/then\.rows\[0\]\[0\]/);
    expect(() => target.cluster.prime({ when: {}, then: { columns: [{ name: 'k', type: 'nonsense' }], rows: [] } }))
      .toThrow(/then\.columns\[0\]\.type/);
  });
});

describe('matching', () => {
  it('matches EXECUTE by its prepared statement\'s text but leaves the PREPARE alone', async () => {
    const client = await target.newClient();
    target.cluster.prime({ when: { query: SELECT }, then: { error: 'SERVER_ERROR', message: 'primed' } });
    await rejectionOf(client.execute(SELECT, [1], { prepare: true }));
    expect(target.cluster.activity({ match: SELECT }).map((r) => [r.opcode, r.primed !== null])).toEqual([['PREPARE', false], ['EXECUTE', true]]);
  });

  it('matches PREPARE when asked to', async () => {
    const client = await target.newClient();
    target.cluster.prime({ when: { opcode: 'PREPARE', query: /prime_ks\.kv WHERE v/ }, then: { error: 'SYNTAX_ERROR', message: 'line 1:0 primed' } });
    const error = await rejectionOf(client.execute('SELECT * FROM prime_ks.kv WHERE v = ? ALLOW FILTERING', ['x'], { prepare: true }));
    expect(error).toMatchObject({ code: 0x2000, message: 'line 1:0 primed' });
  });

  it('matches by consistency level and by bound values', async () => {
    target.cluster.prime({ when: { query: SELECT, consistency: ['QUORUM', 'ALL'], values: [5] }, then: { error: 'IS_BOOTSTRAPPING' } });
    const quorum = { prepare: true, consistency: types.consistencies.quorum };
    await expect(target.client.execute(SELECT, [5], quorum)).rejects.toMatchObject({ code: 0x1002 });
    await target.client.execute(SELECT, [6], quorum);
    await target.client.execute(SELECT, [5], { prepare: true, consistency: types.consistencies.one });
  });

  it('lets the newest matching prime answer', async () => {
    target.cluster.prime({ when: {}, then: { error: 'OVERLOADED' } });
    target.cluster.prime({ when: { query: SELECT }, then: { columns: [{ name: 'v', type: 'text' }], rows: [['newest']] } });
    const result = await target.client.execute(SELECT, [1], { prepare: true });
    expect(result.first()['v']).toBe('newest');
  });
});

describe('times', () => {
  it('answers N times, then lets requests through', async () => {
    const prime = target.cluster.prime({ when: { query: SELECT }, then: { error: 'OVERLOADED' }, times: 2 });
    const retry = new RecordingRetryPolicy();
    const client = await target.newClient({ policies: { retry } });
    await rejectionOf(client.execute(SELECT, [1], { prepare: true }));
    expect(prime.remaining).toBe(1);
    await rejectionOf(client.execute(SELECT, [1], { prepare: true }));
    await client.execute(SELECT, [1], { prepare: true });
    expect(prime.remaining).toBe(0);
    expect(prime.remove()).toBe(false);
  });

  it('answers until removed', async () => {
    const prime = target.cluster.prime({ when: { query: SELECT }, then: { void: true } });
    for (let i = 0; i < 3; i++) await target.client.execute(SELECT, [1], { prepare: true });
    expect(prime.matchedCount).toBe(3);
    expect(prime.remaining).toBe(Infinity);
    expect(prime.remove()).toBe(true);
    const result = await target.client.execute(SELECT, [1], { prepare: true });
    expect(result.columns).not.toBeNull();
  });
});

describe('a primed request', () => {
  it('changes no data, and its record names the prime', async () => {
    const prime = target.cluster.prime({ when: { query: INSERT }, then: { void: true } });
    await target.client.execute(INSERT, [99, 'never'], { prepare: true });
    prime.remove();
    const result = await target.client.execute(SELECT, [99], { prepare: true });
    expect(result.rowLength).toBe(0);
    const [record] = target.cluster.activity({ opcode: 'EXECUTE', match: INSERT });
    expect(record).toMatchObject({ primed: prime.id, values: [99, 'never'], replicas: [], outcome: { type: 'RESULT', kind: 'void' } });
  });
});

describe('delays and silence', () => {
  it('a delay makes the client time out, and the real answer follows it', async () => {
    const client = await target.newClient({ socketOptions: { readTimeout: 200 }, policies: { retry: new RecordingRetryPolicy() } });
    target.cluster.prime({ when: { query: SELECT }, then: { delayMs: 1000 }, times: 1 });
    const error = await rejectionOf(client.execute(SELECT, [1], { prepare: true }));
    expect(error).toBeInstanceOf(errors.OperationTimedOutError);
    await client.execute(SELECT, [1], { prepare: true });
  });

  it('no answer leaves the client to time out on a connection that stays usable', async () => {
    const client = await target.newClient({ socketOptions: { readTimeout: 200 }, policies: { retry: new RecordingRetryPolicy() } });
    target.cluster.prime({ when: { query: SELECT }, then: { noAnswer: true }, times: 1 });
    const error = await rejectionOf(client.execute(SELECT, [1], { prepare: true }));
    expect(error).toBeInstanceOf(errors.OperationTimedOutError);
    await client.execute(SELECT, [2], { prepare: true });
    const [held, answered] = target.cluster.activity({ opcode: 'EXECUTE' });
    expect(held?.outcome).toBeNull();
    expect(answered?.outcome).toMatchObject({ type: 'RESULT', kind: 'rows' });
    await client.shutdown();
    await expect.poll(() => target.cluster.activity({ opcode: 'EXECUTE' })[0]?.outcome).toEqual({ type: 'NO_ANSWER' });
  });

  it('a closed connection fails the request; the driver reconnects', async () => {
    const client = await target.newClient({ policies: { retry: new RecordingRetryPolicy(), reconnection: new policies.reconnection.ConstantReconnectionPolicy(50) } });
    target.cluster.prime({ when: { query: SELECT }, then: { closeConnection: true }, times: 1 });
    const error = await rejectionOf(client.execute(SELECT, [1], { prepare: true, isIdempotent: false }));
    expect(error).toBeInstanceOf(Error);
    await expect.poll(async () => (await client.execute(SELECT, [1], { prepare: true }).then(() => true, () => false)), { timeout: 5000 }).toBe(true);
    expect(target.cluster.activity({ opcode: 'EXECUTE' })[0]?.outcome).toEqual({ type: 'CONNECTION_CLOSED' });
  });
});

describe('on a virtual clock', () => {
  const virtual = useControlTarget({ clock: 'virtual' });

  it('a delay lasts until the clock is moved past it', async () => {
    virtual.cluster.prime({ when: { query: 'SELECT release_version FROM system.local' }, then: { delayMs: 5000 } });
    let answered = false;
    const pending = virtual.client.execute('SELECT release_version FROM system.local').then((r) => {
      answered = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    virtual.cluster.advanceTime(4999);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    virtual.cluster.advanceTime(1);
    expect((await pending).first()['release_version']).toMatch(/^4\./);
    const [record] = virtual.cluster.activity({ match: 'SELECT release_version FROM system.local' });
    expect(record?.latencyMicros).toBe(5_000_000);
  });
});
