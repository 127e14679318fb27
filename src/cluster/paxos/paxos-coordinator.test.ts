import { afterEach, describe, expect, it } from 'vitest';
import { CasWriteUnknownError, ConsistencyLevel, ReadTimeoutError, UnavailableError, WriteTimeoutError } from '../../errors/index.js';
import type { PartitionUpdate, SinglePartitionReadCommand } from '../../data/index.js';
import { ALL, cell, int, liveness, row, testTable, update } from '../../data/testing/fixtures.js';
import { native } from '../../types/index.js';
import type { Cluster, Node } from '../cluster.js';
import { runUntilSettled, virtualCluster } from '../testing/virtual-cluster.js';
import { newBallot } from './ballot.js';
import { mutationOf } from './commit.js';
import type { CasRequest } from './paxos-requests.js';

const table = testTable({ regular: [['v', native('int')]] });
const key = int(1);
const read: SinglePartitionReadCommand = {
  kind: 'single', table, key, token: 1n, filter: { kind: 'slices', slices: [ALL], reversed: false }, nowInSec: 0, rowLimit: Infinity,
};
const { SERIAL, LOCAL_SERIAL, QUORUM } = ConsistencyLevel;

function write(value: number, timestamp: bigint): PartitionUpdate {
  return update(table, key, { token: 1n, rows: [row([], { v: cell(int(value), timestamp) }, { liveness: liveness(timestamp) })] });
}

/** Sets v to `next` if it is `expected` (null: absent); resolves whether it did. */
function compareAndSet(expected: number | null, next: number): CasRequest<boolean> {
  return {
    readCommand: read,
    propose(current, timestampMicros) {
      const value = current?.rows[0]?.cells.get('v')?.value ?? null;
      const holds = expected === null ? value === null : value?.readInt32BE(0) === expected;
      return Promise.resolve(holds ? { update: write(next, timestampMicros), result: true } : { update: null, result: false });
    },
  };
}

/** v as one replica stores it. */
function storedValue(node: Node): number | null {
  const p = node.storage.read(read)[0];
  return p?.rows[0]?.cells.get('v')?.value?.readInt32BE(0) ?? null;
}

let cluster: Cluster;
afterEach(() => cluster.close());

async function threeNodes(): Promise<Cluster> {
  cluster = await virtualCluster(3, 3, [table]);
  return cluster;
}

const cas = (node: Node, request: CasRequest<boolean>, serial = SERIAL): Promise<boolean> =>
  runUntilSettled(cluster, node.cas(request, serial, QUORUM));

