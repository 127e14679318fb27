import { crc32 } from 'node:zlib';

/**
 * How one entry is framed in a segment (see FORMAT.md):
 *   payload length (u32) ‖ CRC32 of those 4 bytes ‖ payload ‖ CRC32 of the payload
 * where the payload is the ids of the tables the entry touches (u16 count, then u16 length + UTF-8 each)
 * followed by the entry's own bytes. The length has its own checksum, as in Cassandra's CommitLog.add,
 * so a reader trusts it before reading that many bytes, and tells a torn tail from damage in the middle.
 */
export const ENTRY_FRAME_BYTES = 12;
const MAX_TABLES_PER_ENTRY = 0xffff;

/** The bytes of a table id in an entry's payload (u16 length, UTF-8), cached per id by the writer. */
export function encodeTableId(tableId: string): Buffer {
  const bytes = Buffer.from(tableId, 'utf8');
  const block = Buffer.allocUnsafe(2 + bytes.length);
  block.writeUInt16BE(bytes.length, 0);
  bytes.copy(block, 2);
  return block;
}

export function encodeTableCount(count: number): Buffer {
  if (count > MAX_TABLES_PER_ENTRY) throw new RangeError(`a commit log entry touches at most ${MAX_TABLES_PER_ENTRY} tables`);
  const block = Buffer.allocUnsafe(2);
  block.writeUInt16BE(count, 0);
  return block;
}

export interface DecodedEntry {
  readonly tableIds: string[];
  readonly entry: Buffer;
}

/** The tables and entry bytes of a payload whose checksum matched, or undefined if it is malformed. */
export function decodePayload(payload: Buffer): DecodedEntry | undefined {
  if (payload.length < 2) return undefined;
  const count = payload.readUInt16BE(0);
  const tableIds: string[] = [];
  let offset = 2;
  for (let i = 0; i < count; i++) {
    if (offset + 2 > payload.length) return undefined;
    const length = payload.readUInt16BE(offset);
    if (offset + 2 + length > payload.length) return undefined;
    tableIds.push(payload.toString('utf8', offset + 2, offset + 2 + length));
    offset += 2 + length;
  }
  return { tableIds, entry: payload.subarray(offset) };
}

/** The outcome of checking the frame at `offset`: its payload, or what is wrong with it. */
export type FrameCheck =
  | { readonly kind: 'entry'; readonly payload: Buffer; readonly end: number }
  | { readonly kind: 'damaged'; readonly reason: string; readonly reachesEnd: boolean };

/**
 * Checks the frame starting at `offset` of a segment. `reachesEnd` says the frame was cut by the end of
 * the file (a length that checks out but more bytes than remain, or too few bytes for a length).
 */
export function checkFrame(segment: Buffer, offset: number): FrameCheck {
  const remaining = segment.length - offset;
  if (remaining < 8) return { kind: 'damaged', reason: `Truncated entry header (${remaining} bytes)`, reachesEnd: true };
  const length = segment.readUInt32BE(offset);
  if (crc32(segment.subarray(offset, offset + 4)) !== segment.readUInt32BE(offset + 4)) {
    const reason = length === 0 && segment.readUInt32BE(offset + 4) === 0 ? 'Zeros where an entry should start' : `Invalid mutation size ${length} (length checksum mismatch)`;
    return { kind: 'damaged', reason, reachesEnd: false };
  }
  if (offset + ENTRY_FRAME_BYTES + length > segment.length) {
    return { kind: 'damaged', reason: `Entry of ${length} bytes cut by the end of the file`, reachesEnd: true };
  }
  const payload = segment.subarray(offset + 8, offset + 8 + length);
  if (crc32(payload) !== segment.readUInt32BE(offset + 8 + length)) return { kind: 'damaged', reason: 'Mutation checksum failure', reachesEnd: false };
  return { kind: 'entry', payload, end: offset + ENTRY_FRAME_BYTES + length };
}

/**
 * Whether a well-formed entry starts anywhere after `offset`: if one does, the damage at `offset` is in
 * the middle of the log, not a tail torn by a crash. Most offsets are ruled out by their length alone
 * (it must fit in what remains), so a long garbage tail costs few checksums.
 */
export function validEntryFollows(segment: Buffer, offset: number): boolean {
  for (let at = offset + 1; at + ENTRY_FRAME_BYTES <= segment.length; at++) {
    const length = segment.readUInt32BE(at);
    if (length < 2 || at + ENTRY_FRAME_BYTES + length > segment.length) continue;
    const check = checkFrame(segment, at);
    if (check.kind === 'entry' && decodePayload(check.payload) !== undefined) return true;
  }
  return false;
}
