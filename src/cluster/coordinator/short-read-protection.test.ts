import { describe, expect, it } from 'vitest';
import {
  clusteringComparatorFor, filterAfter, purgePartition,
  type ClusteringFilter, type PartitionRangeReadCommand, type ReadCommand, type SinglePartitionReadCommand, type UnfilteredPartition,
} from '../../data/index.js';
import { ALL, cell, deletion, int, liveness, mutation, row, testTable, update } from '../../data/testing/fixtures.js';
import { StorageEngine } from '../../storage/index.js';
import { native } from '../../types/index.js';
import type { RingEndpoint } from '../ring/token-ring.js';
import type { ReplicaAnswer } from './read-callback.js';
import { mergeWithShortReadProtection, type ShortReadFetcher } from './short-read-protection.js';

const table = testTable({ clustering: [['ck', native('int'), 'asc']] });
const all: ClusteringFilter = { kind: 'slices', slices: [ALL], reversed: false };

/** Replicas as storage engines: what they answer is what a replica's storage reads. */
class Replicas {
  readonly engines = new Map<number, StorageEngine>();
  readonly requests: string[] = [];

  constructor(count: number) {
    for (let id = 1; id <= count; id++) this.engines.set(id, new StorageEngine());
  }

  write(ids: number[], key: number, cks: number[], timestamp = 1): void {
    const rows = cks.map((ck) => row([int(ck)], { v: cell(`${key}.${ck}`, timestamp) }, { liveness: liveness(timestamp) }));
    for (const id of ids) this.engines.get(id)!.apply(mutation(update(table, int(key), { rows })));
  }

  deletePartition(ids: number[], key: number, timestamp = 2): void {
    for (const id of ids) this.engines.get(id)!.apply(mutation(update(table, int(key), { partitionDeletion: deletion(timestamp) })));
  }

  deleteRows(ids: number[], key: number, cks: number[], timestamp = 2): void {
    const rows = cks.map((ck) => row([int(ck)], {}, { deletion: deletion(timestamp) }));
    for (const id of ids) this.engines.get(id)!.apply(mutation(update(table, int(key), { rows })));
  }

  answers(command: ReadCommand, ids: number[]): ReplicaAnswer[] {
    return ids.map((id) => ({ replica: endpoint(id), partitions: this.engines.get(id)!.read(command) }));
  }

  fetcher(command: ReadCommand): ShortReadFetcher {
    const comparator = clusteringComparatorFor(table);
    return {
      moreRows: (replica, partition, after, rowLimit) => {
        this.requests.push(`rows ${replica.id} ${partition.key.readInt32BE()} after ${after[0]!.readInt32BE()} limit ${rowLimit}`);
        const more: SinglePartitionReadCommand = {
          kind: 'single', table, key: partition.key, token: partition.token, filter: filterAfter(command.filter, after, comparator),
          nowInSec: 0, rowLimit,
        };
        return Promise.resolve(this.engines.get(replica.id)!.read(more)[0] ?? null);
      },
      morePartitions: (replica, after, rowLimit, partitionLimit) => {
        this.requests.push(`partitions ${replica.id} after ${after.key.readInt32BE()} limit ${rowLimit}/${partitionLimit}`);
        const more = { ...(command as PartitionRangeReadCommand), rowLimit, partitionLimit };
        return Promise.resolve(this.engines.get(replica.id)!.read({ ...more, bounds: { ...more.bounds, start: { token: after.token, key: after.key }, startInclusive: false } }));
      },
    };
  }

  async read(command: ReadCommand, ids: number[]): Promise<{ merged: UnfilteredPartition[]; answers: ReplicaAnswer[] }> {
    const answers = this.answers(command, ids);
    return { merged: await mergeWithShortReadProtection(command, answers, this.fetcher(command)), answers };
  }
}

function endpoint(id: number): RingEndpoint {
  return { id, address: `127.0.0.${id}`, dataCenter: 'dc1', rack: 'r1', tokens: [] };
}

function single(key: number, rowLimit: number, filter = all): SinglePartitionReadCommand {
  return { kind: 'single', table, key: int(key), token: BigInt(key), filter, nowInSec: 0, rowLimit };
}

function range(rowLimit: number, partitionLimit = Infinity, perPartitionLimit = Infinity): PartitionRangeReadCommand {
  return {
    kind: 'range', table, filter: all, nowInSec: 0, rowLimit, partitionLimit, perPartitionLimit,
    bounds: { start: null, startInclusive: false, end: null, endInclusive: true },
  };
}

/** The live rows of a merge, as key.ck. */
function live(partitions: readonly UnfilteredPartition[]): string[] {
  return partitions.flatMap((p) => purgePartition(p, 0)?.rows.map((r) => `${p.key.readInt32BE()}.${r.clustering[0]!.readInt32BE()}`) ?? []);
}