describe('Paxos coordinator', () => {
  it('commits on every replica and leaves no accepted proposal behind', async () => {
    await threeNodes();
    expect(await cas(cluster.node(1), compareAndSet(null, 1))).toBe(true);
    await runUntilSettled(cluster, Promise.resolve());
    for (const node of cluster.nodes) {
      expect(storedValue(node)).toBe(1);
      const state = node.paxos.partition(table.id, key);
      expect(state.accepted).toBeNull();
      expect(state.committed?.ballot).toEqual(cluster.node(1).paxos.partition(table.id, key).committed?.ballot);
    }
    expect(await cas(cluster.node(2), compareAndSet(null, 2))).toBe(false);
    expect(await cas(cluster.node(3), compareAndSet(1, 2))).toBe(true);
    expect(storedValue(cluster.node(1))).toBe(2);
  });

  it('commits live cells at the ballot time and tombstones a microsecond earlier (Commit.newProposal)', async () => {
    await threeNodes();
    const erase: CasRequest<boolean> = {
      readCommand: read,
      propose: (_current, micros) => Promise.resolve({
        update: update(table, key, { token: 1n, rows: [row([], { v: { value: null, timestamp: micros, ttlSeconds: 0, localDeletionTime: 0 } }, { liveness: liveness(micros) })] }),
        result: true,
      }),
    };
    expect(await cas(cluster.node(1), erase)).toBe(true);
    const ballot = cluster.node(1).paxos.partition(table.id, key).committed!.ballot;
    const stored = cluster.node(2).paxos.partition(table.id, key).committed!.update.rows[0]!;
    expect(stored.liveness?.timestamp).toBe(ballot.micros);
    expect(stored.cells.get('v')?.timestamp).toBe(ballot.micros - 1n);
  });

  it('completes a proposal a failed coordinator left accepted by a majority before proposing its own', async () => {
    await threeNodes();
    const orphan = { ballot: { uuid: Buffer.alloc(16), micros: 0n }, update: write(7, 5n) };
    const promise = cluster.node(2).paxos.prepare({ ...orphan, update: { ...orphan.update, rows: [] } });
    expect(promise.promised).toBe(true);
    for (const id of [2, 3]) expect(cluster.node(id).paxos.propose(orphan)).toBe(true);
    expect(storedValue(cluster.node(1))).toBeNull();
    expect(await cas(cluster.node(1), compareAndSet(7, 8))).toBe(true);
    for (const node of cluster.nodes) expect(storedValue(node)).toBe(8);
  });

  it('re-stamps a proposal it completes with its own ballot, so that writes made since do not shadow it (Commit.newProposal)', async () => {
    await threeNodes();
    const orphan = { ballot: newBallot(cluster.clock.nowMicros(), cluster.node(2).random), update: write(7, 0n) };
    for (const id of [2, 3]) expect(cluster.node(id).paxos.propose(orphan)).toBe(true);
    cluster.advanceTime(10);
    const plainMicros = cluster.clock.nowMicros();
    await runUntilSettled(cluster, cluster.node(1).mutate([mutationOf(write(9, plainMicros))], QUORUM, 'SIMPLE'));
    cluster.advanceTime(10);
    const partitions = await runUntilSettled(cluster, cluster.node(1).read(read, SERIAL));
    expect(partitions[0]?.rows[0]?.cells.get('v')?.value?.readInt32BE(0)).toBe(7);
    const committed = cluster.node(2).paxos.partition(table.id, key).committed!;
    expect(committed.ballot.micros).toBeGreaterThan(plainMicros);
    expect(committed.update.rows[0]!.cells.get('v')?.timestamp).toBe(committed.ballot.micros);
    for (const id of [2, 3]) expect(storedValue(cluster.node(id))).toBe(7);
  });

  it('has a SERIAL read complete an unfinished proposal, so that it is never lost afterwards', async () => {
    await threeNodes();
    const orphan = { ballot: { uuid: Buffer.alloc(16), micros: 0n }, update: write(7, 5n) };
    cluster.node(3).paxos.propose(orphan);
    const partitions = await runUntilSettled(cluster, cluster.node(3).read(read, SERIAL));
    expect(partitions[0]?.rows[0]?.cells.get('v')?.value?.readInt32BE(0)).toBe(7);
    expect(cluster.node(3).paxos.partition(table.id, key).committed).not.toBeNull();
  });

  it('lets exactly one of two coordinators racing on the same expectation win', async () => {
    await threeNodes();
    const results = await runUntilSettled(cluster, Promise.all([
      cluster.node(1).cas(compareAndSet(null, 1), SERIAL, QUORUM),
      cluster.node(2).cas(compareAndSet(null, 2), SERIAL, QUORUM),
    ]));
    expect(results.filter((applied) => applied)).toHaveLength(1);
    const winner = results[0] ? 1 : 2;
    for (const node of cluster.nodes) expect(storedValue(node)).toBe(winner);
  });

  it('reports CasWriteUnknown when the proposal was accepted by some replicas but not a majority', async () => {
    await threeNodes();
    for (const id of [2, 3]) cluster.node(id).handle('PAXOS_PROPOSE', () => false);
    const error = await cas(cluster.node(1), compareAndSet(null, 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CasWriteUnknownError);
    expect(error).toMatchObject({ consistency: SERIAL, received: 1, blockFor: 2 });
  });

  it('times out with writeType CAS when a majority does not answer the prepare', async () => {
    await threeNodes();
    await cluster.node(2).pause();
    await cluster.node(3).pause();
    const error = await cas(cluster.node(1), compareAndSet(null, 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteTimeoutError);
    expect(error).toMatchObject({ consistency: SERIAL, received: 1, blockFor: 2, writeType: 'CAS', contentions: 0 });
    const readError = await runUntilSettled(cluster, cluster.node(1).read(read, SERIAL)).catch((e: unknown) => e);
    expect(readError).toBeInstanceOf(ReadTimeoutError);
    expect(readError).toMatchObject({ consistency: SERIAL, received: 0, blockFor: 2 });
  });

  it('is Unavailable at the serial level when fewer than a majority of replicas are alive', async () => {
    await threeNodes();
    await cluster.node(2).stop();
    await cluster.node(3).stop();
    await runUntilSettled(cluster, Promise.resolve());
    const error = await cas(cluster.node(1), compareAndSet(null, 1), LOCAL_SERIAL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ consistency: LOCAL_SERIAL, required: 2, alive: 1 });
  });

  it('rejects non-serial levels for the Paxos phases and serial ones for the commit', async () => {
    await threeNodes();
    expect(() => cluster.node(1).cas(compareAndSet(null, 1), QUORUM, QUORUM)).toThrow('Invalid consistency for conditional update');
    expect(() => cluster.node(1).cas(compareAndSet(null, 1), SERIAL, SERIAL)).toThrow('SERIAL is not supported as conditional update commit consistency');
  });
});
