import { UNSET, type BoundValue } from '../../common/index.js';

/**
 * Bound values of a request up to this many bytes (2 bytes of length each included) are copied into the
 * record's own buffer (reused from request to request); larger ones are kept as the request's buffers,
 * within the log's byte budget. Copying keeps a record from holding any object of the request: objects
 * that live as long as the ring would each be copied by the young-generation collector and then promoted,
 * which costs more per request than copying a few bytes.
 */
export const MAX_COPIED_VALUE_BYTES = 1024;
/** Bytes of the region each record starts with, in a buffer it shares with the slots made with it. */
export const FIRST_CAPACITY_BYTES = 64;
const SHORT_VALUE_BYTES = 32;
/** Each copied value is preceded by its length in 2 bytes, or one of these. */
const NULL_LENGTH = 0xffff;
const UNSET_LENGTH = 0xfffe;

/** How many bytes of bound values the records of a log may hold by reference at once, and how many they do. */
export interface ValueBudget {
  heldBytes: number;
  readonly maxBytes: number;
}

/**
 * The bound values of a record's statements (one for QUERY and EXECUTE, one list per statement of a
 * BATCH): copied when small, referenced within the budget when large, else left out.
 *
 * A log of 10,000 records cycles through its slots, so each request meets its slot's memory cold: the
 * common case (one statement, small values) touches this object and its region only, lengths written in
 * the region before each value and the first statement's count in a field. The first region is a stripe
 * of a buffer shared by neighbouring slots (no buffer object of its own to meet cold, and the next
 * request's region lies next to it); values that outgrow it move to a buffer of the record's own. The
 * fields that case meets come first, together; a BATCH's counts are made by the first BATCH.
 */
export class RecordedValues {
  private statementCount = 0;
  private firstCount = 0;
  private usedBytes = 0;
  /** Some statement's values were left out: the record shows none. */
  omitted = false;
  private referenced: BoundValue[] | null = null;
  /** Where the values are written: `capacity` bytes of `bytes` from `base`. */
  private bytes: Buffer;
  private base: number;
  private capacity = FIRST_CAPACITY_BYTES;
  private referencedBytes = 0;
  /** Values of the statements after the first (a BATCH's), reused with `statementCount`; made by the first BATCH. */
  private moreCounts: number[] | null = null;

  /** `region`: the buffer holding this record's first FIRST_CAPACITY_BYTES from `base` (its own by default). */
  constructor(private readonly budget: ValueBudget, region: Buffer = Buffer.allocUnsafe(FIRST_CAPACITY_BYTES), base = 0) {
    this.bytes = region;
    this.base = base;
  }

  clear(): void {
    this.statementCount = 0;
    this.usedBytes = 0;
    if (this.referenced !== null) {
      this.referenced = null;
      this.budget.heldBytes -= this.referencedBytes;
      this.referencedBytes = 0;
    }
    this.omitted = false;
  }

  /** Adds the values of the next statement. */
  add(values: readonly BoundValue[]): void {
    if (this.statementCount === 0) this.firstCount = values.length;
    else (this.moreCounts ??= [])[this.statementCount - 1] = values.length;
    this.statementCount++;
    if (this.omitted || values.length === 0) return;
    if (this.referenced !== null || !this.copy(values)) this.reference(values);
  }

  private countOf(index: number): number {
    return index === 0 ? this.firstCount : this.moreCounts![index - 1]!;
  }

  /** The values of statement `index`, as the request sent them (copies: the record keeps its buffer). */
  valuesOf(index: number): BoundValue[] | null {
    if (this.omitted || index >= this.statementCount || this.countOf(index) === 0) return null;
    let first = 0;
    for (let i = 0; i < index; i++) first += this.countOf(i);
    const count = this.countOf(index);
    if (this.referenced !== null) return this.referenced.slice(first, first + count);
    const bytes = this.bytes;
    const out: BoundValue[] = [];
    for (let i = 0, offset = this.base; i < first + count; i++) {
      const length = bytes.readUInt16BE(offset);
      offset += 2;
      const copied = length >= UNSET_LENGTH ? 0 : length;
      if (i >= first) out.push(length === NULL_LENGTH ? null : length === UNSET_LENGTH ? UNSET : Buffer.from(bytes.subarray(offset, offset + length)));
      offset += copied;
    }
    return out;
  }

  /** Copies the values in one pass; false, copying nothing, when they do not fit. */
  private copy(values: readonly BoundValue[]): boolean {
    const firstByte = this.usedBytes;
    let at = firstByte;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      const value = v !== null && typeof v === 'object' ? v : null;
      const end = at + 2 + (value === null ? 0 : value.length);
      if (end > MAX_COPIED_VALUE_BYTES) {
        this.usedBytes = firstByte;
        return false;
      }
      if (end > this.capacity) this.grow(end, at);
      const bytes = this.bytes;
      let to = this.base + at;
      const length = value !== null ? value.length : v === null ? NULL_LENGTH : UNSET_LENGTH;
      bytes[to++] = length >>> 8;
      bytes[to++] = length & 0xff;
      if (value !== null) {
        // Byte by byte beats set() (a call into the runtime) for the few bytes most values have.
        if (length <= SHORT_VALUE_BYTES) for (let j = 0; j < length; j++) bytes[to++] = value[j]!;
        else bytes.set(value, to);
      }
      at = end;
    }
    this.usedBytes = at;
    return true;
  }

  /** A buffer of the record's own, large enough for `capacity` bytes, holding the `usedBytes` written so far. */
  private grow(capacity: number, usedBytes: number): void {
    const size = 2 ** Math.ceil(Math.log2(capacity));
    const grown = Buffer.allocUnsafeSlow(size);
    this.bytes.copy(grown, 0, this.base, this.base + usedBytes);
    this.bytes = grown;
    this.base = 0;
    this.capacity = size;
  }

  /** Too large to copy: the values themselves, if the budget allows (the earlier copies move along). */
  private reference(values: readonly BoundValue[]): void {
    const size = sizeOf(values);
    const earlier: BoundValue[] = [];
    if (this.referenced === null) for (let i = 0; i < this.statementCount - 1; i++) earlier.push(...(this.valuesOf(i) ?? []));
    const earlierSize = sizeOf(earlier);
    if (this.budget.heldBytes + earlierSize + size > this.budget.maxBytes) {
      this.omitted = true;
      return;
    }
    if (this.referenced === null) {
      this.referenced = earlier;
      this.referencedBytes = earlierSize;
      this.budget.heldBytes += earlierSize;
    }
    this.referenced.push(...values);
    this.referencedBytes += size;
    this.budget.heldBytes += size;
  }
}

function sizeOf(values: readonly BoundValue[]): number {
  let size = 0;
  for (const v of values) if (v instanceof Buffer) size += v.length;
  return size;
}
