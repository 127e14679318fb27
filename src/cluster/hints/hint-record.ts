import { deserializeMutation, serializeMutation, type TableLookup } from '../../storage/index.js';
import type { Hint } from './hint-store.js';

/**
 * The records of a hints file (see HintFiles): a hint, kind 1, with the sequence number its deliveries
 * name, when it was made, the gc_grace_seconds of its tables then and the mutation (serializeMutation);
 * or the delivery of one, kind 2.
 *   hint:      0x01 ‖ seq u32 ‖ created ms f64 ‖ gc_grace_seconds u32 ‖ mutation
 *   delivered: 0x02 ‖ seq u32
 */
const HINT = 1;
const DELIVERED = 2;
const HINT_HEAD_BYTES = 17;

export function hintRecord(seq: number, hint: Hint): Buffer {
  const head = Buffer.allocUnsafe(HINT_HEAD_BYTES);
  head.writeUInt8(HINT, 0);
  head.writeUInt32BE(seq, 1);
  head.writeDoubleBE(hint.createdMs, 5);
  head.writeUInt32BE(hint.gcGraceSeconds, 13);
  return Buffer.concat([head, serializeMutation(hint.mutation)]);
}

export function deliveredRecord(seq: number): Buffer {
  const record = Buffer.allocUnsafe(5);
  record.writeUInt8(DELIVERED, 0);
  record.writeUInt32BE(seq, 1);
  return record;
}

export type HintRecord =
  | { readonly kind: 'hint'; readonly seq: number; readonly hint: Hint | null }
  | { readonly kind: 'delivered'; readonly seq: number };

/** A record read back; a hint whose every table was dropped since is null (nothing left to deliver). */
export function decodeHintRecord(record: Buffer, table: TableLookup): HintRecord {
  const kind = record.readUInt8(0);
  const seq = record.readUInt32BE(1);
  if (kind === DELIVERED) return { kind: 'delivered', seq };
  if (kind !== HINT) throw new RangeError(`Unknown hints record kind ${kind}`);
  const mutation = deserializeMutation(record.subarray(HINT_HEAD_BYTES), table, { skipUnknownTables: true });
  if (mutation.updates.length === 0) return { kind: 'hint', seq, hint: null };
  return { kind: 'hint', seq, hint: { mutation, createdMs: record.readDoubleBE(5), gcGraceSeconds: record.readUInt32BE(13) } };
}
