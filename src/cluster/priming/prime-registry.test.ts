import { describe, expect, it } from 'vitest';
import { UNSET, type BoundValue } from '../../common/index.js';
import {
  ConsistencyLevel, FunctionFailureError, ReadFailureError, UnavailableError, UnpreparedError, WriteTimeoutError,
} from '../../errors/index.js';
import { int32Bytes, type CqlType, type UserType } from '../../types/index.js';
import type { StatementVariables } from '../activity/activity-slot.js';
import type { CandidateStatement, PrimeCandidate } from './prime-matcher.js';
import { PrimeRegistry, type PrimeAction } from './prime-registry.js';
import type { PrimeSpec } from './prime-spec.js';

const INT: CqlType = { kind: 'native', name: 'int' };
const BIGINT: CqlType = { kind: 'native', name: 'bigint' };
const VARIABLES: StatementVariables = { boundColumns: [{ name: 'k', type: INT }, { name: 'n', type: BIGINT }], boundNames: [null, null] };
const ADDRESS: UserType = { kind: 'udt', keyspace: 'ks', name: 'address', fields: [{ name: 'street', type: { kind: 'native', name: 'text' } }], frozen: false };

function registry(): PrimeRegistry {
  return new PrimeRegistry({
    endpoints: (id) => (id <= 3 ? { address: Buffer.from([127, 0, 0, id]), endpoint: `/127.0.0.${id}:7000` } : undefined),
    userTypes: (keyspace, name) => (keyspace === 'ks' && name === 'address' ? ADDRESS : undefined),
  });
}

function statement(query: string | null, values: readonly BoundValue[] = [], valueNames: readonly string[] | null = null): CandidateStatement {
  return { query, values, valueNames, variables: () => VARIABLES };
}

function request(overrides: Partial<PrimeCandidate> = {}): PrimeCandidate {
  return { node: 1, opcode: 'EXECUTE', consistency: ConsistencyLevel.ONE, statements: [statement('SELECT * FROM t WHERE k = ?')], ...overrides };
}

const VOID: PrimeSpec['then'] = { void: true };

function answers(primes: PrimeRegistry, candidate: PrimeCandidate): number | null {
  return primes.take(candidate)?.id ?? null;
}

describe('matching', () => {
  it('answers statements by default, not their PREPARE nor the handshake', () => {
    const primes = registry();
    const id = primes.add({ then: VOID }).id;
    for (const opcode of ['QUERY', 'EXECUTE', 'BATCH']) expect(answers(primes, request({ opcode }))).toBe(id);
    for (const opcode of ['PREPARE', 'OPTIONS', 'STARTUP', 'REGISTER']) expect(answers(primes, request({ opcode }))).toBeNull();
  });

  it('matches the node, opcode and consistency given, one or several', () => {
    const primes = registry();
    // Levels are names in any case (from plain JavaScript or JSON).
    const anyCase = 'local_quorum' as 'LOCAL_QUORUM';
    const id = primes.add({ when: { node: [2, 3], opcode: ['OPTIONS', 'QUERY'], consistency: [anyCase, 'ALL'] }, then: { error: 'OVERLOADED' } }).id;
    expect(answers(primes, request({ node: 2, opcode: 'QUERY', consistency: ConsistencyLevel.LOCAL_QUORUM }))).toBe(id);
    expect(answers(primes, request({ node: 1, opcode: 'QUERY', consistency: ConsistencyLevel.ALL }))).toBeNull();
    expect(answers(primes, request({ node: 3, opcode: 'EXECUTE', consistency: ConsistencyLevel.ALL }))).toBeNull();
    expect(answers(primes, request({ node: 3, opcode: 'QUERY', consistency: ConsistencyLevel.ONE }))).toBeNull();
  });

  it('matches the text exactly, or by a RegExp (a global one as well, every time)', () => {
    const primes = registry();
    const exact = primes.add({ when: { query: 'SELECT * FROM t WHERE k = ?' }, then: VOID }).id;
    expect(answers(primes, request())).toBe(exact);
    expect(answers(primes, request({ statements: [statement('SELECT * FROM t WHERE k = ? ')] }))).toBeNull();
    primes.clear();
    const pattern = primes.add({ when: { query: /from t/gi }, then: VOID }).id;
    expect(answers(primes, request())).toBe(pattern);
    expect(answers(primes, request())).toBe(pattern);
    expect(answers(primes, request({ statements: [statement(null)] }))).toBeNull();
  });

  it('matches a batch when one of its statements matches the text and values', () => {
    const primes = registry();
    const id = primes.add({ when: { query: /^INSERT/, values: [7] }, then: VOID }).id;
    const batch = (k: number): PrimeCandidate => request({
      opcode: 'BATCH', statements: [statement('UPDATE t', [int32Bytes(7)]), statement('INSERT t', [int32Bytes(k)])],
    });
    expect(answers(primes, batch(7))).toBe(id);
    expect(answers(primes, batch(8))).toBeNull();
  });

  it('compares values in marker order, serialized by the markers\' types; undefined matches anything, null only null', () => {
    const primes = registry();
    const id = primes.add({ when: { values: [undefined, 5] }, then: VOID }).id;
    const sent = (values: readonly BoundValue[], names: readonly string[] | null = null): PrimeCandidate =>
      request({ statements: [statement('Q', values, names)] });
    const five = Buffer.from('0000000000000005', 'hex');
    expect(answers(primes, sent([int32Bytes(1), five]))).toBe(id);
    expect(answers(primes, sent([five, int32Bytes(1)], ['n', 'k']))).toBe(id);
    expect(answers(primes, sent([int32Bytes(1), Buffer.from('0000000000000006', 'hex')]))).toBeNull();
    expect(answers(primes, sent([int32Bytes(1), UNSET]))).toBeNull();
    expect(answers(primes, sent([int32Bytes(1)]))).toBeNull();
    primes.clear();
    const nulls = primes.add({ when: { values: [null, 5n] }, then: VOID }).id;
    expect(answers(primes, sent([null, five]))).toBe(nulls);
    expect(answers(primes, sent([int32Bytes(0), five]))).toBeNull();
    primes.clear();
    primes.add({ when: { values: ['not an int'] }, then: VOID });
    expect(answers(primes, sent([int32Bytes(1)]))).toBeNull();
  });

  it('lets the newest matching prime answer, counts uses and drops a used-up prime', () => {
    const primes = registry();
    const broad = primes.add({ then: VOID });
    const twice = primes.add({ when: { node: 1 }, then: { error: 'OVERLOADED' }, times: 2 });
    expect([answers(primes, request()), answers(primes, request()), answers(primes, request())]).toEqual([twice.id, twice.id, broad.id]);
    expect([twice.matchedCount, twice.remaining, broad.matchedCount, broad.remaining]).toEqual([2, 0, 1, Infinity]);
    expect(primes.list()).toEqual([broad]);
    expect(twice.remove()).toBe(false);
    expect(broad.remove()).toBe(true);
    expect(primes.isEmpty).toBe(true);
  });

  it('answers once with times "once", and clear() ends every prime', () => {
    const primes = registry();
    const once = primes.add({ then: VOID, times: 'once' });
    const other = primes.add({ when: { node: 9 }, then: VOID });
    expect(once.remaining).toBe(1);
    primes.clear();
    expect([once.remaining, other.remaining, primes.isEmpty]).toEqual([0, 0, true]);
  });
});

