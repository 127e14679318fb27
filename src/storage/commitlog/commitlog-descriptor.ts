import { crc32 } from 'node:zlib';

/**
 * A segment's name and header (Cassandra's CommitLogDescriptor): the format version, the segment id and
 * the identity of the node that wrote it, checksummed. See FORMAT.md.
 */
export const COMMITLOG_FORMAT_VERSION = 1;
const MAGIC = 0x434e434c; // "CNCL"
const FIXED_HEADER_BYTES = 18; // magic, version, id, identity length
const MAX_IDENTITY_BYTES = 0xffff;

export interface SegmentHeader {
  readonly version: number;
  readonly segmentId: number;
  readonly identity: string;
  /** Where the first entry starts. */
  readonly sizeBytes: number;
}

/** `CommitLog-<version>-<id>.log`, as Cassandra names its segments. */
export function segmentFileName(segmentId: number): string {
  return `CommitLog-${COMMITLOG_FORMAT_VERSION}-${segmentId}.log`;
}

/** The version and id a segment's name carries, or undefined for a file that is no segment. */
export function parseSegmentFileName(name: string): { version: number; segmentId: number } | undefined {
  const match = /^CommitLog-(\d+)-(\d+)\.log$/.exec(name);
  if (match === null) return undefined;
  return { version: Number(match[1]), segmentId: Number(match[2]) };
}

export function encodeSegmentHeader(segmentId: number, identity: string): Buffer {
  const identityBytes = Buffer.from(identity, 'utf8');
  if (identityBytes.length > MAX_IDENTITY_BYTES) throw new RangeError(`commit log identity longer than ${MAX_IDENTITY_BYTES} bytes`);
  const header = Buffer.alloc(FIXED_HEADER_BYTES + identityBytes.length + 4);
  header.writeUInt32BE(MAGIC, 0);
  header.writeUInt32BE(COMMITLOG_FORMAT_VERSION, 4);
  header.writeBigUInt64BE(BigInt(segmentId), 8);
  header.writeUInt16BE(identityBytes.length, 16);
  identityBytes.copy(header, FIXED_HEADER_BYTES);
  const end = FIXED_HEADER_BYTES + identityBytes.length;
  header.writeUInt32BE(crc32(header.subarray(0, end)), end);
  return header;
}

/**
 * The header at the start of `file`, or why it cannot be read. A newer version is reported as a header
 * (the caller refuses it with its own message); only bytes that are no header at all give a reason.
 */
export function decodeSegmentHeader(file: Buffer): SegmentHeader | { readonly damage: string } {
  if (file.length < FIXED_HEADER_BYTES + 4) return { damage: `Segment header truncated (${file.length} bytes)` };
  if (file.readUInt32BE(0) !== MAGIC) return { damage: 'Not a commit log segment (bad magic number)' };
  const identityLength = file.readUInt16BE(16);
  const end = FIXED_HEADER_BYTES + identityLength;
  if (file.length < end + 4) return { damage: `Segment header truncated (${file.length} bytes)` };
  if (crc32(file.subarray(0, end)) !== file.readUInt32BE(end)) return { damage: 'Segment header checksum mismatch' };
  return {
    version: file.readUInt32BE(4),
    segmentId: Number(file.readBigUInt64BE(8)),
    identity: file.toString('utf8', FIXED_HEADER_BYTES, end),
    sizeBytes: end + 4,
  };
}
