import { checkFrame, decodePayload, validEntryFollows } from './commitlog-entry.js';

/** Where reading a segment's entries stopped early, and whether it looks like a tail torn by a crash. */
export interface SegmentDamage {
  readonly offset: number;
  readonly reason: string;
  /** No well-formed entry follows: what is wrong is the tail of what was written, nothing after it. */
  readonly tornTail: boolean;
}

export type EntryVisitor = (entry: Buffer, tableIds: string[], endOffset: number) => void;

/**
 * Visits the entries of a segment (the whole file) from `firstOffset`, in order, until the end or the
 * first damaged frame (CommitLogSegmentReader). The caller decides what damage means: a torn tail is
 * tolerated only at the end of the last segment.
 */
export function readSegmentEntries(segment: Buffer, firstOffset: number, visit: EntryVisitor): SegmentDamage | undefined {
  let offset = firstOffset;
  while (offset < segment.length) {
    const check = checkFrame(segment, offset);
    const decoded = check.kind === 'entry' ? decodePayload(check.payload) : undefined;
    if (check.kind === 'damaged' || decoded === undefined) {
      const reason = check.kind === 'damaged' ? check.reason : 'Malformed table list in an entry whose checksum matched';
      const reachesEnd = check.kind === 'damaged' && check.reachesEnd;
      return { offset, reason, tornTail: reachesEnd || !validEntryFollows(segment, offset) };
    }
    visit(decoded.entry, decoded.tableIds, check.end);
    offset = check.end;
  }
  return undefined;
}
