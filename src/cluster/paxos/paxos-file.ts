import { join } from 'node:path';
import { RecordLog, type TableLookup } from '../../storage/index.js';
import type { Ballot } from './ballot.js';
import type { Commit } from './commit.js';
import { decodePaxosRecord, paxosRecord } from './paxos-record.js';
import type { PartitionPaxos, PaxosImage, PaxosJournal } from './paxos-state.js';

export interface PaxosFileOptions {
  /** node<id>/system: the file is paxos.log in it. */
  readonly folder: string;
  /**
   * Batch mode: each record is on disk before the replica answers, through a group sync shared with the
   * records appended meanwhile (synced() is what the answer waits for). Otherwise synced every period and at close.
   */
  readonly groupSync: boolean;
  readonly logger: { warn(fields: object, message: string): void };
  /** The tables of the current schema by id: the state of tables dropped since is forgotten. */
  readonly table: TableLookup;
  readonly nowMs: () => number;
}

/** The file is compacted once it holds this many records and four times as many as there are partitions. */
const COMPACT_AFTER_RECORDS = 1024;
/** Paxos state is kept at least three hours (SystemKeyspace.paxosTtlSec). */
const MIN_TTL_SECONDS = 3 * 3600;

/**
 * A replica's Paxos state on disk (what system.paxos is to Cassandra): every promise, acceptance and commit
 * is appended, as the partition's whole state, before the replica answers, so that a replica killed after a
 * promise never promises an older ballot after its restart. Read back at start, last record per partition
 * wins. When it grows, the file is rewritten with the state of each partition, less what expired: like the
 * TTL of system.paxos rows, each ballot is kept max(3 hours, gc_grace_seconds of its table) after its time.
 */
export class PaxosFile implements PaxosJournal {
  private readonly states = new Map<string, PartitionPaxos>();

  private constructor(private readonly options: PaxosFileOptions, private readonly log: RecordLog) {}

  static open(options: PaxosFileOptions): { file: PaxosFile; image: PaxosImage } {
    const { log, records } = RecordLog.open({
      path: join(options.folder, 'paxos.log'), header: Buffer.from('cassanova paxos v1'),
      fsyncEachAppend: false, groupSync: options.groupSync, logger: options.logger,
    });
    const file = new PaxosFile(options, log);
    for (const record of records) {
      const decoded = decodePaxosRecord(record, options.table);
      if (decoded !== null) file.states.set(decoded.id, decoded.state);
    }
    if (records.length > file.states.size) file.compact();
    return { file, image: new Map(file.states) };
  }

  changed(id: string, state: PartitionPaxos): void {
    this.states.set(id, state);
    this.log.append(paxosRecord(id, state));
    if (this.log.outgrows(this.states.size, COMPACT_AFTER_RECORDS)) this.compact();
  }

  replaced(image: PaxosImage): void {
    this.states.clear();
    for (const [id, state] of image) this.states.set(id, state);
    this.compact();
  }

  synced(): Promise<void> | undefined {
    return this.log.synced();
  }

  sync(): void {
    this.log.sync();
  }

  close(): void {
    this.log.close();
  }

  /** Rewrites the file with one record per partition, without what expired. */
  private compact(): void {
    const nowMs = this.options.nowMs();
    for (const [id, state] of this.states) {
      const table = this.options.table(Buffer.from(id.slice(0, id.indexOf('/')), 'hex'));
      const ttlMs = Math.max(MIN_TTL_SECONDS, table?.options.gcGraceSeconds ?? 0) * 1000;
      const live = <T extends Ballot | Commit>(value: T | null, ballot: Ballot | undefined): T | null =>
        (table !== undefined && ballot !== undefined && Number(ballot.micros / 1000n) + ttlMs > nowMs ? value : null);
      const kept: PartitionPaxos = {
        promised: live(state.promised, state.promised ?? undefined),
        accepted: live(state.accepted, state.accepted?.ballot),
        committed: live(state.committed, state.committed?.ballot),
      };
      if (kept.promised === null && kept.accepted === null && kept.committed === null) this.states.delete(id);
      else if (kept.promised !== state.promised || kept.accepted !== state.accepted || kept.committed !== state.committed) this.states.set(id, kept);
    }
    this.log.rewrite([...this.states].map(([id, state]) => paxosRecord(id, state)));
  }
}
