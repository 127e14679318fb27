import { describe, expect, it } from 'vitest';
import { VirtualClock, VirtualScheduler } from '../common/index.js';
import { ConsistencyLevel, OverloadedError, UnavailableError } from '../errors/index.js';
import type { PrimeAction } from '../cluster/index.js';
import type { Request } from '../protocol/index.js';
import type { Connection } from './connection.js';
import { primedReply, type PrimedRequest } from './primed-reply.js';
import { CONNECTION_CLOSED, reply, UNANSWERED, type Reply } from './reply.js';

/** The connection calls a primed reply makes. */
class FakeConnection {
  isClosed = false;
  private readonly hooks = new Set<() => void>();
  whenClosed(hook: () => void): () => void {
    if (this.isClosed) hook();
    else this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }
  close(): void {
    this.isClosed = true;
    for (const hook of this.hooks) hook();
    this.hooks.clear();
  }
  get waiting(): number {
    return this.hooks.size;
  }
}

const QUERY: Request = {
  version: 4, streamId: 1, tracingRequested: false, customPayload: null,
  message: {
    type: 'QUERY', query: 'SELECT 1',
    parameters: {
      consistency: ConsistencyLevel.LOCAL_QUORUM, serialConsistency: ConsistencyLevel.SERIAL, values: [], valueNames: null,
      skipMetadata: true, pageSize: null, pagingState: null, timestamp: null, keyspace: null, nowInSeconds: null,
    },
  },
};

function setup(): { primed: PrimedRequest; connection: FakeConnection; scheduler: VirtualScheduler } {
  const scheduler = new VirtualScheduler(new VirtualClock());
  const connection = new FakeConnection();
  return { primed: { request: QUERY, connection: connection as unknown as Connection, keyspace: 'ks', scheduler }, connection, scheduler };
}

const REAL: Reply = reply({ type: 'RESULT', result: { kind: 'void' } });
const settled = async <T>(promise: Promise<T>): Promise<T | 'pending'> => Promise.race([promise, new Promise<'pending'>((r) => setTimeout(() => r('pending'), 10))]);

describe('a primed reply', () => {
  it('builds the error at the request\'s consistency', async () => {
    const { primed } = setup();
    const action: PrimeAction = { kind: 'error', delayMs: 0, build: (cl) => new UnavailableError(cl, 2, 1) };
    const answer = await primedReply(action, primed, () => Promise.resolve(REAL));
    expect(answer.message).toEqual({ type: 'ERROR', error: new UnavailableError(ConsistencyLevel.LOCAL_QUORUM, 2, 1) });
  });

  it('sends rows with full metadata in the request\'s keyspace', async () => {
    const { primed } = setup();
    const type = { kind: 'native', name: 'int' } as const;
    const action: PrimeAction = { kind: 'rows', delayMs: 0, rows: { columns: [{ name: 'k', type }], rows: [[Buffer.alloc(4)]], keyspace: null, table: 'primed' } };
    const answer = await primedReply(action, primed, () => Promise.resolve(REAL));
    expect(answer.message).toEqual({
      type: 'RESULT',
      result: {
        kind: 'rows', rows: [[Buffer.alloc(4)]],
        metadata: { columns: [{ keyspace: 'ks', table: 'primed', name: 'k', type }], pagingState: null, skipMetadata: false, newMetadataId: null },
      },
    });
  });

  it('gives the real answer once the delay has passed on the scheduler', async () => {
    const { primed, scheduler, connection } = setup();
    let ran = false;
    const pending = primedReply({ kind: 'delay', delayMs: 100 }, primed, () => {
      ran = true;
      return Promise.resolve(REAL);
    });
    scheduler.advance(99);
    expect(await settled(pending)).toBe('pending');
    scheduler.advance(1);
    expect(await pending).toBe(REAL);
    expect(ran).toBe(true);
    expect(connection.waiting).toBe(0);
  });

  it('leaves a delayed request unanswered, and unrun, when its connection closes first', async () => {
    const { primed, scheduler, connection } = setup();
    let ran = false;
    const pending = primedReply({ kind: 'delay', delayMs: 100 }, primed, () => {
      ran = true;
      return Promise.resolve(REAL);
    });
    connection.close();
    expect(await pending).toBe(UNANSWERED);
    scheduler.advance(200);
    expect(ran).toBe(false);
  });

  it('holds a request without a timer until its connection closes', async () => {
    const { primed, scheduler, connection } = setup();
    const pending = primedReply({ kind: 'no-answer', delayMs: 0 }, primed, () => Promise.resolve(REAL));
    expect(scheduler.pendingCount).toBe(0);
    expect(await settled(pending)).toBe('pending');
    connection.close();
    expect(await pending).toBe(UNANSWERED);
  });

  it('closes the connection, after a delay if asked', async () => {
    const { primed, scheduler, connection } = setup();
    const pending = primedReply({ kind: 'close-connection', delayMs: 10 }, primed, () => Promise.resolve(REAL));
    expect(connection.isClosed).toBe(false);
    scheduler.advance(10);
    expect(await pending).toBe(CONNECTION_CLOSED);
    expect(connection.isClosed).toBe(true);
  });

  it('answers nothing on a connection closed already', async () => {
    const { primed, connection } = setup();
    connection.close();
    const action: PrimeAction = { kind: 'error', delayMs: 5, build: () => new OverloadedError('x') };
    expect(await primedReply(action, primed, () => Promise.resolve(REAL))).toBe(UNANSWERED);
  });
});