function actionOf(spec: PrimeSpec): PrimeAction {
  const primes = registry();
  primes.add(spec);
  return primes.take(request({ opcode: spec.when?.opcode === 'OPTIONS' ? 'OPTIONS' : 'EXECUTE' }))!.action;
}

function errorOf(then: PrimeSpec['then'], consistency = ConsistencyLevel.QUORUM, statementId: Buffer | null = null): Error {
  const action = actionOf({ then });
  if (action.kind !== 'error') throw new Error(`not an error: ${action.kind}`);
  return action.build(consistency, statementId);
}

describe('primed errors', () => {
  it('carry their fields, at the request\'s consistency unless one is given', () => {
    expect(errorOf({ error: 'UNAVAILABLE', required: 3, alive: 1 })).toEqual(new UnavailableError(ConsistencyLevel.QUORUM, 3, 1));
    expect(errorOf({ error: 'WRITE_TIMEOUT', consistency: 'EACH_QUORUM', received: 1, blockFor: 4, writeType: 'CAS', contentions: 2 }))
      .toEqual(new WriteTimeoutError(ConsistencyLevel.EACH_QUORUM, 1, 4, 'CAS', 2));
    const failure = errorOf({ error: 'READ_FAILURE', received: 1, blockFor: 2, failures: [{ node: 2, reason: 'TIMEOUT' }] }) as ReadFailureError;
    expect(failure.failures).toEqual([{ address: Buffer.from([127, 0, 0, 2]), endpoint: '/127.0.0.2:7000', code: 2 }]);
    expect(failure.message).toBe('Operation failed - received 1 responses and 1 failures: TIMEOUT from /127.0.0.2:7000');
  });

  it('are named as Cassandra\'s ExceptionCode, in other spellings, or by code', () => {
    for (const name of ['WriteTimeout', 'write_timeout', 'Write_timeout', 0x1100]) {
      expect(errorOf({ error: name, received: 0, blockFor: 1, writeType: 'SIMPLE' } as unknown as PrimeSpec['then'])).toBeInstanceOf(WriteTimeoutError);
    }
    expect(errorOf({ error: 'Truncate_error' } as unknown as PrimeSpec['then']).message).toBe('Error during truncate: primed truncate error');
  });

  it('take Cassandra\'s messages by default, or the one given', () => {
    expect(errorOf({ error: 'IS_BOOTSTRAPPING' }).message).toBe('Cannot read from a bootstrapping node');
    expect(errorOf({ error: 'SERVER_ERROR', message: 'boom' }).message).toBe('boom');
    expect(errorOf({ error: 'FUNCTION_FAILURE', keyspace: 'ks', function: 'f', argTypes: ['int'] }))
      .toEqual(new FunctionFailureError("execution of 'ks.f[int]' failed: primed function failure", 'ks', 'f', ['int']));
  });

  it('UNPREPARED names the executed statement unless given an id', () => {
    const id = Buffer.from('00112233', 'hex');
    expect(errorOf({ error: 'UNPREPARED' }, ConsistencyLevel.ONE, id)).toEqual(new UnpreparedError(id));
    expect(errorOf({ error: 'UNPREPARED', id: 'abcd' }, ConsistencyLevel.ONE, id)).toEqual(new UnpreparedError(Buffer.from('abcd', 'hex')));
  });
});

