import { describe, expect, it } from 'vitest';
import { UNSET, VirtualClock, type BoundValue } from '../../common/index.js';
import { ConsistencyLevel, WriteTimeoutError } from '../../errors/index.js';
import { int32Bytes, type CqlType } from '../../types/index.js';
import { ActivityLog } from './activity-log.js';
import type { ActivityRecord } from './activity-record.js';
import type { RecordedParameters, StatementVariables } from './activity-slot.js';

const CONNECTION = { id: 3, address: '127.0.0.9', port: 40000 };
const INT: CqlType = { kind: 'native', name: 'int' };
const TEXT: CqlType = { kind: 'native', name: 'text' };
const VARIABLES: StatementVariables = {
  boundColumns: [{ name: 'k', type: INT }, { name: 'v', type: TEXT }],
  boundNames: [null, 'val'],
};

function params(values: readonly BoundValue[], overrides: Partial<RecordedParameters> = {}): RecordedParameters {
  return {
    consistency: ConsistencyLevel.QUORUM, serialConsistency: ConsistencyLevel.SERIAL, values, valueNames: null, pageSize: 100,
    pagingState: null, ...overrides,
  };
}

/** A log on a virtual clock with `count` QUERY requests recorded and answered. */
function logWith(limit: number, count: number): { log: ActivityLog; clock: VirtualClock } {
  const clock = new VirtualClock();
  const log = new ActivityLog(clock, limit);
  for (let i = 1; i <= count; i++) {
    const slot = log.begin(1 + (i % 2), CONNECTION, i, 4, 'QUERY')!;
    slot.statement('ks', `SELECT ${i}`, null, null, params([]));
    clock.advance(1);
    log.complete(slot, slot.seq, 'RESULT', 'void');
  }
  return { log, clock };
}

