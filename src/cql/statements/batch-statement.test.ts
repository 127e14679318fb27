import { describe, expect, it } from 'vitest';
import { requestContext, type TraceSession } from '../../common/index.js';
import { InvalidRequestError } from '../../errors/index.js';
import { cell, int, liveness, mutation, row, testTable, update } from '../../data/testing/fixtures.js';
import type { Mutation } from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { verifyBatch, type BatchThresholds } from './batch-statement.js';

const users = testTable({ name: 'users' });
const thresholds: BatchThresholds = { sizeWarnBytes: 100, sizeFailBytes: 1000, unloggedPartitionsWarn: 2 };

/** One partition per key, each a row whose value is `size` bytes. */
function writes(table: TableMetadata, keys: number[], size = 1): Mutation[] {
  return keys.map((k) => mutation(update(table, int(k), { rows: [row([], { v: cell(Buffer.alloc(size), 1) }, { liveness: liveness(1) })] })));
}

/** A sessions' trace that records what it is told. */
function recordingTrace(): TraceSession & { events: string[] } {
  const events: string[] = [];
  return { sessionId: Buffer.alloc(16), events, trace: (a) => events.push(a), begin: () => undefined };
}

describe('verifyBatch (BatchStatement.verifyBatchSize and verifyBatchType)', () => {
  it('warns of a batch over several partitions past the warn threshold, with its size in bytes', () => {
    const request = requestContext(null);
    verifyBatch('LOGGED', [users], writes(users, [1, 2], 40), thresholds, request);
    // Each partition: 20 (empty static row) + 8 (partition deletion) + 20 (row) + 16 + 40 (cell) = 104.
    expect(request.warnings).toEqual(['Batch for [ks.users] is of size 208, exceeding specified threshold of 100 by 108.']);
  });

  it('measures nothing for a single partition, however large', () => {
    const request = requestContext(null);
    verifyBatch('UNLOGGED', [users], writes(users, [1], 5000), thresholds, request);
    expect(request.warnings).toBeNull();
  });

  it('refuses a batch past the fail threshold, tracing why', () => {
    const trace = recordingTrace();
    const request = requestContext(trace);
    expect(() => verifyBatch('LOGGED', [users], writes(users, [1, 2], 600), thresholds, request)).toThrow(new InvalidRequestError('Batch too large'));
    expect(trace.events).toEqual([
      'Batch for [ks.users] is of size 1.297KiB, exceeding specified threshold of 0.977KiB by 0.320KiB. (see batch_size_fail_threshold)',
    ]);
    expect(request.warnings).toBeNull();
  });

  it('warns of unlogged and counter batches covering more partitions than the threshold, not logged ones', () => {
    const others = testTable({ name: 'others' });
    const mutations = [...writes(users, [1, 2]), ...writes(others, [3])];
    for (const type of ['UNLOGGED', 'COUNTER'] as const) {
      const request = requestContext(null);
      verifyBatch(type, [users, others], mutations, { ...thresholds, sizeWarnBytes: 1000 }, request);
      expect(request.warnings).toEqual(['Unlogged batch covering 3 partitions detected against tables [ks.others, ks.users]. '
        + 'You should use a logged batch for atomicity, or asynchronous writes for performance.']);
    }
    const logged = requestContext(null);
    verifyBatch('LOGGED', [users, others], mutations, { ...thresholds, sizeWarnBytes: 1000 }, logged);
    expect(logged.warnings).toBeNull();
  });

  it('warns of a logged batch on a table with gc_grace_seconds 0', () => {
    const noGrace: TableMetadata = { ...users, options: { ...users.options, gcGraceSeconds: 0 } };
    const request = requestContext(null);
    verifyBatch('LOGGED', [noGrace, noGrace], writes(noGrace, [1]), thresholds, request);
    expect(request.warnings).toEqual(['Executing a LOGGED BATCH on table [ks.users], configured with a gc_grace_seconds of 0. '
      + 'The gc_grace_seconds is used to TTL batchlog entries, so setting gc_grace_seconds too low on tables involved in '
      + 'an atomic batch might cause batchlog entries to expire before being replayed.']);
  });
});
