import { timeUuidFromMs } from '../../../types/index.js';
import type { ExecutionContext } from '../query-options.js';

/** Cassandra's Lists.PrecisionTime reference time, 2010-01-01T00:00:00Z, in microseconds. */
const REFERENCE_MICROS = 1_262_304_000_000_000n;
/** The 14-bit clock sequence of a timeuuid numbers the elements written within one 100-ns tick. */
const SEQUENCES_PER_TICK = 1 << 14;
const TICKS_PER_MICRO = 10n;
const TICKS_PER_MS = 10_000n;

/**
 * Cell paths for new list elements: timeuuids, whose order (TimeUUIDType's) is the list's order.
 *
 * Appended elements get times at the statement's "now" and prepended ones times mirrored around
 * 2010-01-01, so that they sort before every element appended since then and a later prepend sorts
 * before an earlier one, as in Cassandra's Lists.Appender and Lists.Prepender. The clock's microseconds
 * never repeat, so two statements never share a time; within one statement the clock sequence (then
 * the tick) numbers the elements in order, appends counting up and prepends counting down. The node
 * part is random per statement, so concurrent coordinators do not overwrite each other's elements.
 */
export class ListPaths {
  private appended = 0;
  private prepended = 0;
  private node: Buffer | null = null;

  constructor(private readonly ctx: ExecutionContext) {}

  /** Paths for `count` elements added after every element there is, in list order. */
  append(count: number): Buffer[] {
    const first = this.appended;
    this.appended += count;
    return this.paths(this.ctx.nowMicros, first, count);
  }

  /** Paths for `count` elements added before every element there is, in list order. */
  prepend(count: number): Buffer[] {
    this.prepended -= count;
    return this.paths(2n * REFERENCE_MICROS - this.ctx.nowMicros, this.prepended, count);
  }

  private paths(baseMicros: bigint, firstSequence: number, count: number): Buffer[] {
    // A random node id (with its multicast bit set) from a fresh timeuuid of the statement.
    const node = (this.node ??= this.ctx.newTimeUuid().subarray(10, 16));
    const out: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      const sequence = firstSequence + i;
      const tick = Math.floor(sequence / SEQUENCES_PER_TICK);
      const clockSequence = sequence - tick * SEQUENCES_PER_TICK;
      const ticks = baseMicros * TICKS_PER_MICRO + BigInt(tick);
      // TimeUUIDType compares the clock sequence bytes as signed: the variant bits make the first one
      // negative whatever its low six bits, and flipping the top bit of the second keeps its order.
      const sequenceBytes = Buffer.from([0x80 | (clockSequence >> 8), (clockSequence & 0xff) ^ 0x80]);
      const bytes = Buffer.concat([sequenceBytes, node]);
      out.push(timeUuidFromMs(Number(ticks / TICKS_PER_MS), { bytes: () => bytes }, Number(ticks % TICKS_PER_MS)));
    }
    return out;
  }
}
