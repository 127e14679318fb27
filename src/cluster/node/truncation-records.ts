import type { Mutation } from '../../data/index.js';
import type { Schema } from '../../schema/index.js';

/** One table's truncation here. */
export interface TruncationRecord {
  readonly tableId: Buffer;
  readonly truncatedAtMs: number;
}

/**
 * When this node last truncated each table (Cassandra's truncation records, SystemKeyspace's
 * saveTruncationRecord and getTruncatedAt, shown in system.local.truncated_at). Whatever was written
 * before a truncation and arrives later through a path that carries its write time (a hint, a
 * batchlog replay, a Paxos commit) must not bring truncated data back. Kept across restarts; a dropped
 * table's record goes with it.
 */
export class TruncationRecords {
  private readonly records = new Map<string, { readonly tableId: Buffer; readonly truncatedAtMs: number }>();
  /** Bumped on every change (system.local is rebuilt when it moves). */
  version = 0;
  private journal: ((entries: readonly TruncationRecord[]) => void) | null = null;

  /** Hands every change from now on, as the records it leaves, to `journal` (TruncationFile). */
  attach(journal: ((entries: readonly TruncationRecord[]) => void) | null): void {
    this.journal = journal;
  }

  /** `truncatedAtMs` in whole milliseconds, as Cassandra keeps it. */
  record(tableId: Buffer, truncatedAtMs: number): void {
    this.records.set(tableId.toString('hex'), { tableId, truncatedAtMs });
    this.changed();
  }

  private changed(): void {
    this.version++;
    this.journal?.(this.entries());
  }

  /** The time of the table's last truncation here; -Infinity if it never was (Cassandra's Long.MIN_VALUE). */
  truncatedAt(tableId: Buffer): number {
    return this.records.get(tableId.toString('hex'))?.truncatedAtMs ?? -Infinity;
  }

  remove(tableId: Buffer): void {
    if (this.records.delete(tableId.toString('hex'))) this.changed();
  }

  entries(): { readonly tableId: Buffer; readonly truncatedAtMs: number }[] {
    return [...this.records.values()];
  }

  /** Holds exactly these records (as entries() gave them at some point). */
  restore(entries: readonly { readonly tableId: Buffer; readonly truncatedAtMs: number }[]): void {
    this.records.clear();
    for (const { tableId, truncatedAtMs } of entries) this.records.set(tableId.toString('hex'), { tableId, truncatedAtMs });
    this.changed();
  }
}

/**
 * A mutation written at `writtenAtMs` as it may still be applied here: without the updates of tables
 * dropped since (their id is no longer in the schema) or truncated since (at or after the write, as
 * Hint.applyFuture and the batchlog's replay compare); null when nothing is left.
 */
export function replayableMutation(m: Mutation, writtenAtMs: number, schema: Schema, truncations: TruncationRecords): Mutation | null {
  const keyspace = schema.keyspace(m.keyspace);
  const updates = m.updates.filter((u) => keyspace?.tables.get(u.table.name)?.id.equals(u.table.id) === true
    && Math.floor(writtenAtMs) > truncations.truncatedAt(u.table.id));
  if (updates.length === m.updates.length) return m;
  return updates.length === 0 ? null : { ...m, updates };
}

/** A mutation without the updates of the tables named (ids in hex): itself if it has none, null if nothing is left. */
export function withoutTables(m: Mutation, tableIds: ReadonlySet<string>): Mutation | null {
  const updates = m.updates.filter((u) => !tableIds.has(u.table.id.toString('hex')));
  if (updates.length === m.updates.length) return m;
  return updates.length === 0 ? null : { ...m, updates };
}
