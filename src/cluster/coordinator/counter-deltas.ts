import {
  NO_DELETION_TIME, purgePartition, type Cell, type Clustering, type Mutation, type PartitionUpdate, type Row,
} from '../../data/index.js';
import { int64Bytes } from '../../types/index.js';
import type { StorageEngine } from '../../storage/index.js';

/**
 * What a counter leader does before replicating a counter update (Cassandra's
 * CounterMutation.applyCounterMutation): every live counter cell of the mutation holds a delta, which is
 * added to the counter's current value in this replica's own storage (or to what an earlier update of
 * the same mutation made of it). The result holds the new values, stamped after the cells they replace;
 * tombstones and deletions pass through unchanged. Synchronous, so nothing interleaves between the local
 * read and the local write that follows (Cassandra takes counter locks for this).
 */
export function resolveCounterDeltas(storage: StorageEngine, mutation: Mutation, nowInSec: number, nextMicros: () => bigint): Mutation {
  const totals = new Map<string, bigint>();
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
      const existing = current.get(name);
      const total = BigInt.asIntN(64, (totals.get(id) ?? counterValue(existing)) + cell.value.readBigInt64BE(0));
      totals.set(id, total);
      const now = nextMicros();
      const timestamp = existing !== undefined && existing.timestamp >= now ? existing.timestamp + 1n : now;
      cells.set(name, { value: int64Bytes(total), timestamp, ttlSeconds: 0, localDeletionTime: NO_DELETION_TIME });
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

function counterValue(cell: Cell | undefined): bigint {
  return cell === undefined || cell.value === null || cell.value.length === 0 ? 0n : cell.value.readBigInt64BE(0);
}

/** The live cells of one row (or the static row) in this replica's storage. */
function currentCells(storage: StorageEngine, update: PartitionUpdate, clustering: Clustering, isStatic: boolean, nowInSec: number): ReadonlyMap<string, Cell> {
  const partitions = storage.read({
    kind: 'single', table: update.table, key: update.key, token: update.token, nowInSec, rowLimit: Infinity,
    filter: isStatic ? { kind: 'slices', slices: [], reversed: false } : { kind: 'names', clusterings: [clustering], reversed: false },
  });
  const p = partitions[0] === undefined ? null : purgePartition(partitions[0], nowInSec);
  if (p === null) return new Map();
  return isStatic ? p.staticCells : p.rows[0]?.cells ?? new Map();
}
