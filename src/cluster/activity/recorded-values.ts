import { UNSET, type BoundValue } from '../../common/index.js';

/**
 * Bound values of a request up to this many bytes are copied into the record's own buffer (reused from
 * request to request); larger ones are kept as the request's buffers, within the log's byte budget.
 * Copying keeps a record from holding any object of the request: objects that live as long as the ring
 * would each be copied by the young-generation collector and then promoted, which costs more per request
 * than copying a few bytes.
 */
export const MAX_COPIED_VALUE_BYTES = 1024;
const FIRST_CAPACITY_BYTES = 64;
const SHORT_VALUE_BYTES = 32;
const NULL_LENGTH = -1;
const UNSET_LENGTH = -2;

/** How many bytes of bound values the records of a log may hold by reference at once, and how many they do. */
export interface ValueBudget {
  heldBytes: number;
  readonly maxBytes: number;
}

/**
 * The bound values of a record's statements (one for QUERY and EXECUTE, one list per statement of a
 * BATCH): copied when small, referenced within the budget when large, else left out.
 */
export class RecordedValues {
  /**
   * Values per statement, in order; their bytes follow one another in `bytes` (copied) or `referenced`.
   * Arrays are reused with counts of their own: setting an array's length is a call into the runtime.
   */
  private readonly counts: number[] = [];
  private statementCount = 0;
  private readonly lengths: number[] = [];
  private valueCount = 0;
  private bytes: Buffer | null = null;
  private usedBytes = 0;
  private referenced: BoundValue[] | null = null;
  private referencedBytes = 0;
  /** Some statement's values were left out: the record shows none. */
  omitted = false;

  constructor(private readonly budget: ValueBudget) {}

  clear(): void {
    this.statementCount = 0;
    this.valueCount = 0;
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
    this.counts[this.statementCount++] = values.length;
    if (this.omitted || values.length === 0) return;
    if (this.referenced !== null || !this.copy(values)) this.reference(values);
  }

  /** The values of statement `index`, as the request sent them (copies: the record keeps its buffer). */
  valuesOf(index: number): BoundValue[] | null {
    if (this.omitted || index >= this.statementCount || this.counts[index] === 0) return null;
    let first = 0;
    for (let i = 0; i < index; i++) first += this.counts[i]!;
    const count = this.counts[index]!;
    if (this.referenced !== null) return this.referenced.slice(first, first + count);
    let offset = 0;
    for (let i = 0; i < first; i++) offset += Math.max(0, this.lengths[i]!);
    const out: BoundValue[] = [];
    for (let i = first; i < first + count; i++) {
      const length = this.lengths[i]!;
      if (length === NULL_LENGTH) out.push(null);
      else if (length === UNSET_LENGTH) out.push(UNSET);
      else out.push(Buffer.from(this.bytes!.subarray(offset, offset + length)));
      offset += Math.max(0, length);
    }
    return out;
  }

  /** Copies the values in one pass; false, copying nothing, when they do not fit. */
  private copy(values: readonly BoundValue[]): boolean {
    const firstValue = this.valueCount;
    const firstByte = this.usedBytes;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v === null) {
        this.lengths[this.valueCount++] = NULL_LENGTH;
      } else if (typeof v !== 'object') {
        this.lengths[this.valueCount++] = UNSET_LENGTH;
      } else {
        const end = this.usedBytes + v.length;
        if (end > MAX_COPIED_VALUE_BYTES) {
          this.valueCount = firstValue;
          this.usedBytes = firstByte;
          return false;
        }
        if (this.bytes === null || this.bytes.length < end) this.grow(end);
        const bytes = this.bytes!;
        // Byte by byte beats set() (a call into the runtime) for the few bytes most values have.
        if (v.length <= SHORT_VALUE_BYTES) for (let at = this.usedBytes, j = 0; j < v.length; j++) bytes[at++] = v[j]!;
        else bytes.set(v, this.usedBytes);
        this.usedBytes = end;
        this.lengths[this.valueCount++] = v.length;
      }
    }
    return true;
  }

  private grow(capacity: number): void {
    const grown = Buffer.allocUnsafeSlow(Math.max(FIRST_CAPACITY_BYTES, 2 ** Math.ceil(Math.log2(capacity))));
    if (this.bytes !== null) this.bytes.copy(grown, 0, 0, this.usedBytes);
    this.bytes = grown;
  }

  /** Too large to copy: the values themselves, if the budget allows (the earlier copies move along). */
  private reference(values: readonly BoundValue[]): void {
    let size = 0;
    for (const v of values) if (v instanceof Buffer) size += v.length;
    if (this.budget.heldBytes + this.usedBytes + size > this.budget.maxBytes) {
      this.omitted = true;
      return;
    }
    if (this.referenced === null) {
      const earlier: BoundValue[] = [];
      for (let i = 0; i < this.statementCount - 1; i++) earlier.push(...(this.valuesOf(i) ?? []));
      this.referenced = earlier;
      this.referencedBytes = this.usedBytes;
      this.budget.heldBytes += this.usedBytes;
    }
    this.referenced.push(...values);
    this.referencedBytes += size;
    this.budget.heldBytes += size;
  }
}
