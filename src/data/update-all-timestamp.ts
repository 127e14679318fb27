import type { Cell, ComplexColumn, DeletionTime, PartitionUpdate, Row } from './partition-update.js';

/**
 * The update as a Paxos proposal writes it (Cassandra's PartitionUpdate.updateAllTimestamp, applied by
 * Commit.newProposal): live cells and row markers at `timestampMicros`, the ballot's time, and every
 * tombstone and deletion one microsecond earlier, so that what the update writes is not shadowed by
 * what it deletes (a collection overwritten, a row deleted and written again).
 */
export function updateAllTimestamp(update: PartitionUpdate, timestampMicros: bigint): PartitionUpdate {
  const deletedAt = timestampMicros - 1n;
  const deletion = (d: DeletionTime | null): DeletionTime | null => (d === null ? null : { ...d, markedForDeleteAt: deletedAt });
  const cell = (c: Cell): Cell => ({ ...c, timestamp: c.value === null ? deletedAt : timestampMicros });
  const row = (r: Row): Row => {
    const cells = new Map<string, Cell>();
    for (const [name, c] of r.cells) cells.set(name, cell(c));
    const updated: Row = {
      clustering: r.clustering,
      liveness: r.liveness === null ? null : { ...r.liveness, timestamp: timestampMicros },
      deletion: deletion(r.deletion),
      cells,
    };
    if (r.complex === undefined) return updated;
    const complex = new Map<string, ComplexColumn>();
    for (const [name, column] of r.complex) {
      complex.set(name, { deletion: deletion(column.deletion), cells: column.cells.map((pc) => ({ path: pc.path, cell: cell(pc.cell) })) });
    }
    return { ...updated, complex };
  };
  return {
    ...update,
    partitionDeletion: deletion(update.partitionDeletion),
    rangeTombstones: update.rangeTombstones.map((rt) => ({ slice: rt.slice, deletion: deletion(rt.deletion)! })),
    staticRow: update.staticRow === null ? null : row(update.staticRow),
    rows: update.rows.map(row),
  };
}
