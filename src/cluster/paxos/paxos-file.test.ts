import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../common/index.js';
import { cell, int, row, testTable, update } from '../../data/testing/fixtures.js';
import type { TableMetadata } from '../../schema/index.js';
import { compareBallots, newBallot, type Ballot } from './ballot.js';
import { emptyUpdate, type Commit } from './commit.js';
import { PaxosFile, type PaxosFileOptions } from './paxos-file.js';
import { PaxosState } from './paxos-state.js';

const table = testTable();
const other = testTable({ name: 'other' });
const random = new SeededRandom(5);
const NOW_MS = 1_700_000_000_000;
const ballot = (ms: number): Ballot => newBallot(BigInt(ms) * 1000n, random);
const prepare = (b: Ballot, k = 1, t: TableMetadata = table): Commit => ({ ballot: b, update: emptyUpdate(t, int(k), 1n) });
const proposal = (b: Ballot, value: string, k = 1): Commit => ({ ballot: b, update: update(table, int(k), { rows: [row([], { v: cell(value, b.micros) })] }) });

let folder: string;
let nowMs: number;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'paxos-file-'));
  nowMs = NOW_MS;
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function open(over: Partial<PaxosFileOptions> = {}): { state: PaxosState; file: PaxosFile } {
  const { file, image } = PaxosFile.open({
    folder, groupSync: true, logger: { warn: () => undefined },
    table: (id) => [table, other].find((t) => t.id.equals(id)), nowMs: () => nowMs, ...over,
  });
  const state = new PaxosState();
  state.restore(image);
  state.attach(file);
  return { state, file };
}

describe('PaxosFile', () => {
  it('keeps promises, accepted proposals and commits across a restart without close (kill -9)', () => {
    const first = open();
    const [b1, b2, b3] = [ballot(NOW_MS - 3), ballot(NOW_MS - 2), ballot(NOW_MS - 1)];
    first.state.prepare(prepare(b1, 1));
    first.state.propose(proposal(b1, 'committed', 1));
    first.state.commit(proposal(b1, 'committed', 1));
    first.state.prepare(prepare(b2, 1));
    first.state.propose(proposal(b2, 'accepted', 1));
    first.state.prepare(prepare(b3, 2));
    const { state } = open();
    expect(state.prepare(prepare(b2, 2)).promised).toBe(false);
    const response = state.prepare(prepare(ballot(NOW_MS), 1));
    expect(response.promised).toBe(true);
    expect(compareBallots(response.inProgress!.ballot, b2)).toBe(0);
    expect(response.inProgress!.update.rows[0]!.cells.get('v')?.value?.toString()).toBe('accepted');
    expect(compareBallots(response.mostRecentCommit!.ballot, b1)).toBe(0);
    expect(response.mostRecentCommit!.update.rows[0]!.cells.get('v')?.value?.toString()).toBe('committed');
  });

  it('in batch mode, answers wait for a group sync of what changed, compactions included; none without changes to sync', async () => {
    const { state, file } = open();
    expect(state.synced()).toBeUndefined();
    const last: Ballot[] = [];
    for (let i = 0; i < 3000; i++) {
      last[i % 10] = ballot(NOW_MS - 5000 + i);
      state.prepare(prepare(last[i % 10]!, i % 10));
    }
    const synced = state.synced();
    expect(synced).toBeInstanceOf(Promise);
    await synced;
    expect(state.synced()).toBeUndefined();
    file.close();
    const again = open();
    for (let k = 0; k < 10; k++) expect(compareBallots(again.state.partition(table.id, int(k)).promised, last[k]!)).toBe(0);
    expect(open({ groupSync: false }).state.synced()).toBeUndefined();
  });

  it('compacts the file as it grows, keeping the last state of each partition', () => {
    const { state, file } = open({ groupSync: false });
    const last: Ballot[] = [];
    for (let i = 0; i < 3000; i++) {
      last[i % 10] = ballot(NOW_MS - 5000 + i);
      state.prepare(prepare(last[i % 10]!, i % 10));
    }
    expect(statSync(join(folder, 'paxos.log')).size).toBeLessThan(1100 * 70);
    file.close();
    const again = open();
    for (let k = 0; k < 10; k++) {
      expect(compareBallots(again.state.partition(table.id, int(k)).promised, last[k]!)).toBe(0);
      expect(again.state.prepare(prepare(ballot(NOW_MS - 5000 + 2989), k)).promised).toBe(false);
    }
  });

  it('forgets state past max(3 hours, gc_grace_seconds) when it compacts, and the state of dropped tables', () => {
    const first = open();
    first.state.prepare(prepare(ballot(NOW_MS), 1));
    first.state.prepare(prepare(ballot(NOW_MS), 2, other));
    first.file.close();
    nowMs = NOW_MS + 10 * 86_400_000 + 1;
    const { state } = open({ table: (id) => (id.equals(table.id) ? table : undefined) });
    expect(state.image().size).toBe(0);
    nowMs = NOW_MS;
    const second = open();
    second.state.prepare(prepare(ballot(NOW_MS), 1));
    second.state.dropTables(new Set([table.id.toString('hex')]));
    expect(open().state.image().size).toBe(0);
  });

  it('drops a torn last record', () => {
    const first = open();
    first.state.prepare(prepare(ballot(NOW_MS - 1), 1));
    first.state.prepare(prepare(ballot(NOW_MS), 2));
    const path = join(folder, 'paxos.log');
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 2));
    const { state } = open();
    expect(state.partition(table.id, int(1)).promised).not.toBeNull();
    expect(state.partition(table.id, int(2)).promised).toBeNull();
  });
});