describe('short-read protection of one partition (ShortReadRowsProtection)', () => {
  it('asks the replica that stopped at its limit for the rows after its last one', async () => {
    const replicas = new Replicas(2);
    replicas.write([1, 2], 1, [1, 2, 3, 4, 5]);
    replicas.write([1], 1, [6, 7, 8, 9, 10]);
    replicas.deleteRows([2], 1, [1, 2, 3, 4, 5]);
    const { merged } = await replicas.read(single(1, 5), [1, 2]);
    expect(live(merged)).toEqual(['1.6', '1.7', '1.8', '1.9', '1.10']);
    expect(replicas.requests).toEqual(['rows 1 1 after 5 limit 5']);
  });

  it('asks again while what comes back is shadowed too, and stops once the replica is exhausted', async () => {
    const replicas = new Replicas(2);
    replicas.write([1], 1, [1, 2, 3, 4, 5, 6, 7]);
    replicas.deleteRows([2], 1, [1, 2, 3, 4, 5]);
    const { merged } = await replicas.read(single(1, 2), [1, 2]);
    expect(live(merged)).toEqual(['1.6', '1.7']);
    // 3–4 and 5–6 come back as asked (two rows each), so the replica may have more; 7 alone ends it.
    expect(replicas.requests).toEqual(['rows 1 1 after 2 limit 2', 'rows 1 1 after 4 limit 2', 'rows 1 1 after 6 limit 2']);
    replicas.requests.length = 0;
    const { merged: shortOfRows } = await replicas.read(single(1, 5), [1, 2]);
    expect(live(shortOfRows)).toEqual(['1.6', '1.7']);
    expect(replicas.requests).toEqual(['rows 1 1 after 5 limit 5']);
  });

  it('trusts the merge only up to the replica that stopped first, and cuts it at the limit', async () => {
    const replicas = new Replicas(2);
    // Node 2 deleted row 4 later; node 1 stops at row 3, before the tombstone's row.
    replicas.write([1, 2], 1, [1, 2, 3, 4, 5, 6]);
    replicas.deleteRows([2], 1, [1]);
    replicas.deleteRows([1], 1, [4], 3);
    const { merged } = await replicas.read(single(1, 3), [1, 2]);
    expect(live(merged)).toEqual(['1.2', '1.3', '1.5']);
  });

  it('reads backwards past the rows shadowed at the end', async () => {
    const replicas = new Replicas(2);
    replicas.write([1], 1, [1, 2, 3, 4, 5, 6]);
    replicas.deleteRows([2], 1, [4, 5, 6]);
    const { merged } = await replicas.read(single(1, 2, { ...all, reversed: true }), [1, 2]);
    expect(live(merged)).toEqual(['1.3', '1.2']);
    expect(replicas.requests).toEqual(['rows 1 1 after 5 limit 2', 'rows 1 1 after 3 limit 2']);
  });

  it('merges without asking anything when the read has no limit', async () => {
    const replicas = new Replicas(2);
    replicas.write([1], 1, [1, 2, 3]);
    replicas.deleteRows([2], 1, [1]);
    const { merged } = await replicas.read(single(1, Infinity), [1, 2]);
    expect(live(merged)).toEqual(['1.2', '1.3']);
    expect(replicas.requests).toEqual([]);
  });
});

describe('short-read protection of a range (ShortReadPartitionsProtection)', () => {
  it('asks for the partitions after the last one of a replica that stopped at the row limit', async () => {
    const replicas = new Replicas(2);
    for (const key of [1, 2, 3]) replicas.write([1, 2], key, [1]);
    for (const key of [4, 5, 6]) replicas.write([1], key, [1]);
    for (const key of [1, 2, 3]) replicas.deletePartition([2], key);
    const { merged } = await replicas.read(range(3), [1, 2]);
    expect(live(merged)).toEqual(['4.1', '5.1', '6.1']);
    // Stopped by the row limit, node 1 may have stopped inside partition 3: its rest first, then more partitions.
    expect(replicas.requests).toEqual(['rows 1 3 after 1 limit 3', 'partitions 1 after 3 limit 3/Infinity']);
  });

  it('asks for the rest of a partition a replica stopped inside, then for more partitions', async () => {
    const replicas = new Replicas(2);
    replicas.write([1, 2], 1, [1, 2]);
    replicas.write([1], 1, [3]);
    replicas.write([1], 2, [1, 2]);
    replicas.deleteRows([2], 1, [1, 2]);
    const { merged } = await replicas.read(range(2), [1, 2]);
    expect(live(merged)).toEqual(['1.3', '2.1']);
    expect(replicas.requests).toEqual(['rows 1 1 after 2 limit 2', 'partitions 1 after 1 limit 1/Infinity']);
  });

  it('fills the partition limit past deleted partitions', async () => {
    const replicas = new Replicas(2);
    for (const key of [1, 2, 3, 4]) replicas.write([1], key, [1, 2]);
    replicas.deletePartition([2], 1);
    replicas.deletePartition([2], 2);
    const { merged } = await replicas.read(range(Infinity, 2), [1, 2]);
    expect(merged.filter((p) => purgePartition(p, 0) !== null).map((p) => p.key.readInt32BE())).toEqual([3, 4]);
    expect(live(merged)).toEqual(['3.1', '3.2', '4.1', '4.2']);
  });

  it('asks for the rest of a partition cut at PER PARTITION LIMIT when other replicas shadow its rows', async () => {
    const replicas = new Replicas(2);
    replicas.write([1, 2], 1, [1, 2, 3, 4]);
    replicas.write([1, 2], 2, [1, 2, 3]);
    replicas.deleteRows([2], 1, [1, 2]);
    const { merged } = await replicas.read(range(4, Infinity, 2), [1, 2]);
    expect(live(merged)).toEqual(['1.3', '1.4', '2.1', '2.2']);
    expect(replicas.requests[0]).toBe('rows 1 1 after 2 limit 2');
  });

  it('keeps only what the limits allow, in ring order', async () => {
    const replicas = new Replicas(3);
    for (const key of [1, 2, 3]) replicas.write([1, 2, 3], key, [1, 2]);
    replicas.write([3], 4, [1]);
    const { merged } = await replicas.read(range(3), [1, 2, 3]);
    expect(live(merged)).toEqual(['1.1', '1.2', '2.1']);
    expect(replicas.requests).toEqual([]);
  });
});