describe('what a prime does', () => {
  it('serializes primed rows by their column types once, user types included', () => {
    const action = actionOf({ then: { keyspace: 'ks', columns: [{ name: 'k', type: 'int' }, { name: 'a', type: 'frozen<address>' }], rows: [[1, { street: 'x' }], [null, null]] } });
    expect(action.kind).toBe('rows');
    if (action.kind !== 'rows') return;
    expect(action.rows.rows).toEqual([[int32Bytes(1), Buffer.from('0000000178', 'hex')], [null, null]]);
    expect(action.rows).toMatchObject({ keyspace: 'ks', table: 'primed' });
  });

  it('reads primed rows in the JSON forms of INSERT JSON when asked to', () => {
    const columns = [{ name: 'b', type: 'bigint' }, { name: 'x', type: 'blob' }, { name: 'm', type: 'map<text, int>' }];
    const action = actionOf({ then: { json: true, columns, rows: [['9007199254740993', '0xcafe', { a: 1 }]] } });
    if (action.kind !== 'rows') throw new Error(action.kind);
    const asJs = actionOf({ then: { columns, rows: [[9007199254740993n, Buffer.from('cafe', 'hex'), new Map([['a', 1]])]] } });
    expect(action.rows.rows).toEqual(asJs.kind === 'rows' ? asJs.rows.rows : null);
  });

  it('delays, withholds or closes, with a delay before any answer', () => {
    expect(actionOf({ then: { delayMs: 20 } })).toEqual({ kind: 'delay', delayMs: 20 });
    expect(actionOf({ then: { noAnswer: true } })).toEqual({ kind: 'no-answer', delayMs: 0 });
    expect(actionOf({ when: { opcode: 'OPTIONS' }, then: { closeConnection: true, delayMs: 5 } })).toEqual({ kind: 'close-connection', delayMs: 5 });
    expect(actionOf({ then: { void: true, delayMs: 7 } })).toEqual({ kind: 'void', delayMs: 7 });
  });
});

describe('a wrong prime', () => {
  const refused = (spec: unknown): string => {
    try {
      registry().add(spec as PrimeSpec);
    } catch (e) {
      expect(e).toBeInstanceOf(TypeError);
      return (e as Error).message;
    }
    throw new Error('the prime was accepted');
  };

  it('is refused with a message naming the field', () => {
    expect(refused({ then: { error: 'NOPE' } })).toMatch(/^prime: then\.error must be a protocol error: SERVER_ERROR, .* \(got "NOPE"\)$/);
    expect(refused({ then: { error: 'UNAVAILABLE', required: -1, alive: 0 } })).toBe('prime: then.required must be a whole number, 0 or more (got -1)');
    expect(refused({ then: { error: 'WRITE_TIMEOUT', received: 0, blockFor: 1, writeType: 'SOMETIMES' } })).toMatch(/^prime: then\.writeType must be one of SIMPLE, BATCH/);
    expect(refused({ then: { error: 'READ_FAILURE', received: 0, blockFor: 1, failures: [{ node: 9 }] } })).toMatch(/then\.failures\[0\]\.node must be the id of a node/);
    expect(refused({ when: { consistency: 'MOST' }, then: VOID })).toMatch(/^prime: when\.consistency must be a consistency level/);
    expect(refused({ when: { opcode: 'PREPARE' }, then: VOID })).toMatch(/^prime: then\.void must be primed for QUERY, EXECUTE or BATCH only/);
    expect(refused({ when: { query: 42 }, then: VOID })).toMatch(/^prime: when\.query must be a string or a RegExp/);
    expect(refused({ then: {} })).toMatch(/^prime: then must be an error, rows, void, noAnswer, closeConnection or delayMs/);
    expect(refused({ then: { noAnswer: true, void: true } })).toMatch(/^prime: then must be one of/);
    expect(refused({ then: VOID, times: 0 })).toMatch(/^prime: times must be at least 1/);
    expect(refused({ then: { columns: [{ name: 'k', type: 'list<' }], rows: [] } })).toMatch(/^prime: then\.columns\[0\]\.type: /);
    expect(refused({ then: { columns: [{ name: 'k', type: 'int' }], rows: [[1, 2]] } })).toMatch(/^prime: then\.rows\[0\] must be a list of 1 values/);
    expect(refused({ then: { json: true, columns: [{ name: 'k', type: 'bigint' }], rows: [['x']] } })).toMatch(/^prime: then\.rows\[0\]\[0\]: /);
    expect(refused({ then: { json: 'yes', columns: [{ name: 'k', type: 'int' }], rows: [] } })).toMatch(/^prime: then\.json must be true or false/);
  });
});
