import { join } from 'node:path';
import type { Mutation } from '../../data/index.js';
import { deserializeMutation, RecordLog, serializeMutation, type TableLookup } from '../../storage/index.js';
import type { Batch, BatchlogImage, BatchlogJournal } from './batchlog-manager.js';

export interface BatchlogFileOptions {
  /** node<id>/system: the file is batches.log in it. */
  readonly folder: string;
  /**
   * Batch mode: each record is on disk before the node acknowledges it, through a group sync shared with the
   * records appended meanwhile (synced() is what the answer waits for). Otherwise synced every period and at close.
   */
  readonly groupSync: boolean;
  readonly logger: { warn(fields: object, message: string): void };
  /** The tables of the current schema by id: what a batch writes to tables dropped since is left out. */
  readonly table: TableLookup;
}

/**
 * The records of the batchlog file:
 *   stored:  0x01 ‖ id length u16 ‖ id ‖ created ms f64 ‖ mutation count u32 ‖ (length u32 ‖ mutation)*
 *   removed: 0x02 ‖ id length u16 ‖ id
 */
const STORED = 1;
const REMOVED = 2;
/** Rewritten once it holds this many records and four times as many as there are batches. */
const COMPACT_AFTER_RECORDS = 512;

/**
 * A node's batchlog on disk (what system.batches is to Cassandra): a batch is appended before the node
 * acknowledges storing it, and its removal (by its coordinator, or after its replay) is appended too, so a
 * batch stored and not removed before a crash is replayed after the restart. Compacted as it grows.
 */
export class BatchlogFile implements BatchlogJournal {
  private readonly batches = new Map<string, Batch>();

  private constructor(private readonly log: RecordLog) {}

  static open(options: BatchlogFileOptions): { file: BatchlogFile; image: BatchlogImage } {
    const { log, records } = RecordLog.open({
      path: join(options.folder, 'batches.log'), header: Buffer.from('cassanova batchlog v1'),
      fsyncEachAppend: false, groupSync: options.groupSync, logger: options.logger,
    });
    const file = new BatchlogFile(log);
    for (const record of records) {
      const decoded = decodeRecord(record, options.table);
      if (decoded.kind === REMOVED) file.batches.delete(decoded.key);
      else if (decoded.batch.mutations.length === 0) file.batches.delete(decoded.key);
      else file.batches.set(decoded.key, decoded.batch);
    }
    if (records.length > file.batches.size) file.compact();
    return { file, image: new Map(file.batches) };
  }

  stored(batch: Batch): void {
    this.batches.set(batch.id.toString('hex'), batch);
    this.append(storedRecord(batch));
  }

  removed(id: Buffer): void {
    if (!this.batches.delete(id.toString('hex'))) return;
    this.append(Buffer.concat([Buffer.of(REMOVED), idBytes(id)]));
  }

  replaced(image: BatchlogImage): void {
    this.batches.clear();
    for (const [key, batch] of image) this.batches.set(key, batch);
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

  private append(record: Buffer): void {
    this.log.append(record);
    if (this.log.outgrows(this.batches.size, COMPACT_AFTER_RECORDS)) this.compact();
  }

  private compact(): void {
    this.log.rewrite([...this.batches.values()].map(storedRecord));
  }
}

function idBytes(id: Buffer): Buffer {
  const length = Buffer.allocUnsafe(2);
  length.writeUInt16BE(id.length, 0);
  return Buffer.concat([length, id]);
}

function storedRecord(batch: Batch): Buffer {
  const head = Buffer.allocUnsafe(12);
  head.writeDoubleBE(batch.createdMs, 0);
  head.writeUInt32BE(batch.mutations.length, 8);
  const parts: Buffer[] = [Buffer.of(STORED), idBytes(batch.id), head];
  for (const m of batch.mutations) {
    const bytes = serializeMutation(m);
    const length = Buffer.allocUnsafe(4);
    length.writeUInt32BE(bytes.length, 0);
    parts.push(length, bytes);
  }
  return Buffer.concat(parts);
}

type BatchRecord = { readonly kind: typeof STORED; readonly key: string; readonly batch: Batch } | { readonly kind: typeof REMOVED; readonly key: string };

/** A record read back; a stored batch keeps only what it writes to tables that still exist. */
function decodeRecord(record: Buffer, table: TableLookup): BatchRecord {
  const kind = record.readUInt8(0);
  const idLength = record.readUInt16BE(1);
  const id = Buffer.from(record.subarray(3, 3 + idLength));
  const key = id.toString('hex');
  if (kind === REMOVED) return { kind, key };
  if (kind !== STORED) throw new RangeError(`Unknown batchlog record kind ${kind}`);
  let offset = 3 + idLength;
  const createdMs = record.readDoubleBE(offset);
  const count = record.readUInt32BE(offset + 8);
  offset += 12;
  const mutations: Mutation[] = [];
  for (let i = 0; i < count; i++) {
    const length = record.readUInt32BE(offset);
    const m = deserializeMutation(record.subarray(offset + 4, offset + 4 + length), table, { skipUnknownTables: true });
    if (m.updates.length > 0) mutations.push(m);
    offset += 4 + length;
  }
  return { kind, key, batch: { id, createdMs, mutations } };
}
