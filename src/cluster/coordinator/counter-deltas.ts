import {
  counterContext, leaderShard, purgePartition, type Cell, type Clustering, type Mutation, type PartitionUpdate, type Row,
} from '../../data/index.js';
import type { StorageEngine } from '../../storage/index.js';

/**
 * What a counter leader does before replicating a counter update (Cassandra's
 * CounterMutation.applyCounterMutation): every live counter cell of the mutation holds a delta, which is
 * added to this leader's own shard of the counter as its own storage holds it (or as an earlier update
 * of the same mutation left it), with a newer clock. The cell written holds that shard alone, at the
 * update's timestamp: replicas merge it into what they hold, so increments led by other replicas, which
 * this one may not have seen yet, are kept. Tombstones and deletions pass through unchanged.
 * Synchronous, so nothing interleaves between the local read and the local write that follows
 * (Cassandra takes counter locks for this).
 */
export function resolveCounterDeltas(
  storage: StorageEngine, mutation: Mutation, leaderId: Buffer, nowInSec: number, nowMicros: () => bigint,
): Mutation {
  const updated = new Map<string, { clock: bigint; count: bigint }>();
  const resolveRow = (update: PartitionUpdate, row: Row, isStatic: boolean): Row => {
    if (![...row.cells.values()].some((c) => c.value !== null)) return row;
    const current = currentCells(storage, update, row.clustering, isStatic, nowInSec);
    const cells = new Map<string, Cell>();
    for (const [name, cell] of row.cells) {
      if (cell.value === null) {
        cells.set(name, cell);
        continue;
      }
      const id = `${update.table.id.toString('hex')}/${isStatic ? '' : row.clustering.map((c) => c.toString('hex')).join(':')}/${name}`;
      const previous = updated.get(id) ?? leaderShard(current.get(name)?.value ?? null, leaderId);
      const now = nowMicros();
      const shard = { clock: previous.clock >= now ? previous.clock + 1n : now, count: BigInt.asIntN(64, previous.count + cell.value.readBigInt64BE(0)) };
      updated.set(id, shard);
      cells.set(name, { ...cell, value: counterContext([{ id: leaderId, ...shard }]) });
    }
    return { ...row, cells };
  };
  const updates = mutation.updates.map((u) => ({
    ...u,
    staticRow: u.staticRow === null ? null : resolveRow(u, u.staticRow, true),
    rows: u.rows.map((r) => resolveRow(u, r, false)),
  }));
  return { ...mutation, updates };
}

/** The live cells of one row (or the static row) in this replica's storage, counters as their shards. */
function currentCells(storage: StorageEngine, update: PartitionUpdate, clustering: Clustering, isStatic: boolean, nowInSec: number): ReadonlyMap<string, Cell> {
  const partitions = storage.read({
    kind: 'single', table: update.table, key: update.key, token: update.token, nowInSec, rowLimit: Infinity,
    filter: isStatic ? { kind: 'slices', slices: [], reversed: false } : { kind: 'names', clusterings: [clustering], reversed: false },
  });
  const p = partitions[0] === undefined ? null : purgePartition(partitions[0], nowInSec, update.table, 'shards');
  if (p === null) return new Map();
  return isStatic ? p.staticCells : p.rows[0]?.cells ?? new Map();
}
