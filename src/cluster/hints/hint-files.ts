import { join } from 'node:path';
import { RecordLog, type TableLookup } from '../../storage/index.js';
import { uuidToString } from '../../types/index.js';
import type { Hint, HintJournal, HintsImage } from './hint-store.js';
import { decodeHintRecord, deliveredRecord, hintRecord } from './hint-record.js';

export interface HintFilesOptions {
  /** node<id>/hints */
  readonly folder: string;
  readonly logger: { warn(fields: object, message: string): void };
  /** The tables of the current schema by id: the parts of hints for tables dropped since are left out. */
  readonly table: TableLookup;
  /** The host id of a member of the cluster, by node id; undefined for a node that is not one. */
  readonly hostIdOf: (target: number) => Buffer | undefined;
  /** The node id of a member, by host id in hex. */
  readonly targetOf: (hostIdHex: string) => number | undefined;
  readonly nowMs: () => number;
}

/** One target's file and the sequence numbers of the hints in it that are not delivered yet, oldest first. */
interface TargetFile {
  readonly log: RecordLog;
  readonly live: Map<Hint, number>;
  nextSeq: number;
  deliveredRecords: number;
}

/** Past this many delivery records, more than there are hints left, a file is rewritten with what is left. */
const REWRITE_AFTER_DELIVERED = 256;
const FILE_NAME = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-(\d+)-1\.hints$/;

/**
 * A node's hints on disk (Cassandra's HintsStore and HintsWriter under hints_directory): one append-only file
 * per target, `<target host id>-<created ms>-1.hints`, with a CRC per entry. A hint is written before it
 * counts as held; its delivery is written after it; a file is deleted once every hint in it is delivered, as
 * Cassandra deletes a dispatched file, and rewritten with what is left when deliveries pile up.
 */
export class HintFiles implements HintJournal {
  private readonly files = new Map<number, TargetFile>();

  private constructor(private readonly options: HintFilesOptions) {}

  /** Opens the folder and returns the hints still to deliver; files of nodes no longer in the cluster are deleted. */
  static open(options: HintFilesOptions): { files: HintFiles; image: HintsImage } {
    const files = new HintFiles(options);
    const image = new Map<number, Hint[]>();
    const names = RecordLog.list(options.folder).sort((a, b) => createdOf(a) - createdOf(b));
    for (const name of names) {
      const match = FILE_NAME.exec(name);
      const hostIdHex = match?.[1]!.replaceAll('-', '');
      const target = hostIdHex === undefined ? undefined : options.targetOf(hostIdHex);
      // A temporary file left by a rewrite, or the hints of a node that left the cluster (excised).
      if (target === undefined) {
        RecordLog.remove(join(options.folder, name));
        continue;
      }
      const hints = files.load(target, Buffer.from(hostIdHex!, 'hex'), join(options.folder, name));
      image.set(target, [...(image.get(target) ?? []), ...hints]);
    }
    return { files, image };
  }

  added(target: number, hint: Hint): void {
    const file = this.fileOf(target);
    if (file === undefined) return;
    const seq = file.nextSeq++;
    file.log.append(hintRecord(seq, hint));
    file.live.set(hint, seq);
  }

  delivered(target: number, hint: Hint): void {
    const file = this.files.get(target);
    const seq = file?.live.get(hint);
    if (file === undefined || seq === undefined) return;
    file.live.delete(hint);
    if (file.live.size === 0) {
      this.files.delete(target);
      file.log.delete();
      return;
    }
    file.log.append(deliveredRecord(seq));
    if (++file.deliveredRecords > REWRITE_AFTER_DELIVERED && file.deliveredRecords > file.live.size) this.rewrite(file, [...file.live.keys()]);
  }

  replaced(target: number, hints: readonly Hint[]): void {
    const file = this.files.get(target);
    if (hints.length === 0) {
      this.files.delete(target);
      file?.log.delete();
    } else if (file !== undefined) {
      this.rewrite(file, hints);
    } else {
      for (const hint of hints) this.added(target, hint);
    }
  }

  /** fsyncs what was appended since the last sync (periodic mode). */
  sync(): void {
    for (const file of this.files.values()) file.log.sync();
  }

  close(): void {
    for (const file of this.files.values()) file.log.close();
    this.files.clear();
  }

  private rewrite(file: TargetFile, hints: readonly Hint[]): void {
    file.live.clear();
    file.nextSeq = 0;
    file.deliveredRecords = 0;
    const records = hints.map((hint) => {
      const seq = file.nextSeq++;
      file.live.set(hint, seq);
      return hintRecord(seq, hint);
    });
    file.log.rewrite(records);
  }

  /** The file a new hint for `target` goes to, created on the first; none for a node not in the cluster. */
  private fileOf(target: number): TargetFile | undefined {
    const existing = this.files.get(target);
    if (existing !== undefined) return existing;
    const hostId = this.options.hostIdOf(target);
    if (hostId === undefined) return undefined;
    const path = join(this.options.folder, `${uuidToString(hostId)}-${Math.floor(this.options.nowMs())}-1.hints`);
    const file: TargetFile = { log: this.openLog(path, hostId).log, live: new Map(), nextSeq: 0, deliveredRecords: 0 };
    this.files.set(target, file);
    return file;
  }

  private openLog(path: string, hostId: Buffer): { log: RecordLog; records: Buffer[] } {
    // fsynced by sync(), every period: no client waits on a hint (see NodeStateFiles).
    return RecordLog.open({ path, header: Buffer.from(`cassanova hints v1 ${uuidToString(hostId)}`), fsyncEachAppend: false, logger: this.options.logger });
  }

  /**
   * Reads one file of a target's hints: those not delivered, without the parts of tables dropped since.
   * The file is rewritten when that leaves it much smaller (or merged into the target's first file).
   */
  private load(target: number, hostId: Buffer, path: string): Hint[] {
    const { log, records } = this.openLog(path, hostId);
    const bySeq = new Map<number, Hint>();
    let dropped = 0;
    let nextSeq = 0;
    for (const record of records) {
      const decoded = decodeHintRecord(record, this.options.table);
      nextSeq = Math.max(nextSeq, decoded.seq + 1);
      if (decoded.kind === 'delivered') bySeq.delete(decoded.seq);
      else if (decoded.hint === null) dropped++;
      else bySeq.set(decoded.seq, decoded.hint);
    }
    const hints = [...bySeq.values()];
    const earlier = this.files.get(target);
    if (earlier !== undefined) {
      // Two files for one target: the first takes in the second's hints.
      log.delete();
      for (const hint of hints) this.added(target, hint);
      return hints;
    }
    if (hints.length === 0) {
      log.delete();
      return hints;
    }
    const file: TargetFile = { log, live: new Map(), nextSeq: 0, deliveredRecords: 0 };
    this.files.set(target, file);
    if (records.length - hints.length - dropped > REWRITE_AFTER_DELIVERED || dropped > 0) {
      this.rewrite(file, hints);
    } else {
      for (const [seq, hint] of bySeq) file.live.set(hint, seq);
      file.nextSeq = nextSeq;
      file.deliveredRecords = records.length - hints.length;
    }
    return hints;
  }
}

function createdOf(name: string): number {
  const match = FILE_NAME.exec(name);
  return match === null ? 0 : Number(match[2]);
}