describe('the activity log', () => {
  it('keeps the latest requests in arrival order, numbered from 1', () => {
    const { log } = logWith(3, 5);
    expect(log.records().map((r) => [r.seq, r.query])).toEqual([[3, 'SELECT 3'], [4, 'SELECT 4'], [5, 'SELECT 5']]);
    expect(log.sequence).toBe(5);
  });

  it('records nothing with a limit of 0', () => {
    const log = new ActivityLog(new VirtualClock(), 0);
    expect(log.enabled).toBe(false);
    expect(log.begin(1, CONNECTION, 0, 4, 'OPTIONS')).toBeNull();
    expect(log.records()).toEqual([]);
  });

  it('forgets everything on clear, numbering on', () => {
    const { log } = logWith(10, 4);
    log.clear();
    expect(log.records()).toEqual([]);
    log.begin(1, CONNECTION, 0, 4, 'OPTIONS');
    expect(log.records().map((r) => r.seq)).toEqual([5]);
  });

  it('ignores the answer of a request whose slot went to a later one', () => {
    const log = new ActivityLog(new VirtualClock(), 1);
    const slow = log.begin(1, CONNECTION, 1, 4, 'QUERY')!;
    const slowSeq = slow.seq;
    const fast = log.begin(1, CONNECTION, 2, 4, 'OPTIONS')!;
    expect(fast).toBe(slow);
    log.complete(slow, slowSeq, 'ERROR', '', -1, false, new WriteTimeoutError(ConsistencyLevel.ONE, 0, 1, 'SIMPLE'));
    expect(log.records()).toMatchObject([{ seq: 2, opcode: 'OPTIONS', outcome: null, latencyMicros: null }]);
  });

  it('renders time, latency, outcome and the connection of each record', () => {
    const clock = new VirtualClock(1_000);
    const log = new ActivityLog(clock, 10);
    const slot = log.begin(2, CONNECTION, 7, 5, 'EXECUTE')!;
    slot.statement('ks', 'INSERT', VARIABLES, null, params([int32Bytes(1), Buffer.from('a')]));
    for (const id of [2, 3, 2]) slot.replicaContacted(slot.seq, id);
    clock.advance(2.5);
    log.complete(slot, slot.seq, 'ERROR', '', -1, false, new WriteTimeoutError(ConsistencyLevel.QUORUM, 1, 2, 'SIMPLE'));
    expect(log.records()).toEqual<ActivityRecord[]>([{
      seq: 1, time: new Date(1_000), node: 2, clientAddress: '127.0.0.9', clientPort: 40000, connectionId: 3, streamId: 7,
      protocolVersion: 5, opcode: 'EXECUTE', keyspace: 'ks', query: 'INSERT', values: [1, 'a'], valueNames: null, statements: null,
      batchType: null, consistency: 'QUORUM', serialConsistency: 'SERIAL', pageSize: 100, pagingState: false, primed: null,
      outcome: { type: 'ERROR', code: 0x1100, error: 'WRITE_TIMEOUT', message: 'Operation timed out - received only 1 responses.' },
      latencyMicros: 2500, replicas: [2, 3],
    }]);
  });

  it('notes each replica once, in the order first contacted, however many there are, and none for a later request', () => {
    const log = new ActivityLog(new VirtualClock(), 1);
    const slot = log.begin(1, CONNECTION, 1, 4, 'EXECUTE')!;
    for (const id of [5, 1, 5, 4, 2, 1, 6, 3, 6]) slot.replicaContacted(slot.seq, id);
    expect(log.records()[0]!.replicas).toEqual([5, 1, 4, 2, 6, 3]);
    const staleSeq = slot.seq;
    const next = log.begin(1, CONNECTION, 2, 4, 'EXECUTE')!;
    next.replicaContacted(staleSeq, 9);
    next.replicaContacted(next.seq, 2);
    expect(log.records()[0]!.replicas).toEqual([2]);
  });

  it('decodes values by name, shows unset as undefined and keeps bytes that do not fit their type', () => {
    const log = new ActivityLog(new VirtualClock(), 10);
    const named = log.begin(1, CONNECTION, 1, 4, 'EXECUTE')!;
    named.statement(null, 'Q', VARIABLES, null, params([Buffer.from('b'), int32Bytes(5)], { valueNames: ['val', 'k'] }));
    const odd = log.begin(1, CONNECTION, 2, 4, 'EXECUTE')!;
    odd.statement(null, 'Q', VARIABLES, null, params([Buffer.from([1, 2]), UNSET]));
    const unknown = log.begin(1, CONNECTION, 3, 4, 'QUERY')!;
    unknown.statement(null, 'Q', null, { variablesOf: () => null }, params([null, Buffer.from([9])]));
    expect(log.records().map((r) => r.values)).toEqual([['b', 5], [Buffer.from([1, 2]), undefined], [null, Buffer.from([9])]]);
    expect(log.records()[0]!.valueNames).toEqual(['val', 'k']);
  });

  it('prepares a statement sent as text once per render to decode its values', () => {
    const log = new ActivityLog(new VirtualClock(), 10);
    let lookups = 0;
    const resolver = { variablesOf: (query: string) => (lookups++, query === 'Q' ? VARIABLES : null) };
    for (let i = 0; i < 3; i++) log.begin(1, CONNECTION, i, 4, 'QUERY')!.statement('ks', 'Q', null, resolver, params([int32Bytes(i)]));
    expect(log.records().map((r) => r.values)).toEqual([[0], [1], [2]]);
    expect(lookups).toBe(1);
  });

  it('shows a batch statement by statement, with paging and consistency of its own', () => {
    const log = new ActivityLog(new VirtualClock(), 10);
    const slot = log.begin(1, CONNECTION, 1, 4, 'BATCH')!;
    const resolver = { variablesOf: () => VARIABLES };
    slot.batch('ks', 'UNLOGGED', resolver, ConsistencyLevel.LOCAL_ONE, ConsistencyLevel.LOCAL_SERIAL);
    slot.batchStatement('A', null, [int32Bytes(1), Buffer.from('x')]);
    slot.batchStatement(null, null, []);
    expect(log.records()[0]).toMatchObject({
      batchType: 'UNLOGGED', consistency: 'LOCAL_ONE', serialConsistency: 'LOCAL_SERIAL', query: null, values: null,
      statements: [{ query: 'A', values: [1, 'x'] }, { query: null, values: null }],
    });
  });

  it('keeps large values only within its byte budget, and frees what overwritten records held', () => {
    const log = new ActivityLog(new VirtualClock(), 2);
    const big = Buffer.alloc(10 * 1024 * 1024);
    const record = (value: Buffer): void => log.begin(1, CONNECTION, 0, 4, 'QUERY')!.statement(null, 'Q', null, null, params([value]));
    record(big);
    record(big);
    expect(log.records().map((r) => r.values === null)).toEqual([false, true]);
    record(Buffer.from('small'));
    record(big);
    expect(log.records().map((r) => r.values === null)).toEqual([false, false]);
  });

  it('filters by node, since, text and opcode', () => {
    const { log } = logWith(10, 6);
    const seqs = (filter: Parameters<ActivityLog['records']>[0]): number[] => log.records(filter).map((r) => r.seq);
    expect(seqs({ node: 1 })).toEqual([2, 4, 6]);
    expect(seqs({ since: 4 })).toEqual([5, 6]);
    expect(seqs({ since: new Date(Date.UTC(2025, 0, 1) + 3) })).toEqual([4, 5, 6]);
    expect(seqs({ match: 'SELECT 3' })).toEqual([3]);
    const global = /SELECT [12]/g;
    expect(seqs({ match: global })).toEqual([1, 2]);
    expect(seqs({ match: global })).toEqual([1, 2]);
    expect(seqs({ opcode: ['OPTIONS'] })).toEqual([]);
    expect(seqs({ opcode: 'QUERY', node: 2, since: 2 })).toEqual([3, 5]);
  });

  it('tells subscribers of each request once answered', () => {
    const log = new ActivityLog(new VirtualClock(), 10);
    const seen: string[] = [];
    const unsubscribe = log.subscribe((r) => seen.push(`${r.seq} ${r.outcome?.type}`));
    const slot = log.begin(1, CONNECTION, 0, 4, 'OPTIONS')!;
    expect(seen).toEqual([]);
    log.complete(slot, slot.seq, 'SUPPORTED');
    unsubscribe();
    const next = log.begin(1, CONNECTION, 0, 4, 'OPTIONS')!;
    log.complete(next, next.seq, 'SUPPORTED');
    expect(seen).toEqual(['1 SUPPORTED']);
    expect(log.subscriberCount).toBe(0);
  });

  it('tells a subscriber only of the requests its filter passes', () => {
    const log = new ActivityLog(new VirtualClock(), 10);
    const seen: number[] = [];
    log.subscribe((r) => seen.push(r.seq), { node: 2, match: /SELECT/ });
    for (const [node, query] of [[1, 'SELECT 1'], [2, 'SELECT 2'], [2, 'INSERT']] as const) {
      const slot = log.begin(node, CONNECTION, 0, 4, 'QUERY')!;
      slot.statement(null, query, null, null, params([]));
      log.complete(slot, slot.seq, 'RESULT', 'void');
    }
    expect(seen).toEqual([2]);
    expect(log.subscriberCount).toBe(1);
  });
});
