import { join } from 'node:path';
import { RecordLog, type TableLookup } from '../../storage/index.js';
import type { TruncationRecord } from './truncation-records.js';

export interface TruncationFileOptions {
  /** node<id>/system: the file is truncated.log in it. */
  readonly folder: string;
  readonly logger: { warn(fields: object, message: string): void };
  /** The tables of the current schema by id: records of tables dropped since are forgotten. */
  readonly table: TableLookup;
}

/**
 * A node's truncation records on disk (system.local's truncated_at): rewritten whole, synced, on every
 * truncation, so that a hint, batch or Paxos commit made before a truncation still cannot bring the
 * truncated data back after a restart. One record per table: id (16) ‖ truncated at ms f64.
 */
export class TruncationFile {
  private constructor(private readonly log: RecordLog) {}

  static open(options: TruncationFileOptions): { file: TruncationFile; records: TruncationRecord[] } {
    const { log, records } = RecordLog.open({
      path: join(options.folder, 'truncated.log'), header: Buffer.from('cassanova truncation records v1'), fsyncEachAppend: true,
      logger: options.logger,
    });
    const kept = records
      .map((r) => ({ tableId: Buffer.from(r.subarray(0, 16)), truncatedAtMs: r.readDoubleBE(16) }))
      .filter((r) => options.table(r.tableId) !== undefined);
    return { file: new TruncationFile(log), records: kept };
  }

  save(records: readonly TruncationRecord[]): void {
    this.log.rewrite(records.map((r) => {
      const bytes = Buffer.allocUnsafe(24);
      r.tableId.copy(bytes, 0);
      bytes.writeDoubleBE(r.truncatedAtMs, 16);
      return bytes;
    }));
  }

  close(): void {
    this.log.close();
  }
}
