import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../common/index.js';
import { cell, int, row, testTable, update } from '../../data/testing/fixtures.js';
import { compareBallots, newBallot, type Ballot } from './ballot.js';
import { emptyUpdate, isEmptyUpdate, type Commit } from './commit.js';
import { PaxosState } from './paxos-state.js';

const table = testTable();
const key = int(1);
const random = new SeededRandom(3);
const ballot = (micros: number): Ballot => newBallot(BigInt(micros), random);
const prepare = (b: Ballot): Commit => ({ ballot: b, update: emptyUpdate(table, key, 1n) });
const proposal = (b: Ballot, value: string): Commit => ({ ballot: b, update: update(table, key, { rows: [row([], { v: cell(value, b.micros) })] }) });

describe('Ballot', () => {
  it('orders by time, then by its random part, and keeps its microseconds', () => {
    const [a, b, c] = [ballot(1_700_000_000_000_001), ballot(1_700_000_000_000_002), ballot(1_700_000_000_000_002)];
    expect(compareBallots(a, b)).toBeLessThan(0);
    expect(compareBallots(b, c)).not.toBe(0);
    expect(compareBallots(null, a)).toBeLessThan(0);
    expect(compareBallots(null, null)).toBe(0);
    expect(b.micros).toBe(1_700_000_000_000_002n);
    expect(b.uuid[6]! >> 4).toBe(1);
  });
});

describe('PaxosState', () => {
  it('promises only ballots newer than its promise, telling a refused coordinator what it promised', () => {
    const state = new PaxosState();
    const [b1, b2] = [ballot(10), ballot(20)];
    expect(state.prepare(prepare(b2))).toEqual({ promised: true, inProgress: null, mostRecentCommit: null });
    const refused = state.prepare(prepare(b1));
    expect(refused.promised).toBe(false);
    expect(refused.inProgress?.ballot).toBe(b2);
    expect(isEmptyUpdate(refused.inProgress!.update)).toBe(true);
    expect(state.prepare(prepare(b2)).promised).toBe(false);
  });

  it('accepts proposals at or above its promise, which then count as promised', () => {
    const state = new PaxosState();
    const [b1, b2, b3] = [ballot(10), ballot(20), ballot(30)];
    state.prepare(prepare(b2));
    expect(state.propose(proposal(b1, 'old'))).toBe(false);
    expect(state.propose(proposal(b2, 'x'))).toBe(true);
    expect(state.propose(proposal(b3, 'y'))).toBe(true);
    expect(state.partition(table.id, key).promised).toBe(b3);
    expect(state.prepare(prepare(b2)).promised).toBe(false);
  });

  it('reports the proposal it accepted to the next coordinator that prepares', () => {
    const state = new PaxosState();
    const [b1, b2] = [ballot(10), ballot(20)];
    state.prepare(prepare(b1));
    const accepted = proposal(b1, 'x');
    state.propose(accepted);
    expect(state.prepare(prepare(b2))).toEqual({ promised: true, inProgress: accepted, mostRecentCommit: null });
  });

  it('remembers the newest commit and forgets the proposals it supersedes', () => {
    const state = new PaxosState();
    const [b1, b2, b3] = [ballot(10), ballot(20), ballot(30)];
    state.prepare(prepare(b2));
    const committed = proposal(b2, 'x');
    state.propose(committed);
    state.commit(committed);
    expect(state.partition(table.id, key)).toMatchObject({ accepted: null, committed });
    state.commit(proposal(b1, 'older'));
    expect(state.partition(table.id, key).committed).toBe(committed);
    state.prepare(prepare(b3));
    const later = proposal(b3, 'y');
    state.propose(later);
    state.commit(proposal(b2, 'x'));
    expect(state.partition(table.id, key).accepted).toBe(later);
    expect(state.prepare(prepare(ballot(40)))).toMatchObject({ promised: true, inProgress: later, mostRecentCommit: committed });
  });

  it('keeps partitions apart', () => {
    const state = new PaxosState();
    state.prepare(prepare(ballot(20)));
    expect(state.prepare({ ballot: ballot(10), update: emptyUpdate(table, int(2), 2n) }).promised).toBe(true);
    expect(state.partition(table.id, int(3)).promised).toBeNull();
  });
});
